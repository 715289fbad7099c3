/**
 * Keeps every raw answer the check gets, by wrapping the `fetch` and `WebSocket` handed to the
 * app's own client: what the client read is exactly what is recorded. The key, audio data and the
 * signatures of result URLs never reach the record.
 */
import type { ClientRequest, ClientRequestArgs, IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import { redact } from '../../electron/main/foundation/log';
import type { Exchange } from './facts-file';

/** Headers worth keeping: what kind of answer it is, its id, and any instruction to wait. */
const KEPT_HEADERS = ['content-type', 'content-length', 'x-request-id', 'x-dashscope-request-id', 'retry-after', 'x-dashscope-call-gateway'];
/** A body longer than this is cut: audio chunks say nothing about the service's rules. */
const MAX_BODY_CHARS = 4_000;

export interface Recorder {
  exchanges: Exchange[];
  /** Labels the exchanges from now on. */
  setStep(step: string): void;
  /** Indexes of the exchanges recorded since `mark()` returned `from`. */
  since(from: number): number[];
  mark(): number;
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
  /** Waits for bodies still being read (a stream the client stopped early). */
  settled(): Promise<void>;
}

/** Removes the key, audio payloads and URL signatures from text a server or the client wrote. */
export function scrub(text: string, secrets: readonly string[]): string {
  return redact(text, secrets)
    // Signed result URLs (OSS): the query is the signature.
    .replace(/(https?:\/\/[^\s"'?]+)\?[^\s"']*(?:Signature|Expires|OSSAccessKeyId|x-oss-)[^\s"']*/gi, '$1?[signed query redacted]')
    // Base64 audio inside JSON ("data" of SSE and realtime audio events).
    .replace(/"(data|delta)"\s*:\s*"([A-Za-z0-9+/=]{200,})"/g, (_all, field: string, base64: string) => `"${field}":"[${base64.length} base64 chars]"`);
}

const cut = (text: string) => (text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… [${text.length - MAX_BODY_CHARS} more chars]` : text);

function keptHeaders(headers: Headers | IncomingMessage['headers']): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers instanceof Headers ? headers.get(name) : headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

export function createRecorder(secrets: () => readonly string[], baseFetch: typeof fetch = globalThis.fetch): Recorder {
  const exchanges: Exchange[] = [];
  const pending = new Set<Promise<void>>();
  let step = 'start';
  const clean = (text: string) => cut(scrub(text, secrets()));

  const recordingFetch: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const exchange: Exchange = {
      step, method: init?.method ?? 'GET', url: clean(url),
      ...(typeof init?.body === 'string' ? { requestBody: clean(init.body) } : {}),
    };
    exchanges.push(exchange);
    let response: Response;
    try {
      response = await baseFetch(input, init);
    } catch (error) {
      exchange.transportError = clean(String(error));
      throw error;
    }
    exchange.status = response.status;
    exchange.headers = keptHeaders(response.headers);
    // A result download is audio: its size and type are the whole story.
    if (!/^audio\//.test(response.headers.get('content-type') ?? '') && response.body) {
      const reading = response.clone().text().then(
        (text) => { exchange.body = clean(text); },
        (error: unknown) => { exchange.transportError = clean(String(error)); },
      );
      pending.add(reading);
      void reading.finally(() => pending.delete(reading));
    }
    return response;
  };

  class RecordingWebSocket extends WebSocket {
    constructor(
      address: string | URL | null,
      protocols?: string | string[] | WebSocket.ClientOptions | ClientRequestArgs,
      options?: WebSocket.ClientOptions | ClientRequestArgs,
    ) {
      // ws itself tells options given in the place of protocols apart.
      super(address as string | URL, protocols as string[] | undefined, options);
      const exchange: Exchange = { step, method: 'WEBSOCKET', url: clean(String(address)), events: [] };
      exchanges.push(exchange);
      this.on('message', (data, isBinary) => exchange.events?.push(isBinary ? '[binary frame]' : clean(data.toString())));
      this.on('close', (code) => { exchange.closeCode = code; });
      this.on('error', (error) => { exchange.transportError = clean(String(error)); });
      this.on('unexpected-response', (_request: ClientRequest, response: IncomingMessage) => {
        exchange.status = response.statusCode;
        exchange.headers = keptHeaders(response.headers);
        let body = '';
        response.on('data', (chunk: Buffer | string) => { body += chunk.toString(); });
        response.on('end', () => { exchange.body = clean(body); });
      });
    }
  }

  return {
    exchanges,
    setStep(next) {
      step = next;
    },
    mark: () => exchanges.length,
    since: (from) => exchanges.slice(from).map((_exchange, index) => from + index),
    fetch: recordingFetch,
    WebSocket: RecordingWebSocket,
    async settled() {
      await Promise.all([...pending]);
    },
  };
}
