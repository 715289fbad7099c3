/**
 * Catalog records and sample audio for tests, made the way the app makes them: a sample record
 * plus its converted 24 kHz mono WAV in `<dataDir>/audio/`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWav } from '../../shared/audio/wav';
import { type SampleRecord, type VoiceRecord } from '../../shared/catalog';
import { sampleRecord, voiceRecord } from '../../shared/catalog-schema';
import { sox } from './audio-fixtures';

const T0 = Date.UTC(2026, 0, 10, 9, 30);

export function makeSample(fields: Partial<SampleRecord> & { id: string }): SampleRecord {
  return sampleRecord.parse({
    createdAt: T0,
    updatedAt: T0,
    source: 'recording',
    displayName: `Sample ${fields.id}`,
    original: null,
    upload: null,
    transcript: 'The north wind and the sun were disputing which was the stronger.',
    language: 'en',
    ...fields,
  });
}

export function makeVoice(fields: Partial<VoiceRecord> & { id: string }): VoiceRecord {
  return voiceRecord.parse({
    sampleId: null,
    voice: null,
    targetModel: 'qwen3-tts-vc-2026-01-22',
    region: 'cn-beijing',
    preferredName: 'alice',
    displayName: 'Alice',
    language: 'en',
    status: 'ready',
    createdAt: T0,
    updatedAt: T0,
    consentAt: T0,
    ...fields,
  });
}

/**
 * Writes `wavPath` (any WAV) converted to 24 kHz mono 16-bit into the data folder's audio/ and
 * returns the sample record pointing at it, as the sample recorder does.
 */
export function addSampleWithAudio(dataDir: string, fields: Partial<SampleRecord> & { id: string }, wavPath: string): SampleRecord {
  const audioDir = join(dataDir, 'audio');
  mkdirSync(audioDir, { recursive: true });
  const file = `${fields.id}-upload.wav`;
  sox([wavPath, '-r', '24000', '-c', '1', '-b', '16', join(audioDir, file)]);
  const bytes = readFileSync(join(audioDir, file));
  const info = parseWav(new Uint8Array(bytes));
  return makeSample({
    upload: { file, mime: 'audio/wav', bytes: bytes.length, durationSeconds: info?.durationSeconds, sampleRate: 24_000, channels: 1 },
    ...fields,
  });
}
