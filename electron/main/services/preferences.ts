import ElectronStore from 'electron-store';
import { preferences as preferencesSchema, type Preferences } from '../../../shared/ipc/routes/settings';
import { DEFAULT_PREFERENCES, isAllowedCustomBaseUrl } from '../../../shared/settings';

/**
 * Non-secret preferences in their own electron-store file (`preferences.json` in the data folder).
 * The file is brought up to date by named migrations when opened; values that still fail the
 * schema (hand-edited file) fall back to defaults one by one.
 */
export interface PreferencesService {
  get(): Preferences;
  update(patch: Partial<Preferences>): Preferences;
}

/**
 * Layout versions of preferences.json:
 * 1. the first release (no `schemaVersion` field);
 * 2. custom base URLs must be https, or http to this computer only.
 */
export const PREFERENCES_SCHEMA_VERSION = 2;

type RawPreferences = Record<string, unknown>;

export interface PreferencesMigration {
  /** The version this migration produces. */
  to: number;
  name: string;
  migrate(file: RawPreferences): RawPreferences;
}

export const PREFERENCES_MIGRATIONS: readonly PreferencesMigration[] = [
  {
    to: 2,
    name: 'custom-base-url-secure-only',
    // A plain-http URL to another computer would carry the key unencrypted: drop it. The region
    // stays `custom`, so calls fail with "enter the base URL" instead of the key going elsewhere.
    migrate(file) {
      const url = typeof file.customBaseUrl === 'string' ? file.customBaseUrl.trim() : '';
      return { ...file, customBaseUrl: url === '' || isAllowedCustomBaseUrl(url) ? url : '' };
    },
  },
];

/** Brings a parsed file from its version up to PREFERENCES_SCHEMA_VERSION; `applied` names what ran. */
export function migratePreferences(file: RawPreferences, migrations = PREFERENCES_MIGRATIONS): { file: RawPreferences; applied: string[] } {
  const fromVersion = typeof file.schemaVersion === 'number' ? file.schemaVersion : 1;
  const applied: string[] = [];
  let migrated = file;
  for (const migration of migrations) {
    if (migration.to <= fromVersion || migration.to > PREFERENCES_SCHEMA_VERSION) continue;
    migrated = migration.migrate(migrated);
    applied.push(migration.name);
  }
  return { file: { ...migrated, schemaVersion: Math.max(fromVersion, PREFERENCES_SCHEMA_VERSION) }, applied };
}

export function createPreferencesService(dataDir: string): PreferencesService {
  const store = new ElectronStore<RawPreferences>({
    cwd: dataDir,
    name: 'preferences',
    defaults: { ...DEFAULT_PREFERENCES },
    clearInvalidConfig: true,
  });
  const { file, applied } = migratePreferences(store.store);
  if (applied.length > 0 || store.get('schemaVersion') !== file.schemaVersion) store.set(file);

  const read = (): Preferences => {
    const raw = store.store;
    const result = {} as Record<string, unknown>;
    for (const key of Object.keys(DEFAULT_PREFERENCES) as Array<keyof Preferences>) {
      const field = preferencesSchema.shape[key].safeParse(raw[key]);
      result[key] = field.success ? field.data : DEFAULT_PREFERENCES[key];
    }
    return result as Preferences;
  };
  return {
    get: read,
    update(patch) {
      const next = { ...read(), ...patch };
      store.set(next);
      return next;
    },
  };
}
