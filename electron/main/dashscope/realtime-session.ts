/**
 * One session on the realtime WebSocket (`{ws}?model=<model>`, §5.b, §7), whichever protocol the
 * model speaks over it (Qwen-TTS realtime or Qwen-Omni-Realtime). What both share lives here: the
 * key in the handshake and the socket the app gives (system proxy, OS certificates), a refused
 * handshake read like an HTTP error, every server event scrubbed of keys before anything reads it,
 * `error` events as our errors, the stream limits, and the base64 audio deltas of `response.audio.delta`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ClientContext } from './context';
import { withStreamLimits } from './deadline';
import {
  DASHSCOPE_ERROR, DashScopeError, answerTooLargeError, badResponseError, fromServiceError, fromTransportError, serverAnswer, type ServiceErrorBody,
} from './errors';
import { MAX_JSON_ANSWER_BYTES, MAX_STREAM_BYTES, credentials, isRecord } from './http';
import { parseRetryAfter } from './retry';
import { base64Bytes, type DeliveryState } from './synthesis-types';

/** One server event is JSON text; base64 audio deltas are small, so a huge frame is refused. */
const MAX_EVENT_BYTES = 16_000_000;

/** `response.done` statuses that mean the audio is not the whole text (§5.b; the Omni server events list the same). */
const UNFINISHED_RESPONSE = new Set(['failed', 'incomplete', 'cancelled']);

export type ServerEvent = Record<string, unknown> & { type: string };

export interface RealtimeSession<T> {
  /** Sends one client event with a fresh `event_id`. */
  send(type: string, fields?: Record<string, unknown>): void;
  succeed(result: T): void;
  fail(error: unknown): void;
  /** The service's error body as our error, with the region and keys this session knows. */
  serviceError(body: ServiceErrorBody): DashScopeError;
}

export interface RealtimeProtocol<T> {
  model: string;
  signal?: AbortSignal;
  /** Log line of this protocol, e.g. "dashscope realtime". */
  logName: string;
  /** What the success log line says about the result (never text or audio). */
  describe?: (result: T) => Record<string, unknown>;
  /** Every server event but `error`, already scrubbed. */
  onEvent(event: ServerEvent, session: RealtimeSession<T>): void;
  /** An `error` event's `error` object; true when the protocol recovered from it, else it ends the session. */
  recover?(error: Record<string, unknown>, session: RealtimeSession<T>): boolean;
  /** The server closed the socket before a result: the result (or why there is none) when the answer was over anyway. */
  resultOnClose?(): T | DashScopeError | undefined;
}

function realtimeUrl(wsBase: string, model: string): string {
  return `${wsBase}${wsBase.includes('?') ? '&' : '?'}model=${encodeURIComponent(model)}`;
}

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

/**
 * Why a `response.done` carries no usable result, or null when it is `completed` (or says nothing).
 * A failed, incomplete or cancelled response carries truncated audio: never a result.
 */
export function unfinishedResponseError(response: Record<string, unknown>, session: Pick<RealtimeSession<unknown>, 'serviceError'>): DashScopeError | null {
  if (typeof response.status !== 'string' || !UNFINISHED_RESPONSE.has(response.status)) return null;
  const details = isRecord(response.status_details) ? response.status_details : {};
  const error = isRecord(details.error) ? details.error : {};
  const code = typeof error.code === 'string' ? error.code : undefined;
  const message = typeof error.message === 'string' ? error.message : typeof details.reason === 'string' ? details.reason : undefined;
  if (code || message) return session.serviceError({ code, message });
  return new DashScopeError(DASHSCOPE_ERROR.streamIncomplete, `The realtime response ended as ${String(response.status)}`, { retryable: true });
}

/** The audio of `response.audio.delta` events: handed on as it comes, kept, and capped. */
export function audioCollector(onAudio: ((pcm: Uint8Array) => void) | undefined, delivery: DeliveryState) {
  const parts: Uint8Array[] = [];
  let received = 0;
  return {
    /** Adds one delta; an error when the whole answer grows past what Timbre reads. */
    add(delta: unknown): DashScopeError | null {
      if (typeof delta !== 'string') return null;
      const chunk = base64Bytes(delta);
      received += chunk.length;
      if (received > MAX_STREAM_BYTES) return answerTooLargeError(MAX_STREAM_BYTES);
      parts.push(chunk);
      onAudio?.(chunk);
      delivery.delivered = true;
      return null;
    },
    get empty() {
      return parts.length === 0;
    },
    pcm: () => new Uint8Array(Buffer.concat(parts)),
  };
}

export async function runRealtimeSession<T>(context: ClientContext, protocol: RealtimeProtocol<T>): Promise<T> {
  const { ws, region } = context.baseUrl();
  const { authorization, secrets } = await credentials(context);
  const started = context.now();
  const limits = { idleMs: context.timeouts.streamIdleMs, totalMs: context.timeouts.streamTotalMs };
  return withStreamLimits(limits, protocol.signal, (deadline, alive) => new Promise<T>((resolve, reject) => {
    const socket = new context.WebSocket(realtimeUrl(ws, protocol.model), {
      headers: { Authorization: authorization }, followRedirects: false, maxPayload: MAX_EVENT_BYTES,
    });
    let settled = false;

    const finish = (outcome: { error: unknown } | { result: T }) => {
      if (settled) return;
      settled = true;
      deadline.removeEventListener('abort', onDeadline);
      if ('error' in outcome) {
        socket.terminate();
        context.log.warn(`${protocol.logName} failed`, { code: (outcome.error as DashScopeError).code, ms: context.now() - started });
        reject(outcome.error);
      } else {
        socket.close();
        context.log.info(protocol.logName, { ...protocol.describe?.(outcome.result), ms: context.now() - started });
        resolve(outcome.result);
      }
    };
    const session: RealtimeSession<T> = {
      send: (type, fields = {}) => socket.send(JSON.stringify({ event_id: `event_${randomUUID()}`, type, ...fields })),
      succeed: (result) => finish({ result }),
      fail: (error) => finish({ error }),
      serviceError: (body) => fromServiceError(0, body, { region, secrets }),
    };
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
      const over = protocol.resultOnClose?.();
      if (over instanceof DashScopeError) return finish({ error: over });
      if (over !== undefined) return finish({ result: over });
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
      if (!isRecord(event) || typeof event.type !== 'string') {
        return finish({ error: badResponseError('a realtime event is not JSON') });
      }
      if (event.type !== 'error') return protocol.onEvent(event as ServerEvent, session);
      const error = isRecord(event.error) ? event.error : {};
      if (protocol.recover?.(error, session)) return;
      finish({ error: session.serviceError({ code: String(error.code ?? ''), message: String(error.message ?? '') }) });
    });
  }));
}
