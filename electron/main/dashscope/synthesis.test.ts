import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWav } from '../../../shared/audio/wav';
import { SYNTHESIS_MAX_CHARS, weightedLength, type TargetModel } from '../../../shared/models';
import { tonePcm } from '../../../tests/mock-dashscope/audio';
import { errorFault } from '../../../tests/mock-dashscope/faults';
import { clientFor } from '../../../tests/mock-dashscope/harness';
import { startMockDashScope, type MockDashScope } from '../../../tests/mock-dashscope/server';
import { DASHSCOPE_ERROR, DashScopeError, type SynthesisRequest } from './client';
import { GENERATION_PATH } from './synthesis-http';
import { splitForSynthesis } from './text-split';
import { rejectionOf } from '../../../tests/support/rejection';

const HTTP_MODEL: TargetModel = 'qwen3-tts-vc-2026-01-22';
const REALTIME_MODEL: TargetModel = 'qwen3-tts-vc-realtime-2026-01-15';

let mock: MockDashScope;
beforeEach(async () => {
  mock = await startMockDashScope();
});
afterEach(async () => {
  await mock.close();
});

const failure = (promise: Promise<unknown> | unknown) => rejectionOf(DashScopeError, promise);

function voiceFor(model: TargetModel) {
  return mock.addVoice({ preferredName: 'speaker', targetModel: model }).voice;
}

function request(model: TargetModel, fields: Partial<SynthesisRequest> = {}): SynthesisRequest {
  return { voice: fields.voice ?? voiceFor(model), voiceTargetModel: model, model, text: 'Hello there.', ...fields };
}

/** The PCM the mock makes for `text`: the tone the client must hand back byte for byte. */
const expectedPcm = (...texts: string[]) => Buffer.concat(texts.map((text) => tonePcm(text)));
const pcmOf = (wav: Uint8Array) => {
  const info = parseWav(wav);
  if (!info) throw new Error('not a WAV');
  return Buffer.from(wav.subarray(info.dataOffset, info.dataOffset + info.dataLength));
};
const collector = () => {
  const chunks: Uint8Array[] = [];
  return { chunks, onAudio: (chunk: Uint8Array) => chunks.push(chunk) };
};

describe('HTTP synthesis', () => {
  it('posts the reference body and returns the downloaded WAV', async () => {
    const { client } = clientFor(mock);
    const sink = collector();
    const result = await client.synthesize(request(HTTP_MODEL, { languageType: 'English', onAudio: sink.onAudio }));
    expect(result).toMatchObject({ sampleRate: 24_000, characters: 12, requestId: expect.any(String) });
    expect(parseWav(result.wav)).toMatchObject({ sampleRate: 24_000, channels: 1, bitsPerSample: 16, format: 1 });
    expect(pcmOf(result.wav).equals(expectedPcm('Hello there.'))).toBe(true);
    expect(Buffer.concat(sink.chunks).equals(expectedPcm('Hello there.'))).toBe(true);
    const [call, download] = mock.requests;
    expect(call.path).toBe(`/api/v1${GENERATION_PATH}`);
    expect(call.headers['x-dashscope-sse']).toBeUndefined();
    expect(call.body).toEqual({ model: HTTP_MODEL, input: { text: 'Hello there.', voice: expect.any(String), language_type: 'English' } });
    // The result URL is pre-signed storage: the key must not travel there.
    expect(download).toMatchObject({ target: 'download', authorized: false });
  });

  it('streams: feeds each PCM chunk to onAudio, joins multi-line data, uses the final URL', async () => {
    const { client } = clientFor(mock);
    const sink = collector();
    const text = 'A slightly longer sentence, for several chunks.';
    const result = await client.synthesize(request(HTTP_MODEL, { text, stream: true, onAudio: sink.onAudio }));
    expect(sink.chunks.length).toBeGreaterThan(3);
    expect(Buffer.concat(sink.chunks).equals(expectedPcm(text))).toBe(true);
    expect(pcmOf(result.wav).equals(expectedPcm(text))).toBe(true);
    expect(result.characters).toBe(text.length);
    expect(mock.requests[0].headers['x-dashscope-sse']).toBe('enable');
    expect(mock.requests.map((r) => r.target)).toEqual(['synthesize', 'download']);
  });

  it('streams without a final URL by wrapping the streamed PCM', async () => {
    mock.inject({ kind: 'omit-audio-url', match: 'synthesize' });
    const result = await clientFor(mock).client.synthesize(request(HTTP_MODEL, { stream: true }));
    expect(pcmOf(result.wav).equals(expectedPcm('Hello there.'))).toBe(true);
    expect(mock.requests.map((r) => r.target)).toEqual(['synthesize']);
  });

  it('refuses a stream that finished without any audio or URL', async () => {
    const finalOnly = 'id:1\nevent:result\n:HTTP_STATUS/200\ndata:{"output":{"audio":{"data":""},"finish_reason":"stop"},"request_id":"r"}\n\n';
    const { client } = clientFor(mock, { fetch: async () => new Response(finalOnly, { headers: { 'content-type': 'text/event-stream' } }) });
    const error = await failure(client.synthesize(request(HTTP_MODEL, { stream: true })));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.badResponse, requestId: 'r' });
  });

  it('falls back to the streamed audio when the final download fails', async () => {
    mock.inject({ kind: 'error', status: 403, code: 'AccessDenied', message: 'Request has expired.', match: 'download' });
    const result = await clientFor(mock).client.synthesize(request(HTTP_MODEL, { stream: true }));
    expect(pcmOf(result.wav).equals(expectedPcm('Hello there.'))).toBe(true);
  });

  it('maps a failed result download', async () => {
    mock.inject({ kind: 'error', status: 403, code: 'AccessDenied', message: 'Request has expired.', match: 'download' });
    const error = await failure(clientFor(mock).client.synthesize(request(HTTP_MODEL)));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.audioDownloadFailed, status: 403, retryable: false });
  });

  it.each([
    ['disconnect', DASHSCOPE_ERROR.connectionLost],
    ['error-event', DASHSCOPE_ERROR.serverError],
  ] as const)('a mid-stream %s after audio was delivered fails without replaying', async (mode, code) => {
    mock.inject({ kind: 'mid-stream', afterChunks: 2, mode, match: 'synthesize' });
    const sink = collector();
    const error = await failure(clientFor(mock).client.synthesize(request(HTTP_MODEL, { stream: true, onAudio: sink.onAudio })));
    expect(error.code).toBe(code);
    expect(sink.chunks).toHaveLength(2);
    expect(mock.requests.filter((r) => r.target === 'synthesize')).toHaveLength(1);
  });

  it('a stream that fails before any audio is retried', async () => {
    mock.inject({ kind: 'mid-stream', afterChunks: 0, mode: 'error-event', match: 'synthesize' });
    const sink = collector();
    const result = await clientFor(mock).client.synthesize(request(HTTP_MODEL, { stream: true, onAudio: sink.onAudio }));
    expect(Buffer.concat(sink.chunks).equals(expectedPcm('Hello there.'))).toBe(true);
    expect(pcmOf(result.wav).equals(expectedPcm('Hello there.'))).toBe(true);
  });

  it('retries a throttled synthesis request, honouring Retry-After', async () => {
    mock.inject(errorFault('Throttling', { retryAfter: 2, match: 'synthesize' }));
    const { client, sleeps } = clientFor(mock);
    await client.synthesize(request(HTTP_MODEL));
    expect(sleeps).toEqual([2_000]);
  });

  it('maps a deleted voice and a voice enrolled for the other model', async () => {
    const { client } = clientFor(mock);
    const missing = await failure(client.synthesize(request(HTTP_MODEL, { voice: 'qwen-tts-vc-gone-voice-20250101000000000-abcd' })));
    expect(missing.code).toBe(DASHSCOPE_ERROR.voiceNotFound);
    // The caller claims the right model, but the service knows the voice is bound elsewhere.
    const realtimeVoice = voiceFor(REALTIME_MODEL);
    const wrong = await failure(client.synthesize(request(HTTP_MODEL, { voice: realtimeVoice })));
    expect(wrong).toMatchObject({ code: DASHSCOPE_ERROR.invalidVoice, dashscopeCode: 'InvalidParameter' });
  });

  it('splits long text at sentence ends and joins the audio in order', async () => {
    const sentence = 'This sentence is here to make the text long enough. ';
    const text = sentence.repeat(25).trim();
    expect(text.length).toBeGreaterThan(SYNTHESIS_MAX_CHARS);
    const { client } = clientFor(mock);
    const sink = collector();
    const result = await client.synthesize(request(HTTP_MODEL, { text, onAudio: sink.onAudio }));
    const sent = mock.requests.filter((r) => r.target === 'synthesize').map((r) => (r.body as { input: { text: string } }).input.text);
    expect(sent).toEqual(splitForSynthesis(text, SYNTHESIS_MAX_CHARS));
    expect(sent.length).toBe(3);
    for (const chunk of sent) {
      expect(chunk.length).toBeLessThanOrEqual(SYNTHESIS_MAX_CHARS);
      expect(chunk.endsWith('.')).toBe(true);
    }
    expect(sent.join(' ')).toBe(text);
    expect(pcmOf(result.wav).equals(expectedPcm(...sent))).toBe(true);
    expect(sink.chunks).toHaveLength(3);
    expect(result.characters).toBe(sent.reduce((sum, chunk) => sum + chunk.length, 0));
  });
});

describe('realtime synthesis', () => {
  it('runs the session flow and wraps the audio deltas in a WAV', async () => {
    const sink = collector();
    const { client } = clientFor(mock);
    const result = await client.synthesize(request(REALTIME_MODEL, {
      text: '你好，世界。', languageType: 'Chinese', speechRate: 1.2, volume: 60, pitchRate: 0.9, onAudio: sink.onAudio,
    }));
    expect(pcmOf(result.wav).equals(expectedPcm('你好，世界。'))).toBe(true);
    expect(Buffer.concat(sink.chunks).equals(expectedPcm('你好，世界。'))).toBe(true);
    expect(result).toMatchObject({ sampleRate: 24_000, characters: weightedLength('你好，世界。') });
    expect(result.characters).toBeGreaterThan(6); // CJK counts double
    const ws = mock.requests.filter((r) => r.target === 'realtime');
    expect(ws[0]).toMatchObject({ query: { model: REALTIME_MODEL }, authorized: true });
    const events = ws.slice(1).map((r) => r.body as Record<string, unknown>);
    expect(events.map((event) => event.type)).toEqual(['session.update', 'input_text_buffer.append', 'input_text_buffer.commit', 'session.finish']);
    expect(events[0].session).toEqual({
      voice: expect.any(String), mode: 'commit', response_format: 'pcm', sample_rate: 24_000,
      language_type: 'Chinese', speech_rate: 1.2, volume: 60, pitch_rate: 0.9,
    });
    expect(events[1].text).toBe('你好，世界。');
    expect(new Set(events.map((event) => event.event_id)).size).toBe(4);
  });

  it('works with the older realtime model too', async () => {
    const result = await clientFor(mock).client.synthesize(request('qwen3-tts-vc-realtime-2025-11-27'));
    expect(pcmOf(result.wav).equals(expectedPcm('Hello there.'))).toBe(true);
  });

  it.each([
    ['disconnect', DASHSCOPE_ERROR.connectionLost],
    ['error-event', DASHSCOPE_ERROR.serverError],
  ] as const)('a mid-stream %s after audio was delivered fails without replaying', async (mode, code) => {
    mock.inject({ kind: 'mid-stream', afterChunks: 1, mode, match: 'realtime' });
    const sink = collector();
    const error = await failure(clientFor(mock).client.synthesize(request(REALTIME_MODEL, { onAudio: sink.onAudio })));
    expect(error.code).toBe(code);
    expect(sink.chunks).toHaveLength(1);
    expect(mock.requests.filter((r) => r.target === 'realtime' && r.body === undefined)).toHaveLength(1);
  });

  it('a handshake refused with 401 maps to invalid_key; 503 is retried', async () => {
    const { client } = clientFor(mock, { getApiKey: async () => mock.keys['cn-beijing'] });
    const error = await failure(client.synthesize(request(REALTIME_MODEL)));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.invalidKey, status: 401 });

    mock.inject(errorFault('ModelUnavailable', { match: 'realtime' }));
    const result = await clientFor(mock).client.synthesize(request(REALTIME_MODEL));
    expect(result.wav.length).toBeGreaterThan(44);
  });

  it('a voice for the other model is refused by the session', async () => {
    const error = await failure(clientFor(mock).client.synthesize(request(REALTIME_MODEL, { voice: voiceFor(HTTP_MODEL) })));
    expect(error.code).toBe(DASHSCOPE_ERROR.invalidVoice);
  });

  it('a session that never starts stalls out, and says so', async () => {
    mock.inject({ kind: 'timeout', match: 'realtime', times: 2 });
    const { client } = clientFor(mock, { timeouts: { streamIdleMs: 150 }, retry: { maxAttempts: 2 } });
    const error = await failure(client.synthesize(request(REALTIME_MODEL)));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.streamIdle, retryable: true });
  });

  it('an abort ends a running session', async () => {
    mock.inject({ kind: 'timeout', match: 'realtime' });
    const controller = new AbortController();
    const pending = failure(clientFor(mock, { timeouts: { synthesisMs: 10_000 } }).client.synthesize(request(REALTIME_MODEL, { signal: controller.signal })));
    while (!mock.requests.some((r) => r.target === 'realtime')) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    expect((await pending).code).toBe(DASHSCOPE_ERROR.cancelled);
  });

  it('refuses when the server is unreachable', async () => {
    await mock.setReachable(false);
    const error = await failure(clientFor(mock, { retry: { maxAttempts: 1 } }).client.synthesize(request(REALTIME_MODEL)));
    expect(error.code).toBe(DASHSCOPE_ERROR.refused);
  });
});

describe('refusals before sending', () => {
  it.each([
    ['a model other than the voice was made for', { model: REALTIME_MODEL }, DASHSCOPE_ERROR.modelMismatch],
    ['empty text', { text: '  \n ' }, DASHSCOPE_ERROR.invalidRequest],
    ['an unknown language type', { languageType: 'Klingon' }, DASHSCOPE_ERROR.invalidRequest],
    ['a speech rate out of range', { speechRate: 3 }, DASHSCOPE_ERROR.invalidRequest],
    ['a volume out of range', { volume: 101 }, DASHSCOPE_ERROR.invalidRequest],
    ['an unknown model', { model: 'qwen-tts', voiceTargetModel: 'qwen-tts' }, DASHSCOPE_ERROR.unknownTargetModel],
  ])('refuses %s', async (_name, change, code) => {
    const voice = voiceFor(HTTP_MODEL);
    mock.requests.length = 0;
    const error = await failure(clientFor(mock).client.synthesize({ ...request(HTTP_MODEL, { voice }), ...change } as SynthesisRequest));
    expect(error.code).toBe(code);
    expect(mock.requests).toHaveLength(0);
  });

  it('names both models in a mismatch', async () => {
    const error = await failure(clientFor(mock).client.synthesize({ ...request(HTTP_MODEL), model: REALTIME_MODEL }));
    expect(error.details).toMatchObject({ model: REALTIME_MODEL, voiceTargetModel: HTTP_MODEL });
  });
});
