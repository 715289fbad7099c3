/** Speaking with a voice cloned for Qwen-Omni, through the OpenAI-compatible chat endpoint (§7), against the mock. */
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

const OMNI_MODEL: TargetModel = 'qwen3.5-omni-plus';

let mock: MockDashScope;
beforeEach(async () => {
  mock = await startMockDashScope();
});
afterEach(async () => {
  await mock.close();
});

const failure = (promise: Promise<unknown>) => rejectionOf(DashScopeError, promise);

function request(fields: Partial<SynthesisRequest> = {}): SynthesisRequest {
  const voice = fields.voice ?? mock.addVoice({ preferredName: 'Beton', targetModel: OMNI_MODEL }).voice;
  return { voice, voiceTargetModel: OMNI_MODEL, model: OMNI_MODEL, text: 'Hello there, how are you?', ...fields };
}

const pcmOf = (wav: Uint8Array) => {
  const info = parseWav(wav);
  if (!info) throw new Error('not a WAV');
  return Buffer.from(wav.subarray(info.dataOffset, info.dataOffset + info.dataLength));
};

describe('Omni synthesis', () => {
  it('asks the chat endpoint to read the text verbatim, streamed, and returns the audio and what was said', async () => {
    const { client } = clientFor(mock);
    const chunks: Uint8Array[] = [];
    const result = await client.synthesize(request({ onAudio: (chunk) => chunks.push(chunk) }));
    const [call] = mock.requests;
    expect(call.path).toBe('/compatible-mode/v1/chat/completions');
    expect(call.authorized).toBe(true);
    expect(call.body).toEqual({
      model: OMNI_MODEL,
      messages: [{ role: 'user', content: `${READ_VERBATIM_INSTRUCTION}Hello there, how are you?` }],
      modalities: ['text', 'audio'],
      audio: { voice: expect.stringMatching(/^qwen-omni-vc-Beton-voice-/), format: 'wav' },
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(result.spokenText).toBe('Hello there, how are you?');
    expect(result.requestId).toMatch(/^chatcmpl-/);
    expect(parseWav(result.wav)).toMatchObject({ sampleRate: 24_000, channels: 1, bitsPerSample: 16 });
    const expected = Buffer.from(tonePcm('Hello there, how are you?', 24_000));
    expect(pcmOf(result.wav).equals(expected)).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
  });

  it('reports what the model actually said when it does not read word for word', async () => {
    mock.setBehaviour({ omniSays: 'adds-preamble' });
    const { client } = clientFor(mock);
    const result = await client.synthesize(request({ text: '你好，今天天气很好。' }));
    expect(result.spokenText).toBe(`${OMNI_PREAMBLE}你好，今天天气很好。`);
  });

  it('speaks a long text part by part and joins what was said', async () => {
    const { client } = clientFor(mock);
    const sentence = 'This sentence is here to make the text long enough to need two requests. ';
    const result = await client.synthesize(request({ text: sentence.repeat(12).trim() }));
    expect(mock.requests.filter((call) => call.target === 'synthesize')).toHaveLength(2);
    expect(result.spokenText?.split('\n')).toHaveLength(2);
    expect(result.spokenText?.replace(/\s+/g, ' ')).toBe(sentence.repeat(12).trim());
  });

  it('a voice made for the other Omni model is refused as one this model cannot use', async () => {
    const voice = mock.addVoice({ preferredName: 'Other', targetModel: 'qwen3.5-omni-flash' }).voice;
    const { client } = clientFor(mock);
    const error = await failure(client.synthesize(request({ voice })));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.invalidVoice, status: 400 });
    expect(error.details?.serverMessage).toBe('Invalid voice specified.');
  });

  it('a voice the account does not hold is refused as not found', async () => {
    const { client } = clientFor(mock);
    const error = await failure(client.synthesize(request({ voice: 'qwen-omni-vc-Gone-voice-20260101000000000-abcd' })));
    expect(error).toMatchObject({ code: DASHSCOPE_ERROR.voiceNotFound, status: 400 });
  });

  it('a wrong key is the key error, read from the OpenAI-compatible error body', async () => {
    const { client } = clientFor(mock, { getApiKey: async () => 'sk-wrong' });
    expect(await failure(client.synthesize(request()))).toMatchObject({ code: DASHSCOPE_ERROR.invalidKey, status: 401 });
  });

  it('retries a server error before any audio and then speaks', async () => {
    mock.inject(errorFault('InternalError', { match: 'synthesize' }));
    const { client, sleeps } = clientFor(mock);
    const result = await client.synthesize(request());
    expect(sleeps).toHaveLength(1);
    expect(result.spokenText).toBe('Hello there, how are you?');
  });

  it.each(['disconnect', 'error-event'] as const)('a stream cut after audio began (%s) fails, not a short result, and is not sent again', async (mode) => {
    mock.inject({ kind: 'mid-stream', afterChunks: 4, mode, match: 'synthesize' });
    const { client } = clientFor(mock);
    const error = await failure(client.synthesize(request({ onAudio: () => {} })));
    expect(error.code).toBe(mode === 'disconnect' ? DASHSCOPE_ERROR.connectionLost : DASHSCOPE_ERROR.serverError);
    expect(mock.requests.filter((call) => call.target === 'synthesize')).toHaveLength(1);
  });
});

describe('the mock chat endpoint', () => {
  const post = (body: unknown) => fetch(`${mock.baseUrl.replace(/\/api\/v1$/, '')}/compatible-mode/v1/chat/completions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${mock.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const omniBody = (voice: string, fields: Record<string, unknown> = {}) => ({
    model: OMNI_MODEL, messages: [{ role: 'user', content: 'Hi.' }], modalities: ['text', 'audio'], audio: { voice, format: 'wav' }, stream: true, ...fields,
  });

  it('refuses a request that does not stream (documented: Omni only streams)', async () => {
    const voice = mock.addVoice({ preferredName: 'Beton', targetModel: OMNI_MODEL }).voice;
    const response = await post(omniBody(voice, { stream: false }));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_parameter_error', message: expect.stringMatching(/stream/) } });
  });

  it('streams text and audio deltas in data: lines and ends with [DONE]', async () => {
    const voice = mock.addVoice({ preferredName: 'Beton', targetModel: OMNI_MODEL }).voice;
    const response = await post(omniBody(voice));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const text = await response.text();
    const events = text.trim().split('\n\n').map((event) => event.replace(/^data: /, ''));
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event) as { choices: Array<{ delta: { content?: string; audio?: { data: string } } }> });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Hi.');
    expect(chunks.some((chunk) => chunk.choices[0]?.delta.audio?.data)).toBe(true);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: expect.any(Number) } });
  });

  it('does not serve Omni voices at the TTS endpoint', async () => {
    const voice = mock.addVoice({ preferredName: 'Beton', targetModel: OMNI_MODEL }).voice;
    const response = await fetch(`${mock.baseUrl}/services/aigc/multimodal-generation/generation`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${mock.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: OMNI_MODEL, input: { text: 'Hi.', voice } }),
    });
    expect(response.status).toBe(400);
  });
});
