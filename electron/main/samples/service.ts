/**
 * Samples: the recordings and imports a voice is cloned from. Records live in the catalog store,
 * audio in files owned by `audio-files.ts`. The renderer decodes and converts (main has no audio
 * decoder); main recognises formats by their bytes, validates the converted WAV and keeps both files.
 */
import { randomUUID } from 'node:crypto';
import type { AudioFileRef, SampleRecord } from '../../../shared/catalog';
import { checkUploadSize, wavDataUrlBytes, CHECK_THRESHOLDS } from '../../../shared/audio/checks';
import { probeAudio, AUDIO_CONTAINERS, type AudioContainer } from '../../../shared/audio/probe';
import { parseWav } from '../../../shared/audio/wav';
import { TimbreError } from '../../../shared/errors';
import type { Handlers } from '../../../shared/ipc/contract';
import { type MicrophoneAccess } from '../../../shared/ipc/routes/samples';
import { MAX_IMPORT_BYTES, SAMPLE_ERROR } from '../../../shared/samples';
import type { AudioFiles } from '../catalog/audio-files';
import type { CatalogStore } from '../catalog/store';

/** The OS microphone gate (Electron's systemPreferences on macOS/Windows); absent elsewhere. */
export interface MediaAccess {
  getMediaAccessStatus(mediaType: 'microphone'): string;
  /** macOS only: shows the system prompt the first time. */
  askForMediaAccess?(mediaType: 'microphone'): Promise<boolean>;
}

export interface SamplesDeps {
  catalog: CatalogStore;
  audioFiles: AudioFiles;
  media?: MediaAccess;
  now?: () => number;
  newId?: () => string;
}

type SampleChannel = Extract<keyof Handlers, `samples.${string}`>;
export type SampleHandlers = Pick<Handlers, SampleChannel>;

const EXTENSIONS: Record<AudioContainer, string> = { wav: 'wav', mp3: 'mp3', mp4: 'm4a', ogg: 'ogg', webm: 'webm', flac: 'flac' };
const MIME_CONTAINERS: Array<[RegExp, AudioContainer]> = [
  [/webm/, 'webm'], [/ogg|opus/, 'ogg'], [/mp4|m4a|aac/, 'mp4'], [/mpeg|mp3/, 'mp3'], [/wav/, 'wav'], [/flac/, 'flac'],
];

const megabytes = (bytes: number) => Math.round(bytes / 10_000) / 100;

function refuseEmptyOrHuge(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) throw new TimbreError(SAMPLE_ERROR.empty, `"${name}" is empty`, { details: { name } });
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new TimbreError(SAMPLE_ERROR.tooLarge, `"${name}" is ${megabytes(bytes.length)} MB`, {
      details: { name, sizeMb: megabytes(bytes.length), maxMb: megabytes(MAX_IMPORT_BYTES) },
    });
  }
}

function publicHttpsUrl(url: string): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url.trim());
  } catch {
    // reported below
  }
  if (!parsed || parsed.protocol !== 'https:' || !parsed.hostname.includes('.')) {
    throw new TimbreError(SAMPLE_ERROR.urlInvalid, 'The link must be a public https:// address', { details: { url: url.slice(0, 200) } });
  }
  return parsed.toString();
}

/** A link's path in readable form; one with broken %-escapes (`/a%zz.mp3`) stays as written. */
function readablePath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return url.pathname;
  }
}

/** "My reading (final).mp3" → "My reading (final)". */
const displayNameOf = (fileName: string) => fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '').trim().slice(0, 200);

export function createSamplesService(deps: SamplesDeps) {
  const { catalog, audioFiles } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;

  const find = (id: string): SampleRecord => {
    const sample = catalog.getSample(id);
    if (!sample) throw new TimbreError(SAMPLE_ERROR.notFound, `No sample ${id}`, { details: { id } });
    return sample;
  };

  /** Files no record points at any more; one that cannot be removed now is only wasted space. */
  const removeQuietly = (file: string) => audioFiles.remove(file).catch(() => {});

  const put = (sample: SampleRecord): SampleRecord => {
    catalog.putSample(sample);
    return find(sample.id);
  };

  /** Stores a new sample whose file is already written; if the record cannot be stored, the file goes too. */
  const putNew = async (sample: SampleRecord): Promise<SampleRecord> => {
    try {
      return put(sample);
    } catch (error) {
      if (sample.original) await removeQuietly(sample.original.file);
      throw error;
    }
  };

  async function saveOriginal(id: string, bytes: Uint8Array, container: AudioContainer | null, mime: string): Promise<AudioFileRef> {
    const file = `${id}.original.${container ? EXTENSIONS[container] : 'audio'}`;
    const size = await audioFiles.write(file, bytes);
    return { file, mime: container ? AUDIO_CONTAINERS[container] : mime || 'application/octet-stream', bytes: size };
  }

  function newSample(id: string, fields: Pick<SampleRecord, 'source' | 'original' | 'url' | 'language' | 'transcript' | 'displayName'>): SampleRecord {
    const at = now();
    return { id, createdAt: at, updatedAt: at, upload: null, checks: [], trim: null, ...fields };
  }

  async function microphoneAccess(): Promise<MicrophoneAccess> {
    if (!deps.media) return { granted: true, status: 'unknown' };
    let status = deps.media.getMediaAccessStatus('microphone');
    if (status === 'not-determined' && deps.media.askForMediaAccess) {
      status = (await deps.media.askForMediaAccess('microphone')) ? 'granted' : 'denied';
    }
    const known = ['granted', 'denied', 'restricted', 'not-determined'] as const;
    const normalized = (known as readonly string[]).includes(status) ? (status as (typeof known)[number]) : 'unknown';
    // "not-determined" on Windows means no OS decision yet: Chromium's own prompt decides.
    return { granted: normalized !== 'denied' && normalized !== 'restricted', status: normalized };
  }

  const handlers = {
    'samples.saveRecording': async ({ bytes, mime, language, transcript }) => {
      refuseEmptyOrHuge(bytes, 'recording');
      const id = newId();
      const mimeContainer = MIME_CONTAINERS.find(([pattern]) => pattern.test(mime.toLowerCase()))?.[1] ?? null;
      // A take is kept whatever it looks like: nothing recorded is thrown away here.
      const original = await saveOriginal(id, bytes, probeAudio(bytes)?.container ?? mimeContainer, mime);
      return putNew(newSample(id, { source: 'recording', original, url: null, language, transcript, displayName: '' }));
    },
    'samples.import': async (input) => {
      if ('url' in input) {
        const url = publicHttpsUrl(input.url);
        const displayName = displayNameOf(readablePath(new URL(url))) || new URL(url).hostname;
        return put(newSample(newId(), { source: 'url', original: null, url, language: input.language, transcript: input.transcript, displayName }));
      }
      refuseEmptyOrHuge(input.bytes, input.name);
      const probe = probeAudio(input.bytes);
      if (!probe) throw new TimbreError(SAMPLE_ERROR.notAudio, `"${input.name}" is not an audio file Timbre can read`, { details: { name: input.name } });
      const id = newId();
      const original = await saveOriginal(id, input.bytes, probe.container, probe.mime);
      return putNew(newSample(id, {
        source: 'import', original, url: null, language: input.language, transcript: input.transcript, displayName: displayNameOf(input.name),
      }));
    },
    'samples.saveConverted': async ({ id, original, trim, checks, wav }) => {
      const before = find(id);
      if (!before.original) throw new TimbreError(SAMPLE_ERROR.audioMissing, `Sample ${id} has no audio file`, { details: { id } });
      let upload: AudioFileRef | null = null;
      if (wav) {
        const info = parseWav(wav);
        const expected = CHECK_THRESHOLDS.uploadSampleRate;
        if (!info || info.format !== 1 || info.bitsPerSample !== 16 || info.channels !== 1 || info.sampleRate !== expected || info.dataLength === 0) {
          throw new TimbreError(SAMPLE_ERROR.conversionInvalid, 'The converted sample is not a 24 kHz mono 16-bit WAV', {
            details: info ? { sampleRate: info.sampleRate, channels: info.channels, bitsPerSample: info.bitsPerSample } : {},
          });
        }
        if (wavDataUrlBytes(wav.length) > CHECK_THRESHOLDS.maxDataUrlBytes) {
          throw new TimbreError(SAMPLE_ERROR.uploadTooLarge, 'The converted sample is over the upload limit', {
            details: checkUploadSize(info.durationSeconds).values,
          });
        }
        // A new name for every conversion: the record keeps pointing at the old file, intact,
        // until it is switched below; a crash in between leaves an unused file, never a wrong one.
        const uploadFile = `${id}.upload-${randomUUID().slice(0, 8)}.wav`;
        const size = await audioFiles.write(uploadFile, wav);
        upload = { file: uploadFile, mime: 'audio/wav', bytes: size, durationSeconds: info.durationSeconds, sampleRate: info.sampleRate, channels: 1 };
      }
      // The sample may have been deleted (or changed) while the file was being written.
      const sample = catalog.getSample(id);
      if (!sample?.original) {
        if (upload) await audioFiles.remove(upload.file);
        throw new TimbreError(SAMPLE_ERROR.notFound, `No sample ${id}`, { details: { id } });
      }
      let saved: SampleRecord;
      try {
        saved = put({ ...sample, original: { ...sample.original, ...original }, upload, trim, checks, updatedAt: now() });
      } catch (error) {
        if (upload) await audioFiles.remove(upload.file);
        throw error;
      }
      // Record first, then files: the old conversion goes once nothing points at it.
      if (sample.upload && sample.upload.file !== upload?.file) await removeQuietly(sample.upload.file);
      return saved;
    },
    'samples.update': ({ id, ...changes }) => {
      const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
      return put({ ...find(id), ...defined, updatedAt: now() });
    },
    'samples.get': ({ id }) => find(id),
    'samples.list': ({ limit }) => {
      const samples = catalog.listSamples();
      return { samples: [...samples].sort((a, b) => b.createdAt - a.createdAt).slice(0, limit), total: samples.length };
    },
    'samples.readAudio': async ({ id, which }) => {
      const ref = find(id)[which];
      if (!ref) throw new TimbreError(SAMPLE_ERROR.audioMissing, `Sample ${id} has no ${which} audio`, { details: { id, which } });
      return { bytes: await audioFiles.read(ref.file), mime: ref.mime };
    },
    'samples.delete': async ({ id }) => {
      const sample = catalog.getSample(id);
      if (!sample) return;
      // Record first, then files: an interruption leaves unused files, never a sample without audio.
      catalog.deleteSample(id);
      for (const ref of [sample.original, sample.upload]) if (ref) await removeQuietly(ref.file);
    },
    'samples.microphoneAccess': () => microphoneAccess(),
  } satisfies SampleHandlers;

  return {
    handlers,
    /** The converted WAV of a sample, for enrollment. */
    async readUpload(id: string): Promise<Uint8Array> {
      return (await handlers['samples.readAudio']({ id, which: 'upload' })).bytes;
    },
  };
}

export type SamplesService = ReturnType<typeof createSamplesService>;