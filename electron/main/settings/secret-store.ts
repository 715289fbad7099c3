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

interface KeytarLike {
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

/** Loads keytar and proves the keychain answers; resolves null when it does not (no Secret Service, locked, missing build). */
export async function openKeychain(service = KEYCHAIN_SERVICE): Promise<{ store: SecretStore | null; reason?: string }> {
  try {
    const imported = (await import('keytar')) as unknown as KeytarLike & { default?: KeytarLike };
    const keytar = imported.default ?? imported;
    await keytar.getPassword(service, '__probe__');
    return { store: createKeytarSecretStore(keytar, service) };
  } catch (error) {
    return { store: null, reason: error instanceof Error ? error.message : String(error) };
  }
}
