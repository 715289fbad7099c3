import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { z } from 'zod';
import { CATALOG_SCHEMA_VERSION, type CatalogNotice, type SampleRecord, type VoiceRecord } from '../../../shared/catalog';
import { catalogNotice, sampleRecord, voiceRecord } from '../../../shared/catalog-schema';
import { fileStamp, isPlainObject, openDataFolder, type AppendLog, type DataFolder } from '../foundation/data-folder';
import type { Logger } from '../foundation/log';
import { applyJournal, compactInWorker, COMPACTING_FILE, JOURNAL_FILE, opLine, putLine, repairJournal } from './journal';
import { migrateCatalog, type RawCatalog } from './migrations';
import { salvageRecords } from './salvage';
import { mayHoldKeys, scrubStoredKeys } from './scrub-keys';

/**
 * Sample and voice records: `catalog.json` (the snapshot) plus `catalog.journal` (every change
 * since, one fsynced line each; see journal.ts), written through data-folder.ts. Records
 * are keyed by id; audio stays in files (see audio-files.ts), never in here.
 *
 * A change is in memory only once it is on disk: when a write fails (full disk, read-only folder)
 * the change is undone and the typed error goes to the caller, so the user never sees an edit
 * that a restart would take back.
 *
 * Opening never silently empties the catalog: a file that is not JSON, or is JSON of another
 * shape, or cannot be read, is moved aside and the records that can still be read are kept;
 * records that fail the schema are written to a side file; a file from a newer Timbre is copied
 * aside before anything is rewritten. The journal is held to the same rule: a damaged one gives up
 * the records still whole in it and is copied aside, an unreadable one is moved aside. Each case
 * leaves a notice the Library shows until the user dismisses it.
 *
 * Speed: an edit appends only the records that changed, whatever the catalog's size; each
 * record's JSON is cached, so unchanged records are never encoded again. Merging the journal into
 * the snapshot runs in a worker thread once the journal reaches half the snapshot's size.
 */
export interface CatalogStore {
  getSample(id: string): SampleRecord | undefined;
  listSamples(): SampleRecord[];
  putSample(sample: SampleRecord): void;
  deleteSample(id: string): void;
  getVoice(id: string): VoiceRecord | undefined;
  listVoices(): VoiceRecord[];
  putVoice(voice: VoiceRecord): void;
  deleteVoice(id: string): void;
  /** The local voice that holds this service voice id, if any. */
  findVoiceByServiceId(voice: string): VoiceRecord | undefined;
  /** Service voice ids the user deleted locally only; a sync does not bring them back. */
  isHiddenRemote(voice: string): boolean;
  setHiddenRemote(voice: string, hidden: boolean): void;
  /** Runs `fn` and writes the file (and reports the change) once at the end. */
  batch<T>(fn: () => T): T;
  notices(): CatalogNotice[];
  /** Adds a notice for the Library (kept in memory if it cannot be written). */
  addNotice(fields: NoticeFields): void;
  dismissNotice(id: string): void;
  onChange(listener: (change: CatalogChange) => void): () => void;
  /** Merges the journal into `catalog.json` now and waits (tests, benchmarks, quitting). */
  flush(): Promise<void>;
  /** Waits for a merge in progress and closes the journal. */
  close(): Promise<void>;
}

/** A notice as a store reports it; `at` defaults to now. */
export type NoticeFields = Omit<z.input<typeof catalogNotice>, 'id' | 'at'> & { at?: number };

export interface CatalogChange {
  samples: SampleRecord[];
  voices: VoiceRecord[];
  removedSampleIds: string[];
  removedVoiceIds: string[];
}

export interface CatalogStoreOptions {
  log?: Logger;
  now?: () => number;
}

/** The file as written by this version. */
interface CatalogSnapshot {
  schemaVersion: number;
  samples: Map<string, SampleRecord>;
  voices: Map<string, VoiceRecord>;
  hiddenRemote: Set<string>;
  notices: CatalogNotice[];
}

export const CATALOG_FILE = 'catalog.json';

/**
 * Each stored record's JSON as UTF-8 bytes. Records are replaced, never mutated, so the object is
 * a safe cache key, and a write only encodes the records that changed.
 */
const recordJson = new WeakMap<object, Buffer>();
function bytesOf(record: { id: string }): Buffer {
  let bytes = recordJson.get(record);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(record));
    recordJson.set(record, bytes);
  }
  return bytes;
}

const COMMA = Buffer.from(',');

function recordsBytes(records: Map<string, { id: string }>): Buffer[] {
  const parts: Buffer[] = [Buffer.from('{')];
  for (const record of records.values()) {
    if (parts.length > 1) parts.push(COMMA);
    parts.push(Buffer.from(`${JSON.stringify(record.id)}:`), bytesOf(record));
  }
  parts.push(Buffer.from('}'));
  return parts;
}

/** The snapshot's bytes (written when opening needs a rewrite); joining cached bytes is several times faster than one big string. */
function serializeCatalog(snapshot: CatalogSnapshot): Buffer {
  return Buffer.concat([
    Buffer.from(`{"schemaVersion":${snapshot.schemaVersion},"samples":`),
    ...recordsBytes(snapshot.samples),
    Buffer.from(',"voices":'),
    ...recordsBytes(snapshot.voices),
    Buffer.from(`,"hiddenRemote":${JSON.stringify([...snapshot.hiddenRemote])},"notices":${JSON.stringify(snapshot.notices)}}`),
  ]);
}

/**
 * The layout of some version of catalog.json: an object with both record maps. Every version
 * writes both, even when empty, so a file without them (`{}`, a bare version) is damage, not an
 * empty library.
 */
function isCatalogShape(raw: unknown): boolean {
  return isPlainObject(raw) && isPlainObject(raw.samples) && isPlainObject(raw.voices);
}

interface Loaded {
  snapshot: CatalogSnapshot;
  /** The file must be rewritten (migrated, recovered or cleaned). */
  dirty: boolean;
  /** A merge an earlier run did not finish (its journal is still there). */
  compactingLeft: boolean;
  /** Changes an earlier run appended and nobody merged yet. */
  journalLeft: boolean;
  snapshotBytes: number;
}

/** A journal smaller than this is never merged: appending is cheap, merging is not. */
const COMPACT_MIN_BYTES = 1024 * 1024;

function readRecords<T extends { id: string }>(
  raw: unknown, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }, rejected: unknown[],
): Map<string, T> {
  const records = new Map<string, T>();
  const values = raw && typeof raw === 'object' ? Object.values(raw as Record<string, unknown>) : [];
  for (const value of values) {
    const parsed = schema.safeParse(value);
    if (parsed.success) records.set(parsed.data.id, parsed.data);
    else rejected.push(value);
  }
  return records;
}

export function createCatalogStore(dataFolder: DataFolder | string, options: CatalogStoreOptions = {}): CatalogStore {
  const now = options.now ?? Date.now;
  const log = options.log;
  const folder = typeof dataFolder === 'string' ? openDataFolder(dataFolder, { log, now }) : dataFolder;

  function notice(fields: NoticeFields): CatalogNotice {
    return catalogNotice.parse({ id: randomUUID(), at: now(), ...fields });
  }

  function load(): Loaded {
    let text: string | null = null;
    let unreadable = false;
    try {
      text = folder.readText(CATALOG_FILE);
    } catch (error) {
      // A directory in its place, no permission to read: start, keep it, say so.
      log?.warn('catalog file could not be read', { code: (error as NodeJS.ErrnoException).code });
      unreadable = true;
    }
    // The journal is the catalog too: what parses is kept, the rest is set aside and told once.
    const journalNotices: CatalogNotice[] = [];
    const [compacting, current] = [COMPACTING_FILE, JOURNAL_FILE].map((name) => {
      let journal: string | null;
      try {
        journal = folder.readText(name);
      } catch (error) {
        // A directory in its place, another user's file: moved aside, so a new journal can be written.
        log?.warn('catalog journal could not be read; set aside', { name, code: (error as NodeJS.ErrnoException).code });
        journalNotices.push(notice({ kind: 'journal-damaged', file: name, keptAs: folder.keepAside(name, 'unreadable'), rejectedRecords: 0 }));
        return null;
      }
      if (journal === null) return null;
      const repaired = repairJournal(journal);
      if (repaired.damagedLines > 0) {
        const keptAs = folder.keepAside(name, 'damaged', { copy: true });
        log?.warn('catalog journal lines were damaged; kept what could be read', { name, keptAs, lines: repaired.damagedLines });
        journalNotices.push(notice({
          kind: 'journal-damaged', file: name, keptAs,
          recoveredSamples: repaired.salvagedSamples, recoveredVoices: repaired.salvagedVoices, rejectedRecords: repaired.damagedLines,
        }));
      }
      return repaired.text;
    });
    const compactingLeft = compacting !== null;
    const journalLeft = current !== null && current !== '';
    const journals = [compacting, current].filter((journal): journal is string => journal !== null);
    /** The journal's changes on top of the snapshot's records (see journal.ts). */
    const withJournal = (file: RawCatalog) => {
      const skipped = journals.reduce((count, journal) => count + applyJournal(file, journal), 0);
      if (skipped > 0) log?.warn('catalog journal lines that are no change were skipped', { skipped });
      return file;
    };

    let raw: unknown = { schemaVersion: CATALOG_SCHEMA_VERSION, samples: {}, voices: {}, hiddenRemote: [], notices: [] };
    try {
      if (unreadable) throw new Error('unreadable');
      if (text !== null) raw = JSON.parse(text);
      if (!isCatalogShape(raw)) throw new Error('not a catalog');
    } catch {
      const keptAs = folder.keepAside(CATALOG_FILE, 'corrupt');
      const salvaged = text === null ? { samples: [], voices: [] } : salvageRecords(text);
      log?.warn('catalog file was damaged; moved aside and recovered what could be read', {
        keptAs, samples: salvaged.samples.length, voices: salvaged.voices.length,
      });
      const file = withJournal({
        schemaVersion: CATALOG_SCHEMA_VERSION,
        samples: Object.fromEntries(salvaged.samples.map((sample) => [sample.id, sample])),
        voices: Object.fromEntries(salvaged.voices.map((voice) => [voice.id, voice])),
      });
      const rejected: unknown[] = [];
      const voices = readRecords(file.voices, voiceRecord, rejected);
      if (mayHoldKeys([text, ...journals])) scrubStoredKeys(voices);
      return {
        snapshot: {
          schemaVersion: CATALOG_SCHEMA_VERSION,
          samples: readRecords(file.samples, sampleRecord, rejected),
          voices,
          hiddenRemote: new Set(Array.isArray(file.hiddenRemote) ? file.hiddenRemote.filter((id): id is string => typeof id === 'string') : []),
          notices: [
            notice({ kind: 'recovered-corrupt', keptAs, recoveredSamples: salvaged.samples.length, recoveredVoices: salvaged.voices.length, rejectedRecords: 0 }),
            ...journalNotices,
          ],
        },
        dirty: true,
        compactingLeft,
        journalLeft,
        snapshotBytes: 0,
      };
    }

    const notices: CatalogNotice[] = [...journalNotices];
    const fileVersion = typeof (raw as { schemaVersion?: unknown })?.schemaVersion === 'number' ? (raw as { schemaVersion: number }).schemaVersion : 1;
    if (fileVersion > CATALOG_SCHEMA_VERSION) {
      // A newer Timbre wrote this; keep its file untouched before we rewrite it in our layout.
      notices.push(notice({ kind: 'newer-version', keptAs: folder.keepAside(CATALOG_FILE, `v${fileVersion}`, { copy: true }), recoveredSamples: 0, recoveredVoices: 0, rejectedRecords: 0 }));
    }
    const migrated = migrateCatalog(raw, fileVersion);
    const { applied } = migrated;
    if (applied.length > 0) log?.info('catalog migrated', { applied });
    const file = withJournal(migrated.file);

    const rejected: unknown[] = [];
    const samples = readRecords(file.samples, sampleRecord, rejected);
    const voices = readRecords(file.voices, voiceRecord, rejected);
    const scrubbedVoices = mayHoldKeys([text, ...journals]) ? scrubStoredKeys(voices) : 0;
    if (scrubbedVoices > 0) log?.warn('catalog: key-like text an earlier version stored was scrubbed', { voices: scrubbedVoices });
    const storedNotices = Array.isArray(file.notices) ? file.notices.flatMap((item) => {
      const parsed = catalogNotice.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }) : [];
    if (rejected.length > 0) {
      let keptAs: string | null = `catalog.rejected-${fileStamp(now())}.json`;
      try {
        folder.write(keptAs, JSON.stringify(rejected, null, 2));
      } catch {
        keptAs = null; // read-only: the records stay in catalog.json, which is not rewritten either
      }
      log?.warn('catalog records that do not fit the schema were set aside', { keptAs, count: rejected.length });
      notices.push(notice({ kind: 'rejected-records', keptAs, recoveredSamples: 0, recoveredVoices: 0, rejectedRecords: rejected.length }));
    }
    const hiddenRemote = new Set(Array.isArray(file.hiddenRemote) ? file.hiddenRemote.filter((id): id is string => typeof id === 'string') : []);
    return {
      snapshot: { schemaVersion: CATALOG_SCHEMA_VERSION, samples, voices, hiddenRemote, notices: [...storedNotices, ...notices] },
      dirty: applied.length > 0 || notices.length > 0 || scrubbedVoices > 0 || (text !== null && fileVersion !== CATALOG_SCHEMA_VERSION),
      compactingLeft,
      journalLeft,
      snapshotBytes: text?.length ?? 0,
    };
  }

  const loaded = load();
  const state = loaded.snapshot;

  const listeners = new Set<(change: CatalogChange) => void>();
  let batchDepth = 0;
  let pendingWrite = false;
  let pending: { samples: Map<string, SampleRecord>; voices: Map<string, VoiceRecord>; removedSamples: Set<string>; removedVoices: Set<string> } = {
    samples: new Map(), voices: new Map(), removedSamples: new Set(), removedVoices: new Set(),
  };
  /** How to take back each change not yet on disk, newest last. */
  let undo: Array<() => void> = [];
  let hiddenChanged = false;
  let noticesChanged = false;

  /** The whole snapshot, when opening had to migrate or recover; the journals are in it now. */
  function rewriteSnapshot(): void {
    folder.write(CATALOG_FILE, serializeCatalog(state));
    folder.remove(COMPACTING_FILE);
    folder.remove(JOURNAL_FILE);
    compactingLeft = false;
  }

  let compactingLeft = loaded.compactingLeft;
  if (loaded.dirty && !folder.readOnly) {
    try {
      rewriteSnapshot();
    } catch (error) {
      // A full disk at start: the catalog still opens; the journal keeps later changes.
      log?.warn('catalog could not be rewritten after opening', { code: (error as { code?: string }).code });
    }
  }

  /** Open from the start when an earlier run left changes in it, so they are merged in time too. */
  let journal: AppendLog | null = null;
  if (loaded.journalLeft && !folder.readOnly) {
    try {
      journal = folder.appendLog(JOURNAL_FILE);
    } catch (error) {
      log?.warn('catalog journal could not be opened', { code: (error as { code?: string }).code });
    }
  }
  let snapshotBytes = loaded.snapshotBytes;
  let compaction: Promise<void> | null = null;

  /** The pending changes as journal lines. */
  function journalLines(): Buffer[] {
    const parts: Buffer[] = [];
    for (const sample of pending.samples.values()) parts.push(...putLine('s', bytesOf(sample)));
    for (const id of pending.removedSamples) parts.push(opLine({ k: 'S', id }));
    for (const voice of pending.voices.values()) parts.push(...putLine('v', bytesOf(voice)));
    for (const id of pending.removedVoices) parts.push(opLine({ k: 'V', id }));
    if (hiddenChanged) parts.push(opLine({ k: 'h', all: [...state.hiddenRemote] }));
    if (noticesChanged) parts.push(opLine({ k: 'n', all: state.notices }));
    return parts;
  }

  function write(): void {
    const parts = journalLines();
    if (parts.length === 0) return;
    journal ??= folder.appendLog(JOURNAL_FILE);
    journal.append(parts);
  }

  /** Merges the journal into the snapshot in a worker; a failure leaves both as they are (nothing is lost). */
  async function compact(): Promise<void> {
    try {
      if (!compactingLeft) {
        if (!journal || journal.size === 0) return;
        journal.close();
        journal = null;
        folder.rename(JOURNAL_FILE, COMPACTING_FILE);
        compactingLeft = true;
      }
      const empty = serializeCatalog({ schemaVersion: CATALOG_SCHEMA_VERSION, samples: new Map(), voices: new Map(), hiddenRemote: new Set(), notices: [] });
      snapshotBytes = await compactInWorker({
        snapshot: join(folder.dir, CATALOG_FILE),
        journals: [join(folder.dir, COMPACTING_FILE)],
        temp: join(folder.dir, `${CATALOG_FILE}.${randomUUID().slice(0, 8)}.tmp`),
        empty: empty.toString(),
      });
      folder.remove(COMPACTING_FILE);
      compactingLeft = false;
    } catch (error) {
      log?.warn('catalog compaction failed; the journal keeps every change', { code: (error as { code?: string }).code });
    }
  }

  function compactInBackground(): void {
    if (compaction || folder.readOnly) return;
    compaction = compact().finally(() => {
      compaction = null;
    });
  }

  /** The journal grew to half the snapshot (at least COMPACT_MIN_BYTES): time to merge. */
  function compactWhenLarge(): void {
    if (journal && journal.size >= Math.max(COMPACT_MIN_BYTES, snapshotBytes / 2)) compactInBackground();
  }

  function commit(): void {
    pendingWrite = true;
    if (batchDepth > 0) return;
    pendingWrite = false;
    try {
      write();
    } catch (error) {
      // Not on disk, so not in memory either: the caller gets the error and nothing changed.
      for (const step of undo.reverse()) step();
      undo = [];
      hiddenChanged = noticesChanged = false;
      pending = { samples: new Map(), voices: new Map(), removedSamples: new Set(), removedVoices: new Set() };
      throw error;
    }
    undo = [];
    hiddenChanged = noticesChanged = false;
    compactWhenLarge();
    const change: CatalogChange = {
      samples: [...pending.samples.values()],
      voices: [...pending.voices.values()],
      removedSampleIds: [...pending.removedSamples],
      removedVoiceIds: [...pending.removedVoices],
    };
    pending = { samples: new Map(), voices: new Map(), removedSamples: new Set(), removedVoices: new Set() };
    if (change.samples.length + change.voices.length + change.removedSampleIds.length + change.removedVoiceIds.length === 0) return;
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        log?.error('catalog change listener failed', error);
      }
    }
  }

  // What an earlier run left half-merged is merged now, in the background.
  if (compactingLeft) compactInBackground();

  /** Restores `id` in `records` to what it was before a change. */
  function restoring<T>(records: Map<string, T>, id: string): () => void {
    const had = records.has(id);
    const before = records.get(id);
    return () => {
      if (had) records.set(id, before as T);
      else records.delete(id);
    };
  }

  function put<T extends { id: string }>(records: Map<string, T>, record: T, changed: Map<string, T>, removed: Set<string>): void {
    const previous = records.get(record.id);
    if (previous && bytesOf(previous).equals(bytesOf(record))) return;
    undo.push(restoring(records, record.id));
    records.set(record.id, record);
    changed.set(record.id, record);
    removed.delete(record.id);
    commit();
  }

  function remove<T>(records: Map<string, T>, id: string, changed: Map<string, T>, removed: Set<string>): void {
    if (!records.has(id)) return;
    undo.push(restoring(records, id));
    records.delete(id);
    changed.delete(id);
    removed.add(id);
    commit();
  }

  function setNotices(next: CatalogNotice[]): void {
    const before = state.notices;
    undo.push(() => {
      state.notices = before;
    });
    state.notices = next;
    noticesChanged = true;
    commit();
  }

  return {
    getSample: (id) => state.samples.get(id),
    listSamples: () => [...state.samples.values()],
    putSample: (sample) => put(state.samples, sampleRecord.parse(sample), pending.samples, pending.removedSamples),
    deleteSample: (id) => remove(state.samples, id, pending.samples, pending.removedSamples),
    getVoice: (id) => state.voices.get(id),
    listVoices: () => [...state.voices.values()],
    putVoice: (voice) => put(state.voices, voiceRecord.parse(voice), pending.voices, pending.removedVoices),
    deleteVoice: (id) => remove(state.voices, id, pending.voices, pending.removedVoices),
    findVoiceByServiceId(voice) {
      for (const record of state.voices.values()) if (record.voice === voice) return record;
      return undefined;
    },
    isHiddenRemote: (voice) => state.hiddenRemote.has(voice),
    setHiddenRemote(voice, hidden) {
      if (state.hiddenRemote.has(voice) === hidden) return;
      const flip = (on: boolean) => (on ? state.hiddenRemote.add(voice) : state.hiddenRemote.delete(voice));
      undo.push(() => flip(!hidden));
      flip(hidden);
      hiddenChanged = true;
      commit();
    },
    batch(fn) {
      batchDepth++;
      try {
        return fn();
      } finally {
        batchDepth--;
        if (batchDepth === 0 && pendingWrite) commit();
      }
    },
    notices: () => [...state.notices],
    addNotice(fields) {
      const added = notice({ ...fields });
      try {
        setNotices([...state.notices, added]);
      } catch {
        // Shown for this run at least (a read-only folder or a full disk cannot keep it).
        state.notices = [...state.notices, added];
      }
    },
    dismissNotice(id) {
      const next = state.notices.filter((item) => item.id !== id);
      if (next.length === state.notices.length) return;
      setNotices(next);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async flush() {
      while (compaction) await compaction;
      compactInBackground();
      while (compaction) await compaction;
    },
    async close() {
      while (compaction) await compaction;
      journal?.close();
      journal = null;
    },
  };
}
