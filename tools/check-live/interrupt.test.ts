/**
 * `npm run check:live` as a maintainer runs it, against the mock: Ctrl-C (SIGINT) after the voice
 * was created still deletes it, and the facts gathered so far are written.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startMockDashScope, type MockDashScope } from '../../tests/mock-dashscope/server';
import type { ServiceFacts } from './facts-file';

const root = resolve(import.meta.dirname, '../..');
let mock: MockDashScope | undefined;
let folder: string | undefined;

afterEach(async () => {
  await mock?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('deletes the voice it created when interrupted with Ctrl-C, and keeps the facts so far', async () => {
  // The new voice never shows in list, so the check is still polling when interrupted.
  mock = await startMockDashScope({ behaviour: { listLagMs: 10 * 60_000, lowerCaseIds: false } });
  folder = mkdtempSync(join(tmpdir(), 'check-live-'));
  const out = join(folder, 'facts.json');
  const child = spawn(process.execPath, [
    '--import', 'tsx', 'tools/check-live/cli.ts', '--base-url', mock.baseUrl, '--yes', '--out', out, '--poll-ms', '100', '--wait-ms', '600000',
  ], { cwd: root, env: { ...process.env, DASHSCOPE_API_KEY: mock.apiKey }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  await until(() => mock!.voices.size === 1 && output.includes('· list-after-create'), 30_000);
  const [voice] = mock.voices.keys();
  child.kill('SIGINT');

  expect(await exited).toBe(130);
  expect(mock.voices.size).toBe(0);
  expect(mock.requests.filter((request) => request.target === 'delete').map((request) => (request.body as { input: { voice: string } }).input.voice))
    .toEqual([voice]);
  expect(output).toContain(`Interrupted: deleting ${voice}`);
  expect(output).toContain(`The check's voice ${voice} is deleted.`);
  const facts = JSON.parse(readFileSync(out, 'utf8')) as ServiceFacts;
  expect(facts.stoppedEarly).toBe('interrupted');
  expect(facts.facts.idCase?.value).toBe('kept');
  expect(facts.facts.listLagMs).toBeUndefined();
}, 60_000);
