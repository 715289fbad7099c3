/**
 * The catalog's records as zod schemas: what main validates when it reads the catalog, an import
 * or IPC input. The renderer imports only their types (see catalog.ts), so zod stays out of its bundle.
 */
import { z } from 'zod';
import { CHECK_STATUSES, VOICE_STATUSES } from './catalog-statuses';
import { REGIONS, SAMPLE_LANGUAGES } from './models';

export const sampleCheck = z.object({
  /** Stable name, e.g. "duration", "loudness", "clipping", "silence", "pauses", "sampleRate", "channels". */
  name: z.string(),
  status: z.enum(CHECK_STATUSES),
  /** Values for the translated reason/fix (seconds, dBFS…). */
  values: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
});
export type SampleCheck = z.infer<typeof sampleCheck>;

/** An audio file in the data folder's `audio/` directory, as main last verified it. */
export const audioFileRef = z.object({
  /** File name inside the audio folder (no path: main resolves it). */
  file: z.string().regex(/^[A-Za-z0-9._-]+$/),
  mime: z.string(),
  bytes: z.number().int().nonnegative(),
  durationSeconds: z.number().nonnegative().optional(),
  sampleRate: z.number().int().positive().optional(),
  channels: z.number().int().positive().optional(),
});
export type AudioFileRef = z.infer<typeof audioFileRef>;

export const sampleRecord = z.object({
  id: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  source: z.enum(['recording', 'import', 'url', 'remote']),
  /** What the user calls this sample/person; any text. */
  displayName: z.string().default(''),
  /** The recording or imported file as it came in (kept: conversion can be redone). */
  original: audioFileRef.nullable(),
  /** The converted 24 kHz mono 16-bit WAV that gets uploaded. */
  upload: audioFileRef.nullable(),
  /** A public https URL given instead of a file (passed to the API as is). */
  url: z.string().url().nullable().default(null),
  transcript: z.string().default(''),
  language: z.enum(SAMPLE_LANGUAGES),
  checks: z.array(sampleCheck).default([]),
  /** Trim applied to the original before conversion, in seconds. */
  trim: z.object({ start: z.number().nonnegative(), end: z.number().nonnegative() }).nullable().default(null),
});
export type SampleRecord = z.infer<typeof sampleRecord>;

export const voiceRecord = z.object({
  /** Local id (stable even before the service assigns a voice id). */
  id: z.string(),
  /** null for a voice found on the account with no local sample. */
  sampleId: z.string().nullable(),
  /** The service's voice id, once enrolled. */
  voice: z.string().nullable(),
  /**
   * The model the voice was made for: a TargetModel for every voice cloned here; a model this
   * version does not know for a voice found on the account (§2), which is listed, not spoken.
   */
  targetModel: z.string().min(1),
  region: z.enum(REGIONS),
  preferredName: z.string(),
  displayName: z.string(),
  language: z.enum(SAMPLE_LANGUAGES).nullable(),
  status: z.enum(VOICE_STATUSES),
  createdAt: z.number(),
  updatedAt: z.number(),
  requestId: z.string().nullable().default(null),
  /** The service built the voice in a degraded mode (poor audio / transcript mismatch). */
  fallbackReason: z.string().nullable().default(null),
  /** When the user confirmed they own or may use this voice (ms epoch). */
  consentAt: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable().default(null),
  tags: z.array(z.string()).default([]),
  notes: z.string().default(''),
  /** The transcript sent (or to be sent) as `text` with this enrollment. */
  transcript: z.string().default(''),
  /** When the account last confirmed this voice (its enrollment, or a sync that imported or found it again); ms epoch. */
  remoteCheckedAt: z.number().nullable().default(null),
  /**
   * When Timbre last spoke with this voice (ms epoch); null if it never has. The service deletes a
   * voice no synthesis request has used for a year (§3.3), and uses elsewhere are not seen here.
   */
  lastUsedAt: z.number().nullable().default(null),
});
export type VoiceRecord = z.infer<typeof voiceRecord>;

/** What the library needs to know about a sample to list its voices (never the audio itself). */
export const sampleSummary = z.object({
  id: z.string(),
  displayName: z.string(),
  createdAt: z.number(),
  language: z.enum(SAMPLE_LANGUAGES),
  transcript: z.string(),
  /** Duration of the uploaded (converted) audio, else of the original; null when unknown. */
  durationSeconds: z.number().nullable(),
  /** Whether there is a file (or a link) the app can play. */
  hasAudio: z.boolean(),
  /** Whether there is something to send for cloning: the converted WAV, or a public link. */
  enrollable: z.boolean(),
});
export type SampleSummary = z.infer<typeof sampleSummary>;

/** Something that happened to the catalog file that the user must hear about (shown until dismissed). */
export const catalogNotice = z.object({
  id: z.string(),
  /**
   * `file-set-aside`: another data file (`file`) was damaged and Timbre started without it.
   * `journal-damaged`: the catalog's journal (`file`) had damaged lines (`rejectedRecords` of them; the
   * records still whole in them are counted as recovered) or could not be read at all.
   */
  kind: z.enum(['recovered-corrupt', 'rejected-records', 'newer-version', 'file-set-aside', 'journal-damaged']),
  at: z.number(),
  /** For `file-set-aside` and `journal-damaged`: the damaged file's name, e.g. `synthesis-history.json`. */
  file: z.string().nullable().default(null),
  /** File name (inside the data folder) where the original content was kept. */
  keptAs: z.string().nullable(),
  recoveredSamples: z.number().int().nonnegative().default(0),
  recoveredVoices: z.number().int().nonnegative().default(0),
  rejectedRecords: z.number().int().nonnegative().default(0),
});
export type CatalogNotice = z.infer<typeof catalogNotice>;
