/**
 * Holds the mock to ../shared/dashscope-api.md: requests written exactly like the reference's
 * examples are accepted and answered in the documented shape; requests the reference says the
 * real service refuses are refused with the documented code. Raw fetch and ws, no client code,
 * so a client bug cannot hide a mock that drifted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseWav, wrapPcm16 } from '../../shared/audio/wav';
import { speechLikeWav, silentWav, stereoWav } from './fixtures';
import { startMockDashScope, type MockDashScope } from './server';

let mock: MockDashScope;
beforeEach(async () => {
  mock = await startMockDashScope();
});
afterEach(async () => {
  await mock.close();
});

const CUSTOMIZATION = '/services/audio/tts/customization';
const GENERATION = '/services/aigc/multimodal-generation/generation';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the contract test reads raw JSON answers
type Json = any;

const dataUrl = (bytes: Uint8Array, type = 'audio/wav') => `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;

async function post(path: string, body: unknown, options: { key?: string | null; headers?: Record<string, string> } = {}) {
  const key = options.key === undefined ? mock.apiKey : options.key;
  const response = await fetch(`${mock.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key === null ? {} : { Authorization: `Bearer ${key}` }), ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function postJson(path: string, body: unknown, options?: Parameters<typeof post>[2]) {
  const answer = await post(path, body, options);
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, Json> };
}

const createBody = (input: Record<string, unknown> = {}) => ({
  model: 'qwen-voice-enrollment',
  input: {
    action: 'create', target_model: 'qwen3-tts-vc-2026-01-22', preferred_name: 'guanyu',
    audio: { data: dataUrl(speechLikeWav(4)) }, ...input,
  },
});

/** §3.1: every refusal carries exactly request_id, code and message. */
function expectError(answer: { status: number; body: Record<string, unknown> }, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({ request_id: expect.any(String), code, message: expect.any(String) });
}

describe('§1.1 create', () => {
  it('accepts the documented request and answers with voice, target_model and usage.count 1', async () => {
    const answer = await postJson(CUSTOMIZATION, createBody({ text: '今天天气很好', language: 'zh' }));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      output: { voice: expect.stringMatching(/^qwen-tts-vc-guanyu-voice-\d{17}-[0-9a-f]{4}$/), target_model: 'qwen3-tts-vc-2026-01-22' },
      usage: { count: 1 },
      request_id: expect.any(String),
    });
  });

  it('accepts every target model and the optional fields left out', async () => {
    for (const target_model of ['qwen3-tts-vc-2026-01-22', 'qwen3-tts-vc-realtime-2026-01-15', 'qwen3-tts-vc-realtime-2025-11-27']) {
      expect((await postJson(CUSTOMIZATION, createBody({ target_model }))).status).toBe(200);
    }
  });

  it.each([
    ['a preferred_name over 16 characters', { preferred_name: 'x'.repeat(17) }],
    ['a preferred_name with a hyphen', { preferred_name: 'guan-yu' }],
    ['an empty preferred_name', { preferred_name: '' }],
    ['a target_model outside the enum', { target_model: 'cosyvoice-v3-plus' }],
    ['a language outside the list', { language: 'xx' }],
    ['a media type other than wav/mpeg/mp4', { audio: { data: dataUrl(speechLikeWav(4), 'audio/ogg') } }],
    ['invalid base64', { audio: { data: 'data:audio/wav;base64,%%%notbase64' } }],
    ['no audio', { audio: {} }],
    ['encoded audio over 10 MB', { audio: { data: `data:audio/wav;base64,${'A'.repeat(10_000_000)}` } }],
  ])('refuses %s with InvalidParameter', async (_name, input) => {
    expectError(await postJson(CUSTOMIZATION, createBody(input)), 400, 'InvalidParameter');
    expect(mock.voices.size).toBe(0);
  });

  it.each([
    ['stereo WAV', stereoWav(4), 'Audio.DecoderError'],
    ['8-bit WAV', (() => { const wav = speechLikeWav(4); wav[34] = 8; return wav; })(), 'Audio.DecoderError'],
    ['corrupt bytes', new TextEncoder().encode('RIFF....WAVEjunk'), 'Audio.DecoderError'],
    ['16 kHz WAV', speechLikeWav(4, 16_000), 'Audio.AudioRateError'],
    ['61 s WAV', speechLikeWav(61), 'Audio.DurationLimitError'],
    ['silence', silentWav(6), 'Audio.PreprocessError'],
    ['2 s of speech', speechLikeWav(2), 'Audio.PreprocessError'],
    ['speech broken by long pauses into 1.5 s pieces', (() => {
      const speech = speechLikeWav(1.5).subarray(44);
      const pause = new Uint8Array(24_000 * 2 * 2.5);
      return wrapPcm16(new Uint8Array(Buffer.concat([speech, pause, speech, pause, speech])), 24_000);
    })(), 'Audio.PreprocessError'],
  ])('refuses %s with %s', async (_name, bytes, code) => {
    expectError(await postJson(CUSTOMIZATION, createBody({ audio: { data: dataUrl(bytes) } })), 400, code);
  });

  it('accepts 48 kHz audio and exactly 60 s', async () => {
    expect((await postJson(CUSTOMIZATION, createBody({ audio: { data: dataUrl(speechLikeWav(4, 48_000)) } }))).status).toBe(200);
    expect((await postJson(CUSTOMIZATION, createBody({ preferred_name: 'long', audio: { data: dataUrl(speechLikeWav(60)) } }))).status).toBe(200);
  });
});

describe('§1.2 list', () => {
  it('answers the documented request in the documented shape', async () => {
    const created = await postJson(CUSTOMIZATION, createBody({ language: 'zh' }));
    const answer = await postJson(CUSTOMIZATION, { model: 'qwen-voice-enrollment', input: { action: 'list', page_size: 10, page_index: 0 } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      output: {
        page_index: 0, page_size: 10, total_count: 1,
        voice_list: [{
          voice: created.body.output.voice, target_model: 'qwen3-tts-vc-2026-01-22', language: 'zh',
          gmt_create: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
          gmt_modified: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
        }],
      },
      usage: { count: 0 },
      request_id: expect.any(String),
    });
  });

  it('pages from index 0 and refuses a negative page index', async () => {
    for (let i = 0; i < 3; i++) mock.addVoice({ preferredName: `v${i}`, targetModel: 'qwen3-tts-vc-2026-01-22' });
    const second = await postJson(CUSTOMIZATION, { model: 'qwen-voice-enrollment', input: { action: 'list', page_size: 2, page_index: 1 } });
    expect(second.body.output.voice_list).toHaveLength(1);
    expect(second.body.output.total_count).toBe(3);
    expectError(await postJson(CUSTOMIZATION, { model: 'qwen-voice-enrollment', input: { action: 'list', page_size: 2, page_index: -1 } }), 400, 'InvalidParameter');
  });
});

describe('§1.3 delete', () => {
  it('answers the documented request, then VoiceNotFound with the documented message', async () => {
    const voice = mock.addVoice({ preferredName: 'x', targetModel: 'qwen3-tts-vc-2026-01-22' }).voice;
    const body = { model: 'qwen-voice-enrollment', input: { action: 'delete', voice } };
    const first = await postJson(CUSTOMIZATION, body);
    expect(first).toEqual({ status: 200, body: { output: { voice }, usage: { count: 0 }, request_id: expect.any(String) } });
    const second = await postJson(CUSTOMIZATION, body);
    expectError(second, 400, 'BadRequest.VoiceNotFound');
    expect(second.body.message).toBe(`Voice '${voice}' not found.`);
  });
});

describe('§3 malformed requests and auth', () => {
  it('401 InvalidApiKey in the real shape for a missing, wrong or other-region key', async () => {
    const list = { model: 'qwen-voice-enrollment', input: { action: 'list' } };
    for (const key of [null, 'sk-wrong', mock.keys['cn-beijing']]) {
      const answer = await postJson(CUSTOMIZATION, list, { key });
      expectError(answer, 401, 'InvalidApiKey');
      expect(answer.body.message).toBe('Invalid API-key provided.');
    }
  });

  it('refuses a wrong model, a missing model or input, an unknown action and a non-JSON body', async () => {
    expectError(await postJson(CUSTOMIZATION, { model: 'voice-enrollment', input: { action: 'list' } }), 404, 'ModelNotFound');
    expectError(await postJson(CUSTOMIZATION, { input: { action: 'list' } }), 400, 'BadRequest.EmptyModel');
    expectError(await postJson(CUSTOMIZATION, { model: 'qwen-voice-enrollment' }), 400, 'BadRequest.EmptyInput');
    expectError(await postJson(CUSTOMIZATION, { model: 'qwen-voice-enrollment', input: { action: 'query' } }), 400, 'InvalidParameter');
    expectError(await postJson(CUSTOMIZATION, '{not json'), 400, 'InvalidParameter');
  });
});

describe('§5.a HTTP synthesis', () => {
  const voiceFor = (targetModel: 'qwen3-tts-vc-2026-01-22' | 'qwen3-tts-vc-realtime-2026-01-15') =>
    mock.addVoice({ preferredName: 'speaker', targetModel }).voice;
  const body = (voice: string, input: Record<string, unknown> = {}) =>
    ({ model: 'qwen3-tts-vc-2026-01-22', input: { text: 'Hello world.', voice, language_type: 'English', ...input } });

  it('answers the documented request with a downloadable 24 kHz mono WAV URL', async () => {
    const answer = await postJson(GENERATION, body(voiceFor('qwen3-tts-vc-2026-01-22')));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      output: { audio: { data: '', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/.+\.wav\?Expires=/), id: expect.any(String), expires_at: expect.any(Number) }, finish_reason: 'stop' },
      usage: { characters: 12 },
      request_id: expect.any(String),
    });
    const wav = new Uint8Array(await (await fetch(answer.body.output.audio.url)).arrayBuffer());
    expect(parseWav(wav)).toMatchObject({ sampleRate: 24_000, channels: 1, bitsPerSample: 16 });
  });

  it('streams SSE with base64 PCM chunks and the URL in the last packet', async () => {
    const answer = await post(GENERATION, body(voiceFor('qwen3-tts-vc-2026-01-22')), { headers: { 'X-DashScope-SSE': 'enable' } });
    expect(answer.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = answer.text.split('\n\n').filter(Boolean).map((event) =>
      JSON.parse(event.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5)).join('\n')));
    expect(events.length).toBeGreaterThan(2);
    for (const event of events.slice(0, -1)) expect(Buffer.from(event.output.audio.data, 'base64').length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ output: { audio: { url: expect.any(String) }, finish_reason: 'stop' }, usage: { characters: 12 } });
    expect(answer.text).toContain(':HTTP_STATUS/200');
  });

  it('refuses a voice bound to another model with "Invalid voice specified"', async () => {
    const answer = await postJson(GENERATION, body(voiceFor('qwen3-tts-vc-realtime-2026-01-15')));
    expectError(answer, 400, 'InvalidParameter');
    expect(answer.body.message).toMatch(/Invalid voice specified/);
  });

  it('refuses an unknown voice, a realtime model, over-long text, a bad language_type and an unknown model', async () => {
    const voice = voiceFor('qwen3-tts-vc-2026-01-22');
    expectError(await postJson(GENERATION, body('qwen-tts-vc-none-voice-20250101000000000-abcd')), 400, 'BadRequest.VoiceNotFound');
    expectError(await postJson(GENERATION, { ...body(voice), model: 'qwen3-tts-vc-realtime-2026-01-15' }), 400, 'InvalidParameter');
    expectError(await postJson(GENERATION, body(voice, { text: 'x'.repeat(601) })), 400, 'InvalidParameter');
    expectError(await postJson(GENERATION, body(voice, { language_type: 'english' })), 400, 'InvalidParameter');
    expectError(await postJson(GENERATION, { ...body(voice), model: 'qwen3-tts-flash' }), 404, 'ModelNotFound');
    expectError(await postJson(GENERATION, body(voice, { text: '' })), 400, 'BadRequest.EmptyInput');
  });
});

describe('§7 the three shapes of a refused streamed request', () => {
  const refused = async () => {
    const voice = mock.addVoice({ preferredName: 'rt', targetModel: 'qwen3-tts-vc-realtime-2026-01-15' }).voice;
    return post(GENERATION, { model: 'qwen3-tts-vc-2026-01-22', input: { text: 'Hello.', voice } }, { headers: { 'X-DashScope-SSE': 'enable' } });
  };
  const frame = /^id:1\nevent:error\n:HTTP_STATUS\/400\ndata:(\{.*\})\n\n$/s;

  it('(a) HTTP 200 text/event-stream with event:error, :HTTP_STATUS/400 and the JSON error in data', async () => {
    mock.setBehaviour({ sseErrorBody: 'status-200-event' });
    const answer = await refused();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(JSON.parse(frame.exec(answer.text)?.[1] ?? 'null')).toEqual({ request_id: expect.any(String), code: 'InvalidParameter', message: 'Invalid voice specified.' });
  });

  it('(b) HTTP 400 whose body is that frame, labelled application/json', async () => {
    mock.setBehaviour({ sseErrorBody: 'event-stream-as-json' });
    const answer = await refused();
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(frame.exec(answer.text)?.[1] ?? 'null')).toMatchObject({ code: 'InvalidParameter' });
  });

  it('(c) HTTP 400 with the plain JSON body', async () => {
    mock.setBehaviour({ sseErrorBody: 'json' });
    const answer = await refused();
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(answer.text)).toEqual({ request_id: expect.any(String), code: 'InvalidParameter', message: 'Invalid voice specified.' });
  });
});

type Event = Record<string, Json>;

/** Opens a session, runs `script` on each server event, and resolves with every event once the server closes. */
function session(url: string, key: string, script: (event: Event, send: (event: Event) => void) => void) {
  return new Promise<{ events: Event[]; status?: number; body?: string }>((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${key}` } });
    const events: Event[] = [];
    const send = (event: Event) => socket.send(JSON.stringify({ event_id: `event_${events.length}`, ...event }));
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk) => { body += chunk; });
      response.on('end', () => resolve({ events, status: response.statusCode, body }));
    });
    socket.on('message', (data, isBinary) => {
      expect(isBinary).toBe(false); // §5.b: the server never sends binary
      const event = JSON.parse(data.toString()) as Event;
      events.push(event);
      script(event, send);
    });
    socket.on('close', () => resolve({ events }));
    socket.on('error', reject);
  });
}

describe('§5.b realtime WebSocket', () => {
  it('runs the documented commit-mode flow and returns base64 24 kHz PCM deltas', async () => {
    const voice = mock.addVoice({ preferredName: 'rt', targetModel: 'qwen3-tts-vc-realtime-2026-01-15' }).voice;
    const { events } = await session(`${mock.wsUrl}?model=qwen3-tts-vc-realtime-2026-01-15`, mock.apiKey, (event, send) => {
      if (event.type === 'session.created') send({ type: 'session.update', session: { voice, mode: 'commit', response_format: 'pcm', sample_rate: 24000 } });
      if (event.type === 'session.updated') {
        send({ type: 'input_text_buffer.append', text: 'Hello ' });
        send({ type: 'input_text_buffer.append', text: 'world.' });
        send({ type: 'input_text_buffer.commit' });
      }
      if (event.type === 'response.done') send({ type: 'session.finish' });
    });
    const types = events.map((event) => event.type).filter((type, i, all) => type !== all[i - 1]);
    expect(types).toEqual([
      'session.created', 'session.updated', 'input_text_buffer.committed', 'response.created', 'response.output_item.added',
      'response.content_part.added', 'response.audio.delta', 'response.audio.done', 'response.content_part.done',
      'response.output_item.done', 'response.done', 'session.finished',
    ]);
    const pcm = Buffer.concat(events.filter((event) => event.type === 'response.audio.delta').map((event) => Buffer.from(event.delta, 'base64')));
    expect(pcm.length).toBe(Math.round(Math.max(0.3, 12 * 0.06) * 24_000) * 2);
    expect(events.find((event) => event.type === 'response.done')?.response.usage.characters).toBe(12);
    for (const event of events) expect(event.event_id).toEqual(expect.any(String));
  });

  it('in server_commit mode synthesizes the buffer on session.finish', async () => {
    const voice = mock.addVoice({ preferredName: 'rt', targetModel: 'qwen3-tts-vc-realtime-2025-11-27' }).voice;
    const { events } = await session(`${mock.wsUrl}?model=qwen3-tts-vc-realtime-2025-11-27`, mock.apiKey, (event, send) => {
      if (event.type === 'session.created') send({ type: 'session.update', session: { voice, mode: 'server_commit' } });
      if (event.type === 'session.updated') {
        send({ type: 'input_text_buffer.append', text: '你好。' });
        send({ type: 'session.finish' });
      }
    });
    expect(events.some((event) => event.type === 'response.audio.delta')).toBe(true);
    expect(events.at(-1)?.type).toBe('session.finished');
  });

  it('refuses the handshake with 401 and the JSON error body for a bad or other-region key', async () => {
    const answer = await session(`${mock.wsUrl}?model=qwen3-tts-vc-realtime-2026-01-15`, mock.keys['cn-beijing'], () => {});
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body ?? '')).toEqual({ request_id: expect.any(String), code: 'InvalidApiKey', message: 'Invalid API-key provided.' });
  });

  it('refuses the HTTP model on the realtime endpoint', async () => {
    const answer = await session(`${mock.wsUrl}?model=qwen3-tts-vc-2026-01-22`, mock.apiKey, () => {});
    expect(answer.status).toBe(404);
  });

  it('sends an error event for a voice bound to another model and for bad session options', async () => {
    const httpVoice = mock.addVoice({ preferredName: 'h', targetModel: 'qwen3-tts-vc-2026-01-22' }).voice;
    const errors: Event[] = [];
    await session(`${mock.wsUrl}?model=qwen3-tts-vc-realtime-2026-01-15`, mock.apiKey, (event, send) => {
      if (event.type === 'session.created') {
        send({ type: 'session.update', session: { voice: httpVoice } });
        send({ type: 'session.update', session: { sample_rate: 11025 } });
        send({ type: 'session.finish' });
      }
      if (event.type === 'error') errors.push(event.error);
    });
    expect(errors).toEqual([
      expect.objectContaining({ code: 'InvalidParameter', message: expect.stringMatching(/Invalid voice specified/) }),
      expect.objectContaining({ code: 'invalid_value' }),
    ]);
  });
});

describe('§7 realtime Omni: the Qwen-Omni-Realtime session protocol', () => {
  const MODEL = 'qwen3.5-omni-flash-realtime';
  /** Half a second of 16 kHz 16-bit silence: input audio is pcm16, and some is required. */
  const SILENCE = Buffer.alloc(16_000).toString('base64');

  it('starts with the documented session.created, then runs the manual-mode flow and speaks the instructions', async () => {
    const voice = mock.addVoice({ preferredName: 'Beton', targetModel: MODEL }).voice;
    const { events } = await session(`${mock.wsUrl}?model=${MODEL}`, mock.apiKey, (event, send) => {
      if (event.type === 'session.created') {
        send({
          type: 'session.update',
          session: {
            modalities: ['text', 'audio'], voice, input_audio_format: 'pcm16', output_audio_format: 'pcm24',
            instructions: 'Read the text after the line.\n---\nGood morning.', turn_detection: null,
          },
        });
      }
      if (event.type === 'session.updated') {
        send({ type: 'input_audio_buffer.append', audio: SILENCE });
        send({ type: 'input_audio_buffer.commit' });
      }
      if (event.type === 'input_audio_buffer.committed') send({ type: 'response.create' });
      if (event.type === 'response.done') send({ type: 'session.finish' });
    });
    expect(events[0]).toMatchObject({
      type: 'session.created',
      session: { object: 'realtime.session', model: MODEL, modalities: ['text', 'audio'], voice: 'Cherry', input_audio_format: 'pcm16', output_audio_format: 'pcm24', turn_detection: { type: 'server_vad' } },
    });
    const types = events.map((event) => event.type).filter((type, i, all) => type !== all[i - 1]);
    expect(types.slice(0, 8)).toEqual([
      'session.created', 'session.updated', 'input_audio_buffer.committed', 'response.created', 'response.output_item.added',
      'conversation.item.created', 'response.content_part.added', 'response.audio_transcript.delta',
    ]);
    expect(types.slice(-7)).toEqual([
      'response.audio.delta', 'response.audio_transcript.done', 'response.audio.done', 'response.content_part.done',
      'response.output_item.done', 'response.done', 'session.finished',
    ]);
    const transcript = events.filter((event) => event.type === 'response.audio_transcript.delta').map((event) => event.delta).join('');
    expect(transcript).toBe('Good morning.');
    expect(events.find((event) => event.type === 'response.audio_transcript.done')?.transcript).toBe('Good morning.');
    const pcm = Buffer.concat(events.filter((event) => event.type === 'response.audio.delta').map((event) => Buffer.from(event.delta, 'base64')));
    expect(pcm.length % 2).toBe(0);
    expect(pcm.length).toBeGreaterThan(0.3 * 24_000 * 2 - 1);
    const done = events.find((event) => event.type === 'response.done');
    expect(done?.response).toMatchObject({
      object: 'realtime.response', status: 'completed', voice, output_audio_format: 'pcm24',
      output: [{ object: 'realtime.item', type: 'message', role: 'assistant', content: [{ type: 'audio', transcript: 'Good morning.' }] }],
      usage: { total_tokens: expect.any(Number), output_tokens_details: { audio_tokens: expect.any(Number) } },
    });
    for (const event of events) expect(event.event_id).toEqual(expect.any(String));
  });

  it('answers refusals with the documented error event {type, code, message, param}', async () => {
    const httpVoice = mock.addVoice({ preferredName: 'h', targetModel: 'qwen3.5-omni-flash' }).voice;
    const errors: Event[] = [];
    await session(`${mock.wsUrl}?model=${MODEL}`, mock.apiKey, (event, send) => {
      if (event.type === 'session.created') {
        send({ type: 'session.update', session: { modalities: ['audio'] } });
        send({ type: 'session.update', session: { voice: httpVoice } });
        send({ type: 'session.update', session: { output_audio_format: 'pcm16' } });
        send({ type: 'input_audio_buffer.commit' });
        send({ type: 'session.finish' });
      }
      if (event.type === 'error') errors.push(event.error);
    });
    expect(errors).toEqual([
      // The example of the server events page, word for word.
      { type: 'invalid_request_error', code: 'invalid_value', message: 'Invalid modalities: ["audio"]. Supported combinations are: [\'text\'] and [\'audio\', \'text\'].', param: 'session.modalities' },
      expect.objectContaining({ code: 'InvalidParameter', message: 'Invalid voice specified.', param: 'session.voice' }),
      expect.objectContaining({ code: 'invalid_value', param: 'session.output_audio_format' }),
      // Documented: committing an empty buffer is an error.
      expect.objectContaining({ code: 'invalid_value', param: null }),
    ]);
  });

  it('with server VAD on (the default), a silent turn is never answered', async () => {
    const voice = mock.addVoice({ preferredName: 'Beton', targetModel: MODEL }).voice;
    const { events } = await session(`${mock.wsUrl}?model=${MODEL}`, mock.apiKey, (event, send) => {
      if (event.type === 'session.created') send({ type: 'session.update', session: { voice, instructions: 'Say hi.' } });
      if (event.type === 'session.updated') {
        send({ type: 'input_audio_buffer.append', audio: SILENCE });
        send({ type: 'input_audio_buffer.commit' });
        send({ type: 'response.create' });
      }
      if (event.type === 'error') send({ type: 'session.finish' });
    });
    expect(events.map((event) => event.type)).not.toContain('response.audio.delta');
    expect(events.find((event) => event.type === 'error')?.error.message).toMatch(/No user input/);
  });

  it('refuses the handshake with 401 and the JSON error body for a bad key', async () => {
    const answer = await session(`${mock.wsUrl}?model=${MODEL}`, mock.keys['cn-beijing'], () => {});
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body ?? '')).toEqual({ request_id: expect.any(String), code: 'InvalidApiKey', message: 'Invalid API-key provided.' });
  });
});
