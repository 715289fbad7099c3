/**
 * Named, ordered, idempotent migrations of `catalog.json`'s layout. Each takes the file as the
 * previous version wrote it and returns it in its own version's layout; records are validated by
 * the schemas only afterwards, so a migration never has to trust its input.
 *
 * Versions:
 * 1. `{ samples: {id: record}, voices: {id: record} }`, no version field (the first catalog store).
 * 2. adds `schemaVersion`, `hiddenRemote` and `notices`; each voice keeps the transcript it was
 *    enrolled with (taken from its sample) and when a sync last saw it on the account.
 */
import { CATALOG_SCHEMA_VERSION } from '../../../shared/catalog';

export interface RawCatalog {
  schemaVersion?: unknown;
  samples?: unknown;
  voices?: unknown;
  hiddenRemote?: unknown;
  notices?: unknown;
  [key: string]: unknown;
}

export interface CatalogMigration {
  /** The version this migration produces. */
  to: number;
  name: string;
  migrate(file: RawCatalog): RawCatalog;
}

const asRecordMap = (value: unknown): Record<string, Record<string, unknown>> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, Record<string, unknown>>) : {};

export const CATALOG_MIGRATIONS: readonly CatalogMigration[] = [
  {
    to: 2,
    name: 'voice-transcripts-and-sync-fields',
    migrate(file) {
      const samples = asRecordMap(file.samples);
      const voices: Record<string, unknown> = {};
      for (const [id, voice] of Object.entries(asRecordMap(file.voices))) {
        if (!voice || typeof voice !== 'object') {
          voices[id] = voice;
          continue;
        }
        const sample = typeof voice.sampleId === 'string' ? samples[voice.sampleId] : undefined;
        voices[id] = {
          ...voice,
          transcript: typeof voice.transcript === 'string' ? voice.transcript : typeof sample?.transcript === 'string' ? sample.transcript : '',
          remoteCheckedAt: typeof voice.remoteCheckedAt === 'number' ? voice.remoteCheckedAt : null,
        };
      }
      return {
        ...file,
        schemaVersion: 2,
        samples,
        voices,
        hiddenRemote: Array.isArray(file.hiddenRemote) ? file.hiddenRemote : [],
        notices: Array.isArray(file.notices) ? file.notices : [],
      };
    },
  },
];

/** Brings a parsed file from `fromVersion` up to CATALOG_SCHEMA_VERSION; `applied` names what ran. */
export function migrateCatalog(raw: unknown, fromVersion: number, migrations: readonly CatalogMigration[] = CATALOG_MIGRATIONS): { file: RawCatalog; applied: string[] } {
  let file: RawCatalog = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as RawCatalog) : {};
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.to <= fromVersion || migration.to > CATALOG_SCHEMA_VERSION) continue;
    file = migration.migrate(file);
    applied.push(migration.name);
  }
  return { file, applied };
}
