/**
 * The DashScope API key, one per region. Stored in the OS keychain (service `Timbre`, one account
 * per region); held in memory only when the user asks for a session-only key or no keychain is
 * reachable; `DASHSCOPE_API_KEY` from the environment applies when nothing is stored.
 * The key itself leaves this module only through `get` (for the DashScope client, main process);
 * the renderer learns `status` (has a key, last 4 characters, where it comes from).
 */
import { TimbreError } from '../../../shared/errors';
import type { KeyStatus } from '../../../shared/ipc/routes/settings';
import type { KeySource } from '../../../shared/settings';
import type { Region } from '../../../shared/models';
import type { Logger } from '../foundation/log';
import { apiKeyAccount, type SecretStore } from './secret-store';

export const API_KEY_ERROR = {
  /** The keychain refused to store the key (locked, access denied). The UI offers a session-only key. */
  keychainWriteFailed: 'KEYCHAIN_WRITE_FAILED',
  /** The keychain could not be read (locked, access denied). */
  keychainReadFailed: 'KEYCHAIN_READ_FAILED',
  keychainDeleteFailed: 'KEYCHAIN_DELETE_FAILED',
  /** "Save the environment key" without DASHSCOPE_API_KEY set. */
  noEnvironmentKey: 'NO_ENVIRONMENT_KEY',
} as const;

export interface ApiKeyServiceDeps {
  /** The OS keychain; null when none is reachable. A memory store counts as no keychain. */
  secretStore: SecretStore | null;
  /** Why the keychain is unavailable (from the OS), passed on to the user. */
  keychainProblem?: string;
  envApiKey?: string;
  log: Logger;
}

export interface ApiKeyService {
  /** The key to call DashScope with for `region`, or null. Main process only. */
  get(region: Region): Promise<string | null>;
  status(region: Region): Promise<KeyStatus>;
  save(region: Region, apiKey: string, options?: { sessionOnly?: boolean }): Promise<KeyStatus>;
  /** Stores DASHSCOPE_API_KEY in the keychain for `region`, so it no longer depends on the environment. */
  saveEnvironmentKey(region: Region): Promise<KeyStatus>;
  remove(region: Region): Promise<KeyStatus>;
  /** Every key this process has seen, for the logger to scrub. */
  knownSecrets(): string[];
}

const keyHint = (key: string) => key.slice(-4);

export function createApiKeyService(deps: ApiKeyServiceDeps): ApiKeyService {
  const keychain = deps.secretStore?.kind === 'keychain' ? deps.secretStore : null;
  // Session-only keys: held here until the app quits. A memory SecretStore handed in (tests without
  // a Secret Service) plays the same role, so its keys count as session keys too.
  const sessionStore = deps.secretStore?.kind === 'memory' ? deps.secretStore : null;
  const sessionKeys = new Map<Region, string>();
  const envApiKey = deps.envApiKey?.trim() || undefined;
  const known = new Set<string>(envApiKey ? [envApiKey] : []);
  let keychainProblem = keychain ? undefined : (deps.keychainProblem ?? 'No keychain is available');

  const remember = (key: string | null) => {
    if (key) known.add(key);
    return key;
  };

  async function readKeychain(region: Region): Promise<string | null> {
    if (!keychain) return null;
    try {
      return remember(await keychain.get(apiKeyAccount(region)));
    } catch (error) {
      throw new TimbreError(API_KEY_ERROR.keychainReadFailed, `The keychain could not be read: ${describe(error)}`, { retryable: true, cause: error });
    }
  }

  async function readSession(region: Region): Promise<string | null> {
    return sessionKeys.get(region) ?? remember((await sessionStore?.get(apiKeyAccount(region))) ?? null);
  }

  /** The key in use for `region` and where it comes from: session (explicit, newest) > keychain > environment. */
  async function resolve(region: Region): Promise<{ key: string; source: KeySource } | null> {
    const session = await readSession(region);
    if (session) return { key: session, source: 'session' };
    const stored = await readKeychain(region);
    if (stored) return { key: stored, source: 'keychain' };
    return envApiKey ? { key: envApiKey, source: 'env' } : null;
  }

  async function status(region: Region): Promise<KeyStatus> {
    let found: Awaited<ReturnType<typeof resolve>> = null;
    let problem = keychainProblem;
    try {
      found = await resolve(region);
    } catch (error) {
      // A keychain that stopped answering (locked since start) is reported, not thrown: the screen must still open.
      problem = error instanceof TimbreError ? error.message : describe(error);
    }
    return {
      region,
      hasKey: found !== null,
      keyHint: found ? keyHint(found.key) : null,
      source: found?.source ?? null,
      keychainAvailable: keychain !== null && problem === undefined,
      ...(problem ? { keychainProblem: problem } : {}),
    };
  }

  async function storeInSession(region: Region, apiKey: string) {
    if (sessionStore) await sessionStore.set(apiKeyAccount(region), apiKey);
    else sessionKeys.set(region, apiKey);
  }

  async function forgetSession(region: Region) {
    sessionKeys.delete(region);
    await sessionStore?.delete(apiKeyAccount(region));
  }

  async function save(region: Region, apiKey: string, options: { sessionOnly?: boolean } = {}): Promise<KeyStatus> {
    const key = apiKey.trim();
    remember(key);
    if (options.sessionOnly || !keychain) {
      await storeInSession(region, key);
      deps.log.info('api key kept for this session only', { region });
      return status(region);
    }
    try {
      await keychain.set(apiKeyAccount(region), key);
    } catch (error) {
      throw new TimbreError(API_KEY_ERROR.keychainWriteFailed, `The keychain refused to store the key: ${describe(error)}`, { cause: error });
    }
    // Read it back: a keychain that accepts and silently drops the key must not look like success.
    const readBack = await readKeychain(region);
    if (readBack !== key) throw new TimbreError(API_KEY_ERROR.keychainWriteFailed, 'The keychain did not keep the key');
    keychainProblem = undefined;
    await forgetSession(region);
    deps.log.info('api key saved in the keychain', { region });
    return status(region);
  }

  async function saveEnvironmentKey(region: Region): Promise<KeyStatus> {
    if (!envApiKey) throw new TimbreError(API_KEY_ERROR.noEnvironmentKey, 'DASHSCOPE_API_KEY is not set');
    return save(region, envApiKey);
  }

  async function remove(region: Region): Promise<KeyStatus> {
    await forgetSession(region);
    if (keychain) {
      try {
        await keychain.delete(apiKeyAccount(region));
      } catch (error) {
        throw new TimbreError(API_KEY_ERROR.keychainDeleteFailed, `The keychain could not remove the key: ${describe(error)}`, { cause: error });
      }
    }
    deps.log.info('api key removed', { region });
    return status(region);
  }

  return {
    get: async (region) => (await resolve(region))?.key ?? null,
    status,
    save,
    saveEnvironmentKey,
    remove,
    knownSecrets: () => [...known],
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
