import ElectronStore from 'electron-store';
import { randomUUID } from 'node:crypto';
import { copyFileSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_SCHEMA_VERSION, type CatalogNotice, type SampleRecord, type VoiceRecord } from '../../../shared/catalog';
import { catalogNotice, sampleRecord, voiceRecord } from '../../../shared/catalog-schema';
import type { Logger } from './log';
import { migrateCatalog } from './catalog-migrations';
import { salvageRecords } from './catalog-salvage';

/**
 * Sample and voice records in electron-store (`catalog.json` in the data folder, written atomically
 * by conf). Records are keyed by id; audio stays in files (see audio-files.ts), never in here.
 *
 * Opening never silently empties the catalog: a file that is not JSON is moved aside and the
 * records that can still be read are kept; records that fail the schema are written to a side file;
 * a file from a newer Timbre is copied aside before anything is rewritten. Each case leaves a
 * notice the Library shows until the user dismisses it.
 *
 * Speed with 10,000 entries: records are immutable once stored, and each one's JSON is cached, so a
 * write serialises only the record that changed and concatenates the rest.
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
  dismissNotice(id: string): void;
  onChange(listener: (change: CatalogChange) => void): () => void;
}

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

const fileStamp = (ms: number) => new Date(ms).toISOString().replace(/[:.]/g, '-');

/**
 * Each stored record's `"id":{…}` entry as UTF-8 bytes. Records are replaced, never mutated, so the
 * object is a safe cache key, and a write only encodes the records that changed.
 */
const entryBytes = new WeakMap<object, Buffer>();
function bytesOf(record: { id: string }): Buffer {
  let bytes = entryBytes.get(record);
  if (bytes === undefined) {
    bytes = Buffer.from(`${JSON.stringify(record.id)}:${JSON.stringify(record)}`);
    entryBytes.set(record, bytes);
  }
  return bytes;
}

const COMMA = Buffer.from(',');

function recordsBytes(records: Map<string, { id: string }>): Buffer[] {
  const parts: Buffer[] = [Buffer.from('{')];
  for (const record of records.values()) {
    if (parts.length > 1) parts.push(COMMA);
    parts.push(bytesOf(record));
  }
  parts.push(Buffer.from('}'));
  return parts;
}

/**
 * conf's `serialize` hook. It returns bytes rather than a string: conf passes the result straight
 * to its atomic file write, which takes either, and joining cached bytes is several times faster
 * than building a 5 MB string for every write.
 */
function serializeCatalog(value: unknown): string {
  const snapshot = value as CatalogSnapshot;
  return Buffer.concat([
    Buffer.from(`{"schemaVersion":${snapshot.schemaVersion},"samples":`),
    ...recordsBytes(snapshot.samples),
    Buffer.from(',"voices":'),
    ...recordsBytes(snapshot.voices),
    Buffer.from(`,"hiddenRemote":${JSON.stringify([...snapshot.hiddenRemote])},"notices":${JSON.stringify(snapshot.notices)}}`),
  ]) as unknown as string;
}

/** conf parses the file when it opens it; remembering the last parse lets our own read reuse it. */
function memoizedParse() {
  let lastText: string | null = null;
  let lastValue: unknown;
  return (text: string): unknown => {
    if (text !== lastText) {
      lastValue = JSON.parse(text);
      lastText = text;
    }
    return lastValue;
  };
}

interface Loaded {
  snapshot: CatalogSnapshot;
  /** The file must be rewritten (migrated, recovered or cleaned). */
  dirty: boolean;
}

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

export function createCatalogStore(dataDir: string, options: CatalogStoreOptions = {}): CatalogStore {
  const now = options.now ?? Date.now;
  const log = options.log;
  const path = join(dataDir, CATALOG_FILE);
  const parse = memoizedParse();

  function keepAside(suffix: string, move: boolean): string {
    const name = `catalog.${suffix}-${fileStamp(now())}.json`;
    if (move) renameSync(path, join(dataDir, name));
    else copyFileSync(path, join(dataDir, name));
    return name;
  }

  function notice(fields: Omit<CatalogNotice, 'id' | 'at'>): CatalogNotice {
    return catalogNotice.parse({ id: randomUUID(), at: now(), ...fields });
  }

  function load(): Loaded {
    let text: string | null = null;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const empty: CatalogSnapshot = { schemaVersion: CATALOG_SCHEMA_VERSION, samples: new Map(), voices: new Map(), hiddenRemote: new Set(), notices: [] };
    if (text === null) return { snapshot: empty, dirty: false };

    let raw: unknown;
    try {
      raw = parse(text);
    } catch {
      const keptAs = keepAside('corrupt', true);
      const salvaged = salvageRecords(text);
      log?.warn('catalog file was not valid JSON; moved aside and recovered what could be read', {
        keptAs, samples: salvaged.samples.length, voices: salvaged.voices.length,
      });
      return {
        snapshot: {
          ...empty,
          samples: new Map(salvaged.samples.map((sample) => [sample.id, sample])),
          voices: new Map(salvaged.voices.map((voice) => [voice.id, voice])),
          notices: [notice({ kind: 'recovered-corrupt', keptAs, recoveredSamples: salvaged.samples.length, recoveredVoices: salvaged.voices.length, rejectedRecords: 0 })],
        },
        dirty: true,
      };
    }

    const notices: CatalogNotice[] = [];
    const fileVersion = typeof (raw as { schemaVersion?: unknown })?.schemaVersion === 'number' ? (raw as { schemaVersion: number }).schemaVersion : 1;
    if (fileVersion > CATALOG_SCHEMA_VERSION) {
      // A newer Timbre wrote this; keep its file untouched before we rewrite it in our layout.
      notices.push(notice({ kind: 'newer-version', keptAs: keepAside(`v${fileVersion}`, false), recoveredSamples: 0, recoveredVoices: 0, rejectedRecords: 0 }));
    }
    const { file, applied } = migrateCatalog(raw, fileVersion);
    if (applied.length > 0) log?.info('catalog migrated', { applied });

    const rejected: unknown[] = [];
    const samples = readRecords(file.samples, sampleRecord, rejected);
    const voices = readRecords(file.voices, voiceRecord, rejected);
    const storedNotices = Array.isArray(file.notices) ? file.notices.flatMap((item) => {
      const parsed = catalogNotice.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    }) : [];
    if (rejected.length > 0) {
      const keptAs = `catalog.rejected-${fileStamp(now())}.json`;
      writeFileSync(join(dataDir, keptAs), JSON.stringify(rejected, null, 2));
      log?.warn('catalog records that do not fit the schema were set aside', { keptAs, count: rejected.length });
      notices.push(notice({ kind: 'rejected-records', keptAs, recoveredSamples: 0, recoveredVoices: 0, rejectedRecords: rejected.length }));
    }
    const hiddenRemote = new Set(Array.isArray(file.hiddenRemote) ? file.hiddenRemote.filter((id): id is string => typeof id === 'string') : []);
    return {
      snapshot: { schemaVersion: CATALOG_SCHEMA_VERSION, samples, voices, hiddenRemote, notices: [...storedNotices, ...notices] },
      dirty: applied.length > 0 || notices.length > 0 || fileVersion !== CATALOG_SCHEMA_VERSION,
    };
  }

  const loaded = load();
  const state = loaded.snapshot;
  const store = new ElectronStore<Record<string, unknown>>({
    cwd: dataDir,
    name: 'catalog',
    serialize: serializeCatalog,
    deserialize: (text) => parse(text) as Record<string, unknown>,
  });

  const listeners = new Set<(change: CatalogChange) => void>();
  let batchDepth = 0;
  let pendingWrite = false;
  let pending: { samples: Map<string, SampleRecord>; voices: Map<string, VoiceRecord>; removedSamples: Set<string>; removedVoices: Set<string> } = {
    samples: new Map(), voices: new Map(), removedSamples: new Set(), removedVoices: new Set(),
  };

  function write(): void {
    // `__internal__` present tells conf there is nothing of its own to carry over, so it does not
    // re-read and re-parse the whole file before every write; serializeCatalog leaves it out.
    store.store = { __internal__: {}, ...state } as unknown as Record<string, unknown>;
  }

  function commit(): void {
    pendingWrite = true;
    if (batchDepth > 0) return;
    pendingWrite = false;
    write();
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

  if (loaded.dirty) write();

  function put<T extends { id: string }>(records: Map<string, T>, record: T, changed: Map<string, T>, removed: Set<string>): void {
    const previous = records.get(record.id);
    if (previous && bytesOf(previous).equals(bytesOf(record))) return;
    records.set(record.id, record);
    changed.set(record.id, record);
    removed.delete(record.id);
    commit();
  }

  function remove<T>(records: Map<string, T>, id: string, changed: Map<string, T>, removed: Set<string>): void {
    if (!records.delete(id)) return;
    changed.delete(id);
    removed.add(id);
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
      if (hidden) state.hiddenRemote.add(voice);
      else state.hiddenRemote.delete(voice);
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
    dismissNotice(id) {
      const next = state.notices.filter((item) => item.id !== id);
      if (next.length === state.notices.length) return;
      state.notices = next;
      commit();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
