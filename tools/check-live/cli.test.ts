/**
 * `npm run check:live` as a maintainer runs it, in a child process against the mock: Ctrl-C
 * (SIGINT) after the voice was created still deletes it, and a voice it cannot delete is named.
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

/** Starts the command against `mock`; `output` grows as it prints. */
function startCheck(against: MockDashScope, out: string, confirm = ['--yes']) {
  const child = spawn(process.execPath, [
    '--import', 'tsx', 'tools/check-live/cli.ts', '--base-url', against.baseUrl, ...confirm, '--out', out, '--poll-ms', '100', '--wait-ms', '600000',
  ], { cwd: root, env: { ...process.env, DASHSCOPE_API_KEY: against.apiKey }, stdio: ['ignore', 'pipe', 'pipe'] });
  const run = { child, output: '', exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
  child.stdout.on('data', (chunk: Buffer) => { run.output += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { run.output += chunk.toString(); });
  return run;
}

it('says what it will send and what it costs, and sends nothing unless told to go on', async () => {
  mock = await startMockDashScope();
  folder = mkdtempSync(join(tmpdir(), 'check-live-'));
  const run = startCheck(mock, join(folder, 'facts.json'), []);

  expect(await run.exited).toBe(2);
  expect(run.output).toContain('ONE voice creation');
  expect(run.output).toMatch(/\$0\.01 .*a failed creation is free/s);
  expect(run.output).toContain('at most 2,806 billed characters');
  expect(run.output).toContain('Not asking without a terminal: add --yes to go on.');
  expect(mock.requests).toEqual([]);
}, 60_000);

it('deletes the voice it created when interrupted with Ctrl-C, and keeps the facts so far', async () => {
  // The new voice never shows in list, so the check is still polling when interrupted.
  mock = await startMockDashScope({ behaviour: { listLagMs: 10 * 60_000, lowerCaseIds: false } });
  folder = mkdtempSync(join(tmpdir(), 'check-live-'));
  const out = join(folder, 'facts.json');
  const run = startCheck(mock, out);

  await until(() => mock!.voices.size === 1 && run.output.includes('· list-after-create'), 30_000);
  const [voice] = mock.voices.keys();
  run.child.kill('SIGINT');

  expect(await run.exited).toBe(130);
  expect(mock.voices.size).toBe(0);
  expect(mock.requests.filter((request) => request.target === 'delete').map((request) => (request.body as { input: { voice: string } }).input.voice))
    .toEqual([voice]);
  expect(run.output).toContain(`Interrupted: deleting ${voice}`);
  expect(run.output).toContain(`The check's voice ${voice} is deleted.`);
  const facts = JSON.parse(readFileSync(out, 'utf8')) as ServiceFacts;
  expect(facts.stoppedEarly).toBe('interrupted');
  expect(facts.facts.idCase?.value).toBe('kept');
  expect(facts.facts.listLagMs).toBeUndefined();
}, 60_000);

it('names the voice to delete by hand when it cannot delete it', async () => {
  mock = await startMockDashScope();
  mock.inject({ kind: 'error', status: 403, code: 'AccessDenied', message: 'Access denied.', match: 'delete', times: 2 });
  folder = mkdtempSync(join(tmpdir(), 'check-live-'));
  const run = startCheck(mock, join(folder, 'facts.json'));

  expect(await run.exited).toBe(1);
  const [voice] = mock.voices.keys();
  expect(mock.voices.size).toBe(1);
  expect(run.output).toContain(`The check's voice was NOT deleted (dashscope.access_denied (HTTP 403 AccessDenied)`);
  expect(run.output).toContain(`Delete ${voice} in the Model Studio console.`);
}, 60_000);

it('refuses an Omni target: its voices speak only through the chat endpoint, which the check does not probe', async () => {
  mock = await startMockDashScope();
  folder = mkdtempSync(join(tmpdir(), 'check-live-'));
  const run = startCheck(mock, join(folder, 'facts.json'), ['--yes', '--target-model', 'qwen3.5-omni-plus']);

  expect(await run.exited).toBe(2);
  expect(run.output).toContain('--target-model qwen3.5-omni-plus is an Omni model');
  expect(mock.requests).toEqual([]);
}, 60_000);
