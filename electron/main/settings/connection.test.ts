import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REGION_BASE_URLS, type Region } from '../../../shared/models';
import { errorFault } from '../../../tests/mock-dashscope/faults';
import { startMockDashScope, type MockDashScope } from '../../../tests/mock-dashscope/server';
import { CONNECTION_ERROR, createConnectionTester, endpointsForRegion, type BaseUrlOverrides } from './connection';
import type { Logger } from '../foundation/log';
import { electronNetFetch } from '../../../tests/support/electron-network';

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const KEYS = { 'cn-beijing': 'sk-test-beijing-00000000000000000000', 'ap-southeast-1': 'sk-test-intl-1111111111111111111111' };

describe('endpointsForRegion', () => {
  it('uses the official domains, the custom URL for custom, and overrides first', () => {
    expect(endpointsForRegion('cn-beijing', '')).toEqual({ ...REGION_BASE_URLS['cn-beijing'], region: 'cn-beijing' });
    expect(endpointsForRegion('ap-southeast-1', 'https://ignored.example')).toEqual({ ...REGION_BASE_URLS['ap-southeast-1'], region: 'ap-southeast-1' });
    expect(endpointsForRegion('custom', 'https://ws1.cn-beijing.maas.aliyuncs.com')).toEqual({
      http: 'https://ws1.cn-beijing.maas.aliyuncs.com/api/v1', ws: 'wss://ws1.cn-beijing.maas.aliyuncs.com/api-ws/v1/realtime', region: 'custom',
    });
    expect(endpointsForRegion('custom', 'http://127.0.0.1:9000/api/v1/')).toMatchObject({ http: 'http://127.0.0.1:9000/api/v1', ws: 'ws://127.0.0.1:9000/api-ws/v1/realtime' });
    expect(endpointsForRegion('cn-beijing', '', { 'cn-beijing': 'http://127.0.0.1:1/api/v1' }).http).toBe('http://127.0.0.1:1/api/v1');
  });

  it('refuses the custom region without a URL', () => {
    expect(() => endpointsForRegion('custom', ' ')).toThrow(expect.objectContaining({ code: CONNECTION_ERROR.customBaseUrlMissing }));
  });
});

describe('test connection against the mock DashScope (one mock per region)', () => {
  let beijing: MockDashScope;
  let intl: MockDashScope;
  let overrides: BaseUrlOverrides;
  const tester = createConnectionTester({ fetch: electronNetFetch(), log: silent, timeoutMs: 2_000 });
  const run = (region: Region, apiKey: string) =>
    tester.test({ region, apiKey, endpoints: (target) => endpointsForRegion(target, intl.baseUrl, overrides) });

  beforeAll(async () => {
    [beijing, intl] = await Promise.all([
      startMockDashScope({ region: 'cn-beijing', keys: KEYS }),
      startMockDashScope({ region: 'ap-southeast-1', keys: KEYS }),
    ]);
    overrides = { 'cn-beijing': beijing.baseUrl, 'ap-southeast-1': intl.baseUrl };
  });
  afterAll(async () => {
    await Promise.all([beijing.close(), intl.close()]);
  });
  beforeEach(async () => {
    beijing.requests.length = 0;
    intl.requests.length = 0;
    await beijing.setReachable(true);
  });

  it('works: one list call with page size 1, and the number of voices', async () => {
    beijing.addVoice({ preferredName: 'alice', targetModel: 'qwen3-tts-vc-2026-01-22' });
    beijing.addVoice({ preferredName: 'bob', targetModel: 'qwen3-tts-vc-realtime-2026-01-15' });
    expect(await run('cn-beijing', KEYS['cn-beijing'])).toEqual({ verdict: 'ok', region: 'cn-beijing', voiceCount: 2 });
    expect(beijing.requests).toHaveLength(1);
    expect(beijing.requests[0]).toMatchObject({ authorized: true, body: { model: 'qwen-voice-enrollment', input: { action: 'list', page_size: 1, page_index: 0 } } });
  });

  it('wrong key: refused in both regions', async () => {
    const result = await run('cn-beijing', 'sk-not-a-real-key-000000000000000');
    expect(result).toMatchObject({ verdict: 'invalid-key', region: 'cn-beijing', error: { code: 'dashscope.invalid_key' } });
    expect(intl.requests).toHaveLength(1);
  });

  it('key of the other region: says which region it belongs to', async () => {
    expect(await run('cn-beijing', KEYS['ap-southeast-1'])).toMatchObject({ verdict: 'wrong-region', region: 'cn-beijing', keyRegion: 'ap-southeast-1' });
    expect(await run('ap-southeast-1', KEYS['cn-beijing'])).toMatchObject({ verdict: 'wrong-region', region: 'ap-southeast-1', keyRegion: 'cn-beijing' });
  });

  it('custom region: a refused key is not sent anywhere else', async () => {
    const result = await tester.test({ region: 'custom', apiKey: KEYS['cn-beijing'], endpoints: (target) => endpointsForRegion(target, intl.baseUrl, overrides) });
    expect(result).toMatchObject({ verdict: 'invalid-key', region: 'custom' });
    expect(beijing.requests).toHaveLength(0);
  });

  it('no network: the server cannot be reached', async () => {
    await beijing.setReachable(false);
    // Refused, or "lost" when a kept-alive socket from an earlier call is cut: both mean unreachable.
    expect(await run('cn-beijing', KEYS['cn-beijing'])).toMatchObject({ verdict: 'offline', error: { code: expect.stringMatching(/^network\./) } });
  });

  it('service not activated: 403 AccessDenied*', async () => {
    for (const code of ['AccessDenied', 'AccessDenied.Unpurchased', 'Model.AccessDenied']) {
      beijing.inject(errorFault(code, { match: 'list' }));
      expect(await run('cn-beijing', KEYS['cn-beijing'])).toMatchObject({ verdict: 'not-activated', error: { code: 'dashscope.access_denied' } });
    }
  });

  it('any other failure: an error with its plain message, and no retries', async () => {
    beijing.inject(errorFault('InternalError', { match: 'list' }));
    const result = await run('cn-beijing', KEYS['cn-beijing']);
    expect(result).toMatchObject({ verdict: 'error', error: { code: 'dashscope.server_error', message: expect.stringContaining('internal error') } });
    expect(beijing.requests).toHaveLength(1);
    beijing.inject(errorFault('Arrearage', { match: 'list' }));
    expect(await run('cn-beijing', KEYS['cn-beijing'])).toMatchObject({ verdict: 'error', error: { code: 'dashscope.arrearage' } });
  });

  it('a server that never answers ends as offline after the timeout', async () => {
    beijing.inject({ kind: 'timeout', match: 'list' });
    const quick = createConnectionTester({ fetch: electronNetFetch(), log: silent, timeoutMs: 300 });
    const result = await quick.test({ region: 'cn-beijing', apiKey: KEYS['cn-beijing'], endpoints: (target) => endpointsForRegion(target, '', overrides) });
    expect(result).toMatchObject({ verdict: 'offline', error: { code: 'network.timeout' } });
  });
});
