import ElectronStore from 'electron-store';
import { DEFAULT_PREFERENCES, preferences as preferencesSchema, type Preferences } from '../../../shared/ipc/routes/settings';

/**
 * Non-secret preferences in their own electron-store file (`preferences.json` in the data folder).
 * Values that fail the schema (hand-edited file, older version) fall back to defaults one by one.
 */
export interface PreferencesService {
  get(): Preferences;
  update(patch: Partial<Preferences>): Preferences;
}

export function createPreferencesService(dataDir: string): PreferencesService {
  const store = new ElectronStore<Preferences>({
    cwd: dataDir,
    name: 'preferences',
    defaults: DEFAULT_PREFERENCES,
    clearInvalidConfig: true,
  });
  const read = (): Preferences => {
    const raw = store.store as Record<string, unknown>;
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
