/**
 * One HTTP exchange with DashScope: auth header, time limits, size limits, error-body mapping and
 * a log line. Logs carry the action, status, request id and timing only: never the key, bodies or audio.
 * Redirects are never followed on API calls: a redirect would re-send the key and the audio to
 * wherever it points, and a loop would look like being offline.
 */
import { compatibleModeBase } from '../../../shared/models';
import type { ClientContext } from './context';
import { withDeadline, withStreamLimits } from './deadline';
import {
  DASHSCOPE_ERROR, DashScopeError, answerTooLargeError, badResponseError, fromServiceError, isDashScopeError, serverAnswer, serverText,
  type ServiceErrorBody,
} from './errors';
import { parseRetryAfter } from './retry';
import { createSseParser, type SseEvent } from './sse';

export interface PostRequest {
  /** Short name for logs, e.g. "create". */
  action: string;
  /** Path below the HTTP base, e.g. "/services/audio/tts/customization". */
  path: string;
  /** The base the path is below: DashScope's own API (default) or its OpenAI-compatible one. */
  api?: 'dashscope' | 'compatible-mode';
  body: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
  requestId?: string;
}

/** A JSON answer (or error body) larger than this is refused unread: DashScope's are a few KB. */
export const MAX_JSON_ANSWER_BYTES = 4_000_000;
/** One synthesized result file; 600 characters of speech are a few MB. */
const MAX_AUDIO_DOWNLOAD_BYTES = 64_000_000;
/** A whole SSE stream: base64 PCM of one text chunk plus its events. */
export const MAX_STREAM_BYTES = 64_000_000;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface Credentials {
  /** The Authorization header value, with the key read fresh for this request. */
  authorization: string;
  /** This request's key and every other key Timbre knows, to scrub from server text. */
  secrets: readonly string[];
}

export async function credentials(context: ClientContext): Promise<Credentials> {
  const key = (await context.getApiKey())?.trim();
  if (!key) throw new DashScopeError(DASHSCOPE_ERROR.missingApiKey, 'No DashScope API key is set');
  return { authorization: `Bearer ${key}`, secrets: [key, ...context.knownSecrets()] };
}

const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

const urlOf = (http: string, request: Pick<PostRequest, 'path' | 'api'>) =>
  joinUrl(request.api === 'compatible-mode' ? compatibleModeBase(http) : http, request.path);

/**
 * The OpenAI-compatible endpoint wraps its error as `{"error":{"code","message",…},"request_id"}`;
 * DashScope's own puts `code` and `message` at the top. Either becomes the same body.
 */
function serviceErrorOf(body: Record<string, unknown>): ServiceErrorBody | undefined {
  if (isRecord(body.error)) {
    const { code, message } = body.error;
    return {
      ...(typeof code === 'string' ? { code } : {}),
      ...(typeof message === 'string' ? { message } : {}),
      ...(typeof body.request_id === 'string' ? { request_id: body.request_id } : {}),
    };
  }
  if ((typeof body.code === 'string' && body.code !== '') || typeof body.message === 'string') return body as ServiceErrorBody;
  return undefined;
}

/** The body of an answer, refused once it grows past `maxBytes` (the rest is never downloaded). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw answerTooLargeError(maxBytes);
  }
  if (!response.body) return new Uint8Array();
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw answerTooLargeError(maxBytes);
    }
    parts.push(value);
  }
  return new Uint8Array(Buffer.concat(parts));
}

const readText = async (response: Response, maxBytes: number) => new TextDecoder().decode(await readCapped(response, maxBytes));

/**
 * The error body of a failed answer: JSON (§3.1), or for a streamed request the same JSON in the
 * `data:` lines of an event stream (the SDK reads it so), with or without DashScope's `event:`
 * framing. Undefined when neither holds a readable error (an HTML page from a proxy, nothing).
 */
function errorBodyOf(text: string): ServiceErrorBody | undefined {
  const json = parseJson(text);
  if (isRecord(json)) return serviceErrorOf(json) ?? json;
  if (!/^(data|event|id):/m.test(text)) return undefined;
  const events: SseEvent[] = [];
  const parser = createSseParser((event) => events.push(event));
  parser.push(text);
  parser.end();
  for (const event of events) {
    const body = parseJson(event.data);
    const error = isRecord(body) ? serviceErrorOf(body) : undefined;
    if (error) return error;
  }
  return undefined;
}

/**
 * Whether a failed answer may come after the request took effect (e.g. the voice was stored):
 * a gateway error, an internal error or timeout on the service's side, or a body that is not the
 * service's own error. Refusals that happen before any work (redirect, auth, throttling) cannot.
 */
function mayHaveTakenEffect(status: number, body: ServiceErrorBody | undefined): boolean {
  if ([502, 503, 504].includes(status)) return true;
  if (status === 500) return !body?.code || /^(InternalError|RequestTimeOut|SystemError)/.test(body.code);
  if (body === undefined) return !(status < 400 || [401, 403, 404, 429].includes(status));
  return false;
}

/** Turns a non-2xx answer into our error, whatever its body looks like (JSON, an event stream, HTML from a proxy, nothing). */
function errorFromAnswer(context: ClientContext, region: string, response: Response, text: string, secrets: readonly string[]): DashScopeError {
  const body = errorBodyOf(text);
  const error = fromServiceError(response.status, body, {
    region,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), context.now()),
    requestId: serverText(response.headers.get('x-request-id'), secrets) || undefined,
    secrets,
  });
  return mayHaveTakenEffect(response.status, body) ? error.asUnclearOutcome() : error;
}

/** Reads a failed answer's body (bounded: an error page is never worth megabytes) and maps it. */
async function failedAnswer(context: ClientContext, region: string, response: Response, secrets: readonly string[]): Promise<DashScopeError> {
  let text = '';
  try {
    text = await readText(response, MAX_JSON_ANSWER_BYTES);
  } catch (error) {
    if (!isDashScopeError(error) || error.code !== DASHSCOPE_ERROR.answerTooLarge) throw error;
  }
  return errorFromAnswer(context, region, response, text, secrets);
}

async function logged<T extends { status: number; requestId?: string }>(
  context: ClientContext, action: string, exchange: () => Promise<T>,
): Promise<T> {
  const started = context.now();
  try {
    const answer = await exchange();
    context.log.info(`dashscope ${action}`, { status: answer.status, requestId: answer.requestId, ms: context.now() - started });
    return answer;
  } catch (error) {
    if (isDashScopeError(error)) {
      context.log.warn(`dashscope ${action} failed`, {
        code: error.code, status: error.status, requestId: error.requestId, dashscopeCode: error.dashscopeCode, ms: context.now() - started,
      });
    }
    throw error;
  }
}

/** POSTs JSON and returns the parsed 2xx body; everything else becomes a DashScopeError. */
export async function postJson(context: ClientContext, request: PostRequest): Promise<JsonAnswer> {
  return logged(context, request.action, async () => {
    const { http, region } = context.baseUrl();
    const { authorization, secrets } = await credentials(context);
    const { response, text } = await withDeadline(request.timeoutMs, request.signal, async (signal) => {
      const response = await context.fetch(urlOf(http, request), {
        method: 'POST',
        headers: { Authorization: authorization, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request.body),
        redirect: 'manual',
        signal,
      });
      if (!response.ok) throw await failedAnswer(context, region, response, secrets);
      return { response, text: await readText(response, MAX_JSON_ANSWER_BYTES) };
    });
    const body = serverAnswer(parseJson(text), secrets);
    // A 2xx we cannot read may still have done its work (e.g. created the voice).
    if (!isRecord(body)) throw badResponseError('the body is not JSON', { status: response.status, mayHaveSucceeded: true });
    const requestId = typeof body.request_id === 'string' && body.request_id !== '' ? body.request_id : undefined;
    return { status: response.status, body, requestId };
  });
}

/**
 * POSTs with `X-DashScope-SSE: enable` and hands each event's JSON to `onEvent` as it arrives.
 * An error event (or a JSON body with a `code` and no `output`) becomes a DashScopeError; an
 * event whose data is not JSON is skipped, as the SDK does. The stream runs under `limits`.
 */
export async function postSse(
  context: ClientContext, request: Omit<PostRequest, 'timeoutMs'>, onEvent: (body: Record<string, unknown>) => void,
): Promise<{ status: number; requestId?: string }> {
  return logged(context, request.action, async () => {
    const { http, region } = context.baseUrl();
    const { authorization, secrets } = await credentials(context);
    let requestId: string | undefined;
    const handle = (event: SseEvent) => {
      // The OpenAI-compatible stream ends with a `data: [DONE]` that is not JSON.
      if (request.api === 'compatible-mode' && event.data.trim() === '[DONE]') return;
      const body = serverAnswer(parseJson(event.data), secrets);
      // An error event keeps its meaning even when its data is plain text.
      if (!isRecord(body) && event.event === 'error') throw fromServiceError(event.httpStatus ?? 0, { message: event.data }, { region, secrets });
      if (!isRecord(body)) {
        context.log.warn(`dashscope ${request.action}: skipped an event that is not JSON`, { event: serverText(event.event, secrets) });
        return;
      }
      if (typeof body.request_id === 'string') requestId = body.request_id || undefined;
      const isError = event.event === 'error' || isRecord(body.error)
        || (typeof body.code === 'string' && body.code !== '' && !isRecord(body.output));
      if (isError) throw fromServiceError(event.httpStatus ?? 0, serviceErrorOf(body) ?? body, { region, secrets });
      onEvent(body);
    };
    const limits = { idleMs: context.timeouts.streamIdleMs, totalMs: context.timeouts.streamTotalMs };
    return withStreamLimits(limits, request.signal, async (signal, alive) => {
      const response = await context.fetch(urlOf(http, request), {
        method: 'POST',
        headers: {
          Authorization: authorization, 'Content-Type': 'application/json', Accept: 'text/event-stream', 'X-DashScope-SSE': 'enable',
        },
        body: JSON.stringify(request.body),
        redirect: 'manual',
        signal,
      });
      alive();
      if (!response.ok) throw await failedAnswer(context, region, response, secrets);
      if (!response.body) throw badResponseError('the stream has no body');
      // What the answer is shows in its first character, not its label (§7): an event stream
      // begins with a field or a comment, a JSON body (a server ignoring the SSE header, or an
      // error) with "{". Both are read whatever the Content-Type says.
      const parser = createSseParser(handle);
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      let kind = 'unknown' as 'unknown' | 'json' | 'events'; // (set in take(); keeps TS from narrowing it)
      let held = ''; // the text read before its kind shows (blank so far), then a JSON body
      let size = 0;
      const take = (text: string) => {
        if (kind === 'events') return parser.push(text);
        held += text;
        if (kind === 'unknown' && held.trim() !== '') {
          kind = held.trimStart().startsWith('{') ? 'json' : 'events';
          if (kind === 'events') parser.push(held);
        }
      };
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          alive();
          size += value.length;
          if (size > (kind === 'json' ? MAX_JSON_ANSWER_BYTES : MAX_STREAM_BYTES)) {
            throw answerTooLargeError(kind === 'json' ? MAX_JSON_ANSWER_BYTES : MAX_STREAM_BYTES);
          }
          take(decoder.decode(value, { stream: true }));
        }
        take(decoder.decode());
        if (kind === 'json') {
          if (!isRecord(parseJson(held))) throw badResponseError('the answer is neither an event stream nor JSON');
          handle({ data: held });
        } else {
          parser.end();
        }
      } catch (error) {
        // Stop the download of a stream we no longer want (error event, callback failure).
        reader.cancel().catch(() => {});
        throw error;
      }
      return { status: response.status, requestId };
    });
  });
}

/** Downloads a synthesis result. The URL is pre-signed storage, so no Authorization goes with it. */
export async function download(context: ClientContext, url: string, timeoutMs: number, signal?: AbortSignal): Promise<Uint8Array> {
  const answer = await logged(context, 'download', () =>
    withDeadline(timeoutMs, signal, async (deadline) => {
      const response = await context.fetch(url, { signal: deadline });
      if (!response.ok) {
        await response.body?.cancel();
        throw new DashScopeError(DASHSCOPE_ERROR.audioDownloadFailed, `Downloading the audio failed with HTTP ${response.status}`, {
          status: response.status, retryable: response.status >= 500,
        });
      }
      return { status: response.status, bytes: await readCapped(response, MAX_AUDIO_DOWNLOAD_BYTES) };
    }));
  return answer.bytes;
}
