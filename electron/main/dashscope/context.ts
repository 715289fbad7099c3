/**
 * What the DashScope client depends on, with the defaults filled in. Every module of the client
 * receives this one object, so tests can swap time, randomness and the network in one place.
 */
import { WebSocket as WsWebSocket } from 'ws';
import type { Region } from '../../../shared/models';
import type { Logger } from '../foundation/log';

export interface RetryPolicy {
  /** Total tries including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the error goes to the user instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

export interface Endpoints {
  /** HTTP base including `/api/v1`, e.g. REGION_BASE_URLS[region].http. */
  http: string;
  /** Realtime WebSocket URL without the query, e.g. REGION_BASE_URLS[region].ws. */
  ws: string;
  region: Region;
}

export interface Timeouts {
  /** list, delete and the connection test. */
  requestMs: number;
  /** create: DashScope preprocesses the audio before answering. */
  createMs: number;
  /** One plain (not streamed) synthesis request, and each result download. */
  synthesisMs: number;
  /**
   * A stream (SSE or realtime) that sends nothing for this long has stalled. The SDK waits 300 s;
   * 120 s is what a whole stream was allowed before, so nothing that worked then stalls now.
   */
  streamIdleMs: number;
  /** The overall cap of one stream: generous, it only stops a server that never ends. */
  streamTotalMs: number;
}

const DEFAULT_TIMEOUTS: Timeouts = {
  requestMs: 30_000, createMs: 120_000, synthesisMs: 120_000, streamIdleMs: 120_000, streamTotalMs: 15 * 60_000,
};

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface DashScopeClientDeps {
  /** Fetched per request (the user may change it at any time); never logged. */
  getApiKey: () => Promise<string>;
  /** Every key Timbre knows (all regions): scrubbed from any text a server sends back. */
  knownSecrets?: () => readonly string[];
  /** Fetched per request, so a region switch applies to the next call. */
  baseUrl: () => Endpoints;
  fetch?: typeof fetch;
  WebSocket?: typeof WsWebSocket;
  log?: Logger;
  sleep?: Sleep;
  random?: () => number;
  now?: () => number;
  retry?: Partial<RetryPolicy>;
  timeouts?: Partial<Timeouts>;
}

export interface ClientContext {
  getApiKey: () => Promise<string>;
  knownSecrets: () => readonly string[];
  baseUrl: () => Endpoints;
  fetch: typeof fetch;
  WebSocket: typeof WsWebSocket;
  log: Logger;
  sleep: Sleep;
  random: () => number;
  now: () => number;
  retry: RetryPolicy;
  timeouts: Timeouts;
}

const silentLog: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** A sleep that ends early (rejecting) when the signal aborts, so backoff waits are cancellable. */
const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function resolveContext(deps: DashScopeClientDeps): ClientContext {
  return {
    getApiKey: deps.getApiKey,
    knownSecrets: deps.knownSecrets ?? (() => []),
    baseUrl: deps.baseUrl,
    fetch: deps.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    WebSocket: deps.WebSocket ?? WsWebSocket,
    log: deps.log ?? silentLog,
    sleep: deps.sleep ?? realSleep,
    random: deps.random ?? Math.random,
    now: deps.now ?? Date.now,
    retry: { ...DEFAULT_RETRY_POLICY, ...deps.retry },
    timeouts: { ...DEFAULT_TIMEOUTS, ...deps.timeouts },
  };
}
