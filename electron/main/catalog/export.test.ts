import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { deflateSync, strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeWav } from '../../../shared/audio/wav';
import type { HistoryEntry } from '../../../shared/ipc/routes/synthesis';
import { makeSample, makeVoice } from '../../../tests/support/catalog-fixtures';
import { createAudioFiles } from './audio-files';
import { createCatalogExport, IMPORT_LIMITS } from './export';
import { createSync } from '../library/sync';
import { createCatalogStore } from './store';
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
    // The stale entry's file is not overwritten while it is in use: the new audio gets a name of its own.
    const [imported] = target.history.list('mine');
    expect(imported).toEqual({ ...spoken, voiceId: 'mine', audio: { ...spoken.audio, file: expect.stringMatching(/^h1\.synth-[0-9a-f]{8}\.wav$/) } });
    expect(target.history.list('v1')).toEqual([]);
    expect(target.history.get('h3')).toBeUndefined();
    expect(readFileSync(join(target.dir, 'audio', imported.audio.file))).toEqual(readFileSync(join(source.dir, 'audio', 'h1.synth.wav')));
    // …and the stale one's file went with it.
    expect(readdirSync(join(target.dir, 'audio')).filter((file) => file.startsWith('h1.'))).toEqual([imported.audio.file]);
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
    expect(await target.exporter.importCatalog(zipSync(entries))).toEqual({ addedVoices: 3, updatedVoices: 0, addedSamples: 2, unchanged: 0, audioFiles: 2, conflicts: [] });
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
    expect(summary).toEqual({ addedVoices: 3, updatedVoices: 0, addedSamples: 2, unchanged: 0, audioFiles: 2, conflicts: [] });
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
    // The export's own fields for that voice lost to newer ones here: said each time.
    const conflicts = [{ voiceId: 'mine', displayName: 'Alice' }];
    expect(first.conflicts).toEqual(conflicts);
    expect(second).toEqual({ addedVoices: 0, updatedVoices: 0, addedSamples: 0, unchanged: 5, audioFiles: 0, conflicts });
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
    await expect(target.exporter.importCatalog(zipSync(entries))).rejects.toMatchObject({ code: 'catalog.import_invalid', details: { reason: 'damaged file' } });
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

  describe('an import changes only what it applies', () => {
    const hash = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const audio = (target: ReturnType<typeof open>, file: string) => new Uint8Array(readFileSync(join(target.dir, 'audio', file)));

    it('an older export of your own catalog leaves the newer conversion and its audio alone', async () => {
      const source = await seeded();
      const older = (await source.exporter.exportCatalog()).zip;
      // Converted again since: new audio under the same record, with its trim and size.
      const newWav = encodeWav(new Float32Array(4800).map((_, i) => Math.cos(i / 5) * 0.2), 24_000);
      await source.audioFiles.write('s1.upload.wav', newWav);
      const sample = source.catalog.getSample('s1')!;
      source.catalog.putSample({ ...sample, trim: { start: 0.01, end: 0.2 }, upload: { ...sample.upload!, bytes: newWav.length, durationSeconds: 0.2 }, updatedAt: sample.updatedAt + 1000 });

      await source.exporter.importCatalog(older);
      const kept = source.catalog.getSample('s1')!;
      expect(kept.trim).toEqual({ start: 0.01, end: 0.2 });
      expect(hash(audio(source, kept.upload!.file)), 'the record plays the audio it describes').toBe(hash(newWav));
    });

    /** A zip made by hand, with a manifest that lists `files` exactly as given. */
    function handMade(fields: { samples?: unknown[]; voices?: unknown[]; files?: Record<string, Uint8Array>; missingFiles?: string[]; extra?: Record<string, Uint8Array> }) {
      const files = fields.files ?? {};
      const manifest = {
        format: 'timbre-catalog', version: 2, exportedAt: 0, appVersion: 'x', samples: fields.samples ?? [], voices: fields.voices ?? [], history: [],
        files: Object.entries(files).map(([name, bytes]) => ({ path: `audio/${name}`, bytes: bytes.length, sha256: hash(bytes) })),
        missingFiles: fields.missingFiles ?? [],
      };
      return zipSync({
        'manifest.json': strToU8(JSON.stringify(manifest)),
        ...Object.fromEntries(Object.entries(files).map(([name, bytes]) => [`audio/${name}`, bytes])),
        ...fields.extra,
      });
    }

    it('a zip cannot overwrite another sample\'s file by naming it', async () => {
      const target = open();
      const victimBytes = encodeWav(new Float32Array(2400).fill(0.1), 24_000);
      await target.audioFiles.write('victim.upload.wav', victimBytes);
      target.catalog.putSample(makeSample({ id: 'victim', upload: { file: 'victim.upload.wav', mime: 'audio/wav', bytes: victimBytes.length } }));

      const hostile = encodeWav(new Float32Array(2400).fill(-0.5), 24_000);
      const zip = handMade({
        samples: [makeSample({ id: 'evil', upload: { file: 'victim.upload.wav', mime: 'audio/wav', bytes: hostile.length } })],
        files: { 'victim.upload.wav': hostile },
      });
      expect(await target.exporter.importCatalog(zip)).toMatchObject({ addedSamples: 1 });
      expect(hash(audio(target, 'victim.upload.wav'))).toBe(hash(victimBytes));
      const evil = target.catalog.getSample('evil')!;
      expect(evil.upload!.file).toMatch(/^evil\./);
      expect(hash(audio(target, evil.upload!.file))).toBe(hash(hostile));
    });

    it('refuses a record whose audio is neither in the zip nor declared missing', async () => {
      const target = open();
      const zip = handMade({ samples: [makeSample({ id: 's9', upload: { file: 's9.upload.wav', mime: 'audio/wav', bytes: 10 } })] });
      await expect(target.exporter.importCatalog(zip)).rejects.toMatchObject({ code: 'catalog.import_invalid' });
      expect(target.catalog.listSamples()).toEqual([]);
      // Declared missing on the computer it came from: the record comes, without audio.
      const declared = handMade({ samples: [makeSample({ id: 's9', upload: { file: 's9.upload.wav', mime: 'audio/wav', bytes: 10 } })], missingFiles: ['s9.upload.wav'] });
      expect(await target.exporter.importCatalog(declared)).toMatchObject({ addedSamples: 1, audioFiles: 0 });
    });

    it('sync first, import second (a new computer): the export\'s names, notes, tags, consent and sample link win over the sync\'s placeholder', async () => {
      const source = await seeded();
      const { zip } = await source.exporter.exportCatalog();
      const target = open();
      const exported = source.catalog.getVoice('v1')!;
      const sync = createSync({
        catalog: target.catalog,
        dashscope: {
          listAccount: async () => ({
            voices: [{ voice: exported.voice!, targetModel: exported.targetModel, createdAt: exported.createdAt, modifiedAt: null, preferredName: 'xm' }], totalCount: 1,
          }),
        },
        region: () => 'cn-beijing',
        now: () => Date.UTC(2027, 0, 1),
      });
      await sync.sync();
      const [placeholder] = target.catalog.listVoices();

      const summary = await target.exporter.importCatalog(zip);
      expect(summary.conflicts).toEqual([]);
      const merged = target.catalog.findVoiceByServiceId(exported.voice!)!;
      expect(merged).toMatchObject({
        id: placeholder.id, displayName: '小明 · HTTP', notes: 'warm', tags: ['播客', 'work'], consentAt: exported.consentAt, sampleId: 's1',
        transcript: '北风与太阳', status: 'ready', remoteCheckedAt: Date.UTC(2027, 0, 1),
      });
      expect(target.catalog.listVoices()).toHaveLength(3);
    });
  });

  describe('a hostile zip costs bounded work', () => {
    const patchDeclaredSize = (zip: Uint8Array, name: string, size: number) => {
      const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
      const nameBytes = strToU8(name);
      for (let offset = zip.length - 46; offset >= 0; offset--) {
        if (view.getUint32(offset, true) !== 0x02014b50 || view.getUint16(offset + 28, true) !== nameBytes.length) continue;
        if (strFromU8(zip.subarray(offset + 46, offset + 46 + nameBytes.length)) !== name) continue;
        view.setUint32(offset + 24, size, true);
        return zip;
      }
      throw new Error(`no ${name} in the directory`);
    };

    it('refuses an entry the manifest does not list, before inflating anything', async () => {
      const source = await seeded();
      const entries = unzipSync((await source.exporter.exportCatalog()).zip);
      entries['audio/extra.wav'] = new Uint8Array(10);
      const target = open();
      await expect(target.exporter.importCatalog(zipSync(entries))).rejects.toMatchObject({ code: 'catalog.import_invalid', details: { reason: 'a file the manifest does not list' } });
      expect(target.catalog.listVoices()).toEqual([]);
    });

    it('refuses declared sizes over the limit, alone or together', async () => {
      const source = await seeded();
      const zip = (await source.exporter.exportCatalog()).zip;
      const target = open();
      // A manifest claiming 3 GB.
      await expect(target.exporter.importCatalog(patchDeclaredSize(zip.slice(), 'manifest.json', 3_000_000_000)))
        .rejects.toMatchObject({ details: { reason: 'manifest is too large' } });
      const totalBefore = IMPORT_LIMITS.totalBytes;
      IMPORT_LIMITS.totalBytes = 1000;
      try {
        await expect(target.exporter.importCatalog(zip)).rejects.toMatchObject({ details: { reason: 'the files are too large together' } });
      } finally {
        IMPORT_LIMITS.totalBytes = totalBefore;
      }
      expect(target.catalog.listSamples()).toEqual([]);
    });

    it('stops inflating an entry that grows past the size it declares (a zip bomb)', async () => {
      // 16 MB of zeros deflate to ~16 KB; the zip and the manifest declare 1,000 bytes.
      const bomb = deflateSync(new Uint8Array(16 * 1024 * 1024), { level: 1 });
      const manifest = {
        format: 'timbre-catalog', version: 2, exportedAt: 0, appVersion: 'x', voices: [], history: [], missingFiles: [],
        samples: [makeSample({ id: 'b', upload: { file: 'b.upload.wav', mime: 'audio/wav', bytes: 1000 } })],
        files: [{ path: 'audio/b.upload.wav', bytes: 1000, sha256: '0'.repeat(64) }],
      };
      // Stored as is, then relabelled as deflated with the small size, in both of the zip's headers.
      const zip = zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), 'audio/b.upload.wav': [bomb, { level: 0 }] });
      const view = new DataView(zip.buffer);
      const named = (offset: number, lengthAt: number, nameAt: number) =>
        strFromU8(zip.subarray(offset + nameAt, offset + nameAt + view.getUint16(offset + lengthAt, true))) === 'audio/b.upload.wav';
      for (let offset = 0; offset < zip.length - 46; offset++) {
        const signature = view.getUint32(offset, true);
        if (signature === 0x04034b50 && named(offset, 26, 30)) {
          view.setUint16(offset + 8, 8, true);
          view.setUint32(offset + 22, 1000, true);
        } else if (signature === 0x02014b50 && named(offset, 28, 46)) {
          view.setUint16(offset + 10, 8, true);
          view.setUint32(offset + 24, 1000, true);
        }
      }
      const target = open();
      await expect(target.exporter.importCatalog(zip)).rejects.toMatchObject({
        code: 'catalog.import_invalid', details: { reason: 'an entry is larger than it declares' },
      });
      expect(target.catalog.listSamples()).toEqual([]);
    });
  });
});
