import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createMemorySecretStore, KEYCHAIN_ANSWER_MS, openKeychain, type SecretStore } from './secret-store';

const keychain = await openKeychain(`Timbre-unit-${randomUUID()}`);
// CI runs inside scripts/with-test-keyring.sh, so a missing Secret Service there is a failure.
const requireKeychain = process.env.CI === 'true' || process.env.TIMBRE_IN_TEST_KEYRING === '1';

async function exercise(store: SecretStore) {
  expect(await store.get('dashscope-api-key:cn-beijing')).toBeNull();
  await store.set('dashscope-api-key:cn-beijing', 'sk-first');
  await store.set('dashscope-api-key:ap-southeast-1', 'sk-intl');
  expect(await store.get('dashscope-api-key:cn-beijing')).toBe('sk-first');
  await store.set('dashscope-api-key:cn-beijing', 'sk-replaced');
  expect(await store.get('dashscope-api-key:cn-beijing')).toBe('sk-replaced');
  expect(await store.delete('dashscope-api-key:cn-beijing')).toBe(true);
  expect(await store.get('dashscope-api-key:cn-beijing')).toBeNull();
  expect(await store.get('dashscope-api-key:ap-southeast-1')).toBe('sk-intl');
  await store.delete('dashscope-api-key:ap-southeast-1');
}

describe('secret stores', () => {
  it('the OS keychain (gnome-keyring over D-Bus) stores, reads, replaces and deletes per account', async () => {
    if (!keychain.store) {
      expect(requireKeychain, `no Secret Service: ${keychain.reason}`).toBe(false);
      console.warn(`skipping real keychain check: ${keychain.reason}`);
      return;
    }
    expect(keychain.store.kind).toBe('keychain');
    await exercise(keychain.store);
  });

  it('the session-only memory store behaves the same', async () => {
    await exercise(createMemorySecretStore());
  });

  it('a Secret Service that never answers holds the start for a bounded time, then Timbre goes on without it', async () => {
    vi.useFakeTimers();
    try {
      // Declared on D-Bus but failing to start: the probe hangs until D-Bus gives up (25 s).
      const hanging = { getPassword: () => new Promise<null>(() => {}), setPassword: async () => {}, deletePassword: async () => false };
      let settled: { store: SecretStore | null; reason?: string } | undefined;
      void openKeychain('Timbre', { loadKeytar: async () => hanging }).then((result) => (settled = result));
      await vi.advanceTimersByTimeAsync(KEYCHAIN_ANSWER_MS - 1);
      expect(settled).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toEqual({ store: null, reason: 'The system keychain did not answer within 10 seconds.' });
      expect(KEYCHAIN_ANSWER_MS).toBeLessThan(25_000);
    } finally {
      vi.useRealTimers();
    }
  });
});
