/**
 * Search, filter and sort of the library, kept out of React so 10,000 voices can be checked per
 * keystroke: the list is sorted and indexed once per change of voices or sort key (each voice's
 * search text is cached), and a keystroke only scans the index.
 */
import type { SampleSummary, VoiceRecord, VoiceStatus } from '../../../../shared/catalog';
import type { SampleLanguage, TargetModel } from '../../../../shared/models';

export const SORT_KEYS = ['created-desc', 'created-asc', 'name', 'status', 'model'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface LibraryFilters {
  query: string;
  model: TargetModel | 'all';
  language: SampleLanguage | 'all';
  status: VoiceStatus | 'all';
  tag: string | 'all';
}

export const NO_FILTERS: LibraryFilters = { query: '', model: 'all', language: 'all', status: 'all', tag: 'all' };

/** Voices that need the user first. */
const STATUS_ORDER: Record<VoiceStatus, number> = {
  failed: 0, 'missing-remote': 1, sending: 2, queued: 3, 'waiting-network': 4, ready: 5,
};

const searchText = new WeakMap<VoiceRecord, { sample: SampleSummary | undefined; text: string }>();

/** Everything a search may match: names, the service voice id, tags, notes and the sample's name. */
function haystack(voice: VoiceRecord, sample: SampleSummary | undefined): string {
  const cached = searchText.get(voice);
  if (cached && cached.sample === sample) return cached.text;
  const text = [voice.displayName, voice.preferredName, voice.voice ?? '', voice.id, ...voice.tags, voice.notes, sample?.displayName ?? '']
    .join('\n')
    .toLowerCase();
  searchText.set(voice, { sample, text });
  return text;
}

export function sortVoices(voices: Iterable<VoiceRecord>, sort: SortKey, collator: Intl.Collator): VoiceRecord[] {
  const list = [...voices];
  const newest = (a: VoiceRecord, b: VoiceRecord) => b.createdAt - a.createdAt;
  const compare: Record<SortKey, (a: VoiceRecord, b: VoiceRecord) => number> = {
    'created-desc': newest,
    'created-asc': (a, b) => a.createdAt - b.createdAt,
    name: (a, b) => collator.compare(a.displayName, b.displayName) || newest(a, b),
    status: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || newest(a, b),
    model: (a, b) => a.targetModel.localeCompare(b.targetModel) || newest(a, b),
  };
  return list.sort(compare[sort]);
}

/** A sorted list with each voice's search text beside it, built when the voices or the sort change. */
export interface LibraryIndex {
  voices: readonly VoiceRecord[];
  texts: readonly string[];
}

export function indexVoices(sorted: readonly VoiceRecord[], samples: ReadonlyMap<string, SampleSummary>): LibraryIndex {
  return { voices: sorted, texts: sorted.map((voice) => haystack(voice, voice.sampleId ? samples.get(voice.sampleId) : undefined)) };
}

/** Keeps the sorted order; every word of the query must appear (any case, any script). */
export function filterVoices(index: LibraryIndex, filters: LibraryFilters): VoiceRecord[] {
  const terms = filters.query.toLowerCase().split(/\s+/).filter(Boolean);
  const { voices, texts } = index;
  const result: VoiceRecord[] = [];
  for (let i = 0; i < voices.length; i++) {
    const voice = voices[i];
    if (filters.model !== 'all' && voice.targetModel !== filters.model) continue;
    if (filters.language !== 'all' && voice.language !== filters.language) continue;
    if (filters.status !== 'all' && voice.status !== filters.status) continue;
    if (filters.tag !== 'all' && !voice.tags.includes(filters.tag)) continue;
    if (terms.length > 0 && !terms.every((term) => texts[i].includes(term))) continue;
    result.push(voice);
  }
  return result;
}

export function allTags(voices: Iterable<VoiceRecord>, collator: Intl.Collator): string[] {
  const tags = new Set<string>();
  for (const voice of voices) for (const tag of voice.tags) tags.add(tag);
  return [...tags].sort(collator.compare);
}
