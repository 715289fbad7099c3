/**
 * Speaking with a voice cloned for a realtime Omni model, over the realtime WebSocket in the
 * Omni-Realtime session protocol (§7), against the mock, through the app's network stand-ins.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWav } from '../../../shared/audio/wav';
import { READ_VERBATIM_INSTRUCTION, type TargetModel } from '../../../shared/models';
import { tonePcm } from '../../../tests/mock-dashscope/audio';
import { errorFault } from '../../../tests/mock-dashscope/faults';
import { clientFor } from '../../../tests/mock-dashscope/harness';
import { OMNI_PREAMBLE } from '../../../tests/mock-dashscope/omni-handler';
import { startMockDashScope, type MockDashScope } from '../../../tests/mock-dashscope/server';
import { rejectionOf } from '../../../tests/support/rejection';
import { DASHSCOPE_ERROR, DashScopeError, type SynthesisRequest } from './client';
import { USER_TURN_SILENCE } from './omni-realtime';

const MODEL: TargetModel = 'qwen3.5-omni-flash-realtime';
const TEXT = 'Hello there, how are you?';

let mock: MockDashScope;
beforeEach(async () => {
  mock = await startMockDashScope();
});
afterEach(async () => {
  await mock.close();
});

const failure = (promise: Promise<unknown>) => rejectionOf(DashScopeError, promise);

function request(fields: Partial<SynthesisRequest> = {}): SynthesisRequest {
  const voice = fields.voice ?? mock.addVoice({ preferredName: 'Beton', targetModel: MODEL }).voice;
  return { voice, voiceTargetModel: MODEL, model: MODEL, text: TEXT, ...fields };
}

const pcmOf = (wav: Uint8Array) => {
  const info = parseWav(wav);
  if (!info) throw new Error('not a WAV');
  return Buffer.from(wav.subarray(info.dataOffset, info.dataOffset + info.dataLength));
};

/** The client events of every session, in order; a session starts with its handshake (no body). */
function sessions() {
  const all: Array<Array<Record<string, unknown>>> = [];
  for (const call of mock.requests.filter((entry) => entry.target === 'realtime')) {
    if (call.body === undefined) all.push([]);
    else all.at(-1)?.push(call.body as Record<string, unknown>);
  }
  return all;
}

describe('realtime Omni synthesis', () => {
  it('asks in the session instructions for the text, sends silence as the turn, and returns the audio and what was said', async () => {
    const { client } = clientFor(mock);
    const chunks: Uint8Array[] = [];
    const result = await client.synthesize(request({ onAudio: (chunk) => chunks.push(chunk) }));
    const handshake = mock.requests.find((entry) => entry.target === 'realtime');
    expect(handshake).toMatchObject({ path: '/api-ws/v1/realtime', query: { model: MODEL }, authorized: true });
    const [events] = sessions();
    expect(events.map((event) => event.type)).toEqual(['session.update', 'input_audio_buffer.append', 'input_audio_buffer.commit', 'response.create']);
    expect(events[0].session).toEqual({
      modalities: ['text', 'audio'],
      voice: expect.stringMatching(/^qwen-omni-vc-Beton-voice-/),
      input_audio_format: 'pcm16',
      output_audio_format: 'pcm24',
      instructions: `${READ_VERBATIM_INSTRUCTION}${TEXT}`,
      turn_detection: null,
    });
    // Half a second of 16 kHz 16-bit silence.
    expect(Buffer.from(String(events[1].audio), 'base64')).toEqual(Buffer.alloc(16_000));
    expect(events[1].audio).toBe(USER_TURN_SILENCE);
    expect(new Set(events.map((event) => event.event_id)).size).toBe(4);
    expect(result.spokenText).toBe(TEXT);
    expect(parseWav(result.wav)).toMatchObject({ sampleRate: 24_000, channels: 1, bitsPerSample: 16 });
    const expected = Buffer.from(tonePcm(TEXT, 24_000));
    expect(pcmOf(result.wav).equals(expected)).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
  });

  it('reports what the model actually said when it does not read word for word', async () => {
    mock.setBehaviour({ omniSays: 'adds-preamble' });
    const result = await clientFor(mock).client.synthesize(request({ text: '你好，今天天气很好。', model: 'qwen3.5-omni-plus-realtime', voiceTargetModel: 'qwen3.5-omni-plus-realtime', voice: mock.addVoice({ preferredName: 'Plus', targetModel: 'qwen3.5-omni-plus-realtime' }).voice }));
    expect(result.spokenText).toBe(`${OMNI_PREAMBLE}你好，今天天气很好。`);
  });

  it('asks for pcm16 in the same session when the model refuses pcm24 (which one qwen3.5 takes is unconfirmed)', async () => {
    mock.setBehaviour({ omniRealtimeOutputFormat: 'pcm16' });
    const result = await clientFor(mock).client.synthesize(request());
    const [events] = sessions();
    expect(sessions()).toHaveLength(1);
    expect(events.filter((event) => event.type === 'session.update').map((event) => (event.session as Record<string, unknown>).output_audio_format))
      .toEqual(['pcm24', 'pcm16']);
    expect(result.spokenText).toBe(TEXT);
    expect(pcmOf(result.wav).equals(Buffer.from(tonePcm(TEXT, 24_000)))).toBe(true);
  });

  it('speaks a long text in one session per part and joins what was said', async () => {
    const sentence = 'This sentence is here to make the text long enough to need two requests. ';
    const result = await clientFor(mock).client.synthesize(request({ text: sentence.repeat(12).trim() }));
    expect(sessions()).toHaveLength(2);
    expect(result.spokenText?.split('\n')).toHaveLength(2);
    expect(result.spokenText?.replace(/\s+/g, ' ')).toBe(sentence.repeat(12).trim());
  });

  it('a voice made for another model is refused by the session as one this model cannot use', async () => {
    const voice = mock.addVoice({ preferredName: 'Other', targetModel: 'qwen3.5-omni-flash' }).voice;
    const error = await failure(clientFor(mock).client.synthesize(request({ voice })));
    expect(error.code).toBe(DASHSCOPE_ERROR.invalidVoice);
    expect(error.details?.serverMessage).toBe('Invalid voice specified.');
    expect(sessions()).toHaveLength(1);
  });

  it('a voice the account does not hold is refused as not found, from the error event', async () => {
    const error = await failure(clientFor(mock).client.synthesize(request({ voice: 'qwen-omni-vc-Gone-voice-20260101000000000-abcd' })));
    expect(error.code).toBe(DASHSCOPE_ERROR.voiceNotFound);
  });

  it('a handshake refused with 401 is the key error; a 403 is access denied', async () => {
    const wrongKey = await failure(clientFor(mock, { getApiKey: async () => mock.keys['cn-beijing'] }).client.synthesize(request()));
    expect(wrongKey).toMatchObject({ code: DASHSCOPE_ERROR.invalidKey, status: 401 });
    mock.inject(errorFault('AccessDenied', { match: 'realtime' }));
    const denied = await failure(clientFor(mock).client.synthesize(request()));
    expect(denied).toMatchObject({ code: DASHSCOPE_ERROR.accessDenied, status: 403 });
  });

  it('retries a refused handshake that says the model is unavailable, then speaks', async () => {
    mock.inject(errorFault('ModelUnavailable', { match: 'realtime' }));
    const { client, sleeps } = clientFor(mock);
    const result = await client.synthesize(request());
    expect(sleeps).toHaveLength(1);
    expect(result.spokenText).toBe(TEXT);
  });

  it.each([
    ['disconnect', DASHSCOPE_ERROR.connectionLost],
    ['error-event', DASHSCOPE_ERROR.serverError],
  ] as const)('a session cut after audio began (%s) fails, not a short result, and is not sent again', async (mode, code) => {
    mock.inject({ kind: 'mid-stream', afterChunks: 2, mode, match: 'realtime' });
    const chunks: Uint8Array[] = [];
    const error = await failure(clientFor(mock).client.synthesize(request({ onAudio: (chunk) => chunks.push(chunk) })));
    expect(error.code).toBe(code);
    expect(chunks).toHaveLength(2);
    expect(sessions()).toHaveLength(1);
  });

  it('a response that ends unfinished is an error, not a short result', async () => {
    mock.inject({ kind: 'response-unfinished', afterChunks: 1, status: 'incomplete', match: 'realtime' });
    const error = await failure(clientFor(mock).client.synthesize(request({ onAudio: () => {} })));
    expect(error.code).toBe(DASHSCOPE_ERROR.serverError);
  });

  it('fails as unreachable when the server is down', async () => {
    await mock.setReachable(false);
    const error = await failure(clientFor(mock, { retry: { maxAttempts: 1 } }).client.synthesize(request()));
    expect(error.code).toBe(DASHSCOPE_ERROR.refused);
  });

  it('never writes the key into what it returns or logs, even when the service echoes it', async () => {
    mock.inject({ kind: 'echo-auth-answer', match: 'realtime' });
    const { client, logs } = clientFor(mock, { retry: { maxAttempts: 1 } });
    const error = await failure(client.synthesize(request()));
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(mock.apiKey);
    expect(logs.join('\n')).not.toContain(mock.apiKey);
  });
});
