/**
 * The Library's rows, kept in main next to the catalog: one row per sample with all its clones
 * (or per voice found only on the account). Each row carries its lower-cased search text; sorted
 * orders are cached per sort key. A catalog change rebuilds only the rows it touched and reports
 * them, so the renderer gets changed rows, never the list.
 *
 * Searching here rather than in the page: the page would first need every row (6.8 MB of records
 * for 10,000 voices, or 3.7 MB of rows), which is what made the first paint grow with the catalog.
 * Scanning 10,000 cached strings here costs about a millisecond; the answer is one screenful.
 */
import { summarizeSample, type SampleRecord, type VoiceRecord } from '../../../shared/catalog';
import type { LibraryRow, LibraryRowsQuery } from '../../../shared/ipc/routes/catalog';
import { rowIdOf, STATUS_ORDER, type SortKey } from '../../../shared/library';
import type { CatalogChange, CatalogStore } from '../catalog/store';

interface IndexedRow {
  row: LibraryRow;
  /** Everything a search may match, lower-cased: names, voice ids, tags, notes, the sample's name. */
  text: string;
  /** The most urgent status among its clones (for the status sort). */
  urgency: number;
  /** When Timbre last spoke with any of its clones, else when the newest was made (for the least-recently-used sort). */
  lastUsed: number;
}

export interface RowsChange {
  rows: LibraryRow[];
  removedRowIds: string[];
}

function buildRow(id: string, voices: VoiceRecord[], sample: SampleRecord | undefined): IndexedRow {
  // The oldest clone names the row: later clones of the same sample were made from it.
  const clones = [...voices].sort((a, b) => a.createdAt - b.createdAt);
  const first = clones[0];
  const summary = sample ? summarizeSample(sample) : undefined;
  const tags = [...new Set(clones.flatMap((voice) => voice.tags))];
  const row: LibraryRow = {
    id,
    name: first.displayName,
    sampleId: first.sampleId,
    sampleName: summary?.displayName ?? '',
    durationSeconds: summary?.durationSeconds ?? null,
    hasAudio: summary?.hasAudio ?? false,
    language: first.language ?? summary?.language ?? null,
    tags,
    createdAt: first.createdAt,
    clones: clones.map((voice) => ({
      id: voice.id, voice: voice.voice, targetModel: voice.targetModel, status: voice.status, degraded: voice.fallbackReason !== null,
    })),
  };
  const text = [
    ...clones.flatMap((voice) => [voice.displayName, voice.preferredName, voice.voice ?? '', voice.id, voice.targetModel, voice.notes]),
    ...tags,
    summary?.displayName ?? '',
  ].join('\n').toLowerCase();
  const lastUsed = Math.max(...clones.map((voice) => voice.lastUsedAt ?? voice.createdAt));
  return { row, text, urgency: Math.min(...clones.map((voice) => STATUS_ORDER[voice.status])), lastUsed };
}

export function createLibraryRows(catalog: CatalogStore, collator = new Intl.Collator()) {
  const rows = new Map<string, IndexedRow>();
  /** Which row each voice is listed in, and each row's voices. */
  const rowOfVoice = new Map<string, string>();
  const voicesOfRow = new Map<string, Set<string>>();
  const sorted = new Map<SortKey, IndexedRow[]>();
  let built = false;

  function rebuild(rowId: string): boolean {
    const ids = voicesOfRow.get(rowId);
    const voices = ids ? [...ids].map((id) => catalog.getVoice(id)).filter((voice) => voice !== undefined) : [];
    if (voices.length === 0) {
      voicesOfRow.delete(rowId);
      rows.delete(rowId);
      return false;
    }
    const sampleId = voices[0].sampleId;
    rows.set(rowId, buildRow(rowId, voices, sampleId ? catalog.getSample(sampleId) : undefined));
    return true;
  }

  function place(voice: VoiceRecord, touched: Set<string>) {
    const before = rowOfVoice.get(voice.id);
    const after = rowIdOf(voice);
    if (before !== undefined && before !== after) {
      voicesOfRow.get(before)?.delete(voice.id);
      touched.add(before);
    }
    rowOfVoice.set(voice.id, after);
    let ids = voicesOfRow.get(after);
    if (!ids) voicesOfRow.set(after, (ids = new Set()));
    ids.add(voice.id);
    touched.add(after);
  }

  function ensureBuilt() {
    if (built) return;
    built = true;
    const groups = new Map<string, VoiceRecord[]>();
    for (const voice of catalog.listVoices()) {
      const rowId = rowIdOf(voice);
      rowOfVoice.set(voice.id, rowId);
      const group = groups.get(rowId);
      if (group) group.push(voice);
      else groups.set(rowId, [voice]);
    }
    for (const [rowId, voices] of groups) {
      voicesOfRow.set(rowId, new Set(voices.map((voice) => voice.id)));
      rows.set(rowId, buildRow(rowId, voices, voices[0].sampleId ? catalog.getSample(voices[0].sampleId) : undefined));
    }
  }

  function order(sort: SortKey): IndexedRow[] {
    ensureBuilt();
    let list = sorted.get(sort);
    if (list) return list;
    const newest = (a: IndexedRow, b: IndexedRow) => b.row.createdAt - a.row.createdAt;
    const compare: Record<SortKey, (a: IndexedRow, b: IndexedRow) => number> = {
      'created-desc': newest,
      'created-asc': (a, b) => a.row.createdAt - b.row.createdAt,
      name: (a, b) => collator.compare(a.row.name, b.row.name) || newest(a, b),
      status: (a, b) => a.urgency - b.urgency || newest(a, b),
      'used-asc': (a, b) => a.lastUsed - b.lastUsed || newest(a, b),
    };
    list = [...rows.values()].sort(compare[sort]);
    sorted.set(sort, list);
    return list;
  }

  return {
    /** Builds the rows and the default order now, so the Library's first question finds them ready. */
    warm() {
      order('created-desc');
    },

    /** One window of the filtered, sorted rows, and how many match. */
    query(query: Required<LibraryRowsQuery>): { rows: LibraryRow[]; offset: number; total: number; catalogTotal: number } {
      const list = order(query.sort);
      const terms = query.query.toLowerCase().split(/\s+/).filter(Boolean);
      const filtered = query.model === 'all' && query.language === 'all' && query.status === 'all' && query.tag === 'all' && terms.length === 0;
      const matches = filtered ? list : list.filter(({ row, text }) =>
        (query.model === 'all' || row.clones.some((clone) => clone.targetModel === query.model))
        && (query.language === 'all' || row.language === query.language)
        && (query.status === 'all' || row.clones.some((clone) => clone.status === query.status))
        && (query.tag === 'all' || row.tags.includes(query.tag))
        && terms.every((term) => text.includes(term)));
      // A window past the end (the list shrank under a scrolled view) starts at the last page instead.
      const offset = Math.min(query.offset, Math.max(0, matches.length - query.limit));
      return { rows: matches.slice(offset, offset + query.limit).map((item) => item.row), offset, total: matches.length, catalogTotal: rows.size };
    },

    row(rowId: string): LibraryRow | undefined {
      ensureBuilt();
      return rows.get(rowId)?.row;
    },

    /** Voice ids in a row, oldest first. */
    voiceIds(rowId: string): string[] {
      ensureBuilt();
      return rows.get(rowId)?.row.clones.map((clone) => clone.id) ?? [];
    },

    /** How many clones each of these samples has (those without any are left out). A sample's row id is its id. */
    cloneCounts(sampleIds: readonly string[]): Record<string, number> {
      ensureBuilt();
      const counts: Record<string, number> = {};
      for (const sampleId of sampleIds) {
        const row = rows.get(sampleId)?.row;
        if (row?.sampleId === sampleId) counts[sampleId] = row.clones.length;
      }
      return counts;
    },

    tags(): string[] {
      ensureBuilt();
      const tags = new Set<string>();
      for (const { row } of rows.values()) for (const tag of row.tags) tags.add(tag);
      return [...tags].sort(collator.compare);
    },

    /** Rebuilds the rows a catalog change touched and returns them, with the rows that no longer exist. */
    apply(change: CatalogChange): RowsChange {
      if (!built) return { rows: [], removedRowIds: [] };
      const touched = new Set<string>();
      for (const voice of change.voices) place(voice, touched);
      for (const id of change.removedVoiceIds) {
        const rowId = rowOfVoice.get(id);
        if (rowId === undefined) continue;
        rowOfVoice.delete(id);
        voicesOfRow.get(rowId)?.delete(id);
        touched.add(rowId);
      }
      // A renamed or re-converted sample changes the row listed under it.
      for (const sample of change.samples) if (voicesOfRow.has(sample.id)) touched.add(sample.id);
      if (touched.size === 0) return { rows: [], removedRowIds: [] };
      sorted.clear();
      const changed: LibraryRow[] = [];
      const removedRowIds: string[] = [];
      for (const rowId of touched) {
        if (rebuild(rowId)) changed.push(rows.get(rowId)!.row);
        else removedRowIds.push(rowId);
      }
      return { rows: changed, removedRowIds };
    },
  };
}

export type LibraryRows = ReturnType<typeof createLibraryRows>;
