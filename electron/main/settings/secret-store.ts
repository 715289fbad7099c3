/**
 * Where secrets live. In the app this is the OS keychain (keytar); when no keychain is reachable
 * the app offers a session-only memory store instead of ever writing a secret to disk.
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'memory';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

import type { Region } from '../../../shared/models';

export const KEYCHAIN_SERVICE = 'Timbre';

/** Keys are region-bound, so each region has its own keychain account. */
export const apiKeyAccount = (region: Region) => `dashscope-api-key:${region}`;

export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    kind: 'memory',
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
  };
}

export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** The OS keychain through keytar (loaded lazily: a missing native build must not stop the app). */
export function createKeytarSecretStore(keytar: KeytarLike, service = KEYCHAIN_SERVICE): SecretStore {
  return {
    kind: 'keychain',
    get: (account) => keytar.getPassword(service, account),
    set: (account, secret) => keytar.setPassword(service, account, secret),
    delete: (account) => keytar.deletePassword(service, account),
  };
}

/**
 * A Secret Service that is declared on D-Bus but fails to start answers only when D-Bus gives up
 * on it (25 s), all that time behind the "Starting…" screen. Past this, Timbre goes on with a
 * session-only key and says why; the keychain is tried again at the next start.
 */
export const KEYCHAIN_ANSWER_MS = 10_000;

export interface OpenKeychainOptions {
  timeoutMs?: number;
  /** keytar's module; loaded lazily so a missing native build does not stop the app. */
  loadKeytar?: () => Promise<KeytarLike>;
}

async function importKeytar(): Promise<KeytarLike> {
  const imported = (await import('keytar')) as unknown as KeytarLike & { default?: KeytarLike };
  return imported.default ?? imported;
}

/** Loads keytar and proves the keychain answers; resolves null when it does not (no Secret Service, locked, missing build, no answer in time). */
export async function openKeychain(service = KEYCHAIN_SERVICE, options: OpenKeychainOptions = {}): Promise<{ store: SecretStore | null; reason?: string }> {
  const timeoutMs = options.timeoutMs ?? KEYCHAIN_ANSWER_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The system keychain did not answer within ${Math.round(timeoutMs / 1000)} seconds.`)), timeoutMs);
  });
  try {
    const probe = (async () => {
      const keytar = await (options.loadKeytar ?? importKeytar)();
      await keytar.getPassword(service, '__probe__');
      return keytar;
    })();
    const keytar = await Promise.race([probe, silence]);
    return { store: createKeytarSecretStore(keytar, service) };
  } catch (error) {
    return { store: null, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
