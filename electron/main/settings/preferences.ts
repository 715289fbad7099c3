import { preferences as preferencesSchema, type Preferences } from '../../../shared/ipc/routes/settings';
import { DEFAULT_PREFERENCES, isAllowedCustomBaseUrl } from '../../../shared/settings';
import { isPlainObject, openDataFolder, type DataFolder } from '../foundation/data-folder';
import type { Logger } from '../foundation/log';

/**
 * Non-secret preferences in their own file (`preferences.json` in the data folder). The file is
 * brought up to date by named migrations when opened; values that still fail the schema
 * (hand-edited file) fall back to defaults one by one, and a file that cannot be read at all is
 * set aside by the data folder. A change counts once it is on disk.
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

export const PREFERENCES_FILE = 'preferences.json';

export function createPreferencesService(dataFolder: DataFolder | string, log?: Logger): PreferencesService {
  const folder = typeof dataFolder === 'string' ? openDataFolder(dataFolder, { log }) : dataFolder;
  const stored = folder.readJson(PREFERENCES_FILE, isPlainObject) as RawPreferences | null;
  const { file, applied } = migratePreferences({ ...DEFAULT_PREFERENCES, ...stored });
  let raw = file;
  if (stored !== null && (applied.length > 0 || stored.schemaVersion !== file.schemaVersion)) {
    try {
      folder.writeJson(PREFERENCES_FILE, file);
    } catch (error) {
      // Read-only or full: the migrated values apply for this run; the file is rewritten later.
      log?.warn('preferences could not be rewritten after migrating', { code: (error as { code?: string }).code });
    }
  }

  const read = (): Preferences => {
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
      // A field sent as `undefined` means "unchanged", like a field left out.
      const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const next = { ...raw, ...read(), ...defined };
      folder.writeJson(PREFERENCES_FILE, next);
      raw = next;
      return read();
    },
  };
}
