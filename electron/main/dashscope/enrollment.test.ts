import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorFault, SAMPLE_ERRORS } from '../../../tests/mock-dashscope/faults';
import { m4aBytes, mp3Bytes, silentWav, speechLikeWav } from '../../../tests/mock-dashscope/fixtures';
import { clientFor } from '../../../tests/mock-dashscope/harness';
import { startMockDashScope, type MockDashScope } from '../../../tests/mock-dashscope/server';
import { ENROLLMENT_MODEL } from '../../../shared/models';
import { DASHSCOPE_ERROR, DashScopeError, toDataUrl } from './client';
import { CUSTOMIZATION_PATH } from './enrollment';
import { electronNetwork } from '../../../tests/support/electron-network';
import { rejectionOf } from '../../../tests/support/rejection';

let mock: MockDashScope;
beforeEach(async () => {
  mock = await startMockDashScope();
});
afterEach(async () => {
  await mock.close();
});

const sample = () => ({ dataUrl: toDataUrl(speechLikeWav(4), 'audio/wav') });
/** `existingVoices: []`: the account had none of these before (so the client does not list first). */
const createRequest = (preferredName = 'alice') => ({
  preferredName, targetModel: 'qwen3-tts-vc-2026-01-22' as const, audio: sample(), existingVoices: [] as string[],
});

const failure = (promise: Promise<unknown> | unknown) => rejectionOf(DashScopeError, promise);

const customizationCalls = (action: string) => mock.requests.filter((request) => request.target === action);

describe('create', () => {
  it('enrolls a voice with a request shaped like the reference and returns its id', async () => {
    const { client } = clientFor(mock);
    const created = await client.create({ ...createRequest('Alice_01'), text: 'Hello there', language: 'en' });
    // The id keeps the preferred name's case, as real ids do (§7).
    expect(created.voice).toMatch(/^qwen-tts-vc-Alice_01-voice-\d{17}-[0-9a-f]{4}$/);
    expect(created).toMatchObject({ targetModel: 'qwen3-tts-vc-2026-01-22', requestId: expect.any(String) });
    expect(created.fallbackMode).toBeUndefined();
    expect(mock.voices.has(created.voice)).toBe(true);
    const [request] = customizationCalls('create');
    expect(request.path).toBe(`/api/v1${CUSTOMIZATION_PATH}`);
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.body).toEqual({
      model: ENROLLMENT_MODEL,
      input: {
        action: 'create', target_model: 'qwen3-tts-vc-2026-01-22', preferred_name: 'Alice_01',
        audio: { data: expect.stringMatching(/^data:audio\/wav;base64,/) }, text: 'Hello there', language: 'en',
      },
    });
  });

  it.each(['qwen3.5-omni-plus', 'qwen3.5-omni-flash', 'qwen3.5-omni-plus-realtime', 'qwen3.5-omni-flash-realtime'] as const)('clones for the Omni model %s, whose ids start qwen-omni-vc- (§7)', async (targetModel) => {
    const { client } = clientFor(mock);
    const created = await client.create({ ...createRequest('Beton'), targetModel });
    expect(created.voice).toMatch(/^qwen-omni-vc-Beton-voice-\d{17}-[0-9a-f]{4}$/);
    expect(created.targetModel).toBe(targetModel);
    expect(customizationCalls('create')[0].body).toMatchObject({ input: { action: 'create', target_model: targetModel } });
  });

  it('accepts MP3 and M4A data URLs and a public https link', async () => {
    const { client } = clientFor(mock);
    await client.create({ ...createRequest('mp3'), audio: { dataUrl: toDataUrl(mp3Bytes(), 'audio/mpeg') } });
    await client.create({ ...createRequest('m4a'), audio: { dataUrl: toDataUrl(m4aBytes(), 'audio/mp4') } });
    await client.create({ ...createRequest('linked'), audio: { url: 'https://example.com/sample.wav' } });
    expect(mock.voices.size).toBe(3);
    expect(customizationCalls('create').at(-1)?.body).toMatchObject({ input: { audio: { data: 'https://example.com/sample.wav' } } });
  });

  it('reports fallback mode as a quality warning', async () => {
    mock.inject({ kind: 'fallback', reason: 'no_valid_asr_segments', match: 'create' });
    const created = await clientFor(mock).client.create(createRequest());
    expect(created).toMatchObject({ fallbackMode: true, fallbackReason: 'no_valid_asr_segments' });
  });

  it.each([
    ['a bad preferred name', { preferredName: 'no spaces!' }, DASHSCOPE_ERROR.invalidPreferredName],
    ['an unknown target model', { targetModel: 'qwen-tts-latest' }, DASHSCOPE_ERROR.unknownTargetModel],
    ['an unknown language', { language: 'xx' }, DASHSCOPE_ERROR.invalidRequest],
    ['an unsupported media type', { audio: { dataUrl: 'data:audio/ogg;base64,AAAA' } }, DASHSCOPE_ERROR.unsupportedAudioType],
    ['an oversized sample', { audio: { dataUrl: `data:audio/wav;base64,${'A'.repeat(10_000_000)}` } }, DASHSCOPE_ERROR.audioTooLarge],
    ['a non-https link', { audio: { url: 'http://example.com/a.wav' } }, DASHSCOPE_ERROR.audioUrlNotPublic],
  ])('refuses %s before sending anything', async (_name, change, code) => {
    const error = await failure(clientFor(mock).client.create({ ...createRequest(), ...change } as never));
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(false);
    expect(mock.requests).toHaveLength(0);
  });

  it('refuses to send without an API key', async () => {
    const error = await failure(clientFor(mock, { getApiKey: async () => '  ' }).client.create(createRequest()));
    expect(error.code).toBe(DASHSCOPE_ERROR.missingApiKey);
    expect(mock.requests).toHaveLength(0);
  });

  it.each([
    ['silence', silentWav(5), DASHSCOPE_ERROR.audioPreprocessFailed, 'Audio.PreprocessError'],
    ['under 3 s of speech', speechLikeWav(2), DASHSCOPE_ERROR.audioPreprocessFailed, 'Audio.PreprocessError'],
    ['16 kHz audio', speechLikeWav(4, 16_000), DASHSCOPE_ERROR.audioSampleRateTooLow, 'Audio.AudioRateError'],
    ['61 s of audio', speechLikeWav(61, 24_000), DASHSCOPE_ERROR.audioTooLong, 'Audio.DurationLimitError'],
    ['bytes that are no audio', new TextEncoder().encode('definitely not audio'), DASHSCOPE_ERROR.audioUndecodable, 'Audio.DecoderError'],
  ])('maps the service refusing %s', async (_name, bytes, code, dashscopeCode) => {
    const error = await failure(clientFor(mock).client.create({ ...createRequest(), audio: { dataUrl: toDataUrl(bytes, 'audio/wav') } }));
    expect(error).toMatchObject({ code, status: 400, dashscopeCode, retryable: false });
    expect(error.requestId).toEqual(expect.any(String));
    expect(mock.voices.size).toBe(0);
  });

  it('maps a transcript mismatch (injected Audio.PreprocessError) without retrying', async () => {
    mock.inject(errorFault('Audio.PreprocessError', { match: 'create' }));
    const error = await failure(clientFor(mock).client.create(createRequest()));
    expect(error.code).toBe(DASHSCOPE_ERROR.audioPreprocessFailed);
    expect(customizationCalls('create')).toHaveLength(1);
  });
});

describe('list', () => {
  it('pages through every voice from page 0 and parses dates and names', async () => {
    const base = Date.parse('2025-08-11T09:59:32Z');
    for (let i = 0; i < 7; i++) mock.addVoice({ preferredName: `v${i}`, targetModel: 'qwen3-tts-vc-2026-01-22', language: 'zh', createdAt: base + i * 1000 });
    const voices = await clientFor(mock).client.list({ pageSize: 3 });
    expect(voices.map((voice) => voice.preferredName)).toEqual(['v6', 'v5', 'v4', 'v3', 'v2', 'v1', 'v0']);
    expect(voices[6]).toMatchObject({ targetModel: 'qwen3-tts-vc-2026-01-22', language: 'zh', createdAt: base, modifiedAt: base });
    const pages = customizationCalls('list').map((request) => (request.body as { input: unknown }).input);
    expect(pages).toEqual([0, 1, 2].map((page_index) => ({ action: 'list', page_size: 3, page_index })));
  });

  it('returns an empty list for an account without voices in one request', async () => {
    expect(await clientFor(mock).client.list()).toEqual([]);
    expect(customizationCalls('list')).toHaveLength(1);
  });

  it('listPage(0, 1) is a single cheap call reporting the total', async () => {
    mock.addVoice({ preferredName: 'a', targetModel: 'qwen3-tts-vc-2026-01-22' });
    mock.addVoice({ preferredName: 'b', targetModel: 'qwen3-tts-vc-2026-01-22' });
    const page = await clientFor(mock).client.listPage(0, 1);
    expect(page).toMatchObject({ pageIndex: 0, pageSize: 1, totalCount: 2 });
    expect(page.voices).toHaveLength(1);
    expect(mock.requests).toHaveLength(1);
  });
});

describe('delete', () => {
  it('deletes a voice, and treats a voice that is not there as already gone', async () => {
    const voice = mock.addVoice({ preferredName: 'gone', targetModel: 'qwen3-tts-vc-2026-01-22' }).voice;
    const { client } = clientFor(mock);
    expect(await client.delete(voice)).toMatchObject({ alreadyGone: false, requestId: expect.any(String) });
    expect(mock.voices.has(voice)).toBe(false);
    expect(await client.delete(voice)).toMatchObject({ alreadyGone: true });
    expect(customizationCalls('delete').map((request) => request.body)).toEqual([
      { model: ENROLLMENT_MODEL, input: { action: 'delete', voice } },
      { model: ENROLLMENT_MODEL, input: { action: 'delete', voice } },
    ]);
  });

  it('tolerates a success answer without output', async () => {
    const voice = mock.addVoice({ preferredName: 'x', targetModel: 'qwen3-tts-vc-2026-01-22' }).voice;
    mock.inject({ kind: 'omit-output', match: 'delete' });
    expect(await clientFor(mock).client.delete(voice)).toMatchObject({ alreadyGone: false });
  });

  it('a delete whose answer was lost is retried and ends as already gone', async () => {
    const voice = mock.addVoice({ preferredName: 'x', targetModel: 'qwen3-tts-vc-2026-01-22' }).voice;
    mock.inject({ kind: 'reset', match: 'delete' });
    expect(await clientFor(mock).client.delete(voice)).toMatchObject({ alreadyGone: true });
    expect(customizationCalls('delete')).toHaveLength(2);
  });
});

describe('service errors on every action', () => {
  const expected: Record<string, string> = {
    InvalidApiKey: DASHSCOPE_ERROR.invalidKey,
    Arrearage: DASHSCOPE_ERROR.arrearage,
    AccessDenied: DASHSCOPE_ERROR.accessDenied,
    'AccessDenied.Unpurchased': DASHSCOPE_ERROR.accessDenied,
    'Model.AccessDenied': DASHSCOPE_ERROR.accessDenied,
    'Workspace.AccessDenied': DASHSCOPE_ERROR.accessDenied,
    'AllocationQuota.FreeTierOnly': DASHSCOPE_ERROR.freeTierExhausted,
    DataInspectionFailed: DASHSCOPE_ERROR.contentBlocked,
    ModelNotFound: DASHSCOPE_ERROR.modelNotFound,
    InvalidParameter: DASHSCOPE_ERROR.invalidParameter,
    'Audio.DecoderError': DASHSCOPE_ERROR.audioUndecodable,
    'Audio.AudioRateError': DASHSCOPE_ERROR.audioSampleRateTooLow,
    'Audio.DurationLimitError': DASHSCOPE_ERROR.audioTooLong,
  };

  it.each(Object.entries(expected))('%s → %s, not retried', async (dashscopeCode, code) => {
    const { client, sleeps } = clientFor(mock);
    for (const action of ['create', 'list', 'delete'] as const) mock.inject(errorFault(dashscopeCode, { match: action }));
    const errors = await Promise.all([
      failure(client.create(createRequest())),
      // At the documented size: a refused larger page is asked again at 10 (strict-service, §3).
      failure(client.list({ pageSize: 10 })),
      failure(client.delete('qwen-tts-vc-x-voice-20250101000000000-abcd')),
    ]);
    for (const error of errors) expect(error).toMatchObject({ code, dashscopeCode, status: SAMPLE_ERRORS[dashscopeCode].status, retryable: false });
    expect(mock.requests).toHaveLength(3);
    expect(sleeps).toEqual([]);
  });

  it('a key of the other region gets 401 that names the region and the region rule', async () => {
    const { client } = clientFor(mock, { getApiKey: async () => mock.keys['cn-beijing'] });
    const error = await failure(client.list());
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.invalidKey, status: 401, dashscopeCode: 'InvalidApiKey' });
    expect(error.details).toMatchObject({ region: 'ap-southeast-1' });
    expect(error.message).toMatch(/region-bound/);
    expect(mock.requests[0].authorized).toBe(false);
  });

  it('a body that is not JSON on a read is a retryable bad response', async () => {
    mock.inject({ kind: 'malformed-json', match: 'list', times: 4 });
    const error = await failure(clientFor(mock).client.list());
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.badResponse, retryable: true });
    expect(customizationCalls('list')).toHaveLength(4);
  });
});

describe('retries', () => {
  it('retries 429 after exactly the Retry-After the server sent', async () => {
    mock.inject(errorFault('Throttling.RateQuota', { retryAfter: 7, match: 'list' }));
    const { client, sleeps } = clientFor(mock);
    expect(await client.list()).toEqual([]);
    expect(sleeps).toEqual([7_000]);
    expect(customizationCalls('list')).toHaveLength(2);
  });

  it('gives up at once when Retry-After is longer than the policy allows, telling the user how long', async () => {
    mock.inject(errorFault('Throttling', { retryAfter: 3600, match: 'list' }));
    const error = await failure(clientFor(mock).client.list());
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.throttled, retryable: true, details: { seconds: 3600 } });
    expect(customizationCalls('list')).toHaveLength(1);
  });

  it('backs off exponentially on 500/503 and succeeds when the service recovers', async () => {
    mock.inject({ ...errorFault('InternalError'), match: 'list' });
    mock.inject({ ...errorFault('ModelUnavailable'), match: 'list' });
    mock.inject({ kind: 'error', status: 502, code: '', message: 'Bad gateway', match: 'list' });
    const { client, sleeps } = clientFor(mock, { retry: { baseDelayMs: 100, maxAttempts: 4 } });
    expect(await client.list()).toEqual([]);
    // random() = 0.5 → three quarters of the ceiling 100, 200, 400.
    expect(sleeps).toEqual([75, 150, 300]);
  });

  it('stops after the last attempt with the last error', async () => {
    mock.inject({ ...errorFault('ModelServingError'), match: 'list', times: 10 });
    const error = await failure(clientFor(mock, { retry: { maxAttempts: 3 } }).client.list());
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.serverError, retryable: true, status: 500 });
    expect(customizationCalls('list')).toHaveLength(3);
  });

  it('retries when the server cannot be reached, and reports network.refused when it stays down', async () => {
    await mock.setReachable(false);
    const { client, sleeps } = clientFor(mock, { retry: { maxAttempts: 2 } });
    const error = await failure(client.list());
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.refused, retryable: true });
    expect(sleeps).toHaveLength(1);
    await mock.setReachable(true);
    expect(await client.list()).toEqual([]);
  });

  it('a request that never gets an answer times out, retryably', async () => {
    mock.inject({ kind: 'timeout', match: 'list', times: 2 });
    const { client } = clientFor(mock, { timeouts: { requestMs: 100 }, retry: { maxAttempts: 2 } });
    const error = await failure(client.list());
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.timeout, retryable: true });
    expect(customizationCalls('list')).toHaveLength(2);
  });
});

describe('no duplicate voices', () => {
  it('adopts the voice a create made before its connection was reset', async () => {
    mock.inject({ kind: 'reset', match: 'create' });
    const created = await clientFor(mock).client.create(createRequest('solo'));
    expect(mock.voices.size).toBe(1);
    expect(created).toMatchObject({ voice: [...mock.voices.keys()][0], adopted: true, targetModel: 'qwen3-tts-vc-2026-01-22' });
    expect(mock.requests.map((request) => request.target)).toEqual(['create', 'list']);
  });

  it('adopts the voice of a create that timed out after the service made it', async () => {
    mock.inject({ kind: 'timeout', perform: true, match: 'create' });
    const created = await clientFor(mock, { timeouts: { createMs: 150 } }).client.create(createRequest('slow'));
    expect(created.adopted).toBe(true);
    expect(mock.voices.size).toBe(1);
  });

  it('adopts the voice when the create answer was unreadable', async () => {
    mock.inject({ kind: 'malformed-json', match: 'create' });
    const created = await clientFor(mock).client.create(createRequest('garbled'));
    expect(created.adopted).toBe(true);
    expect(mock.voices.size).toBe(1);
  });

  it('creates again when the lost attempt made nothing', async () => {
    mock.inject({ kind: 'reset', perform: false, match: 'create' });
    const created = await clientFor(mock).client.create(createRequest('retry'));
    expect(created.adopted).toBeUndefined();
    expect(mock.voices.size).toBe(1);
    // A list right after the lost create proves nothing (lists may lag): it looks again once settled.
    expect(mock.requests.map((request) => request.target)).toEqual(['create', 'list', 'list', 'create']);
  });

  it('does not adopt an older voice with the same name or one for another model', async () => {
    mock.addVoice({ preferredName: 'same', targetModel: 'qwen3-tts-vc-2026-01-22', createdAt: Date.now() - 3_600_000 });
    mock.addVoice({ preferredName: 'same', targetModel: 'qwen3-tts-vc-realtime-2026-01-15' });
    mock.inject({ kind: 'reset', perform: false, match: 'create' });
    // Without `existingVoices` the client notes what the account holds before it sends.
    const created = await clientFor(mock).client.create({ ...createRequest('same'), existingVoices: undefined });
    expect(created.adopted).toBeUndefined();
    expect(mock.voices.size).toBe(3);
  });

  it('never creates while an ambiguity is unresolved: a failed look-up is retried first', async () => {
    mock.inject({ kind: 'reset', match: 'create' });
    mock.inject({ ...errorFault('InternalError'), match: 'list' });
    const created = await clientFor(mock).client.create(createRequest('careful'));
    expect(created.adopted).toBe(true);
    expect(mock.voices.size).toBe(1);
    expect(mock.requests.map((request) => request.target)).toEqual(['create', 'list', 'list']);
  });

  it('bounds the look-ups by the create retry budget, and says the voice may exist when they all fail', async () => {
    mock.inject({ kind: 'reset', match: 'create' });
    mock.inject({ ...errorFault('InternalError'), match: 'list', times: 20 });
    const error = await failure(clientFor(mock, { retry: { maxAttempts: 3 } }).client.create(createRequest('lost')));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.serverError, details: { maybeCreated: true } });
    // Attempt 1 creates; attempts 2 and 3 and the last look each list once, none create again.
    expect(mock.requests.map((request) => request.target)).toEqual(['create', 'list', 'list', 'list']);
    expect(mock.voices.size).toBe(1);
  });

  it('out of attempts, says the voice may have been created', async () => {
    mock.inject({ kind: 'reset', perform: false, match: 'create', times: 5 });
    const error = await failure(clientFor(mock, { retry: { maxAttempts: 2 } }).client.create(createRequest('unlucky')));
    expect(error.code).toBe(DASHSCOPE_ERROR.connectionLost);
    expect(error.details).toMatchObject({ maybeCreated: true });
    expect(mock.voices.size).toBe(0);
  });

  it.each([
    'net::ERR_NAME_NOT_RESOLVED', 'net::ERR_CONNECTION_REFUSED', 'net::ERR_PROXY_CONNECTION_FAILED', 'net::ERR_CERT_AUTHORITY_INVALID',
  ] as const)('a create that never left (Electron: %s) never says the voice may exist, nor looks for it before retrying', async (netError) => {
    const network = electronNetwork();
    network.breakWith(netError);
    let requests = 0;
    const { client } = clientFor(mock, { fetch: (input, init) => (requests++, network.fetch(input, init)), retry: { maxAttempts: 3 } });
    const error = await failure(client.create({ ...createRequest('never_sent'), existingVoices: [] }));
    expect(error.mayHaveSucceeded).toBe(false);
    expect(error.details).not.toHaveProperty('maybeCreated');
    // Only the create itself, once per attempt: no listing to find a voice that cannot exist.
    expect(requests).toBe(error.retryable ? 3 : 1);
  });
});

describe('cancellation', () => {
  it('an aborted signal stops a request in flight', async () => {
    mock.inject({ kind: 'timeout', match: 'list' });
    const controller = new AbortController();
    const { client } = clientFor(mock, { timeouts: { requestMs: 10_000 } });
    const pending = failure(client.list({ signal: controller.signal }));
    await waitFor(() => mock.requests.length === 1);
    controller.abort();
    expect((await pending).code).toBe(DASHSCOPE_ERROR.cancelled);
  });

  it('an abort during the backoff wait ends the retries', async () => {
    mock.inject({ ...errorFault('InternalError'), match: 'create', times: 5 });
    const controller = new AbortController();
    const { client } = clientFor(mock, {
      sleep: async () => {
        controller.abort();
        throw new Error('aborted');
      },
    });
    const error = await failure(client.create({ ...createRequest(), signal: controller.signal }));
    expect(error.code).toBe(DASHSCOPE_ERROR.cancelled);
    expect(customizationCalls('create')).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const error = await failure(clientFor(mock).client.delete('v', { signal: AbortSignal.abort() }));
    expect(error.code).toBe(DASHSCOPE_ERROR.cancelled);
    expect(mock.requests).toHaveLength(0);
  });
});

describe('logging', () => {
  it('never logs the key or the audio, but does log actions, statuses and request ids', async () => {
    const { client, logs } = clientFor(mock);
    mock.inject(errorFault('InternalError', { match: 'create' }));
    const created = await client.create(createRequest());
    const text = logs.join('\n');
    expect(text).not.toContain(mock.apiKey);
    expect(text).not.toContain('base64');
    expect(text).toContain('dashscope create');
    expect(text).toContain(created.requestId);
    expect(text).toContain('dashscope.server_error');
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

