import { historyEntry, type HistoryEntry } from '../../../shared/ipc/routes/synthesis';
import { isPlainObject, openDataFolder, type DataFolder } from '../foundation/data-folder';
import type { Logger } from '../foundation/log';

/**
 * The Try screen's results, per voice, in their own file (`synthesis-history.json` in the data
 * folder). Only metadata lives here; each result's WAV is a file in `audio/`. Entries that fail
 * the schema (hand-edited file, older version) are skipped and logged, never allowed to hide the
 * others; a file that cannot be read at all is set aside by the data folder and the history
 * starts empty. A change is kept in memory only once it is on disk.
 */
export interface SynthesisHistory {
  /** A voice's entries, newest first. */
  list(voiceId: string): HistoryEntry[];
  get(id: string): HistoryEntry | undefined;
  add(entry: HistoryEntry): void;
  remove(id: string): HistoryEntry | undefined;
  /** Stars or unstars an entry (written before memory changes); undefined when there is no such entry. */
  setFavourite(id: string, favourite: boolean): HistoryEntry | undefined;
  /** Removes every entry of these voices and returns them (their files are the caller's to delete). */
  removeVoices(voiceIds: readonly string[]): HistoryEntry[];
}

interface HistoryFile {
  schemaVersion: number;
  entries: unknown[];
}

export const SYNTHESIS_HISTORY_FILE = 'synthesis-history.json';
const SCHEMA_VERSION = 1;

const isHistoryFile = (value: unknown): value is HistoryFile => isPlainObject(value) && Array.isArray(value.entries);

export function createSynthesisHistory(dataFolder: DataFolder | string, log?: Logger): SynthesisHistory {
  const folder = typeof dataFolder === 'string' ? openDataFolder(dataFolder, { log }) : dataFolder;
  const file = folder.readJson(SYNTHESIS_HISTORY_FILE, isHistoryFile) as HistoryFile | null;

  let entries = new Map<string, HistoryEntry>();
  // Unreadable entries are written back untouched so a newer Timbre can still read them.
  const unreadable: unknown[] = [];
  for (const raw of file?.entries ?? []) {
    const parsed = historyEntry.safeParse(raw);
    if (parsed.success) entries.set(parsed.data.id, parsed.data);
    else unreadable.push(raw);
  }
  if (unreadable.length > 0) log?.warn('synthesis history: skipped unreadable entries', { skipped: unreadable.length });

  /** Writes `next` and makes it the history once it is on disk. */
  const save = (next: Map<string, HistoryEntry>) => {
    folder.writeJson(SYNTHESIS_HISTORY_FILE, { schemaVersion: SCHEMA_VERSION, entries: [...unreadable, ...next.values()] });
    entries = next;
  };
  const without = (ids: Iterable<string>) => {
    const next = new Map(entries);
    for (const id of ids) next.delete(id);
    return next;
  };

  return {
    list: (voiceId) => [...entries.values()].filter((entry) => entry.voiceId === voiceId).sort((a, b) => b.createdAt - a.createdAt),
    get: (id) => entries.get(id),
    add(entry) {
      const parsed = historyEntry.parse(entry);
      save(new Map(entries).set(parsed.id, parsed));
    },
    setFavourite(id, favourite) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      const updated = { ...entry, favourite };
      save(new Map(entries).set(id, updated));
      return updated;
    },
    remove(id) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      save(without([id]));
      return entry;
    },
    removeVoices(voiceIds) {
      const wanted = new Set(voiceIds);
      const removed = [...entries.values()].filter((entry) => wanted.has(entry.voiceId));
      if (removed.length === 0) return [];
      save(without(removed.map((entry) => entry.id)));
      return removed;
    },
  };
}
