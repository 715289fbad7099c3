/**
 * What crashes leave behind is cleaned at start: temporary files of unfinished writes, and audio
 * files no record names. A file any record names (the catalog, its journal, Try's history, a
 * damaged copy kept aside) is never touched, nor one this run wrote; the space freed is logged.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSample } from '../../tests/support/catalog-fixtures';
import { CATALOG_FILE } from './catalog/store';
import { JOURNAL_FILE } from './catalog/journal';
import { createCore, type Core } from './core';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ref = (file: string) => ({ file, mime: 'audio/wav', bytes: 100 });
const HOUR_AGO = (Date.now() - 3_600_000) / 1000;

describe('leftovers of crashes', () => {
  it('removes temporary files and unreferenced audio, keeps every referenced file, and logs the space freed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'timbre-leftovers-'));
    dirs.push(dataDir);
    const audio = join(dataDir, 'audio');
    mkdirSync(audio);
    writeFileSync(join(dataDir, CATALOG_FILE), JSON.stringify({
      schemaVersion: 2, samples: { s1: makeSample({ id: 's1', original: ref('s1.original.webm'), upload: ref('s1.upload.wav') }) }, voices: {}, hiddenRemote: [], notices: [],
    }));
    // A sample only the journal knows yet, Try's result, and a record in a damaged copy kept aside.
    writeFileSync(join(dataDir, JOURNAL_FILE), `\n{"k":"s","r":${JSON.stringify(makeSample({ id: 's2', original: ref('s2.original.webm') }))}}`);
    writeFileSync(join(dataDir, 'synthesis-history.json'), JSON.stringify({ schemaVersion: 1, entries: [{ id: 'h1', audio: ref('h1.synth.wav') }] }));
    writeFileSync(join(dataDir, 'catalog.corrupt-2026-01-01T00-00-00-000Z.json'), `{"samples":{"s9":{"id":"s9","original":{"file":"s9.original.webm"`);
    const kept = ['s1.original.webm', 's1.upload.wav', 's2.original.webm', 'h1.synth.wav', 's9.original.webm'];
    const orphans = ['s3.original.webm', 's4.upload.wav'];
    const temps = [join(audio, 's5.upload.wav.1a2b3c4d.tmp'), join(dataDir, 'catalog.json.5e6f7a8b.tmp'), join(dataDir, 'outbox.json.c0ffee00.tmp')];
    for (const name of [...kept, ...orphans]) writeFileSync(join(audio, name), Buffer.alloc(1000));
    for (const path of temps) writeFileSync(path, Buffer.alloc(500));
    for (const path of [...[...kept, ...orphans].map((name) => join(audio, name)), ...temps]) utimesSync(path, HOUR_AGO, HOUR_AGO);
    // Written by this run (an import in progress): not a leftover, whatever references it.
    writeFileSync(join(audio, 's6.original.webm'), Buffer.alloc(1000));
    utimesSync(join(audio, 's6.original.webm'), Date.now() / 1000 + 60, Date.now() / 1000 + 60);

    const lines: Array<{ message: string; data: unknown }> = [];
    const core = await createCore({
      dataDir, appVersion: '0.0.0-test', platform: 'linux', systemLocale: 'en-US', secretStore: null, emit: () => {}, openPath: async () => {},
      log: { info: (message, data) => lines.push({ message, data }), warn: () => {}, error: () => {} },
    });
    cores.push(core);

    await expect.poll(() => lines.find((line) => line.message.includes('crashes left'))?.data).toEqual({ tempFiles: 3, audioFiles: 2, bytesFreed: 3 * 500 + 2 * 1000 });
    expect(readdirSync(audio).sort()).toEqual([...kept, 's6.original.webm'].sort());
    for (const path of temps) expect(existsSync(path)).toBe(false);
    expect(core.services.catalog.listSamples().map((sample) => sample.id).sort()).toEqual(['s1', 's2']);
    expect(core.services.catalog.notices()).toEqual([]);
  });
});
