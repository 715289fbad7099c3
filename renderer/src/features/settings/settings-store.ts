import { create } from 'zustand';
import type { AppError, Result } from '../../../../shared/errors';
import type { ConnectionResult, KeyStatus } from '../../../../shared/ipc/routes/settings';
import type { Region } from '../../../../shared/models';
import { timbre } from '../../api';

/**
 * The key side of Settings: the status of the region shown in the form (never the key itself),
 * the last connection verdict, and what is in flight. Preferences live in `useApp`.
 */
interface SettingsState {
  /** Status of the key for the region in the form. */
  keyStatus: KeyStatus | null;
  busy: 'save' | 'remove' | 'test' | null;
  verdict: ConnectionResult | null;
  /** The keychain refused the last save: the screen offers a session-only key. */
  keychainRefused: boolean;
  loadStatus(region: Region): Promise<void>;
  /** Stores the key; null on success, else the error to show. */
  saveKey(region: Region, apiKey: string, sessionOnly?: boolean): Promise<AppError | null>;
  /** Main reads the key from the clipboard and stores it; the page never holds it. */
  pasteKey(region: Region): Promise<AppError | null>;
  saveEnvironmentKey(region: Region): Promise<AppError | null>;
  removeKey(region: Region): Promise<AppError | null>;
  testConnection(request: { region: Region; apiKey?: string; customBaseUrl?: string }): Promise<AppError | null>;
  clearVerdict(): void;
}

/** Only the newest status request may land: switching regions quickly must not show an older region's key. */
let statusRequest = 0;

export const useSettings = create<SettingsState>()((set, get) => {
  const applyStatus = (status: KeyStatus) => {
    statusRequest++;
    set({ keyStatus: status });
  };

  async function run<T>(busy: SettingsState['busy'], call: () => Promise<{ ok: true; value: T } | { ok: false; error: AppError }>, onValue: (value: T) => void) {
    set({ busy });
    try {
      const result = await call();
      if (!result.ok) return result.error;
      onValue(result.value);
      return null;
    } finally {
      set({ busy: null });
    }
  }

  /** Saves a key one way or another; a refusing keychain is answered in the form (with the session-only choice). */
  async function storeKey(call: () => Promise<Result<KeyStatus>>): Promise<AppError | null> {
    const error = await run('save', call, (status) => {
      applyStatus(status);
      set({ keychainRefused: false });
    });
    if (error?.code === 'KEYCHAIN_WRITE_FAILED') set({ keychainRefused: true });
    return error;
  }

  return {
    keyStatus: null,
    busy: null,
    verdict: null,
    keychainRefused: false,

    async loadStatus(region) {
      const request = ++statusRequest;
      const result = await timbre().keys.status({ region });
      if (request === statusRequest && result.ok) set({ keyStatus: result.value });
    },

    async saveKey(region, apiKey, sessionOnly = false) {
      return storeKey(() => timbre().keys.save({ region, apiKey, sessionOnly }));
    },

    async pasteKey(region) {
      return storeKey(() => timbre().keys.pasteFromClipboard({ region }));
    },

    saveEnvironmentKey: (region) => run('save', () => timbre().keys.saveEnvironmentKey({ region }), applyStatus),

    removeKey: (region) => run('remove', () => timbre().keys.remove({ region }), (status) => {
      applyStatus(status);
      if (get().verdict?.region === region) set({ verdict: null });
    }),

    testConnection: (request) => {
      set({ verdict: null });
      return run('test', () => timbre().keys.testConnection(request), (verdict) => set({ verdict }));
    },

    clearVerdict: () => set({ verdict: null, keychainRefused: false }),
  };
});
