import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeWav } from '../../../shared/audio/wav';
import type { HistoryEntry } from '../../../shared/ipc/routes/synthesis';
import { makeSample, makeVoice } from '../../../tests/support/catalog-fixtures';
import { createAudioFiles } from './audio-files';
import { createCatalogExport } from './catalog-export';
import { createCatalogStore } from './catalog-store';
import { createSynthesisHistory } from './synthesis-history';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(dir = mkdtempSync(join(tmpdir(), 'timbre-export-'))) {
  dirs.push(dir);
  const catalog = createCatalogStore(dir);
  const audioFiles = createAudioFiles(dir);
  const history = createSynthesisHistory(dir);
  const exporter = createCatalogExport({ catalog, audioFiles, history, appVersion: '1.2.3', now: () => Date.UTC(2026, 1, 3) });
  return { dir, catalog, audioFiles, history, exporter };
}

/** A Try result as the synthesis service keeps it: its WAV in audio/ and its entry in the history. */
async function addTryResult(target: ReturnType<typeof open>, fields: Pick<HistoryEntry, 'id' | 'voiceId' | 'voice' | 'text'> & Partial<HistoryEntry>) {
  const wav = encodeWav(new Float32Array(1200).map((_, i) => Math.sin(i / (3 + fields.text.length)) * 0.3), 24_000);
  const file = `${fields.id}.synth.wav`;
  await target.audioFiles.write(file, wav);
  const entry: HistoryEntry = {
    model: 'qwen3-tts-vc-2026-01-22', region: 'cn-beijing', settings: { languageType: 'Chinese', speechRate: 1.2 },
    audio: { file, mime: 'audio/wav', bytes: wav.length, durationSeconds: 0.05, sampleRate: 24_000, channels: 1 },
    createdAt: Date.UTC(2026, 1, 1), firstAudioMs: 412, totalMs: 1830, parts: 2, characters: 9, requestId: `req-${fields.id}`,
    ...fields,
  };
  target.history.add(entry);
  return entry;
}

async function seeded() {
  const source = open();
  const wav = encodeWav(new Float32Array(2400).map((_, i) => Math.sin(i / 7) * 0.4), 24_000);
  await source.audioFiles.write('s1.original.webm', new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3]));
  await source.audioFiles.write('s1.upload.wav', wav);
  source.catalog.putSample(makeSample({
    id: 's1', displayName: '小明', transcript: '北风与太阳',
    original: { file: 's1.original.webm', mime: 'audio/webm', bytes: 7, durationSeconds: 0.1 },
    upload: { file: 's1.upload.wav', mime: 'audio/wav', bytes: wav.length, durationSeconds: 0.1, sampleRate: 24_000, channels: 1 },
    checks: [{ name: 'duration', status: 'warn', values: { seconds: 0.1 } }],
  }));
  source.catalog.putSample(makeSample({ id: 's2', displayName: 'No voice yet' }));
  source.catalog.putVoice(makeVoice({
    id: 'v1', sampleId: 's1', voice: 'qwen-tts-vc-xm-voice-20260110173000123-ab12', displayName: '小明 · HTTP',
    tags: ['播客', 'work'], notes: 'warm', fallbackReason: 'no_merged_segments', requestId: 'r-1', transcript: '北风与太阳',
  }));
  source.catalog.putVoice(makeVoice({ id: 'v2', sampleId: 's1', targetModel: 'qwen3-tts-vc-realtime-2026-01-15', voice: 'qwen-tts-vc-xm-voice-20260110173001123-cd34' }));
  source.catalog.putVoice(makeVoice({ id: 'v3', sampleId: null, voice: 'qwen-tts-vc-else-voice-20250101000000000-ef56', consentAt: null }));
  return source;
}

describe('catalog export and import', () => {
  it('carries the Try history of the exported voices with identical audio, without duplicates on a second import', async () => {
    const source = await seeded();
    const first = await addTryResult(source, { id: 'h1', voiceId: 'v1', voice: 'qwen-tts-vc-xm-voice-20260110173000123-ab12', text: '你好，世界' });
    const second = await addTryResult(source, { id: 'h2', voiceId: 'v3', voice: 'qwen-tts-vc-else-voice-20250101000000000-ef56', text: 'Hello', settings: { languageType: 'English' }, firstAudioMs: null, characters: null, requestId: null });
    const { zip } = await source.exporter.exportCatalog();
    const manifest = JSON.parse(strFromU8(unzipSync(zip)['manifest.json']));
    expect(manifest.history).toEqual([first, second]);
    expect(manifest.files).toContainEqual({ path: 'audio/h1.synth.wav', bytes: first.audio.bytes, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const target = open();
    expect(await target.exporter.importCatalog(zip)).toMatchObject({ addedVoices: 3, audioFiles: 4 });
    expect(target.history.list('v1')).toEqual([first]);
    expect(target.history.list('v3')).toEqual([second]);
    for (const file of ['h1.synth.wav', 'h2.synth.wav']) {
      expect(readFileSync(join(target.dir, 'audio', file))).toEqual(readFileSync(join(source.dir, 'audio', file)));
    }
    // What was imported is stored: a fresh read of the data folder still has it.
    expect(createSynthesisHistory(target.dir).list('v1')).toEqual([first]);

    expect(await target.exporter.importCatalog(zip)).toMatchObject({ audioFiles: 0 });
    expect([...target.history.list('v1'), ...target.history.list('v3')]).toEqual([first, second]);
  });

  it('exports only the chosen voices\' history and files it under the voice it merges into', async () => {
    const source = await seeded();
    const spoken = await addTryResult(source, { id: 'h1', voiceId: 'v1', voice: 'qwen-tts-vc-xm-voice-20260110173000123-ab12', text: 'one' });
    await addTryResult(source, { id: 'h3', voiceId: 'v3', voice: 'qwen-tts-vc-else-voice-20250101000000000-ef56', text: 'three' });
    const { zip } = await source.exporter.exportCatalog(['v1']);
    expect(Object.keys(unzipSync(zip))).not.toContain('audio/h3.synth.wav');

    const target = open();
    // The same cloned voice, known here under another local id.
    target.catalog.putVoice(makeVoice({ id: 'mine', voice: 'qwen-tts-vc-xm-voice-20260110173000123-ab12', updatedAt: Date.UTC(2027, 0, 1) }));
    // The same entry already here but older: the export's newer one wins.
    await addTryResult(target, { id: 'h1', voiceId: 'mine', voice: spoken.voice, text: 'stale', createdAt: 0 });
    await target.exporter.importCatalog(zip);
    expect(target.history.list('mine')).toEqual([{ ...spoken, voiceId: 'mine' }]);
    expect(target.history.list('v1')).toEqual([]);
    expect(target.history.get('h3')).toBeUndefined();
    expect(readFileSync(join(target.dir, 'audio', 'h1.synth.wav'))).toEqual(readFileSync(join(source.dir, 'audio', 'h1.synth.wav')));
  });

  it('still imports a version 1 export, which has no history', async () => {
    const source = await seeded();
    await addTryResult(source, { id: 'h1', voiceId: 'v1', voice: 'qwen-tts-vc-xm-voice-20260110173000123-ab12', text: 'one' });
    const entries = unzipSync((await source.exporter.exportCatalog()).zip);
    const { history: _history, ...current } = JSON.parse(strFromU8(entries['manifest.json']));
    const versionOne = { ...current, version: 1, files: current.files.filter((file: { path: string }) => !file.path.endsWith('.synth.wav')) };
    delete entries['audio/h1.synth.wav'];
    entries['manifest.json'] = strToU8(JSON.stringify(versionOne));

    const target = open();
    expect(await target.exporter.importCatalog(zipSync(entries))).toEqual({ addedVoices: 3, updatedVoices: 0, addedSamples: 2, unchanged: 0, audioFiles: 2 });
    expect(target.catalog.listVoices()).toHaveLength(3);
    expect(target.history.list('v1')).toEqual([]);
  });

  it('round-trips every record field and every audio file into an empty data folder', async () => {
    const source = await seeded();
    const exported = await source.exporter.exportCatalog();
    expect(exported).toMatchObject({ fileName: 'timbre-catalog-2026-02-03.zip', voices: 3, samples: 2 });

    const target = open();
    // Removed from the target earlier (on that computer only): importing it brings it back for syncs too.
    target.catalog.setHiddenRemote('qwen-tts-vc-else-voice-20250101000000000-ef56', true);
    const summary = await target.exporter.importCatalog(exported.zip);
    expect(target.catalog.isHiddenRemote('qwen-tts-vc-else-voice-20250101000000000-ef56')).toBe(false);
    expect(summary).toEqual({ addedVoices: 3, updatedVoices: 0, addedSamples: 2, unchanged: 0, audioFiles: 2 });
    const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(target.catalog.listVoices())).toEqual(byId(source.catalog.listVoices()));
    expect(byId(target.catalog.listSamples())).toEqual(byId(source.catalog.listSamples()));
    for (const file of ['s1.original.webm', 's1.upload.wav']) {
      expect(readFileSync(join(target.dir, 'audio', file))).toEqual(readFileSync(join(source.dir, 'audio', file)));
    }
  });

  it('writes a versioned manifest that names each file with its checksum', async () => {
    const source = await seeded();
    const entries = unzipSync((await source.exporter.exportCatalog()).zip);
    expect(Object.keys(entries).sort()).toEqual(['audio/s1.original.webm', 'audio/s1.upload.wav', 'manifest.json']);
    const manifest = JSON.parse(strFromU8(entries['manifest.json']));
    expect(manifest).toMatchObject({ format: 'timbre-catalog', version: 2, appVersion: '1.2.3', history: [], missingFiles: [] });
    expect(manifest.files[0]).toMatchObject({ path: 'audio/s1.original.webm', bytes: 7, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('exports only the chosen voices and their samples', async () => {
    const source = await seeded();
    const exported = await source.exporter.exportCatalog(['v3']);
    expect(exported).toMatchObject({ voices: 1, samples: 0 });
    expect(Object.keys(unzipSync(exported.zip))).toEqual(['manifest.json']);
  });

  it('merges without duplicates: importing twice changes nothing, newer records win', async () => {
    const source = await seeded();
    const { zip } = await source.exporter.exportCatalog();
    const target = open();
    // Already here under another local id (e.g. found by a sync), edited later than the export.
    target.catalog.putVoice(makeVoice({ id: 'mine', voice: 'qwen-tts-vc-xm-voice-20260110173000123-ab12', notes: 'newer', updatedAt: Date.UTC(2027, 0, 1) }));
    // Older than the export: replaced.
    target.catalog.putVoice(makeVoice({ id: 'v2', sampleId: 's1', displayName: 'old', updatedAt: 0 }));

    const first = await target.exporter.importCatalog(zip);
    expect(first).toMatchObject({ addedVoices: 1, updatedVoices: 1, addedSamples: 2 });
    expect(target.catalog.listVoices()).toHaveLength(3);
    expect(target.catalog.getVoice('mine')?.notes).toBe('newer');
    expect(target.catalog.getVoice('v2')?.displayName).toBe(source.catalog.getVoice('v2')?.displayName);

    const second = await target.exporter.importCatalog(zip);
    expect(second).toEqual({ addedVoices: 0, updatedVoices: 0, addedSamples: 0, unchanged: 5, audioFiles: 0 });
    expect(target.catalog.listVoices()).toHaveLength(3);
  });

  it('brings a voice that was still waiting in the other outbox in as failed, for the user to retry', async () => {
    const source = open();
    source.catalog.putVoice(makeVoice({ id: 'w', status: 'waiting-network', voice: null }));
    const target = open();
    await target.exporter.importCatalog((await source.exporter.exportCatalog()).zip);
    expect(target.catalog.getVoice('w')).toMatchObject({ status: 'failed', error: { code: 'catalog.interrupted' } });
  });

  it('refuses a damaged file, a file that is not an export and a newer format, importing nothing', async () => {
    const source = await seeded();
    const entries = unzipSync((await source.exporter.exportCatalog()).zip);
    entries['audio/s1.upload.wav'] = entries['audio/s1.upload.wav'].slice(0, 100);
    const target = open();
    await expect(target.exporter.importCatalog(zipSync(entries))).rejects.toMatchObject({ code: 'catalog.import_invalid', details: { reason: 'damaged file audio/s1.upload.wav' } });
    await expect(target.exporter.importCatalog(strToU8('not a zip'))).rejects.toMatchObject({ code: 'catalog.import_invalid' });
    await expect(target.exporter.importCatalog(zipSync({ 'manifest.json': strToU8(JSON.stringify({ format: 'timbre-catalog', version: 7 })) })))
      .rejects.toMatchObject({ code: 'catalog.import_too_new', details: { version: 7, supported: 2 } });
    const escaping = zipSync({ 'manifest.json': strToU8(JSON.stringify({
      format: 'timbre-catalog', version: 1, exportedAt: 0, appVersion: 'x', samples: [], voices: [],
      files: [{ path: 'audio/../../evil', bytes: 1, sha256: 'x' }],
    })) });
    await expect(target.exporter.importCatalog(escaping)).rejects.toMatchObject({ code: 'catalog.import_invalid' });
    expect(target.catalog.listVoices()).toEqual([]);
    expect(target.catalog.listSamples()).toEqual([]);
  });
});
