import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeWav } from '../../../shared/audio/wav';
import { makeSample, makeVoice } from '../../../tests/support/catalog-fixtures';
import { createAudioFiles } from './audio-files';
import { createCatalogExport } from './catalog-export';
import { createCatalogStore } from './catalog-store';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(dir = mkdtempSync(join(tmpdir(), 'timbre-export-'))) {
  dirs.push(dir);
  const catalog = createCatalogStore(dir);
  const audioFiles = createAudioFiles(dir);
  return { dir, catalog, audioFiles, exporter: createCatalogExport({ catalog, audioFiles, appVersion: '1.2.3', now: () => Date.UTC(2026, 1, 3) }) };
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
    expect(manifest).toMatchObject({ format: 'timbre-catalog', version: 1, appVersion: '1.2.3', missingFiles: [] });
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
      .rejects.toMatchObject({ code: 'catalog.import_too_new', details: { version: 7, supported: 1 } });
    const escaping = zipSync({ 'manifest.json': strToU8(JSON.stringify({
      format: 'timbre-catalog', version: 1, exportedAt: 0, appVersion: 'x', samples: [], voices: [],
      files: [{ path: 'audio/../../evil', bytes: 1, sha256: 'x' }],
    })) });
    await expect(target.exporter.importCatalog(escaping)).rejects.toMatchObject({ code: 'catalog.import_invalid' });
    expect(target.catalog.listVoices()).toEqual([]);
    expect(target.catalog.listSamples()).toEqual([]);
  });
});
