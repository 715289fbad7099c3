import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TimbreError } from '../../../shared/errors';
import { keyStatus } from '../../../shared/ipc/routes/settings';
import { createApiKeyService, API_KEY_ERROR } from './api-keys';
import type { Logger } from '../foundation/log';
import { apiKeyAccount, createMemorySecretStore, openKeychain, type SecretStore } from './secret-store';

const BEIJING_KEY = 'sk-beijing-0123456789abcdef0123wxyz';
const INTL_KEY = 'sk-intl-fedcba9876543210fedcba98qrst';
const ENV_KEY = 'sk-from-environment-00000000000envk';

// CI runs inside scripts/with-test-keyring.sh, so a missing Secret Service there is a failure.
const requireKeychain = process.env.CI === 'true' || process.env.TIMBRE_IN_TEST_KEYRING === '1';
const keychainService = `Timbre-unit-${randomUUID()}`;
const keychain = await openKeychain(keychainService);

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (message: string, data?: unknown) => lines.push(`${message} ${JSON.stringify(data ?? null)}`);
  return { lines, info: write, warn: write, error: write };
}

/** A keychain whose calls can be made to fail, to see what the user is told. */
function flakyKeychain(failures: { get?: Error; set?: Error; dropWrites?: boolean }): SecretStore {
  const inner = createMemorySecretStore();
  return {
    kind: 'keychain',
    get: async (account) => {
      if (failures.get) throw failures.get;
      return inner.get(account);
    },
    set: async (account, secret) => {
      if (failures.set) throw failures.set;
      if (!failures.dropWrites) await inner.set(account, secret);
    },
    delete: (account) => inner.delete(account),
  };
}

describe('api keys with the OS keychain (gnome-keyring over D-Bus)', () => {
  it('saves, reads, replaces and removes one key per region, and reports only a hint', async () => {
    if (!keychain.store) {
      expect(requireKeychain, `no Secret Service: ${keychain.reason}`).toBe(false);
      console.warn(`skipping real keychain check: ${keychain.reason}`);
      return;
    }
    const log = recordingLog();
    const keys = createApiKeyService({ secretStore: keychain.store, log });

    expect(await keys.status('cn-beijing')).toEqual({ region: 'cn-beijing', hasKey: false, keyHint: null, source: null, keychainAvailable: true });
    const saved = await keys.save('cn-beijing', `  ${BEIJING_KEY}\n`);
    expect(saved).toEqual({ region: 'cn-beijing', hasKey: true, keyHint: 'wxyz', source: 'keychain', keychainAvailable: true });
    expect(keyStatus.parse(saved)).toEqual(saved);
    await keys.save('ap-southeast-1', INTL_KEY);

    // A second process (a fresh keytar handle on the same service) finds both keys in the keychain.
    const again = await openKeychain(keychainService);
    expect(await again.store!.get(apiKeyAccount('cn-beijing'))).toBe(BEIJING_KEY);
    expect(await again.store!.get(apiKeyAccount('ap-southeast-1'))).toBe(INTL_KEY);
    expect(await createApiKeyService({ secretStore: again.store, log }).get('cn-beijing')).toBe(BEIJING_KEY);

    await keys.save('cn-beijing', 'sk-replaced-key-00000000000000000new');
    expect(await keys.get('cn-beijing')).toBe('sk-replaced-key-00000000000000000new');
    expect((await keys.status('cn-beijing')).keyHint).toBe('0new');

    expect(await keys.remove('cn-beijing')).toMatchObject({ hasKey: false, keyHint: null, source: null });
    expect(await again.store!.get(apiKeyAccount('cn-beijing'))).toBeNull();
    expect(await keys.get('ap-southeast-1')).toBe(INTL_KEY);
    await keys.remove('ap-southeast-1');

    expect(log.lines.join('\n')).not.toMatch(/sk-(beijing|intl|replaced)/);
  });

  it('offers DASHSCOPE_API_KEY when nothing is stored, and writes it only when asked to', async () => {
    if (!keychain.store) return;
    const keys = createApiKeyService({ secretStore: keychain.store, envApiKey: ENV_KEY, log: recordingLog() });
    expect(await keys.status('ap-southeast-1')).toMatchObject({ hasKey: true, source: 'env', keyHint: 'envk' });
    expect(await keys.get('ap-southeast-1')).toBe(ENV_KEY);
    expect(await keychain.store.get(apiKeyAccount('ap-southeast-1'))).toBeNull();

    // A stored key wins over the environment.
    await keys.save('ap-southeast-1', INTL_KEY);
    expect(await keys.status('ap-southeast-1')).toMatchObject({ source: 'keychain', keyHint: 'qrst' });
    await keys.remove('ap-southeast-1');
    expect(await keys.status('ap-southeast-1')).toMatchObject({ source: 'env', keyHint: 'envk' });

    expect(await keys.saveEnvironmentKey('ap-southeast-1')).toMatchObject({ source: 'keychain', keyHint: 'envk' });
    expect(await keychain.store.get(apiKeyAccount('ap-southeast-1'))).toBe(ENV_KEY);
    await keys.remove('ap-southeast-1');
  });

  it('a session-only key is used before the stored one and never reaches the keychain', async () => {
    if (!keychain.store) return;
    const keys = createApiKeyService({ secretStore: keychain.store, log: recordingLog() });
    await keys.save('cn-beijing', BEIJING_KEY);
    expect(await keys.save('cn-beijing', INTL_KEY, { sessionOnly: true })).toMatchObject({ source: 'session', keyHint: 'qrst' });
    expect(await keychain.store.get(apiKeyAccount('cn-beijing'))).toBe(BEIJING_KEY);
    expect(await keys.get('cn-beijing')).toBe(INTL_KEY);
    // Saving to the keychain again ends the session override; removing forgets both.
    await keys.save('cn-beijing', BEIJING_KEY);
    expect(await keys.status('cn-beijing')).toMatchObject({ source: 'keychain', keyHint: 'wxyz' });
    await keys.save('cn-beijing', INTL_KEY, { sessionOnly: true });
    expect(await keys.remove('cn-beijing')).toMatchObject({ hasKey: false });
    expect(await keychain.store.get(apiKeyAccount('cn-beijing'))).toBeNull();
  });
});

describe('api keys without a keychain', () => {
  it('says why, and keeps a key for this session only, in memory', async () => {
    const keys = createApiKeyService({ secretStore: null, keychainProblem: 'Cannot autolaunch D-Bus without X11 $DISPLAY', log: recordingLog() });
    expect(await keys.status('cn-beijing')).toEqual({
      region: 'cn-beijing', hasKey: false, keyHint: null, source: null, keychainAvailable: false,
      keychainProblem: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
    });
    expect(await keys.save('cn-beijing', BEIJING_KEY)).toMatchObject({ hasKey: true, source: 'session', keyHint: 'wxyz', keychainAvailable: false });
    expect(await keys.get('cn-beijing')).toBe(BEIJING_KEY);
    expect(await keys.get('ap-southeast-1')).toBeNull();
    expect(await keys.remove('cn-beijing')).toMatchObject({ hasKey: false });
    expect(await keys.get('cn-beijing')).toBeNull();

    // The next start knows nothing: the key lived only in this process.
    expect(await createApiKeyService({ secretStore: null, log: recordingLog() }).get('cn-beijing')).toBeNull();
  });

  it('treats a memory store like session keys', async () => {
    const keys = createApiKeyService({ secretStore: createMemorySecretStore(), log: recordingLog() });
    expect(await keys.save('custom', INTL_KEY)).toMatchObject({ source: 'session', keychainAvailable: false });
  });

  it('refuses to save the environment key when there is none', async () => {
    const keys = createApiKeyService({ secretStore: null, log: recordingLog() });
    await expect(keys.saveEnvironmentKey('cn-beijing')).rejects.toMatchObject({ code: API_KEY_ERROR.noEnvironmentKey });
  });
});

describe('api keys when the keychain misbehaves', () => {
  it('a refused write is an error the user sees (never a silent fallback to disk)', async () => {
    const keys = createApiKeyService({ secretStore: flakyKeychain({ set: new Error('Cannot create an item in a locked collection') }), log: recordingLog() });
    const failure = await keys.save('cn-beijing', BEIJING_KEY).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TimbreError);
    expect(failure).toMatchObject({ code: API_KEY_ERROR.keychainWriteFailed, message: expect.stringContaining('locked collection') });
    expect((failure as Error).message).not.toContain(BEIJING_KEY);
    expect(await keys.get('cn-beijing')).toBeNull();
    // The user can then choose a session-only key.
    expect(await keys.save('cn-beijing', BEIJING_KEY, { sessionOnly: true })).toMatchObject({ source: 'session' });
  });

  it('a keychain that accepts but does not keep the key is caught by reading it back', async () => {
    const keys = createApiKeyService({ secretStore: flakyKeychain({ dropWrites: true }), log: recordingLog() });
    await expect(keys.save('cn-beijing', BEIJING_KEY)).rejects.toMatchObject({ code: API_KEY_ERROR.keychainWriteFailed });
  });

  it('an unreadable keychain shows in the status instead of breaking the screen', async () => {
    const keys = createApiKeyService({ secretStore: flakyKeychain({ get: new Error('The collection is locked') }), log: recordingLog() });
    expect(await keys.status('cn-beijing')).toMatchObject({ hasKey: false, keychainAvailable: false, keychainProblem: expect.stringContaining('locked') });
    await expect(keys.get('cn-beijing')).rejects.toMatchObject({ code: API_KEY_ERROR.keychainReadFailed });
  });

  it('knows every key it has seen, so the logger can scrub them', async () => {
    const keys = createApiKeyService({ secretStore: flakyKeychain({}), envApiKey: ENV_KEY, log: recordingLog() });
    await keys.save('cn-beijing', BEIJING_KEY);
    expect(keys.knownSecrets().sort()).toEqual([BEIJING_KEY, ENV_KEY].sort());
  });
});
