import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeWav, parseWav } from '../../../shared/audio/wav';
import { TimbreError } from '../../../shared/errors';
import { SAMPLE_ERROR } from '../../../shared/samples';
import { createAudioFiles } from '../catalog/audio-files';
import { createCatalogStore } from '../catalog/store';
import { createSamplesService, type MediaAccess } from './service';
import { rejectionOf } from '../../../tests/support/rejection';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'timbre-samples-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function service(media?: MediaAccess) {
  let id = 0;
  return createSamplesService({
    catalog: createCatalogStore(dataDir),
    audioFiles: createAudioFiles(dataDir),
    media,
    now: () => 1_700_000_000_000,
    newId: () => `s${++id}`,
  });
}

const tone = (seconds: number, rate: number) => new Float32Array(Math.round(seconds * rate)).map((_, i) => 0.3 * Math.sin(i / 8));
const webmHeader = Uint8Array.of(0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42);

const failure = (promise: Promise<unknown> | unknown) => rejectionOf(TimbreError, promise);

describe('samples service', () => {
  it('saves a recording at once, as is, and reads it back', async () => {
    const { handlers } = service();
    const bytes = Uint8Array.from([...webmHeader, ...new Uint8Array(5000).fill(7)]);
    const sample = await handlers['samples.saveRecording']({ bytes, mime: 'audio/webm;codecs=opus', language: 'en', transcript: 'Hello there' });
    expect(sample).toMatchObject({
      id: 's1', source: 'recording', language: 'en', transcript: 'Hello there', upload: null,
      original: { file: 's1.original.webm', mime: 'audio/webm', bytes: bytes.length },
    });
    expect(new Uint8Array(readFileSync(join(dataDir, 'audio', 's1.original.webm')))).toEqual(bytes);
    const back = await handlers['samples.readAudio']({ id: 's1', which: 'original' });
    expect(back).toEqual({ bytes, mime: 'audio/webm' });
    // No temp files left behind.
    expect(readdirSync(join(dataDir, 'audio'))).toEqual(['s1.original.webm']);
  });

  it('survives a restart: the record comes back from the catalog', async () => {
    await service().handlers['samples.saveRecording']({ bytes: webmHeader, mime: 'audio/webm', language: 'zh', transcript: '' });
    const reopened = service();
    expect((await reopened.handlers['samples.list']({ limit: 50 })).samples).toHaveLength(1);
    expect((await reopened.handlers['samples.get']({ id: 's1' })).original?.bytes).toBe(webmHeader.length);
  });

  it('imports audio recognised by its bytes, whatever its name says', async () => {
    const { handlers } = service();
    const wav = encodeWav(tone(1, 8000), 8000);
    const sample = await handlers['samples.import']({ bytes: wav, name: 'C:\\Users\\me\\Reading (take 2).mp3', mime: 'audio/mpeg', language: 'en', transcript: '' });
    expect(sample).toMatchObject({ source: 'import', displayName: 'Reading (take 2)', original: { file: 's1.original.wav', mime: 'audio/wav', bytes: wav.length } });
  });

  it('refuses text renamed .wav, empty and oversized files with typed errors, saving nothing', async () => {
    const { handlers } = service();
    const text = new TextEncoder().encode('just some notes, not audio at all');
    expect(await failure(handlers['samples.import']({ bytes: text, name: 'notes.wav', mime: 'audio/wav', language: 'en', transcript: '' })))
      .toMatchObject({ code: SAMPLE_ERROR.notAudio, details: { name: 'notes.wav' } });
    expect(await failure(handlers['samples.import']({ bytes: new Uint8Array(0), name: 'empty.mp3', mime: '', language: 'en', transcript: '' })))
      .toMatchObject({ code: SAMPLE_ERROR.empty });
    const huge = new Uint8Array(100 * 1024 * 1024 + 1);
    expect(await failure(handlers['samples.import']({ bytes: huge, name: 'film.wav', mime: '', language: 'en', transcript: '' })))
      .toMatchObject({ code: SAMPLE_ERROR.tooLarge, details: { sizeMb: 104.86, maxMb: 104.86 } });
    expect(await handlers['samples.list']({ limit: 50 })).toEqual({ samples: [], total: 0 });
  });

  it('keeps a public https link as is and refuses other links', async () => {
    const { handlers } = service();
    const sample = await handlers['samples.import']({ url: 'https://cdn.example.com/voices/anna%20reading.mp3', language: 'zh', transcript: '' });
    expect(sample).toMatchObject({ source: 'url', url: 'https://cdn.example.com/voices/anna%20reading.mp3', original: null, displayName: 'anna reading' });
    for (const url of ['http://cdn.example.com/a.mp3', 'file:///etc/passwd', 'not a url', 'https://intranet/a.wav']) {
      expect(await failure(handlers['samples.import']({ url, language: 'zh', transcript: '' }))).toMatchObject({ code: SAMPLE_ERROR.urlInvalid });
    }
  });

  it('stores the converted 24 kHz WAV next to the original, with checks and trim', async () => {
    const { handlers, readUpload } = service();
    await handlers['samples.saveRecording']({ bytes: webmHeader, mime: 'audio/webm', language: 'en', transcript: '' });
    const wav = encodeWav(tone(12, 24_000), 24_000);
    const checks = [{ name: 'duration', status: 'pass' as const, values: { seconds: 12 } }];
    const sample = await handlers['samples.saveConverted']({
      id: 's1', original: { durationSeconds: 12.4, sampleRate: 48_000, channels: 2 }, trim: { start: 0.2, end: 12.2 }, checks, wav,
    });
    expect(sample).toMatchObject({
      original: { file: 's1.original.webm', durationSeconds: 12.4, sampleRate: 48_000, channels: 2 },
      upload: { file: expect.stringMatching(/^s1\.upload-[0-9a-f]{8}\.wav$/), mime: 'audio/wav', bytes: wav.length, durationSeconds: 12, sampleRate: 24_000, channels: 1 },
      trim: { start: 0.2, end: 12.2 },
      checks,
    });
    expect(parseWav(await readUpload('s1'))?.durationSeconds).toBe(12);
    // A later blocker (nothing to upload) removes the converted file.
    const blocked = await handlers['samples.saveConverted']({ id: 's1', original: { durationSeconds: 12.4, sampleRate: 48_000, channels: 2 }, trim: null, checks: [], wav: null });
    expect(blocked.upload).toBeNull();
    expect(readdirSync(join(dataDir, 'audio'))).toEqual(['s1.original.webm']);
  });

  it('refuses a converted file that is not 24 kHz mono 16-bit, or too big to upload', async () => {
    const { handlers } = service();
    await handlers['samples.saveRecording']({ bytes: webmHeader, mime: 'audio/webm', language: 'en', transcript: '' });
    const facts = { durationSeconds: 5, sampleRate: 48_000, channels: 1 };
    expect(await failure(handlers['samples.saveConverted']({ id: 's1', original: facts, trim: null, checks: [], wav: encodeWav(tone(1, 48_000), 48_000) })))
      .toMatchObject({ code: SAMPLE_ERROR.conversionInvalid, details: { sampleRate: 48_000 } });
    const tooLong = encodeWav(new Float32Array(24_000 * 200), 24_000);
    expect(await failure(handlers['samples.saveConverted']({ id: 's1', original: facts, trim: null, checks: [], wav: tooLong })))
      .toMatchObject({ code: SAMPLE_ERROR.uploadTooLarge, details: { maxMb: 10, trimSeconds: 44 } });
    expect(await failure(handlers['samples.saveConverted']({ id: 'nope', original: facts, trim: null, checks: [], wav: null })))
      .toMatchObject({ code: SAMPLE_ERROR.notFound });
  });

  it('reports a failed write as SAMPLE_SAVE_FAILED and records nothing', async () => {
    const { handlers } = service();
    writeFileSync(join(dataDir, 'audio'), 'a file where the audio folder should be');
    expect(await failure(handlers['samples.saveRecording']({ bytes: webmHeader, mime: 'audio/webm', language: 'en', transcript: '' })))
      .toMatchObject({ code: SAMPLE_ERROR.saveFailed, retryable: true });
    expect(await handlers['samples.list']({ limit: 50 })).toEqual({ samples: [], total: 0 });
  });

  it('says when an audio file has gone missing, and deletes records with their files', async () => {
    const { handlers } = service();
    await handlers['samples.saveRecording']({ bytes: webmHeader, mime: 'audio/webm', language: 'en', transcript: '' });
    await handlers['samples.saveRecording']({ bytes: webmHeader, mime: 'audio/webm', language: 'en', transcript: '' });
    rmSync(join(dataDir, 'audio', 's1.original.webm'));
    expect(await failure(handlers['samples.readAudio']({ id: 's1', which: 'original' }))).toMatchObject({ code: SAMPLE_ERROR.audioMissing });
    expect(await failure(handlers['samples.readAudio']({ id: 's2', which: 'upload' }))).toMatchObject({ code: SAMPLE_ERROR.audioMissing });
    await handlers['samples.delete']({ id: 's2' });
    expect(readdirSync(join(dataDir, 'audio'))).toEqual([]);
    expect((await handlers['samples.list']({ limit: 50 })).samples.map((sample) => sample.id)).toEqual(['s1']);
  });

  it('lists samples up to a limit, with how many there are (newest first: see the Samples E2E)', async () => {
    const { handlers } = service();
    for (let i = 0; i < 3; i++) await handlers['samples.saveRecording']({ bytes: webmHeader, mime: 'audio/webm', language: 'en', transcript: '' });
    const page = await handlers['samples.list']({ limit: 2 });
    expect(page.total).toBe(3);
    expect(page.samples).toHaveLength(2);
  });

  it('updates the transcript and language', async () => {
    const { handlers } = service();
    await handlers['samples.saveRecording']({ bytes: webmHeader, mime: 'audio/webm', language: 'en', transcript: 'old' });
    expect(await handlers['samples.update']({ id: 's1', transcript: '新的文本', language: 'zh' })).toMatchObject({ transcript: '新的文本', language: 'zh' });
  });
});

describe('microphone access', () => {
  it('is granted where there is no OS gate (Linux, tests)', async () => {
    expect(await service().handlers['samples.microphoneAccess']()).toEqual({ granted: true, status: 'unknown' });
  });

  it('asks macOS once when undetermined, and reports a refusal', async () => {
    const asked: string[] = [];
    const media = (status: string, answer: boolean): MediaAccess => ({
      getMediaAccessStatus: () => status,
      askForMediaAccess: async (type) => {
        asked.push(type);
        return answer;
      },
    });
    expect(await service(media('not-determined', true)).handlers['samples.microphoneAccess']()).toEqual({ granted: true, status: 'granted' });
    expect(await service(media('not-determined', false)).handlers['samples.microphoneAccess']()).toEqual({ granted: false, status: 'denied' });
    expect(await service(media('denied', true)).handlers['samples.microphoneAccess']()).toEqual({ granted: false, status: 'denied' });
    expect(await service(media('restricted', true)).handlers['samples.microphoneAccess']()).toEqual({ granted: false, status: 'restricted' });
    expect(await service(media('granted', true)).handlers['samples.microphoneAccess']()).toEqual({ granted: true, status: 'granted' });
    expect(asked).toEqual(['microphone', 'microphone']);
  });

  it('names a link with broken %-escapes after its path as written, instead of failing', async () => {
    const { handlers } = service();
    const sample = await handlers['samples.import']({ url: 'https://cdn.example.com/takes/my%zzreading%E0%A4.mp3', language: 'en', transcript: '' });
    expect(sample.displayName).toBe('my%zzreading%E0%A4');
  });

  it('a recording whose record cannot be stored (full disk) leaves no file behind', async () => {
    const catalog = createCatalogStore(dataDir);
    const full = Object.assign(new Error('The disk is full'), { code: 'data.disk_full' });
    const { handlers } = createSamplesService({ catalog: { ...catalog, putSample: () => { throw full; } }, audioFiles: createAudioFiles(dataDir) });
    await expect(handlers['samples.saveRecording']({ bytes: webmHeader, mime: 'audio/webm', language: 'en', transcript: '' })).rejects.toBe(full);
    expect(readdirSync(join(dataDir, 'audio'))).toEqual([]);
  });

  describe('interrupted at the worst moment (the app killed half-way)', () => {
    /** The audio files with one operation that does its work and then "dies" (throws) once, as a kill would stop the rest. */
    function dyingAfter(operation: 'write' | 'remove') {
      const files = createAudioFiles(dataDir);
      let died = false;
      return {
        ...files,
        async [operation](file: string, bytes?: Uint8Array) {
          const result = operation === 'write' ? await files.write(file, bytes!) : await files.remove(file);
          if (!died) {
            died = true;
            throw new Error('killed');
          }
          return result;
        },
      };
    }

    /** What the next start sees: every sample in the catalog file with its audio files, as on disk. */
    function afterRestart() {
      const catalog = createCatalogStore(dataDir);
      return catalog.listSamples().map((sample) => ({
        id: sample.id,
        files: [sample.original, sample.upload].filter((ref) => ref !== null).map((ref) => readFileSync(join(dataDir, 'audio', ref!.file))),
        upload: sample.upload,
        trim: sample.trim,
      }));
    }

    async function converted() {
      const { handlers } = service();
      await handlers['samples.saveRecording']({ bytes: webmHeader, mime: 'audio/webm', language: 'en', transcript: '' });
      const wav = encodeWav(tone(4, 24_000), 24_000);
      await handlers['samples.saveConverted']({ id: 's1', original: { durationSeconds: 4, sampleRate: 48_000, channels: 1 }, trim: { start: 0, end: 4 }, checks: [], wav });
      return wav;
    }

    it('a delete never leaves a sample without its audio', async () => {
      await converted();
      const interrupted = createSamplesService({ catalog: createCatalogStore(dataDir), audioFiles: dyingAfter('remove') });
      await interrupted.handlers['samples.delete']({ id: 's1' }).catch(() => {});
      // Either gone, or whole: here gone, since the record goes first.
      expect(afterRestart()).toEqual([]);
    });

    it('a re-conversion never pairs the new trim with the old audio, nor the old trim with new audio', async () => {
      const firstWav = await converted();
      const interrupted = createSamplesService({ catalog: createCatalogStore(dataDir), audioFiles: dyingAfter('write') });
      const secondWav = encodeWav(tone(2, 24_000).map((value) => -value), 24_000);
      await interrupted.handlers['samples.saveConverted']({ id: 's1', original: { durationSeconds: 4, sampleRate: 48_000, channels: 1 }, trim: { start: 1, end: 3 }, checks: [], wav: secondWav }).catch(() => {});
      const [sample] = afterRestart();
      expect(sample.trim).toEqual({ start: 0, end: 4 });
      expect(readFileSync(join(dataDir, 'audio', sample.upload!.file)).equals(firstWav), 'the record still plays its own audio').toBe(true);
    });

    it('a sample deleted while its conversion is being saved stays deleted', async () => {
      await converted();
      const files = createAudioFiles(dataDir);
      let written!: () => void;
      const writing = new Promise<void>((resolve) => {
        written = resolve;
      });
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const catalog = createCatalogStore(dataDir);
      const slow = createSamplesService({
        catalog,
        audioFiles: { ...files, write: async (file, bytes) => {
          const size = await files.write(file, bytes);
          written();
          await released;
          return size;
        } },
      });
      const saving = slow.handlers['samples.saveConverted']({ id: 's1', original: { durationSeconds: 4, sampleRate: 48_000, channels: 1 }, trim: null, checks: [], wav: encodeWav(tone(3, 24_000), 24_000) });
      await writing;
      await slow.handlers['samples.delete']({ id: 's1' });
      release();
      expect(await failure(saving)).toMatchObject({ code: SAMPLE_ERROR.notFound });
      expect(catalog.listSamples()).toEqual([]);
      expect(afterRestart()).toEqual([]);
      expect(readdirSync(join(dataDir, 'audio'))).toEqual([]);
    });
  });
});
