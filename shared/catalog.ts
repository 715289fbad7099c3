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

const PREFERRED_NAME_MAX = 16;

/**
 * A valid `preferred_name` (letters, digits, `_`, at most 16) derived from any display name:
 * accents are dropped (Zoë → Zoe), other characters become `_`. Names with nothing usable, such as
 * Chinese ones, fall back to `voice_<n>`. Avoids names in `taken` so each voice id stays recognisable.
 */
export function suggestPreferredName(displayName: string, taken: ReadonlySet<string> = new Set()): string {
  const ascii = displayName.normalize('NFKD').replace(/\p{M}/gu, '');
  const base = ascii.replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '').slice(0, PREFERRED_NAME_MAX);
  if (base !== '' && !taken.has(base)) return base;
  for (let n = base === '' ? 1 : 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = base === '' ? `voice${suffix}` : `${base.slice(0, PREFERRED_NAME_MAX - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
