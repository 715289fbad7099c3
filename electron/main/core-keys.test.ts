import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockDashScope, type MockDashScope } from '../../tests/mock-dashscope/server';
import { createCore, type Core } from './core';
import { electronNetwork } from '../../tests/support/electron-network';

const KEYS = { 'cn-beijing': 'sk-core-beijing-000000000000000000aaaa', 'ap-southeast-1': 'sk-core-intl-11111111111111111111bbbb' };

describe('key handlers and the composed DashScope client', () => {
  let beijing: MockDashScope;
  let intl: MockDashScope;
  let core: Core;
  let dataDir: string;
  let events: Array<{ event: string; payload: unknown }>;

  beforeAll(async () => {
    [beijing, intl] = await Promise.all([
      startMockDashScope({ region: 'cn-beijing', keys: KEYS }),
      startMockDashScope({ region: 'ap-southeast-1', keys: KEYS }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([beijing.close(), intl.close()]);
  });
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'timbre-core-keys-'));
    events = [];
    for (const mock of [beijing, intl]) {
      mock.requests.length = 0;
      mock.voices.clear();
    }
    core = await createCore({
      dataDir, appVersion: '0.0.0-test', platform: 'linux', systemLocale: 'en-US',
      secretStore: null, keychainProblem: 'no Secret Service in this test',
      dashscopeBaseUrls: { 'cn-beijing': beijing.baseUrl, 'ap-southeast-1': intl.baseUrl }, network: electronNetwork(),
      emit: (event, payload) => events.push({ event, payload }),
      openPath: async () => {},
      log: { info: () => {}, warn: () => {}, error: () => {} },
    });
  });
  afterEach(async () => {
    await core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const invoke = (channel: string, input?: unknown) => core.router.invoke(channel, input);

  it('saving answers with the status only, and tells the renderer when the active region changed', async () => {
    const saved = await invoke('keys.save', { region: 'cn-beijing', apiKey: KEYS['cn-beijing'] });
    expect(saved).toEqual({
      ok: true,
      value: { region: 'cn-beijing', hasKey: true, keyHint: 'aaaa', source: 'session', keychainAvailable: false, keychainProblem: 'no Secret Service in this test' },
    });
    expect(events).toEqual([{ event: 'keys.changed', payload: expect.objectContaining({ region: 'cn-beijing', hasKey: true }) }]);

    // Another region's key is not the active one: no event.
    await invoke('keys.save', { region: 'ap-southeast-1', apiKey: KEYS['ap-southeast-1'] });
    expect(events).toHaveLength(1);
    // Switching region announces the new region's key.
    await invoke('settings.update', { region: 'ap-southeast-1' });
    expect(events.at(-1)).toEqual({ event: 'keys.changed', payload: expect.objectContaining({ region: 'ap-southeast-1', keyHint: 'bbbb' }) });
    expect(JSON.stringify(events)).not.toMatch(/sk-core/);
  });

  it('refuses a key with spaces or too short before storing anything', async () => {
    expect(await invoke('keys.save', { region: 'cn-beijing', apiKey: 'sk abc def ghi' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await invoke('keys.save', { region: 'cn-beijing', apiKey: 'short' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await core.services.apiKeys.get('cn-beijing')).toBeNull();
  });

  it('the one client calls the active region with its key, and follows a region switch', async () => {
    await core.services.apiKeys.save('cn-beijing', KEYS['cn-beijing']);
    await core.services.apiKeys.save('ap-southeast-1', KEYS['ap-southeast-1']);
    beijing.addVoice({ preferredName: 'beijing_voice', targetModel: 'qwen3-tts-vc-2026-01-22' });

    expect((await core.services.dashscope.list()).map((voice) => voice.preferredName)).toEqual(['beijing_voice']);
    expect(beijing.requests.every((request) => request.authorized)).toBe(true);

    core.services.preferences.update({ region: 'ap-southeast-1' });
    expect(await core.services.dashscope.list()).toEqual([]);
    expect(intl.requests).toHaveLength(1);
    expect(intl.requests[0].authorized).toBe(true);
  });

  it('region custom uses the custom base URL and its own key', async () => {
    core.services.preferences.update({ region: 'custom', customBaseUrl: intl.baseUrl });
    await expect(core.services.dashscope.listPage(0, 1)).rejects.toMatchObject({ code: 'dashscope.missing_api_key' });
    expect(intl.requests).toHaveLength(0);
    await core.services.apiKeys.save('custom', KEYS['ap-southeast-1']);
    expect((await core.services.dashscope.listPage(0, 1)).voices).toEqual([]);
    expect(intl.requests).toHaveLength(1);
  });

  it('test connection: the stored key, a typed key, a typed custom URL, or no key at all', async () => {
    expect(await invoke('keys.testConnection', { region: 'cn-beijing' })).toMatchObject({ ok: false, error: { code: 'NO_API_KEY' } });

    await core.services.apiKeys.save('cn-beijing', KEYS['cn-beijing']);
    expect(await invoke('keys.testConnection', { region: 'cn-beijing' })).toEqual({ ok: true, value: { verdict: 'ok', region: 'cn-beijing', voiceCount: 0 } });
    expect(await invoke('keys.testConnection', { region: 'cn-beijing', apiKey: KEYS['ap-southeast-1'] }))
      .toMatchObject({ ok: true, value: { verdict: 'wrong-region', keyRegion: 'ap-southeast-1' } });

    expect(await invoke('keys.testConnection', { region: 'custom', apiKey: KEYS['ap-southeast-1'], customBaseUrl: intl.baseUrl }))
      .toMatchObject({ ok: true, value: { verdict: 'ok', region: 'custom' } });
    expect(await invoke('keys.testConnection', { region: 'custom', apiKey: KEYS['ap-southeast-1'] }))
      .toMatchObject({ ok: false, error: { code: 'CUSTOM_BASE_URL_MISSING' } });
    expect(await invoke('keys.testConnection', { region: 'custom', apiKey: KEYS['ap-southeast-1'], customBaseUrl: 'http://example.com/api/v1' }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('removing the key falls back to DASHSCOPE_API_KEY when the app has one', async () => {
    const withEnv = await createCore({
      dataDir, appVersion: '0', platform: 'linux', systemLocale: 'en-US', secretStore: null,
      envApiKey: KEYS['cn-beijing'], dashscopeBaseUrls: { 'cn-beijing': beijing.baseUrl }, network: electronNetwork(),
      emit: () => {}, openPath: async () => {}, log: { info: () => {}, warn: () => {}, error: () => {} },
    });
    expect(await withEnv.router.invoke('keys.status', { region: 'cn-beijing' })).toMatchObject({ ok: true, value: { source: 'env', keyHint: 'aaaa' } });
    expect(await withEnv.router.invoke('keys.testConnection', { region: 'cn-beijing' })).toMatchObject({ ok: true, value: { verdict: 'ok' } });
    await withEnv.router.invoke('keys.save', { region: 'cn-beijing', apiKey: KEYS['ap-southeast-1'] });
    expect(await withEnv.router.invoke('keys.remove', { region: 'cn-beijing' })).toMatchObject({ ok: true, value: { source: 'env' } });
  });
});
