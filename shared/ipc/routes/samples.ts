import { z } from 'zod';
import { sampleCheck, sampleRecord } from '../../catalog-schema';
import { SAMPLE_LANGUAGES } from '../../models';
import { route } from '../define';

const bytes = z.instanceof(Uint8Array);
const sampleId = z.object({ id: z.string().min(1).max(100) });
const trim = z.object({ start: z.number().nonnegative(), end: z.number().nonnegative() }).refine((range) => range.end > range.start, 'end must be after start');

/** What the renderer measured on the decoded original; main cannot decode compressed audio itself. */
const decodedFacts = z.object({
  durationSeconds: z.number().nonnegative(),
  sampleRate: z.number().int().positive(),
  channels: z.number().int().positive(),
});

export const microphoneAccess = z.object({
  granted: z.boolean(),
  /** The OS's answer: `granted`, `denied`, `restricted`, `not-determined` or `unknown` (no OS gate here). */
  status: z.enum(['granted', 'denied', 'restricted', 'not-determined', 'unknown']),
});
export type MicrophoneAccess = z.infer<typeof microphoneAccess>;

export const samplesRoutes = {
  /** Saves a MediaRecorder take as is, at once, before any conversion; read back before answering. */
  'samples.saveRecording': route({
    input: z.object({
      bytes,
      mime: z.string().max(100),
      language: z.enum(SAMPLE_LANGUAGES),
      transcript: z.string().max(5000).default(''),
    }),
    output: sampleRecord,
  }),
  /** A file the user dropped or picked (recognised by its bytes), or a public https link kept as is. */
  'samples.import': route({
    input: z.union([
      z.object({
        bytes,
        name: z.string().max(500),
        mime: z.string().max(100).default(''),
        language: z.enum(SAMPLE_LANGUAGES),
        transcript: z.string().max(5000).default(''),
      }),
      z.object({
        url: z.string().max(2000),
        language: z.enum(SAMPLE_LANGUAGES),
        transcript: z.string().max(5000).default(''),
      }),
    ]),
    output: sampleRecord,
  }),
  /**
   * Stores the renderer's analysis of the original and the converted 24 kHz mono WAV (`wav`, or
   * null when a blocker leaves nothing to upload); the WAV is validated and read back.
   */
  'samples.saveConverted': route({
    input: z.object({
      id: sampleId.shape.id,
      original: decodedFacts,
      trim: trim.nullable(),
      checks: z.array(sampleCheck).max(20),
      wav: bytes.nullable(),
    }),
    output: sampleRecord,
  }),
  'samples.update': route({
    input: z.object({
      id: sampleId.shape.id,
      displayName: z.string().max(200).optional(),
      transcript: z.string().max(5000).optional(),
      language: z.enum(SAMPLE_LANGUAGES).optional(),
    }),
    output: sampleRecord,
  }),
  'samples.get': route({ input: sampleId, output: sampleRecord }),
  /** The newest `limit` samples, and how many there are. */
  'samples.list': route({
    input: z.object({ limit: z.number().int().min(1).max(100_000) }),
    output: z.object({ samples: z.array(sampleRecord), total: z.number().int().nonnegative() }),
  }),
  /** The bytes of a sample's original or converted file, as they are on disk. */
  'samples.readAudio': route({
    input: z.object({ id: sampleId.shape.id, which: z.enum(['original', 'upload']) }),
    output: z.object({ bytes, mime: z.string() }),
  }),
  /** Deletes the record and its audio files. */
  'samples.delete': route({ input: sampleId, output: z.void() }),
  /** Asks the OS for microphone access (macOS asks the user once); called when recording starts, not at launch. */
  'samples.microphoneAccess': route({ input: z.void(), output: microphoneAccess }),
};
