/**
 * Synthesis over the realtime WebSocket for the `qwen3-tts-vc-realtime-*` models (§5.b):
 * session.created → session.update → session.updated → input_text_buffer.append + commit →
 * response.audio.delta… → response.done → session.finish → session.finished.
 * One session per text chunk, in `commit` mode, asking for 24 kHz 16-bit mono PCM.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ClientContext } from './context';
import { withStreamLimits } from './deadline';
import {
  DASHSCOPE_ERROR, DashScopeError, answerTooLargeError, badResponseError, fromServiceError, fromTransportError, serverAnswer,
  type ServiceErrorBody,
} from './errors';
import { MAX_JSON_ANSWER_BYTES, MAX_STREAM_BYTES, credentials, isRecord } from './http';
import { parseRetryAfter } from './retry';
import { STREAM_SAMPLE_RATE, base64Bytes, type ChunkAudio, type ChunkRequest, type DeliveryState } from './synthesis-types';

export interface RealtimeOptions {
  speechRate?: number;
  volume?: number;
  pitchRate?: number;
}

function realtimeUrl(wsBase: string, model: string): string {
  return `${wsBase}${wsBase.includes('?') ? '&' : '?'}model=${encodeURIComponent(model)}`;
}

function sessionConfig(request: ChunkRequest & RealtimeOptions) {
  const session: Record<string, unknown> = {
    voice: request.voice, mode: 'commit', response_format: 'pcm', sample_rate: STREAM_SAMPLE_RATE,
  };
  if (request.languageType) session.language_type = request.languageType;
  if (request.speechRate !== undefined) session.speech_rate = request.speechRate;
  if (request.volume !== undefined) session.volume = request.volume;
  if (request.pitchRate !== undefined) session.pitch_rate = request.pitchRate;
  return session;
}

/** One server event is JSON text; base64 audio deltas are small, so a huge frame is refused. */
const MAX_EVENT_BYTES = 16_000_000;

/** `response.done` statuses that mean the audio is not the whole text (§5.b, OpenAI-style response status). */
const UNFINISHED_RESPONSE = new Set(['failed', 'incomplete', 'cancelled']);

/** A refused handshake carries the same JSON error body as HTTP (§3.1). */
function handshakeError(response: IncomingMessage, body: string, region: string, now: number, secrets: readonly string[]): DashScopeError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const header = response.headers['retry-after'];
  return fromServiceError(response.statusCode ?? 0, isRecord(parsed) ? (parsed as ServiceErrorBody) : undefined, {
    region,
    retryAfterMs: parseRetryAfter(typeof header === 'string' ? header : null, now),
    secrets,
  });
}

/** Why a `response.done` that is not `completed` carries no usable result, as our error. */
function unfinishedResponse(response: Record<string, unknown>, region: string, secrets: readonly string[]): DashScopeError {
  const details = isRecord(response.status_details) ? response.status_details : {};
  const error = isRecord(details.error) ? details.error : {};
  const code = typeof error.code === 'string' ? error.code : undefined;
  const message = typeof error.message === 'string' ? error.message : typeof details.reason === 'string' ? details.reason : undefined;
  if (code || message) return fromServiceError(0, { code, message }, { region, secrets });
  return new DashScopeError(DASHSCOPE_ERROR.streamIncomplete, `The realtime response ended as ${String(response.status)}`, { retryable: true });
}

export async function synthesizeRealtimeChunk(
  context: ClientContext, request: ChunkRequest & RealtimeOptions, delivery: DeliveryState,
): Promise<ChunkAudio> {
  const { ws, region } = context.baseUrl();
  const { authorization, secrets } = await credentials(context);
  const started = context.now();
  const limits = { idleMs: context.timeouts.streamIdleMs, totalMs: context.timeouts.streamTotalMs };
  return withStreamLimits(limits, request.signal, (deadline, alive) => new Promise<ChunkAudio>((resolve, reject) => {
    const socket = new context.WebSocket(realtimeUrl(ws, request.model), {
      headers: { Authorization: authorization }, followRedirects: false, maxPayload: MAX_EVENT_BYTES,
    });
    const parts: Uint8Array[] = [];
    let received = 0;
    let characters: number | undefined;
    let responseDone = false;
    let settled = false;

    const finish = (outcome: { error: unknown } | { audio: ChunkAudio }) => {
      if (settled) return;
      settled = true;
      deadline.removeEventListener('abort', onDeadline);
      if ('error' in outcome) {
        socket.terminate();
        context.log.warn('dashscope realtime failed', { code: (outcome.error as DashScopeError).code, ms: context.now() - started });
        reject(outcome.error);
      } else {
        socket.close();
        context.log.info('dashscope realtime', { characters, ms: context.now() - started });
        resolve(outcome.audio);
      }
    };
    const succeed = () => finish(parts.length === 0
      ? { error: badResponseError('the realtime session ended without audio') }
      : { audio: { pcm: new Uint8Array(Buffer.concat(parts)), sampleRate: STREAM_SAMPLE_RATE, characters } });
    const send = (type: string, fields: Record<string, unknown> = {}) =>
      socket.send(JSON.stringify({ event_id: `event_${randomUUID()}`, type, ...fields }));
    // withStreamLimits tells a timeout from a cancellation; here we only need to stop.
    const onDeadline = () => finish({ error: new Error('aborted') });
    deadline.addEventListener('abort', onDeadline, { once: true });

    socket.on('unexpected-response', (_req, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > MAX_JSON_ANSWER_BYTES) response.destroy();
      });
      response.on('close', () => finish({ error: handshakeError(response, body.slice(0, MAX_JSON_ANSWER_BYTES), region, context.now(), secrets) }));
      response.on('error', (error) => finish({ error: fromTransportError(error) }));
    });
    socket.on('error', (error) => finish({ error: fromTransportError(error) }));
    socket.on('close', (code) => {
      // A server that closes after response.done without session.finished still gave us everything.
      if (responseDone) return succeed();
      finish({
        error: code === 1006
          ? new DashScopeError(DASHSCOPE_ERROR.connectionLost, 'The realtime connection was lost', { retryable: true })
          : new DashScopeError(DASHSCOPE_ERROR.streamIncomplete, `The realtime session closed early (${code})`, { retryable: true }),
      });
    });
    socket.on('message', (data, isBinary) => {
      alive();
      let event: unknown;
      try {
        event = isBinary ? undefined : serverAnswer(JSON.parse(data.toString()), secrets);
      } catch {
        event = undefined;
      }
      if (!isRecord(event) || typeof event.type !== 'string') return finish({ error: badResponseError('a realtime event is not JSON') });
      switch (event.type) {
        case 'session.created':
          return send('session.update', { session: sessionConfig(request) });
        case 'session.updated':
          send('input_text_buffer.append', { text: request.text });
          return send('input_text_buffer.commit');
        case 'response.audio.delta': {
          if (typeof event.delta !== 'string') return;
          const chunk = base64Bytes(event.delta);
          received += chunk.length;
          if (received > MAX_STREAM_BYTES) return finish({ error: answerTooLargeError(MAX_STREAM_BYTES) });
          parts.push(chunk);
          request.onAudio?.(chunk);
          delivery.delivered = true;
          return;
        }
        case 'response.done': {
          const response = isRecord(event.response) ? event.response : {};
          // A failed, incomplete or cancelled response carries truncated audio: never a result.
          if (typeof response.status === 'string' && UNFINISHED_RESPONSE.has(response.status)) {
            return finish({ error: unfinishedResponse(response, region, secrets) });
          }
          const usage = isRecord(response.usage) ? response.usage : {};
          if (typeof usage.characters === 'number') characters = usage.characters;
          responseDone = true;
          return send('session.finish');
        }
        case 'session.finished':
          return succeed();
        case 'error': {
          const error = isRecord(event.error) ? event.error : {};
          return finish({ error: fromServiceError(0, { code: String(error.code ?? ''), message: String(error.message ?? '') }, { region, secrets }) });
        }
        default:
          return; // progress events (committed, response.created, …) need no answer
      }
    });
  }));
}
