/**
 * A local stand-in for DashScope (../shared/dashscope-api.md): enrollment, HTTP/SSE synthesis,
 * Omni chat, result downloads and the realtime WebSocket (Qwen-TTS and Omni-Realtime) on 127.0.0.1, with per-request fault injection and
 * switchable strict behaviours (behaviour.ts says which are documented and which are guesses).
 * Used by the tests and by `npm run mock`. It plays one region; keys of other regions get 401.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { STATUS_CODES, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { TARGET_MODELS, isOmniModel, isRealtimeModel, type TargetModel } from '../../shared/models';
import { TEST_BEHAVIOUR, type MockBehaviour } from './behaviour';
import { handleCustomization } from './enrollment-handler';
import { createFaultQueue, type Fault, type FaultTarget, type InjectedFault } from './faults';
import { runOmniRealtimeSession } from './omni-realtime-handler';
import { runRealtimeSession } from './realtime-handler';
import { errorReply, isRecord, newRequestId, type JsonReply } from './replies';
import { handleGeneration, type GenerationReply } from './synthesis-handler';
import { chatError, handleChat } from './omni-handler';
import { createVoiceStore, type MockVoice } from './voices';

export type MockRegion = 'cn-beijing' | 'ap-southeast-1';

export interface MockDashScopeOptions {
  /** The region this mock plays (default Singapore). */
  region?: MockRegion;
  /** API key per region; only the played region's key is accepted. Random test keys by default. */
  keys?: Partial<Record<MockRegion, string>>;
  /** Fixed port (e.g. for `npm run mock`); random by default. */
  port?: number;
  /** The real clock (the server's own is this plus `behaviour.clockSkewMs`). */
  now?: () => number;
  /** Strictness switches; TEST_BEHAVIOUR by default (STRICT_BEHAVIOUR without the list lag). */
  behaviour?: Partial<MockBehaviour>;
}

export interface LoggedRequest {
  target: FaultTarget | 'unknown';
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-cased, without `authorization`. */
  headers: Record<string, string>;
  authorized: boolean;
  /** Parsed JSON (the raw text when it is not JSON); for realtime, one client event. */
  body: unknown;
  at: number;
}

export interface MockDashScope {
  /** HTTP base including `/api/v1`. */
  baseUrl: string;
  /** Realtime URL without the `?model=` query. */
  wsUrl: string;
  /** The key the mock accepts. */
  apiKey: string;
  region: MockRegion;
  keys: Record<MockRegion, string>;
  /** Live voice store, keyed by voice id. */
  voices: Map<string, MockVoice>;
  /** The strictness switches in force; `setBehaviour` changes some of them from the next request on. */
  readonly behaviour: MockBehaviour;
  setBehaviour(changes: Partial<MockBehaviour>): void;
  /** Seeds a voice as if created at `createdAt` (server clock; default now, listed after the lag). */
  addVoice(fields: { preferredName: string; targetModel: TargetModel; language?: string; createdAt?: number }): MockVoice;
  /** Every request received, oldest first. */
  requests: LoggedRequest[];
  inject(fault: InjectedFault): void;
  /** Faults injected but not yet used. */
  readonly pendingFaults: number;
  /** false: stop listening and drop every connection (clients get "connection refused"); true: listen again on the same port. */
  setReachable(reachable: boolean): Promise<void>;
  close(): Promise<void>;
}

const API_PREFIX = '/api/v1';
const CUSTOMIZATION_PATH = `${API_PREFIX}/services/audio/tts/customization`;
const GENERATION_PATH = `${API_PREFIX}/services/aigc/multimodal-generation/generation`;
/** The OpenAI-compatible endpoint Omni speaks through (§7), beside `/api/v1`. */
const CHAT_PATH = '/compatible-mode/v1/chat/completions';
const REALTIME_PATH = '/api-ws/v1/realtime';
const RESULTS_PATH = '/results/';
/** Generous: a 10 MB data URL plus JSON must fit, anything far beyond is refused unread. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

const testKey = (region: string) => `sk-mock-${region}-${randomBytes(12).toString('hex')}`;

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    request.on('data', (part: Buffer) => {
      size += part.length;
      if (size <= MAX_BODY_BYTES) parts.push(part);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sendJson(response: ServerResponse, reply: JsonReply): void {
  const text = JSON.stringify(reply.body);
  response.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...reply.headers });
  response.end(text);
}

function faultReply(fault: Extract<Fault, { kind: 'error' }>): JsonReply {
  const reply = errorReply(fault.status, fault.code, fault.message ?? `${fault.code}.`);
  return fault.retryAfter === undefined ? reply : { ...reply, headers: { 'Retry-After': String(fault.retryAfter) } };
}

/** Whether the request takes effect despite the fault: a timeout or an error by default does not, a lost or garbled answer does. */
function performsAction(fault: Fault): boolean {
  if (fault.kind === 'timeout' || fault.kind === 'error' || fault.kind === 'gateway-error') return fault.perform === true;
  if (fault.kind === 'redirect' || fault.kind === 'huge-answer' || fault.kind === 'echo-auth') return false;
  if (fault.kind === 'reset' || fault.kind === 'malformed-json') return fault.perform !== false;
  return true;
}

/** An SSE event the way DashScope frames it: id, event, `:HTTP_STATUS/<code>` comment, data line(s). */
function sseEvent(id: number, event: 'result' | 'error', status: number, dataLines: string[]): string {
  return `id:${id}\nevent:${event}\n:HTTP_STATUS/${status}\n${dataLines.map((line) => `data:${line}`).join('\n')}\n\n`;
}

/** A refused streamed request, answered in the shape MockBehaviour.sseErrorBody names. */
function sendSseError(response: ServerResponse, reply: JsonReply, shape: MockBehaviour['sseErrorBody']): void {
  if (shape === 'json') return sendJson(response, reply);
  const text = shape === 'data-lines'
    ? `${JSON.stringify(reply.body, null, 1).split('\n').map((line) => `data:${line}`).join('\n')}\n\n`
    : sseEvent(1, 'error', reply.status, [JSON.stringify(reply.body)]);
  const status = shape === 'status-200-event' ? 200 : reply.status;
  const contentType = shape === 'event-stream-as-json' ? 'application/json' : 'text/event-stream;charset=UTF-8';
  response.writeHead(status, { 'Content-Type': contentType, ...reply.headers });
  response.end(text);
}

/** The echo-auth-answer fault: the Authorization header, copied into an answer that is otherwise the real one. */
function echoAuthorization(body: Record<string, unknown>, target: FaultTarget | 'unknown', authorization: string): Record<string, unknown> {
  const note = `proxy saw Authorization: ${authorization}`;
  const output: Record<string, unknown> | undefined = isRecord(body.output) ? { ...body.output, proxy_note: note } : undefined;
  if (output && target === 'create') Object.assign(output, { fallback_mode: true, fallback_reason: note });
  const listed = Array.isArray(output?.voice_list) ? (output.voice_list as unknown[]) : [];
  if (output && isRecord(listed[0])) {
    output.voice_list = [...listed, { ...listed[0], voice: `qwen-tts-vc-proxy-voice-${authorization}` }];
    if (typeof output.total_count === 'number') output.total_count += 1;
  }
  return { ...body, ...(output ? { output } : {}), request_id: `${String(body.request_id ?? '')} ${note}` };
}

const GATEWAY_PAGE = (status: number) =>
  `<html><head><title>${status} ${STATUS_CODES[status] ?? ''}</title></head><body><center><h1>${status} ${STATUS_CODES[status] ?? ''}</h1></center><hr><center>Tengine</center></body></html>`;

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name !== 'authorization' && value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export async function startMockDashScope(options: MockDashScopeOptions = {}): Promise<MockDashScope> {
  const region = options.region ?? 'ap-southeast-1';
  const keys: Record<MockRegion, string> = {
    'cn-beijing': options.keys?.['cn-beijing'] ?? testKey('cn'),
    'ap-southeast-1': options.keys?.['ap-southeast-1'] ?? testKey('intl'),
  };
  const now = options.now ?? Date.now;
  let behaviour: MockBehaviour = { ...TEST_BEHAVIOUR, ...options.behaviour };
  const voices = createVoiceStore(now, () => behaviour);
  const faults = createFaultQueue();
  const requests: LoggedRequest[] = [];
  const results = new Map<string, Uint8Array>();
  const sockets = new Set<Duplex>();
  const wss = new WebSocketServer({ noServer: true });
  let origin = '';

  const isAuthorized = (request: IncomingMessage) => {
    const match = /^Bearer\s+(\S+)$/.exec(request.headers.authorization ?? '');
    return match !== null && match[1] === keys[region];
  };
  const unauthorized = () => errorReply(401, 'InvalidApiKey', 'Invalid API-key provided.');
  const resultStore = {
    put(wav: Uint8Array) {
      const id = randomUUID();
      results.set(id, wav);
      const expires = Math.floor(now() / 1000) + 86_400;
      return { id, url: `${origin}${RESULTS_PATH}${id}.wav?Expires=${expires}&OSSAccessKeyId=mock&Signature=mock` };
    },
  };

  function targetOf(method: string, path: string, body: unknown): FaultTarget | 'unknown' {
    if (method === 'GET' && path.startsWith(RESULTS_PATH)) return 'download';
    if (method === 'POST' && (path === GENERATION_PATH || path === CHAT_PATH)) return 'synthesize';
    if (method === 'POST' && path === CUSTOMIZATION_PATH && isRecord(body) && isRecord(body.input)) {
      const action = body.input.action;
      if (action === 'create' || action === 'list' || action === 'delete') return action;
    }
    return 'unknown';
  }

  /** Answers after the action ran, unless the fault says to lose, garble or replace the answer. */
  function deliver(response: ServerResponse, fault: Fault | undefined, send: () => void, request?: IncomingMessage): void {
    if (fault?.kind === 'timeout') return; // hold the connection open, answer never comes
    if (fault?.kind === 'error') {
      const streamed = String(request?.headers['x-dashscope-sse'] ?? '').toLowerCase() === 'enable';
      return streamed ? sendSseError(response, faultReply(fault), behaviour.sseErrorBody) : sendJson(response, faultReply(fault));
    }
    if (fault?.kind === 'gateway-error') {
      response.writeHead(fault.status, { 'Content-Type': 'text/html' });
      response.end(GATEWAY_PAGE(fault.status));
      return;
    }
    if (fault?.kind === 'redirect') {
      const location = fault.location === 'self' ? (request?.url ?? '/') : fault.location;
      response.writeHead(fault.status, { Location: location, 'Content-Length': 0 });
      response.end();
      return;
    }
    if (fault?.kind === 'huge-answer') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(`{"output":{"padding":"${'x'.repeat(fault.bytes)}"},"request_id":"${newRequestId()}"}`);
      return;
    }
    if (fault?.kind === 'echo-auth') {
      const echoed = request?.headers.authorization ?? '';
      sendJson(response, errorReply(400, 'InvalidParameter', `Bad request. Received headers: Authorization: ${echoed}`, `req ${echoed}` as ReturnType<typeof newRequestId>));
      return;
    }
    if (fault?.kind === 'reset') {
      response.socket?.destroy();
      return;
    }
    if (fault?.kind === 'malformed-json') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"output": {"voice": "qwen-tts-vc-');
      return;
    }
    send();
  }

  async function streamSse(
    response: ServerResponse, reply: Extract<GenerationReply, { kind: 'sse' }>, fault: Fault | undefined, authorization: string,
  ): Promise<void> {
    if (fault?.kind === 'echo-auth-answer') {
      reply = {
        ...reply,
        audioEvents: reply.audioEvents.map((event) => echoAuthorization(event, 'synthesize', authorization)),
        finalEvent: echoAuthorization(reply.finalEvent, 'synthesize', authorization),
      };
    }
    response.writeHead(200, { 'Content-Type': 'text/event-stream;charset=UTF-8', 'Cache-Control': 'no-cache' });
    let id = 0;
    for (const event of reply.audioEvents) {
      if (fault?.kind === 'mid-stream' && id === fault.afterChunks) {
        if (fault.mode === 'error-event') {
          const error = { code: 'InternalError', message: 'An internal error has occured, please try again later.', request_id: reply.requestId };
          response.end(sseEvent(id + 1, 'error', 500, [JSON.stringify(error)]));
        } else if (fault.mode !== 'stall') {
          // Let what was written leave first, so the client sees exactly `afterChunks` chunks.
          response.write('', () => response.socket?.destroy());
        }
        return;
      }
      if (fault?.kind === 'slow-stream') await new Promise((resolve) => setTimeout(resolve, fault.intervalMs));
      if (response.destroyed) return;
      response.write(sseEvent(++id, 'result', 200, [JSON.stringify(event)]));
      if (fault?.kind === 'non-json-event' && id === 1) response.write('event:ping\ndata:keep-alive\n\n');
    }
    // The last packet spans several data: lines, which the client must join (§5.a).
    response.end(sseEvent(id + 1, 'result', 200, JSON.stringify(reply.finalEvent, null, 1).split('\n')));
  }

  async function onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://mock');
    const method = request.method ?? 'GET';
    const text = await readBody(request);
    if (text === null) return sendJson(response, errorReply(413, 'InvalidParameter', 'Request entity too large.'));
    const body = text === '' ? undefined : (parseJson(text) ?? text);
    const target = targetOf(method, url.pathname, body);
    const authorized = isAuthorized(request);
    requests.push({
      target, method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: headersOf(request), authorized, body, at: now(),
    });
    const fault = faults.take(target === 'unknown' ? null : target);
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault && !performsAction(fault)) return deliver(response, fault, () => {}, request);

    if (target === 'download') {
      const wav = results.get(url.pathname.slice(RESULTS_PATH.length).replace(/\.wav$/, ''));
      if (!wav) return sendJson(response, { status: 404, body: { Code: 'NoSuchKey', Message: 'The specified key does not exist.' } });
      return deliver(response, fault, () => {
        response.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': wav.length });
        response.end(wav);
      });
    }
    if (method === 'POST' && url.pathname === CHAT_PATH) return onChat(response, body, authorized, fault, request);
    if (method !== 'POST' || (url.pathname !== CUSTOMIZATION_PATH && url.pathname !== GENERATION_PATH)) {
      return sendJson(response, errorReply(404, 'NotFound', `No route for ${method} ${url.pathname}.`));
    }
    const stream = String(request.headers['x-dashscope-sse'] ?? '').toLowerCase() === 'enable';
    const refuse = (reply: JsonReply) => (stream ? sendSseError(response, reply, behaviour.sseErrorBody) : sendJson(response, reply));
    if (!authorized) return refuse(unauthorized());
    if (body === undefined || typeof body === 'string') return refuse(errorReply(400, 'InvalidParameter', 'The request body is not valid JSON.'));

    const authorization = request.headers.authorization ?? '';
    const echoed = (reply: JsonReply): JsonReply => (fault?.kind === 'echo-auth-answer' && reply.status < 400
      ? { ...reply, body: echoAuthorization(reply.body, target, authorization) }
      : reply);
    if (url.pathname === CUSTOMIZATION_PATH) {
      const reply = echoed(handleCustomization(voices, body, fault, behaviour));
      return deliver(response, fault, () => sendJson(response, reply), request);
    }
    const generation = handleGeneration(voices, resultStore, body, stream, fault, now(), behaviour);
    return deliver(response, fault, () => {
      if (generation.kind === 'sse') return void streamSse(response, generation, fault, authorization);
      return generation.reply.status >= 400 ? refuse(generation.reply) : sendJson(response, echoed(generation.reply));
    }, request);
  }

  /**
   * The OpenAI-compatible endpoint: refusals as plain JSON with HTTP 4xx (GUESS: OpenAI's way; the
   * event-stream shapes of §7 are documented for DashScope's own API), answers as `data:` lines
   * ending in `data: [DONE]`, as the OpenAI SDK the docs use (S33) reads them.
   */
  function onChat(response: ServerResponse, body: unknown, authorized: boolean, fault: Fault | undefined, request: IncomingMessage): void {
    if (!authorized) return sendJson(response, chatError(401, 'invalid_api_key', 'Incorrect API key provided.'));
    if (body === undefined || typeof body === 'string') return sendJson(response, chatError(400, 'invalid_parameter_error', 'The request body is not valid JSON.'));
    const chat = handleChat(voices, body, now(), behaviour);
    deliver(response, fault, () => {
      if (chat.kind === 'json') return sendJson(response, chat.reply);
      response.writeHead(200, { 'Content-Type': 'text/event-stream;charset=UTF-8', 'Cache-Control': 'no-cache' });
      for (const [index, event] of chat.events.entries()) {
        if (fault?.kind === 'mid-stream' && index === fault.afterChunks) {
          if (fault.mode === 'error-event') {
            const error = chatError(500, 'InternalError', 'An internal error has occured, please try again later.');
            response.end(`data: ${JSON.stringify(error.body)}\n\n`);
          } else if (fault.mode !== 'stall') {
            response.write('', () => response.socket?.destroy());
          }
          return;
        }
        response.write(`data: ${JSON.stringify(event)}\n\n`);
      }
      response.end('data: [DONE]\n\n');
    }, request);
  }

  /** Refuses a WebSocket handshake with an HTTP status and DashScope's JSON error body (§3.1). */
  function refuseUpgrade(socket: Duplex, reply: JsonReply): void {
    const text = JSON.stringify(reply.body);
    const extra = Object.entries(reply.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.end(`HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? ''}\r\nContent-Type: application/json\r\n`
      + `Content-Length: ${Buffer.byteLength(text)}\r\n${extra}Connection: close\r\n\r\n${text}`);
  }

  async function onUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://mock');
    const model = url.searchParams.get('model') ?? '';
    const authorized = isAuthorized(request);
    const log = (body: unknown) => requests.push({
      target: 'realtime', method: 'WS', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: headersOf(request), authorized, body, at: now(),
    });
    if (url.pathname !== REALTIME_PATH) return refuseUpgrade(socket, errorReply(404, 'NotFound', `No route for ${url.pathname}.`));
    log(undefined);
    const fault = faults.take('realtime');
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === 'timeout') return; // never complete the handshake
    if (fault?.kind === 'reset') return void socket.destroy();
    if (fault?.kind === 'error') return refuseUpgrade(socket, faultReply(fault));
    if (fault?.kind === 'redirect') {
      const location = fault.location === 'self' ? (request.url ?? '/') : fault.location;
      return void socket.end(`HTTP/1.1 ${fault.status} ${STATUS_CODES[fault.status] ?? ''}\r\nLocation: ${location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    }
    if (!authorized) return refuseUpgrade(socket, unauthorized());
    if (!(TARGET_MODELS as readonly string[]).includes(model) || !isRealtimeModel(model as TargetModel)) {
      return refuseUpgrade(socket, errorReply(404, 'ModelNotFound', 'Model not exist.'));
    }
    // The realtime Omni models speak the Omni-Realtime session protocol (§7), the others Qwen-TTS realtime (§5.b).
    const run = isOmniModel(model) ? runOmniRealtimeSession : runRealtimeSession;
    wss.handleUpgrade(request, socket, head, (ws) => run(ws, {
      model, voices, fault, behaviour, onClientEvent: log, authorization: request.headers.authorization ?? '',
    }));
  }

  const server = createServer((request, response) => {
    onRequest(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, errorReply(500, 'InternalError', `Mock failure: ${String(error)}`));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {}); // a client vanishing mid-handshake is not the mock's problem
    onUpgrade(request, socket, head).catch(() => socket.destroy());
  });

  const listen = (port: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
  const stopListening = () => new Promise<void>((resolve) => {
    for (const client of wss.clients) client.terminate();
    for (const socket of sockets) socket.destroy();
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });

  const port = await listen(options.port ?? 0);
  origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}${API_PREFIX}`,
    wsUrl: `ws://127.0.0.1:${port}${REALTIME_PATH}`,
    apiKey: keys[region],
    region,
    keys,
    voices: voices.voices,
    get behaviour() {
      return behaviour;
    },
    setBehaviour(changes) {
      behaviour = { ...behaviour, ...changes };
    },
    addVoice: (fields) => voices.add(fields),
    requests,
    inject: (fault) => faults.push(fault),
    get pendingFaults() {
      return faults.pending;
    },
    async setReachable(reachable) {
      if (reachable && !server.listening) await listen(port);
      if (!reachable) await stopListening();
    },
    async close() {
      faults.clear();
      await stopListening();
      wss.close();
    },
  };
}
