/**
 * One HTTP exchange with DashScope: auth header, timeout, error-body mapping and a log line.
 * Logs carry the action, status, request id and timing only: never the key, bodies or audio.
 */
import type { ClientContext } from './context';
import { withDeadline } from './deadline';
import { DASHSCOPE_ERROR, DashScopeError, badResponseError, fromServiceError, isDashScopeError, type ServiceErrorBody } from './errors';
import { parseRetryAfter } from './retry';
import { createSseParser, type SseEvent } from './sse';

export interface PostRequest {
  /** Short name for logs, e.g. "create". */
  action: string;
  /** Path below the HTTP base, e.g. "/services/audio/tts/customization". */
  path: string;
  body: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
  requestId?: string;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The Authorization header value, with the key read fresh for this request. */
export async function authorization(context: ClientContext): Promise<string> {
  const key = (await context.getApiKey())?.trim();
  if (!key) throw new DashScopeError(DASHSCOPE_ERROR.missingApiKey, 'No DashScope API key is set');
  return `Bearer ${key}`;
}

const joinUrl = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;

/** Turns a non-2xx answer into our error, whatever its body looks like (JSON, HTML from a proxy, nothing). */
function errorFromAnswer(context: ClientContext, region: string, response: Response, text: string): DashScopeError {
  const parsed = parseJson(text);
  return fromServiceError(response.status, isRecord(parsed) ? (parsed as ServiceErrorBody) : undefined, {
    region,
    retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), context.now()),
    requestId: response.headers.get('x-request-id') ?? undefined,
  });
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
    const auth = await authorization(context);
    const { response, text } = await withDeadline(request.timeoutMs, request.signal, async (signal) => {
      const response = await context.fetch(joinUrl(http, request.path), {
        method: 'POST',
        headers: { Authorization: auth, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request.body),
        signal,
      });
      return { response, text: await response.text() };
    });
    if (!response.ok) throw errorFromAnswer(context, region, response, text);
    const body = parseJson(text);
    // A 2xx we cannot read may still have done its work (e.g. created the voice).
    if (!isRecord(body)) throw badResponseError('the body is not JSON', { status: response.status, mayHaveSucceeded: true });
    const requestId = typeof body.request_id === 'string' ? body.request_id : undefined;
    return { status: response.status, body, requestId };
  });
}

/**
 * POSTs with `X-DashScope-SSE: enable` and hands each event's JSON to `onEvent` as it arrives.
 * An error event (or a JSON body with a `code` and no `output`) becomes a DashScopeError.
 */
export async function postSse(
  context: ClientContext, request: PostRequest, onEvent: (body: Record<string, unknown>) => void,
): Promise<{ status: number; requestId?: string }> {
  return logged(context, request.action, async () => {
    const { http, region } = context.baseUrl();
    const auth = await authorization(context);
    let requestId: string | undefined;
    const handle = (event: SseEvent) => {
      const body = parseJson(event.data);
      if (!isRecord(body)) throw badResponseError('a stream event is not JSON', { requestId });
      if (typeof body.request_id === 'string') requestId = body.request_id;
      const isError = event.event === 'error' || (typeof body.code === 'string' && body.code !== '' && !isRecord(body.output));
      if (isError) throw fromServiceError(event.httpStatus ?? 0, body as ServiceErrorBody, { region });
      onEvent(body);
    };
    return withDeadline(request.timeoutMs, request.signal, async (signal) => {
      const response = await context.fetch(joinUrl(http, request.path), {
        method: 'POST',
        headers: {
          Authorization: auth, 'Content-Type': 'application/json', Accept: 'text/event-stream', 'X-DashScope-SSE': 'enable',
        },
        body: JSON.stringify(request.body),
        signal,
      });
      if (!response.ok) throw errorFromAnswer(context, region, response, await response.text());
      // Tolerate a server that ignores the SSE header and answers with plain JSON.
      if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
        handle({ data: await response.text() });
        return { status: response.status, requestId };
      }
      if (!response.body) throw badResponseError('the stream has no body');
      const parser = createSseParser(handle);
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(decoder.decode(value, { stream: true }));
        }
        parser.push(decoder.decode());
        parser.end();
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
      return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
    }));
  return answer.bytes;
}
