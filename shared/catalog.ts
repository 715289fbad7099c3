/**
 * The catalog's records: samples (what the user recorded or imported) and voices (a sample
 * enrolled for one target model). Audio lives in files owned by main, referenced by name.
 * Constants, types and helpers only — the zod schemas live in catalog-schema.ts.
 */
import type { SampleRecord, SampleSummary } from './catalog-schema';
import { isPendingStatus, type VoiceStatus } from './catalog-statuses';

export type { AudioFileRef, CatalogNotice, SampleCheck, SampleRecord, SampleSummary, VoiceRecord } from './catalog-schema';
export { CHECK_STATUSES, isPendingStatus, PENDING_VOICE_STATUSES, VOICE_STATUSES, type VoiceStatus } from './catalog-statuses';

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

/** Version of `catalog.json`'s layout; bump it together with a migration in electron/main/catalog/migrations.ts. */
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
