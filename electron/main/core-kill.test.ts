/**
 * SIGKILL at a random moment, the real core in a child process: nothing the user was told was
 * saved is lost, nothing deleted comes back, every sample has its audio, and the catalog opens
 * without a damage notice. `RELIABILITY_RUNS=200 npx vitest run electron/main/core-kill.test.ts`
 * for a long run; the default is small so `npm test` stays fast.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from './core';

const RUNS = Number(process.env.RELIABILITY_RUNS ?? 3);
const WORKER = resolve(import.meta.dirname, '../../tests/support/core-worker.ts');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Ack { op: string; id?: string; fill?: number; bytes?: number; displayName?: string }

/** Runs the worker until it has acknowledged `acks` operations plus a random slice of a millisecond, then kills it. */
async function runAndKill(dataDir: string, seed: number, acks: number): Promise<Ack[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Ack[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await new Promise<void>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const part of parts) lines.push(JSON.parse(part) as Ack);
      if (lines.length > acks && !child.killed) {
        // Kill in the middle of whatever comes next, not exactly between two operations.
        setTimeout(() => child.kill('SIGKILL'), seed % 3);
      }
    });
    child.once('exit', (code, signal) => (signal === 'SIGKILL' ? done() : fail(new Error(`worker exited ${code}: ${stderr}`))));
  });
  return lines;
}

describe('killed at a random moment', () => {
  it(`loses no acknowledged save and brings back no deleted sample (${RUNS} runs)`, async () => {
    const figures = { runs: 0, acknowledged: 0, notices: 0 };
    for (let run = 0; run < RUNS; run++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'timbre-kill-'));
      dirs.push(dataDir);
      const seed = 1000 + run * 7919;
      const acks = await runAndKill(dataDir, seed, 5 + (seed % 40));

      const core = await createCore({
        dataDir, appVersion: '0.0.0-test', platform: 'linux', systemLocale: 'en-US', secretStore: null,
        emit: () => {}, openPath: async () => {}, log: { info: () => {}, warn: () => {}, error: () => {} },
      });
      try {
        const { catalog, audioFiles } = core.services;
        expect(catalog.notices(), `run ${run}: the catalog opened cleanly`).toEqual([]);
        const expected = new Map<string, Ack>();
        const names = new Map<string, string>();
        for (const ack of acks) {
          if (ack.op === 'saved') expected.set(ack.id!, ack);
          if (ack.op === 'deleted') expected.delete(ack.id!);
          if (ack.op === 'renamed') names.set(ack.id!, ack.displayName!);
        }
        // The delete in flight when the kill came may have happened.
        const last = acks.at(-1)!;
        if (last.op === 'deleting' && !catalog.getSample(last.id!)) expected.delete(last.id!);
        for (const [id, ack] of expected) {
          const sample = catalog.getSample(id);
          expect(sample, `run ${run}: acknowledged sample ${id} is there`).toBeDefined();
          const bytes = await audioFiles.read(sample!.original!.file);
          expect([bytes.length, bytes[100]], `run ${run}: its audio is the one saved`).toEqual([ack.bytes, ack.fill]);
          // The last acknowledged name, or the one being saved when the kill came.
          if (names.has(id) && sample!.displayName !== names.get(id)) expect(sample!.displayName).toMatch(/^name \d+$/);
        }
        for (const ack of acks) {
          if (ack.op === 'deleted') expect(catalog.getSample(ack.id!), `run ${run}: deleted ${ack.id} stays deleted`).toBeUndefined();
        }
        figures.runs++;
        figures.acknowledged += acks.filter((ack) => ['saved', 'renamed', 'deleted'].includes(ack.op)).length;
      } finally {
        await core.dispose();
      }
      // What the kill left is cleaned at start (in the background; dispose waits for it): no
      // temporary file stays, every sample keeps its audio, and no other audio file is left.
      const referenced = core.services.catalog.listSamples().map((sample) => sample.original!.file).sort();
      expect(readdirSync(join(dataDir, 'audio')).sort(), `run ${run}: the audio folder holds the samples' audio only`).toEqual(referenced);
      expect(readdirSync(dataDir).filter((name) => name.endsWith('.tmp')), `run ${run}: no temporary file is left`).toEqual([]);
    }
    console.log(`SIGKILL runs: ${figures.runs}, acknowledged operations checked: ${figures.acknowledged}, lost: 0`);
  }, 60_000 + RUNS * 10_000);
});
