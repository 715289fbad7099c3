/**
 * The client against the mock in its strict behaviours (issue 14): each case is how the real
 * service may answer, and how Timbre failed or misbehaved before.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TargetModel, utf8Length, weightedLength } from '../../../shared/models';
import { SAMPLE_ERRORS, errorFault, type InjectedFault } from '../../../tests/mock-dashscope/faults';
import { speechLikeWav } from '../../../tests/mock-dashscope/fixtures';
import { clientFor } from '../../../tests/mock-dashscope/harness';
import { startMockDashScope, type MockDashScope } from '../../../tests/mock-dashscope/server';
import { rejectionOf } from '../../../tests/support/rejection';
import { DASHSCOPE_ERROR, DashScopeError, endpointsFor, toDataUrl, type SynthesisRequest } from './client';

const HTTP_MODEL: TargetModel = 'qwen3-tts-vc-2026-01-22';
const REALTIME_MODEL: TargetModel = 'qwen3-tts-vc-realtime-2026-01-15';
const MINUTE = 60_000;

let mock: MockDashScope;
beforeEach(async () => {
  mock = await startMockDashScope();
});
afterEach(async () => {
  await mock.close();
});

const failure = (promise: Promise<unknown> | unknown) => rejectionOf(DashScopeError, promise);
const targets = () => mock.requests.map((request) => request.target);

const createRequest = (preferredName = 'alice') => ({
  preferredName, targetModel: HTTP_MODEL, audio: { dataUrl: toDataUrl(speechLikeWav(4), 'audio/wav') },
});

function synthesis(model: TargetModel, fields: Partial<SynthesisRequest> = {}): SynthesisRequest {
  const voice = mock.addVoice({ preferredName: 'speaker', targetModel: model }).voice;
  return { voice, voiceTargetModel: model, model, text: 'Hello there.', stream: true, ...fields };
}

/** A clock that only moves when the client sleeps, shared by the mock and the client. */
function sharedClock() {
  let now = Date.parse('2026-03-01T04:00:00Z');
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe('1. text per synthesis request', () => {
  const chinese = '我们今天一起去公园散步，看看湖边的风景和花草树木。'.repeat(20);

  it.each([HTTP_MODEL, REALTIME_MODEL])('%s: 500 hanzi go out in requests of at most 600 bytes and 600 weighted characters, in order', async (model) => {
    const sink: Uint8Array[] = [];
    const result = await clientFor(mock).client.synthesize(synthesis(model, { text: chinese, onAudio: (chunk) => sink.push(chunk) }));
    const sent = mock.requests.flatMap((request) => {
      const body = request.body as { input?: { text?: string }; type?: string; text?: string } | undefined;
      if (request.target === 'synthesize') return [body?.input?.text ?? ''];
      return body?.type === 'input_text_buffer.append' ? [body.text ?? ''] : [];
    });
    expect(sent.length).toBeGreaterThan(1);
    for (const text of sent) {
      expect(utf8Length(text)).toBeLessThanOrEqual(600);
      expect(weightedLength(text)).toBeLessThanOrEqual(600);
    }
    expect(sent.join('')).toBe(chinese);
    // Gapless: the result is every chunk's audio back to back, exactly what was played.
    expect(Buffer.from(result.wav.subarray(44)).equals(Buffer.concat(sink))).toBe(true);
  });

  it('the mock refuses a request over either reading of the limit, as the service would', async () => {
    const post = (text: string) => fetch(`${mock.baseUrl}/services/aigc/multimodal-generation/generation`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${mock.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: HTTP_MODEL, input: { text, voice: mock.addVoice({ preferredName: 'v', targetModel: HTTP_MODEL }).voice } }),
    });
    expect((await post('字'.repeat(250))).status).toBe(400); // 500 weighted, 750 bytes
    expect((await post('é'.repeat(350))).status).toBe(400); // 350 weighted, 700 bytes
    expect((await post('a'.repeat(600))).status).toBe(200);
  });
});

describe('2. errors on streamed requests (issue 29, §4: every shape, whatever its content type)', () => {
  const SHAPES = ['status-200-event', 'event-stream-as-json', 'json', 'event-stream', 'data-lines'] as const;

  it.each(SHAPES.flatMap((shape) => [
    [shape, 'Arrearage', DASHSCOPE_ERROR.arrearage] as const,
    [shape, 'DataInspectionFailed', DASHSCOPE_ERROR.contentBlocked] as const,
  ]))('a refusal answered as %s keeps its meaning: %s', async (shape, dashscopeCode, code) => {
    mock.setBehaviour({ sseErrorBody: shape });
    mock.inject(errorFault(dashscopeCode, { match: 'synthesize' }));
    const error = await failure(clientFor(mock).client.synthesize(synthesis(HTTP_MODEL)));
    expect(error).toMatchObject({ code, dashscopeCode, status: 400, retryable: false });
    expect(error.details?.serverMessage).toBe(SAMPLE_ERRORS[dashscopeCode].message);
  });

  it.each(SHAPES)('rate limiting answered as %s is waited out and the text is still spoken', async (shape) => {
    mock.setBehaviour({ sseErrorBody: shape });
    mock.inject(errorFault('Throttling.RateQuota', { match: 'synthesize', times: 2 }));
    const { client, sleeps } = clientFor(mock);
    const result = await client.synthesize(synthesis(HTTP_MODEL));
    expect(result.wav.length).toBeGreaterThan(44);
    expect(sleeps).toHaveLength(2);
  });

  it.each(SHAPES)('"Invalid voice specified" in a %s answer names the voice problem', async (shape) => {
    mock.setBehaviour({ sseErrorBody: shape });
    const realtimeVoice = mock.addVoice({ preferredName: 'rt', targetModel: REALTIME_MODEL }).voice;
    const error = await failure(clientFor(mock).client.synthesize(synthesis(HTTP_MODEL, { voice: realtimeVoice })));
    expect(error.code).toBe(DASHSCOPE_ERROR.invalidVoice);
  });

  it('skips an event that is not JSON instead of failing the stream', async () => {
    mock.inject({ kind: 'non-json-event', match: 'synthesize' });
    const result = await clientFor(mock).client.synthesize(synthesis(HTTP_MODEL));
    expect(result.wav.length).toBeGreaterThan(44);
  });

  it.each(['failed', 'incomplete', 'cancelled'] as const)('a realtime response.done that is %s is a failure, never a truncated result', async (status) => {
    mock.inject({ kind: 'response-unfinished', afterChunks: 2, status, match: 'realtime' });
    const { client } = clientFor(mock, { retry: { maxAttempts: 1 } });
    const error = await failure(client.synthesize(synthesis(REALTIME_MODEL)));
    expect(error.code).toBe(DASHSCOPE_ERROR.serverError);
  });
});

describe('3. no duplicate paid voice after a 5xx', () => {
  const storedThenFailed: Array<[string, InjectedFault]> = [
    ['502 gateway page', { kind: 'gateway-error', status: 502, perform: true, match: 'create' }],
    ['504 gateway page', { kind: 'gateway-error', status: 504, perform: true, match: 'create' }],
    ['503', errorFault('ModelUnavailable', { match: 'create', perform: true })],
    ['500 InternalError', errorFault('InternalError', { match: 'create', perform: true })],
    ['500 RequestTimeOut', { kind: 'error', status: 500, code: 'RequestTimeOut', message: 'Request timed out.', perform: true, match: 'create' }],
  ];

  it.each(storedThenFailed)('%s after the voice was stored: the retry looks first and adopts it', async (_name, fault) => {
    mock.inject(fault);
    const created = await clientFor(mock).client.create({ ...createRequest('paid'), existingVoices: [] });
    expect(created.adopted).toBe(true);
    expect(mock.voices.size).toBe(1);
    expect(targets()).toEqual(['create', 'list']);
  });

  it('a 400 refusal is no reason to look: nothing was stored', async () => {
    mock.inject(errorFault('Audio.PreprocessError', { match: 'create' }));
    const error = await failure(clientFor(mock).client.create({ ...createRequest('refused'), existingVoices: [] }));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.audioPreprocessFailed, mayHaveSucceeded: false });
    expect(targets()).toEqual(['create']);
  });
});

describe('4. adopting does not depend on any clock', () => {
  it.each([
    ['a server clock 7 minutes behind', { clockSkewMs: -7 * MINUTE }],
    ['a server clock 30 minutes ahead', { clockSkewMs: 30 * MINUTE }],
    ['gmt_create in UTC', { gmtOffsetHours: 0 }],
    ['gmt_create in UTC-5', { gmtOffsetHours: -5 }],
  ])('%s', async (_name, behaviour) => {
    mock.setBehaviour(behaviour);
    mock.inject({ kind: 'reset', match: 'create' });
    const created = await clientFor(mock).client.create(createRequest('clock'));
    expect(created.adopted).toBe(true);
    expect(mock.voices.size).toBe(1);
  });

  it('finds the voice when its id writes the preferred name in another case', async () => {
    mock.setBehaviour({ lowerCaseIds: true });
    mock.inject({ kind: 'reset', match: 'create' });
    const created = await clientFor(mock).client.create(createRequest('MixedCase'));
    expect(created.voice).toContain('-mixedcase-');
    expect(created.adopted).toBe(true);
    expect(mock.voices.size).toBe(1);
  });

  it('a list that lags the create by a few seconds is looked at again before anything is created', async () => {
    const clock = sharedClock();
    await mock.close();
    mock = await startMockDashScope({ now: clock.now, behaviour: { listLagMs: 3_000 } });
    mock.inject({ kind: 'reset', match: 'create' });
    const created = await clientFor(mock, { now: clock.now, sleep: clock.sleep }).client.create(createRequest('lagging'));
    expect(created.adopted).toBe(true);
    expect(mock.voices.size).toBe(1);
  });

  it('never adopts a voice that was already on the account, nor one another record holds', async () => {
    const older = mock.addVoice({ preferredName: 'twin', targetModel: HTTP_MODEL, createdAt: Date.now() });
    const taken = mock.addVoice({ preferredName: 'twin', targetModel: HTTP_MODEL, createdAt: Date.now() });
    mock.inject({ kind: 'reset', perform: false, match: 'create' });
    const created = await clientFor(mock).client.create({
      ...createRequest('twin'), existingVoices: [older.voice], isTaken: (voice) => voice === taken.voice,
    });
    expect(created.adopted).toBeUndefined();
    expect(created.voice).not.toBe(older.voice);
    expect(created.voice).not.toBe(taken.voice);
  });
});

describe('5. timeouts that fit streaming', () => {
  // Old rule: 1 s for the whole stream. New: 3 s of silence at most, 10 s in all.
  const timeouts = { synthesisMs: 1_000, streamIdleMs: 3_000, streamTotalMs: 10_000 };
  const longText = 'This sentence is long enough to stream for a while.';

  it.each([HTTP_MODEL, REALTIME_MODEL])('%s: a stream that keeps sending for longer than a request may take is not cut', async (model) => {
    mock.inject({ kind: 'slow-stream', intervalMs: 60, match: model === HTTP_MODEL ? 'synthesize' : 'realtime' });
    const result = await clientFor(mock, { timeouts }).client.synthesize(synthesis(model, { text: longText }));
    expect(result.wav.length).toBeGreaterThan(44);
  });

  it.each([HTTP_MODEL, REALTIME_MODEL])('%s: a stream that falls silent fails as stalled, naming the idle limit', async (model) => {
    mock.inject({ kind: 'mid-stream', afterChunks: 2, mode: 'stall', match: model === HTTP_MODEL ? 'synthesize' : 'realtime' });
    const { client } = clientFor(mock, { timeouts: { ...timeouts, streamIdleMs: 300 } });
    const error = await failure(client.synthesize(synthesis(model)));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.streamIdle, details: { seconds: 0 } });
  });

  it('a stream past its overall cap fails naming the cap', async () => {
    mock.inject({ kind: 'slow-stream', intervalMs: 100, match: 'synthesize' });
    const { client } = clientFor(mock, { timeouts: { ...timeouts, streamTotalMs: 400 } });
    const error = await failure(client.synthesize(synthesis(HTTP_MODEL, { text: longText })));
    expect(error.code).toBe(DASHSCOPE_ERROR.streamDeadline);
  });
});

describe('6. base URL forms', () => {
  it.each(['https://ws-123.cn-beijing.maas.aliyuncs.com', 'https://ws-123.cn-beijing.maas.aliyuncs.com/', 'https://ws-123.cn-beijing.maas.aliyuncs.com/api/v1'])(
    '%s', (base) => {
      expect(endpointsFor('custom', base)).toEqual({
        http: 'https://ws-123.cn-beijing.maas.aliyuncs.com/api/v1',
        ws: 'wss://ws-123.cn-beijing.maas.aliyuncs.com/api-ws/v1/realtime',
        region: 'custom',
      });
    },
  );

  it.each(['', '/', '/api/v1'])('the mock reached as origin + "%s" works over HTTP and WebSocket', async (suffix) => {
    const origin = new URL(mock.baseUrl).origin;
    const endpoints = endpointsFor('custom', `${origin}${suffix}`);
    const { client } = clientFor(mock, { baseUrl: () => endpoints });
    expect(await client.list()).toEqual([]);
    const result = await client.synthesize(synthesis(REALTIME_MODEL));
    expect(result.wav.length).toBeGreaterThan(44);
  });
});

describe('7. page size (issue 29, §3)', () => {
  const addVoices = (count: number) => {
    for (let i = 0; i < count; i++) mock.addVoice({ preferredName: `v${i}`, targetModel: HTTP_MODEL, createdAt: Date.UTC(2026, 0, 1) + i * 1000 });
  };
  const listCalls = () => mock.requests.filter((request) => request.target === 'list')
    .map((request) => (request.body as { input: { page_size: number; page_index: number } }).input)
    .map((input) => [input.page_index, input.page_size]);

  it('reads a whole account of 1,000 voices in one request', async () => {
    addVoices(1000);
    const voices = await clientFor(mock).client.list();
    expect(new Set(voices.map((voice) => voice.voice)).size).toBe(1000);
    expect(listCalls()).toEqual([[0, 1000]]);
  });

  it('follows total_count over pages shorter than asked, missing no voice', async () => {
    mock.setBehaviour({ pageSizeLimit: { max: 100, over: 'cap' } });
    addVoices(250);
    const voices = await clientFor(mock).client.list();
    expect(new Set(voices.map((voice) => voice.voice)).size).toBe(250);
    expect(listCalls()).toEqual([[0, 1000], [1, 100], [2, 100]]);
  });

  it('falls back to 10 per page when a larger page is refused, and keeps to 10 afterwards', async () => {
    mock.setBehaviour({ pageSizeLimit: { max: 10, over: 'refuse' } });
    addVoices(23);
    const { client } = clientFor(mock);
    expect(new Set((await client.list()).map((voice) => voice.voice)).size).toBe(23);
    expect(listCalls()).toEqual([[0, 1000], [0, 10], [1, 10], [2, 10]]);
    mock.requests.length = 0;
    expect(await client.list()).toHaveLength(23);
    expect(listCalls()).toEqual([[0, 10], [1, 10], [2, 10]]);
  });
});

describe('8. quota (issue 29, §5)', () => {
  it('a full account (400 Throttling.AllocationQuota, as documented) is said plainly and never retried', async () => {
    mock.setBehaviour({ maxVoices: 1 });
    mock.addVoice({ preferredName: 'first', targetModel: HTTP_MODEL });
    const { client, sleeps } = clientFor(mock);
    const error = await failure(client.create({ ...createRequest('second'), existingVoices: [] }));
    expect(error).toMatchObject({
      code: DASHSCOPE_ERROR.voiceQuotaReached, retryable: false, status: 400, dashscopeCode: 'Throttling.AllocationQuota',
      details: { serverMessage: 'Maximum voice storage limit exceeded, please delete existing voices.' },
    });
    expect(sleeps).toEqual([]);
    expect(targets()).toEqual(['create']);
  });

  it('400 Throttling.AllocationQuota is the full account whatever its wording', async () => {
    mock.inject({ kind: 'error', status: 400, code: 'Throttling.AllocationQuota', message: '存储已达上限', match: 'create' });
    const { client, sleeps } = clientFor(mock);
    const error = await failure(client.create({ ...createRequest('third'), existingVoices: [] }));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.voiceQuotaReached, retryable: false });
    expect(sleeps).toEqual([]);
  });

  it('429 Throttling.AllocationQuota is rate limiting: waited out, and the voice is made', async () => {
    mock.inject(errorFault('Throttling.AllocationQuota', { match: 'create' }));
    const { client, sleeps } = clientFor(mock);
    const created = await client.create({ ...createRequest('patient'), existingVoices: [] });
    expect(mock.voices.has(created.voice)).toBe(true);
    expect(sleeps).toHaveLength(1);
  });
});

describe('9. ids keep the case of the preferred name (issue 29, §5)', () => {
  it('a voice named MetroPolice comes back as …-MetroPolice-…, and list reads that name back', async () => {
    const { client } = clientFor(mock);
    const created = await client.create({ ...createRequest('MetroPolice'), existingVoices: [] });
    expect(created.voice).toMatch(/^qwen-tts-vc-MetroPolice-voice-\d{17}-[0-9a-f]{4}$/);
    expect((await client.list()).map((voice) => voice.preferredName)).toEqual(['MetroPolice']);
  });
});

describe('issue 15, item 9: answer size', () => {
  it('refuses a JSON answer of many megabytes with a typed error', async () => {
    mock.inject({ kind: 'huge-answer', bytes: 6_000_000, match: 'list' });
    const error = await failure(clientFor(mock, { retry: { maxAttempts: 1 } }).client.list());
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.answerTooLarge, details: { maxMb: 4 } });
  });
});

describe('issue 15, item 12: an unreadable list during the look-up', () => {
  it('keeps the outcome unsure and looks again; it never creates a second voice', async () => {
    mock.inject({ kind: 'reset', match: 'create' });
    mock.inject({ kind: 'omit-list', match: 'list' });
    const created = await clientFor(mock).client.create({ ...createRequest('unsure'), existingVoices: [] });
    expect(created.adopted).toBe(true);
    expect(mock.voices.size).toBe(1);
    expect(targets()).toEqual(['create', 'list', 'list']);
  });
});

describe('issue 15, item 13: redirects', () => {
  let elsewhere: Server;
  let elsewhereHits = 0;
  beforeEach(async () => {
    elsewhereHits = 0;
    elsewhere = createServer((request, response) => {
      elsewhereHits++;
      request.resume();
      response.writeHead(401, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ code: 'InvalidApiKey', message: 'Invalid API-key provided.' }));
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await new Promise((resolve) => elsewhere.close(resolve));
  });

  it('a 307 to another host is an error of its own; the audio and key are not sent there', async () => {
    const location = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/api/v1/services/audio/tts/customization`;
    mock.inject({ kind: 'redirect', status: 307, location, match: 'create' });
    const error = await failure(clientFor(mock).client.create({ ...createRequest('moved'), existingVoices: [] }));
    // Electron's net.fetch refuses it as "Redirect was cancelled", without the status (which the app therefore never knows).
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.redirected, retryable: false });
    expect(elsewhereHits).toBe(0);
  });

  it('a redirect loop is a redirect, not being offline', async () => {
    mock.inject({ kind: 'redirect', status: 302, location: 'self', match: 'list', times: 50 });
    const error = await failure(clientFor(mock).client.list());
    expect(error.code).toBe(DASHSCOPE_ERROR.redirected);
  });
});

describe('issue 15, item 14: keys in server text', () => {
  it('removes the request key and every known key from what the server says', async () => {
    const otherKey = 'AKtHeOtHeRrEgIoNsKeYwItHoUtAnYpReFiX0123456789';
    mock.inject({ kind: 'echo-auth', match: 'list' });
    const { client } = clientFor(mock, { knownSecrets: () => [otherKey] });
    const echoed = await failure(client.list({ pageSize: 10 }));
    mock.inject({ kind: 'error', status: 400, code: `Bad.${otherKey}`, message: `proxy saw ${otherKey}`, match: 'list' });
    const other = await failure(client.list());
    for (const error of [echoed, other]) {
      const shown = JSON.stringify({ message: error.message, error: error.toAppError(), requestId: error.requestId });
      expect(shown).not.toContain(mock.apiKey);
      expect(shown).not.toContain(otherKey);
    }
    expect(echoed.details).toMatchObject({ serverMessage: expect.stringContaining('redacted') });
  });
});
