/**
 * One realtime session on `/api-ws/v1/realtime?model=<model>` (§5.b): JSON text frames only,
 * session.created → session.update/updated → append… → commit → audio deltas → response.done
 * → session.finish → session.finished, then the server closes.
 */
import { randomUUID } from 'node:crypto';
import type { RawData, WebSocket } from 'ws';
import { weightedLength } from '../../shared/models';
import { pcmChunks, textLimitProblem, tonePcm } from './audio';
import type { MockBehaviour } from './behaviour';
import type { Fault } from './faults';
import { isRecord } from './replies';
import type { VoiceStore } from './voices';

const SAMPLE_RATES = [8000, 16000, 24000, 48000];

interface SessionConfig {
  voice: string;
  mode: 'server_commit' | 'commit';
  response_format: string;
  sample_rate: number;
  language_type?: string;
  speech_rate?: number;
  volume?: number;
  pitch_rate?: number;
}

type SendEvent = (type: string, fields?: Record<string, unknown>) => void;

/** A client event as either protocol's server reads it: a JSON text frame, or undefined (binary or not JSON). */
export function clientEventOf(data: RawData, isBinary: boolean): unknown {
  if (isBinary) return undefined;
  try {
    return JSON.parse(data.toString());
  } catch {
    return undefined;
  }
}

/**
 * The stream faults of a realtime answer (either protocol), checked before each audio delta.
 * Resolves false when the fault ended the session or its response there.
 */
export async function beforeDelta(
  fault: Fault | undefined, deltasSent: number, session: { socket: WebSocket; send: SendEvent; responseId: string },
): Promise<boolean> {
  if (fault?.kind === 'mid-stream' && deltasSent === fault.afterChunks) {
    if (fault.mode === 'error-event') {
      session.send('error', { error: { type: 'server_error', code: 'InternalError', message: 'An internal error has occured, please try again later.' } });
    } else if (fault.mode !== 'stall') {
      session.socket.terminate();
    }
    return false;
  }
  if (fault?.kind === 'response-unfinished' && deltasSent === fault.afterChunks) {
    // The OpenAI-style realtime status the server events use (§5.b S12); the detail shape is a GUESS.
    session.send('response.done', {
      response: {
        id: session.responseId, status: fault.status,
        status_details: { type: fault.status, reason: 'server_error', error: { code: 'InternalError', message: 'The response was interrupted.' } },
      },
    });
    return false;
  }
  if (fault?.kind === 'slow-stream') await new Promise((resolve) => setTimeout(resolve, fault.intervalMs));
  return true;
}

export function runRealtimeSession(socket: WebSocket, options: {
  model: string;
  voices: VoiceStore;
  fault: Fault | undefined;
  behaviour: MockBehaviour;
  onClientEvent: (event: unknown) => void;
  /** The handshake's Authorization header, for the echo-auth-answer fault. */
  authorization: string;
}): void {
  const session: SessionConfig = { voice: '', mode: 'server_commit', response_format: 'pcm', sample_rate: 24_000 };
  const sessionId = `sess_${randomUUID()}`;
  let buffer = '';
  let deltasSent = 0;
  /** The response being sent; false once a fault ended it. */
  let answering: Promise<boolean> = Promise.resolve(true);

  const send: SendEvent = (type, fields = {}) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ event_id: `event_${randomUUID()}`, type, ...fields }));
  };
  const error = (code: string, message: string) => send('error', { error: { type: 'invalid_request_error', code, message } });

  function checkUpdate(update: Record<string, unknown>): string | null {
    if (update.voice !== undefined) {
      const voice = options.voices.voices.get(String(update.voice));
      if (!voice) return 'voice';
      if (voice.targetModel !== options.model) return 'model';
    }
    if (update.mode !== undefined && update.mode !== 'commit' && update.mode !== 'server_commit') return 'invalid';
    if (update.response_format !== undefined && !['pcm', 'wav', 'mp3', 'opus'].includes(String(update.response_format))) return 'invalid';
    if (update.sample_rate !== undefined && !SAMPLE_RATES.includes(Number(update.sample_rate))) return 'invalid';
    for (const [field, min, max] of [['speech_rate', 0.5, 2], ['pitch_rate', 0.5, 2], ['volume', 0, 100]] as const) {
      const value = update[field];
      if (value !== undefined && !(typeof value === 'number' && value >= min && value <= max)) return 'invalid';
    }
    return null;
  }

  /** Resolves false when a fault ended the session or its response. */
  async function respond(text: string): Promise<boolean> {
    const responseId = `resp_${randomUUID()}`;
    const itemId = `item_${randomUUID()}`;
    const fault = options.fault;
    if (fault?.kind === 'echo-auth-answer') {
      error('InternalError', `proxy saw Authorization: ${options.authorization}`);
      return false;
    }
    send('response.created', { response: { id: responseId, status: 'in_progress' } });
    send('response.output_item.added', { response_id: responseId, item: { id: itemId, type: 'message' } });
    send('response.content_part.added', { response_id: responseId, item_id: itemId, part: { type: 'audio' } });
    for (const chunk of pcmChunks(tonePcm(text, session.sample_rate), session.sample_rate)) {
      if (!(await beforeDelta(fault, deltasSent, { socket, send, responseId }))) return false;
      send('response.audio.delta', { response_id: responseId, item_id: itemId, delta: Buffer.from(chunk).toString('base64') });
      deltasSent++;
    }
    send('response.audio.done', { response_id: responseId, item_id: itemId });
    send('response.content_part.done', { response_id: responseId, item_id: itemId });
    send('response.output_item.done', { response_id: responseId, item: { id: itemId } });
    send('response.done', { response: { id: responseId, status: 'completed', usage: { characters: weightedLength(text) } } });
    return true;
  }

  async function commit(): Promise<boolean> {
    if (!session.voice) {
      error('invalid_value', 'No voice specified; send session.update with a voice first.');
      return true;
    }
    if (buffer === '') {
      error('invalid_value', 'Input text buffer is empty.');
      return true;
    }
    const text = buffer;
    buffer = '';
    // The same per-request limit as HTTP synthesis (§5.a); realtime documents none of its own (GUESS).
    const tooLong = textLimitProblem(text, options.behaviour.textLimit);
    if (tooLong) {
      error('InvalidParameter', tooLong);
      return true;
    }
    send('input_text_buffer.committed', { item_id: `item_${randomUUID()}` });
    answering = respond(text);
    return answering;
  }

  socket.on('message', (data, isBinary) => {
    const event = clientEventOf(data, isBinary);
    options.onClientEvent(event);
    if (!isRecord(event) || typeof event.type !== 'string') return error('invalid_request', 'Messages must be JSON text frames with a type.');
    switch (event.type) {
      case 'session.update': {
        const update = isRecord(event.session) ? event.session : {};
        const problem = checkUpdate(update);
        if (problem === 'voice') return error('BadRequest.VoiceNotFound', `Voice '${String(update.voice)}' not found.`);
        if (problem === 'model') return error('InvalidParameter', 'Invalid voice specified.');
        if (problem) return error('invalid_value', 'Invalid session parameter.');
        Object.assign(session, update);
        return send('session.updated', { session: { id: sessionId, model: options.model, ...session } });
      }
      case 'input_text_buffer.append':
        if (typeof event.text !== 'string') return error('invalid_value', 'text must be a string.');
        buffer += event.text;
        return;
      case 'input_text_buffer.commit':
        void commit();
        return;
      case 'input_text_buffer.clear':
        buffer = '';
        return send('input_text_buffer.cleared');
      case 'session.finish':
        void (async () => {
          // The audio of a committed text is sent first (§5.b: finish flushes the remaining audio);
          // server_commit mode synthesizes whatever is left before finishing.
          if (!(await answering)) return;
          if (session.mode === 'server_commit' && buffer !== '' && !(await commit())) return;
          send('session.finished');
          socket.close(1000);
        })();
        return;
      default:
        return error('invalid_request', `Unknown event type ${event.type}.`);
    }
  });

  send('session.created', { session: { id: sessionId, object: 'realtime.session', model: options.model, ...session } });
}
