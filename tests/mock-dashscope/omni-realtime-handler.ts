/**
 * One Qwen-Omni-Realtime session on `/api-ws/v1/realtime?model=qwen3.5-omni-*-realtime` (§7), as the
 * Model Studio pages "Qwen-Omni-Realtime", its client events and server events describe it:
 * session.created → session.update/updated → input_audio_buffer.append… → commit (→ committed)
 * → response.create → response.created … response.audio_transcript.delta / response.audio.delta …
 * → response.done. Errors are `error` events `{type, code, message, param}`.
 *
 * The "model" answers a turn by saying the text after the last `---` line of its instructions (the
 * way Timbre asks it to read; GUESS that the real one follows them) or, without one, a greeting.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { pcmChunks, tonePcm } from './audio';
import type { MockBehaviour } from './behaviour';
import type { Fault } from './faults';
import { OMNI_PREAMBLE } from './omni-handler';
import { beforeDelta, clientEventOf } from './realtime-handler';
import { isRecord } from './replies';
import type { VoiceStore } from './voices';

/** Output is 16-bit mono PCM at 24 kHz (the docs' samples play it so), whichever format name the session took. */
const OUTPUT_SAMPLE_RATE = 24_000;
/** What the assistant says to a turn when it has no instructions (GUESS: any answer will do). */
export const OMNI_REALTIME_GREETING = 'Hello! How can I help you?';
/**
 * System voices a realtime Omni session takes besides the account's clones: documented for
 * Qwen3-Omni-Flash-Realtime (Cherry is its default); GUESS that qwen3.5 keeps them. check:live speaks with Cherry.
 */
const SYSTEM_VOICES = new Set(['Cherry', 'Ethan', 'Jennifer', 'Ryan']);
/** Documented in the server events: the modality sets a session takes (sorted). */
const MODALITIES = ['text', 'audio,text'];

interface OmniSession {
  modalities: string[];
  voice: string;
  input_audio_format: string;
  output_audio_format: string;
  instructions: string;
  turn_detection: Record<string, unknown> | null;
}

function textToSay(instructions: string): string {
  const parts = instructions.split(/\n---\n/);
  const text = parts.length > 1 ? parts[parts.length - 1].trim() : '';
  return text === '' ? OMNI_REALTIME_GREETING : text;
}

export function runOmniRealtimeSession(socket: WebSocket, options: {
  model: string;
  voices: VoiceStore;
  fault: Fault | undefined;
  behaviour: MockBehaviour;
  onClientEvent: (event: unknown) => void;
  /** The handshake's Authorization header, for the echo-auth-answer fault. */
  authorization: string;
}): void {
  // The documented defaults of session.created: a system voice, server VAD on.
  const session: OmniSession = {
    modalities: ['text', 'audio'], voice: 'Cherry', input_audio_format: 'pcm16', output_audio_format: options.behaviour.omniRealtimeOutputFormat,
    instructions: '', turn_detection: { type: 'server_vad', threshold: 0.5, silence_duration_ms: 800 },
  };
  const sessionId = `sess_${randomUUID()}`;
  const conversationId = `conv_${randomUUID()}`;
  let buffered = 0;
  let committedTurn = false;
  let responding = false;

  const send = (type: string, fields: Record<string, unknown> = {}) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event_id: `event_${randomUUID()}`, type, ...fields }));
  };
  /** The documented error event. */
  const error = (code: string, message: string, param: string | null = null, type = 'invalid_request_error') =>
    send('error', { error: { type, code, message, param } });

  function update(changes: Record<string, unknown>): void {
    if (changes.modalities !== undefined && !(Array.isArray(changes.modalities) && MODALITIES.includes([...changes.modalities].sort().join(',')))) {
      // Documented example of the server events page.
      return error('invalid_value', `Invalid modalities: ${JSON.stringify(changes.modalities)}. Supported combinations are: ['text'] and ['audio', 'text'].`, 'session.modalities');
    }
    if (changes.voice !== undefined && !SYSTEM_VOICES.has(String(changes.voice))) {
      const voice = options.voices.voices.get(String(changes.voice));
      // GUESS: the code the TTS endpoints give a voice the account does not hold (§3.2).
      if (!voice) return error('BadRequest.VoiceNotFound', `Voice '${String(changes.voice)}' not found.`, 'session.voice');
      // §0, §5 (S28): a voice works only with the model it was made for; "Invalid voice specified" is its message.
      if (voice.targetModel !== options.model) return error('InvalidParameter', 'Invalid voice specified.', 'session.voice');
    }
    if (changes.input_audio_format !== undefined && changes.input_audio_format !== 'pcm16') {
      // Documented: input audio is only pcm16. The wording is a GUESS.
      return error('invalid_value', `Invalid input_audio_format '${String(changes.input_audio_format)}'. Supported: pcm16.`, 'session.input_audio_format');
    }
    const format = options.behaviour.omniRealtimeOutputFormat;
    if (changes.output_audio_format !== undefined && changes.output_audio_format !== format) {
      // Documented: each model takes one output format; which one qwen3.5 takes is MockBehaviour's switch. Wording GUESS.
      return error('invalid_value', `Invalid output_audio_format '${String(changes.output_audio_format)}'. Supported: ${format}.`, 'session.output_audio_format');
    }
    if (changes.turn_detection !== undefined && changes.turn_detection !== null && !isRecord(changes.turn_detection)) {
      return error('invalid_value', 'turn_detection must be an object or null.', 'session.turn_detection');
    }
    Object.assign(session, changes);
    send('session.updated', { session: { id: sessionId, object: 'realtime.session', model: options.model, ...session } });
  }

  async function respond(): Promise<void> {
    const fault = options.fault;
    if (fault?.kind === 'echo-auth-answer') return error('InternalError', `proxy saw Authorization: ${options.authorization}`, null, 'server_error');
    responding = true;
    const said = `${options.behaviour.omniSays === 'adds-preamble' ? OMNI_PREAMBLE : ''}${textToSay(session.instructions)}`;
    const responseId = `resp_${randomUUID()}`;
    const itemId = `item_${randomUUID()}`;
    const withAudio = session.modalities.includes('audio');
    const ids = { response_id: responseId, item_id: itemId, output_index: 0, content_index: 0 };
    const response = { id: responseId, object: 'realtime.response', conversation_id: conversationId, modalities: session.modalities, voice: session.voice, output_audio_format: session.output_audio_format };
    send('response.created', { response: { ...response, status: 'in_progress', output: [] } });
    send('response.output_item.added', { response_id: responseId, output_index: 0, item: { id: itemId, object: 'realtime.item', type: 'message', status: 'in_progress', role: 'assistant', content: [] } });
    send('conversation.item.created', { item: { id: itemId, object: 'realtime.item', type: 'message', status: 'in_progress', role: 'assistant', content: [] } });
    send('response.content_part.added', { ...ids, part: { type: withAudio ? 'audio' : 'text', text: '' } });
    const words = said.match(/\S+\s*|\s+/gu) ?? [said];
    const audio = withAudio ? pcmChunks(tonePcm(said, OUTPUT_SAMPLE_RATE), OUTPUT_SAMPLE_RATE) : [];
    for (let index = 0; index < Math.max(words.length, audio.length); index++) {
      if (index < words.length) send(withAudio ? 'response.audio_transcript.delta' : 'response.text.delta', { ...ids, delta: words[index] });
      if (index < audio.length) {
        if (!(await beforeDelta(fault, index, { socket, send, responseId }))) return;
        send('response.audio.delta', { ...ids, delta: Buffer.from(audio[index]).toString('base64') });
      }
    }
    if (withAudio) {
      send('response.audio_transcript.done', { ...ids, transcript: said });
      send('response.audio.done', ids);
    } else {
      send('response.text.done', { ...ids, text: said });
    }
    const content = [withAudio ? { type: 'audio', transcript: said } : { type: 'text', text: said }];
    send('response.content_part.done', { ...ids, part: content[0] });
    send('response.output_item.done', { response_id: responseId, output_index: 0, item: { id: itemId, object: 'realtime.item', type: 'message', status: 'completed', role: 'assistant', content } });
    const textTokens = words.length;
    const audioTokens = Math.ceil(audio.length * 1.25);
    send('response.done', {
      response: {
        ...response, status: 'completed',
        output: [{ id: itemId, object: 'realtime.item', type: 'message', status: 'completed', role: 'assistant', content }],
        usage: {
          total_tokens: session.instructions.length + textTokens + audioTokens, input_tokens: session.instructions.length, output_tokens: textTokens + audioTokens,
          output_tokens_details: { text_tokens: textTokens, audio_tokens: audioTokens },
        },
      },
    });
    responding = false;
    committedTurn = false;
  }

  socket.on('message', (data, isBinary) => {
    const event = clientEventOf(data, isBinary);
    options.onClientEvent(event);
    if (!isRecord(event) || typeof event.type !== 'string') return error('invalid_request', 'Messages must be JSON text frames with a type.');
    switch (event.type) {
      case 'session.update':
        return update(isRecord(event.session) ? event.session : {});
      case 'input_audio_buffer.append':
        if (typeof event.audio !== 'string' || event.audio === '') return error('invalid_value', 'audio must be base64-encoded audio.', 'audio');
        buffered += Buffer.from(event.audio, 'base64').length;
        return;
      case 'input_audio_buffer.commit':
        // Documented: committing an empty buffer is an error. Wording GUESS.
        if (buffered === 0) return error('invalid_value', 'Error committing input audio buffer: the buffer is empty.', null);
        buffered = 0;
        // GUESS: with server VAD on, silence is no speech, so nothing becomes a turn (the docs: VAD commits when speech ends).
        if (session.turn_detection !== null) return;
        committedTurn = true;
        send('input_audio_buffer.committed', { item_id: `item_${randomUUID()}` });
        return;
      case 'input_audio_buffer.clear':
        buffered = 0;
        return send('input_audio_buffer.cleared');
      case 'response.create':
        // GUESS: a response needs a committed user turn (the docs: audio input is required).
        if (!committedTurn) return error('invalid_request_error', 'No user input to respond to: append and commit audio first.', null);
        if (responding) return error('invalid_request_error', 'A response is already in progress.', null);
        void respond();
        return;
      case 'session.finish':
        // In the official SDK (end_session), not on the events pages.
        send('session.finished');
        socket.close(1000);
        return;
      default:
        return error('invalid_request_error', `Unknown event type ${event.type}.`, 'type');
    }
  });

  send('session.created', { session: { id: sessionId, object: 'realtime.session', model: options.model, ...session } });
}
