import ElectronStore from 'electron-store';
import { historyEntry, type HistoryEntry } from '../../../shared/ipc/routes/synthesis';
import type { Logger } from './log';

/**
 * The Try screen's results, per voice, in their own electron-store file (`synthesis-history.json`
 * in the data folder). Only metadata lives here; each result's WAV is a file in `audio/`.
 * Entries that fail the schema (hand-edited file, older version) are skipped and logged, never
 * allowed to hide the others.
 */
export interface SynthesisHistory {
  /** A voice's entries, newest first. */
  list(voiceId: string): HistoryEntry[];
  get(id: string): HistoryEntry | undefined;
  add(entry: HistoryEntry): void;
  remove(id: string): HistoryEntry | undefined;
  /** Removes every entry of these voices and returns them (their files are the caller's to delete). */
  removeVoices(voiceIds: readonly string[]): HistoryEntry[];
}

interface HistoryFile {
  schemaVersion: number;
  entries: unknown[];
}

export const SYNTHESIS_HISTORY_FILE = 'synthesis-history';
const SCHEMA_VERSION = 1;

export function createSynthesisHistory(dataDir: string, log?: Logger): SynthesisHistory {
  const store = new ElectronStore<HistoryFile>({
    cwd: dataDir,
    name: SYNTHESIS_HISTORY_FILE,
    defaults: { schemaVersion: SCHEMA_VERSION, entries: [] },
  });

  const entries = new Map<string, HistoryEntry>();
  // Unreadable entries are written back untouched so a newer Timbre can still read them.
  const unreadable: unknown[] = [];
  for (const raw of store.get('entries')) {
    const parsed = historyEntry.safeParse(raw);
    if (parsed.success) entries.set(parsed.data.id, parsed.data);
    else unreadable.push(raw);
  }
  if (unreadable.length > 0) log?.warn('synthesis history: skipped unreadable entries', { skipped: unreadable.length });
  const save = () => store.set({ schemaVersion: SCHEMA_VERSION, entries: [...unreadable, ...entries.values()] });

  return {
    list: (voiceId) => [...entries.values()].filter((entry) => entry.voiceId === voiceId).sort((a, b) => b.createdAt - a.createdAt),
    get: (id) => entries.get(id),
    add(entry) {
      entries.set(entry.id, historyEntry.parse(entry));
      save();
    },
    remove(id) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      entries.delete(id);
      save();
      return entry;
    },
    removeVoices(voiceIds) {
      const wanted = new Set(voiceIds);
      const removed = [...entries.values()].filter((entry) => wanted.has(entry.voiceId));
      if (removed.length === 0) return [];
      for (const entry of removed) entries.delete(entry.id);
      save();
      return removed;
    },
  };
}
