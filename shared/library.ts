/**
 * The Library's rows: one per voice a person made (a sample and every clone of it, one per
 * model), what main searches, filters and sorts. Constants and types only (no zod), so the
 * renderer can import them; the schemas, and the row types they define, are in `ipc/routes/catalog.ts`.
 */
import type { VoiceStatus } from './catalog';
import type { SampleLanguage, TargetModel } from './models';

export const SORT_KEYS = ['created-desc', 'created-asc', 'name', 'status', 'used-asc'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface LibraryFilters {
  query: string;
  model: TargetModel | 'all';
  language: SampleLanguage | 'all';
  status: VoiceStatus | 'all';
  tag: string | 'all';
}

export const NO_FILTERS: LibraryFilters = { query: '', model: 'all', language: 'all', status: 'all', tag: 'all' };

/** Rows the Library asks for at once: a screenful and a scroll ahead, whatever the catalog's size. */
export const LIBRARY_PAGE_SIZE = 60;
export const LIBRARY_MAX_PAGE = 200;

/** Voices that need the user first. */
export const STATUS_ORDER: Record<VoiceStatus, number> = {
  failed: 0, 'missing-remote': 1, sending: 2, queued: 3, 'waiting-network': 4, ready: 5,
};

/** A voice with a local sample is listed under that sample; one found only on the account stands alone. */
export const rowIdOf = (voice: { id: string; sampleId: string | null }): string => voice.sampleId ?? `voice:${voice.id}`;
