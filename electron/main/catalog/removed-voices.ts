import { z } from 'zod';
import { voiceRecord, type VoiceRecord } from '../../../shared/catalog-schema';
import type { RemovedVoice } from '../../../shared/ipc/routes/catalog';
import { openDataFolder, type DataFolder } from '../foundation/data-folder';

/**
 * Voices removed from this computer, kept whole in their own file (`removed-voices.json` in the
 * data folder) so Undo, and later the Library's "Recently removed", can put them back. Only the
 * records: a voice's sample and its audio stay in the catalog while it is removed, as do its Try
 * results (the synthesis service asks `has`). The newest KEEP are kept; older ones are gone for
 * good, and `onForget` listeners hear which. Unreadable entries are dropped (this is a
 * convenience list, not the catalog).
 */
const KEEP = 200;
const SCHEMA_VERSION = 1;
const FILE = 'removed-voices.json';
const entry = z.object({ removedAt: z.number(), voice: voiceRecord });
type Entry = z.infer<typeof entry>;
const isListFile = (value: unknown) => typeof value === 'object' && value !== null && Array.isArray((value as { entries?: unknown }).entries);

export function createRemovedVoices(dataFolder: DataFolder | string) {
  const folder = typeof dataFolder === 'string' ? openDataFolder(dataFolder) : dataFolder;
  const entries = new Map<string, Entry>();
  const file = folder.readJson(FILE, isListFile) as { entries: unknown[] } | null;
  for (const raw of file?.entries ?? []) {
    const parsed = entry.safeParse(raw);
    if (parsed.success) entries.set(parsed.data.voice.id, parsed.data);
  }
  const forgetListeners = new Set<(voiceIds: string[]) => void>();
  const save = () => folder.writeJson(FILE, { schemaVersion: SCHEMA_VERSION, entries: [...entries.values()] });
  const newestFirst = () => [...entries.values()].sort((a, b) => b.removedAt - a.removedAt);

  return {
    add(voices: readonly VoiceRecord[], removedAt: number) {
      if (voices.length === 0) return;
      for (const voice of voices) entries.set(voice.id, { removedAt, voice });
      const forgotten = newestFirst().slice(KEEP).map((old) => old.voice.id);
      for (const id of forgotten) entries.delete(id);
      save();
      if (forgotten.length > 0) for (const listener of forgetListeners) listener(forgotten);
    },
    /** Whether this voice can still be put back. */
    has: (id: string) => entries.has(id),
    /** Hears the voices that fell off the list: they cannot come back any more. */
    onForget(listener: (voiceIds: string[]) => void): () => void {
      forgetListeners.add(listener);
      return () => forgetListeners.delete(listener);
    },
    /** Takes these voices out of the list and returns their records (unknown ids are skipped). */
    take(ids: readonly string[]): VoiceRecord[] {
      const taken = ids.map((id) => entries.get(id)?.voice).filter((voice) => voice !== undefined);
      if (taken.length === 0) return [];
      for (const voice of taken) entries.delete(voice.id);
      save();
      return taken;
    },
    /** Newest first. */
    list(): RemovedVoice[] {
      return newestFirst().map(({ removedAt, voice }) => ({ id: voice.id, name: voice.displayName, removedAt, targetModel: voice.targetModel }));
    },
  };
}

export type RemovedVoices = ReturnType<typeof createRemovedVoices>;
