/**
 * The catalog's records: samples (what the user recorded or imported) and voices (a sample
 * enrolled for one target model). Audio lives in files owned by main, referenced by name.
 * Constants, types and helpers only — the zod schemas live in catalog-schema.ts.
 */
import type { SampleRecord, SampleSummary } from './catalog-schema';

export type { AudioFileRef, CatalogNotice, SampleCheck, SampleRecord, SampleSummary, VoiceRecord } from './catalog-schema';

export const CHECK_STATUSES = ['pass', 'warn', 'block'] as const;

export const VOICE_STATUSES = ['queued', 'waiting-network', 'sending', 'ready', 'failed', 'missing-remote'] as const;
export type VoiceStatus = (typeof VOICE_STATUSES)[number];

/** Statuses of a voice that still has an enrollment job in the outbox. */
export const PENDING_VOICE_STATUSES: readonly VoiceStatus[] = ['queued', 'waiting-network', 'sending'];
export const isPendingStatus = (status: VoiceStatus) => PENDING_VOICE_STATUSES.includes(status);

/** Samples the Samples view lists at first and adds with each "Show more": each is a card to draw. */
export const SAMPLES_PAGE = 50;

/** How far a user's voices are, for the first-run guide. `pending`: sent, not ready yet. */
export const VOICE_PROGRESS = ['none', 'pending', 'failed', 'ready'] as const;
export type VoiceProgress = (typeof VOICE_PROGRESS)[number];

export function voiceProgress(voices: Iterable<{ status: VoiceStatus }>): VoiceProgress {
  let progress: VoiceProgress = 'none';
  for (const { status } of voices) {
    if (status === 'ready') return 'ready';
    if (isPendingStatus(status)) progress = 'pending';
    else if (status === 'failed' && progress === 'none') progress = 'failed';
  }
  return progress;
}

/** Version of `catalog.json`'s layout; bump it together with a migration in catalog-store. */
export const CATALOG_SCHEMA_VERSION = 2;

export function summarizeSample(sample: SampleRecord): SampleSummary {
  const audio = sample.upload ?? sample.original;
  return {
    id: sample.id,
    displayName: sample.displayName,
    createdAt: sample.createdAt,
    language: sample.language,
    transcript: sample.transcript,
    durationSeconds: audio?.durationSeconds ?? null,
    hasAudio: audio !== null || sample.url !== null,
    enrollable: sample.upload !== null || sample.url !== null,
  };
}
