import { describe, expect, it, vi } from 'vitest';
import { TimbreError } from '../../../shared/errors';
import type { Handlers } from '../../../shared/ipc/contract';
import { DEFAULT_PREFERENCES } from '../../../shared/settings';
import type { Logger } from '../foundation/log';
import { createRouter } from './router';

function setup(overrides: Partial<Handlers> = {}) {
  const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const update = vi.fn((patch: object) => ({ ...DEFAULT_PREFERENCES, ...patch }));
  const handlers = {
    'app.info': () => ({ name: 'Timbre', version: '1', platform: 'linux', dataDir: '/d', systemLocale: 'en' }),
    'app.openDataFolder': () => undefined,
    'settings.get': () => DEFAULT_PREFERENCES,
    'settings.update': update,
    ...overrides,
  } as Handlers;
  return { router: createRouter(handlers, log), log, update };
}

describe('IPC router', () => {
  it('returns a typed validation error for malformed input and never calls the handler', async () => {
    const { router, update } = setup();
    const result = await router.invoke('settings.update', { theme: 'purple', extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION_FAILED');
    const paths = (result.error.details?.issues as Array<{ path: string }>).map((issue) => issue.path);
    expect(paths).toContain('theme');
    expect(update).not.toHaveBeenCalled();
  });

  it('passes validated input to the handler and wraps its value', async () => {
    const { router, update } = setup();
    const result = await router.invoke('settings.update', { theme: 'dark' });
    expect(update).toHaveBeenCalledWith({ theme: 'dark' });
    expect(result).toEqual({ ok: true, value: { ...DEFAULT_PREFERENCES, theme: 'dark' } });
  });

  it('refuses a channel the contract does not declare, including prototype names', async () => {
    const { router } = setup();
    for (const channel of ['nope.nothing', 'constructor', '__proto__']) {
      const result = await router.invoke(channel, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('turns a known service failure into its AppError', async () => {
    const { router } = setup({
      'settings.get': () => {
        throw new TimbreError('keychain.unavailable', 'No keychain.', { details: { hint: 'x' }, retryable: true });
      },
    });
    expect(await router.invoke('settings.get', undefined)).toEqual({
      ok: false,
      error: { code: 'keychain.unavailable', message: 'No keychain.', details: { hint: 'x' }, retryable: true },
    });
  });

  it('hides an unexpected exception behind INTERNAL and logs it', async () => {
    const { router, log } = setup({
      'app.info': () => {
        throw new Error('secret stack detail');
      },
    });
    const result = await router.invoke('app.info', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('secret stack detail');
    expect(log.error).toHaveBeenCalled();
  });
});
