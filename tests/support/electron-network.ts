/**
 * The installed app's network for tests: DashScope is reached over the loopback as Node does it,
 * and every failure comes back in the shape the app gets from Electron.
 *
 * HTTP follows Electron's `net.fetch` (lib/browser/api/net-fetch.ts over
 * lib/common/api/net-client-request.ts, Electron 45): a failure is `new Error(netErrorString)`
 * where the string is Chromium's `net::ErrorToString` (shell/common/api/electron_api_url_loader.cc),
 * e.g. "net::ERR_CONNECTION_REFUSED" — no `code`, no `cause`; the same error breaks a body already
 * being read; an abort rejects with the signal's reason; a redirect under `redirect: 'manual'` fails
 * with "Redirect was cancelled" (no status), under `'error'` with "Attempted to redirect, but redirect
 * policy was 'error'"; the Response is built anew (no `url`, no `redirected`).
 * Each Node failure becomes the net error Chromium reports for the same event (the names from
 * net/base/net_error_list.h; OS errors as MapSystemError in net/base/net_errors_posix.cc maps them,
 * and MapConnectError for a connect).
 *
 * The realtime WebSocket is the app's own (`createSystemNetwork`: the `ws` package on Node's
 * sockets, through the proxy Electron's session names), so it fails exactly as in the app.
 */
import { createSystemNetwork, type Network } from '../../electron/main/foundation/network';

/** Node's error codes along a failure's cause chain (fetch wraps the socket's error). */
function nodeCodes(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [];
  seen.add(error);
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const members = Array.isArray(record.errors) ? record.errors.flatMap((member) => nodeCodes(member, seen)) : [];
  return [...(typeof record.code === 'string' ? [record.code] : []), ...members, ...nodeCodes(record.cause, seen)];
}

const NAME_BY_NODE_CODE: Record<string, string> = {
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ENOTFOUND: 'NAME_NOT_RESOLVED',
  EAI_AGAIN: 'NAME_NOT_RESOLVED',
  ENETUNREACH: 'ADDRESS_UNREACHABLE',
  EHOSTUNREACH: 'ADDRESS_UNREACHABLE',
  EHOSTDOWN: 'ADDRESS_UNREACHABLE',
  ENETDOWN: 'INTERNET_DISCONNECTED',
  EADDRNOTAVAIL: 'ADDRESS_INVALID',
  // A connect a firewall blocks.
  EACCES: 'NETWORK_ACCESS_DENIED',
  ECONNRESET: 'CONNECTION_RESET',
  ENETRESET: 'CONNECTION_RESET',
  EPIPE: 'CONNECTION_RESET',
  ECONNABORTED: 'CONNECTION_ABORTED',
  ENOTCONN: 'SOCKET_NOT_CONNECTED',
  // Chromium names a connect that timed out apart from any other timeout.
  ETIMEDOUT: 'CONNECTION_TIMED_OUT',
  UND_ERR_CONNECT_TIMEOUT: 'CONNECTION_TIMED_OUT',
  UND_ERR_HEADERS_TIMEOUT: 'TIMED_OUT',
  UND_ERR_BODY_TIMEOUT: 'TIMED_OUT',
  CERT_HAS_EXPIRED: 'CERT_DATE_INVALID',
  CERT_NOT_YET_VALID: 'CERT_DATE_INVALID',
  CERT_REVOKED: 'CERT_REVOKED',
  ERR_TLS_CERT_ALTNAME_INVALID: 'CERT_COMMON_NAME_INVALID',
  HOSTNAME_MISMATCH: 'CERT_COMMON_NAME_INVALID',
};

/** The net error Chromium reports where Node reported `error`; `midBody`: the answer had begun. */
export function chromiumNetError(error: unknown, { midBody = false, chunked = false } = {}): string {
  const codes = nodeCodes(error);
  const text = error instanceof Error ? `${error.message} ${String((error.cause as Error | undefined)?.message ?? '')}` : String(error);
  const named = codes.map((code) => NAME_BY_NODE_CODE[code]).find(Boolean);
  if (named) return `net::ERR_${named}`;
  // Any other certificate complaint (unknown issuer, self-signed, chain too long …) is an untrusted authority.
  if (codes.some((code) => /^(UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|CERT_)/.test(code))) return 'net::ERR_CERT_AUTHORITY_INVALID';
  if (codes.some((code) => /^ERR_(SSL|TLS)_/.test(code))) return 'net::ERR_SSL_PROTOCOL_ERROR';
  // The server closed the socket (undici: "other side closed" / "terminated"): before any answer
  // Chromium says the response was empty; during the body, that the body came up short.
  if (codes.includes('UND_ERR_SOCKET') || /other side closed|terminated|socket hang up/i.test(text)) {
    if (!midBody) return 'net::ERR_EMPTY_RESPONSE';
    return chunked ? 'net::ERR_INCOMPLETE_CHUNKED_ENCODING' : 'net::ERR_CONTENT_LENGTH_MISMATCH';
  }
  if (/redirect count exceeded/i.test(text)) return 'net::ERR_TOO_MANY_REDIRECTS';
  if (/bad port/i.test(text)) return 'net::ERR_UNSAFE_PORT';
  return 'net::ERR_FAILED';
}

/** `error` as Electron delivers it: a plain Error whose message is Chromium's net error name. */
const electronError = (error: unknown, where?: { midBody: boolean; chunked: boolean }) => new Error(chromiumNetError(error, where));

/** A body that breaks off as Electron's does: the stream errors with the net error, nothing else. */
function electronBody(body: ReadableStream<Uint8Array>, signal: AbortSignal | null | undefined, chunked: boolean): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(signal?.aborted ? error : electronError(error, { midBody: true, chunked }));
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Electron's `net.fetch`, failing as it does, over `nodeFetch` (Node's fetch by default). */
export function electronNetFetch(nodeFetch: typeof fetch = (input, init) => globalThis.fetch(input, init)): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    let response: Response;
    try {
      // Node is asked not to follow, so a redirect can be refused the way Chromium's loader refuses it.
      response = await nodeFetch(request, { redirect: request.redirect === 'follow' ? 'follow' : 'manual' });
    } catch (error) {
      if (request.signal.aborted) throw error;
      throw electronError(error);
    }
    if (request.redirect !== 'follow' && response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      await response.body?.cancel();
      throw new Error(request.redirect === 'manual' ? 'Redirect was cancelled' : "Attempted to redirect, but redirect policy was 'error'");
    }
    const chunked = /chunked/i.test(response.headers.get('transfer-encoding') ?? '') || !response.headers.has('content-length');
    const body = NULL_BODY_STATUSES.has(response.status) || request.method === 'HEAD' || !response.body
      ? null
      : electronBody(response.body, request.signal, chunked);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

export interface ElectronNetworkStandIn extends Network {
  /**
   * Breaks HTTP below the OS's notice (DNS, a VPN, the proxy, a captive portal) until called with
   * null: every `net.fetch` fails with this net error, e.g. "net::ERR_PROXY_CONNECTION_FAILED".
   */
  breakWith(netError: `net::ERR_${string}` | null): void;
}

/**
 * The network the app hands `createCore` (foundation/network.ts), as tests give it: Electron's
 * `net.fetch` as above, and the app's WebSocket with Electron's answer for a machine without a
 * proxy ("DIRECT").
 */
export function electronNetwork(): ElectronNetworkStandIn {
  let outage: string | null = null;
  const netFetch = electronNetFetch();
  const network = createSystemNetwork({
    fetch: (input, init) => (outage ? Promise.reject(new Error(outage)) : netFetch(input, init)),
    resolveProxy: async () => 'DIRECT',
  });
  return {
    ...network,
    breakWith: (netError) => {
      outage = netError;
    },
  };
}
