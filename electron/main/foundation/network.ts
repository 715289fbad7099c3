/**
 * DashScope traffic goes out the way the OS is set up: through the system proxy (or PAC script)
 * and trusting the OS certificate store, as a company network with an inspecting proxy requires.
 * In the app, HTTP uses Electron's `net.fetch`, which does both; the realtime WebSocket (the `ws`
 * package, on Node's sockets) is sent through the proxy `session.resolveProxy` names for its URL
 * and trusts the OS certificates as well. Tests use this WebSocket, and a stand-in for `net.fetch`
 * that fails as it does (tests/support/electron-network.ts).
 */
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { ClientRequest } from 'node:http';
import { connect as connectTcp } from 'node:net';
import * as tls from 'node:tls';
import { SocksProxyAgent } from 'socks-proxy-agent';
import { WebSocket, type ClientOptions } from 'ws';

/** Chromium's answer for a URL: "DIRECT", "PROXY host:port; DIRECT", "HTTPS host:port", "SOCKS5 host:port", … */
export type ResolveProxy = (url: string) => Promise<string>;

/** The proxy URL of the first rule Timbre can use, or undefined to connect directly. */
export function proxyUrlFromRules(rules: string): string | undefined {
  for (const rule of rules.split(';').map((part) => part.trim()).filter(Boolean)) {
    const [kind, hostPort] = rule.split(/\s+/, 2);
    switch (kind.toUpperCase()) {
      case 'DIRECT':
        return undefined;
      case 'PROXY':
        return `http://${hostPort}`;
      case 'HTTPS':
        return `https://${hostPort}`;
      case 'SOCKS':
      case 'SOCKS4':
        return `socks4://${hostPort}`;
      case 'SOCKS5':
        // Chromium resolves host names on the SOCKS5 proxy; socks5h:// does the same.
        return `socks5h://${hostPort}`;
      default:
        continue; // e.g. QUIC: try the next rule
    }
  }
  return undefined;
}

/** Node's bundled roots plus the OS store, where this Node can read it (22.15+; Electron 45 ships 24). */
export function systemCertificates(): string[] | undefined {
  const read = (tls as { getCACertificates?: (type: 'default' | 'system') => string[] }).getCACertificates;
  if (!read) return undefined;
  try {
    return [...new Set([...read('default'), ...read('system')])];
  } catch {
    return undefined;
  }
}

/**
 * Asks for the proxy of each connection when it is made, so a changed system setting applies to the next one.
 * A proxy that fails is named as Chromium names it for `net.fetch` (net/base/net_error_list.h): the
 * agents would report the proxy's own ECONNREFUSED (read as DashScope refusing) or hand its answer
 * to a refused CONNECT on as if DashScope had sent it.
 */
class SystemProxyAgent extends Agent {
  constructor(private readonly resolveProxy: ResolveProxy) {
    super();
  }

  async connect(request: ClientRequest, options: AgentConnectOpts) {
    const target = `${options.secureEndpoint ? 'https' : 'http'}://${options.host}:${options.port}/`;
    const proxy = proxyUrlFromRules(await this.resolveProxy(target).catch(() => 'DIRECT'));
    if (proxy) return throughProxy(proxy, request, options);
    return options.secureEndpoint
      ? tls.connect({ ...options, servername: options.servername ?? options.host })
      : connectTcp({ host: options.host, port: options.port });
  }
}

async function throughProxy(proxy: string, request: ClientRequest, options: AgentConnectOpts) {
  const socks = proxy.startsWith('socks');
  let refusedWith: number | undefined;
  // https-proxy-agent tells the CONNECT answer before it returns a stand-in socket for a refusal.
  request.once('proxyConnect', (answer: { statusCode?: number }) => {
    if (answer.statusCode !== 200) refusedWith = answer.statusCode;
  });
  let socket: Awaited<ReturnType<HttpsProxyAgent<string>['connect']>>;
  try {
    socket = await (socks ? new SocksProxyAgent(proxy) : new HttpsProxyAgent(proxy)).connect(request, options);
  } catch (error) {
    throw new Error(socks ? 'net::ERR_SOCKS_CONNECTION_FAILED' : 'net::ERR_PROXY_CONNECTION_FAILED', { cause: error });
  }
  if (refusedWith === undefined) return socket;
  socket.destroy();
  throw new Error(refusedWith === 407 ? 'net::ERR_PROXY_AUTH_REQUESTED' : 'net::ERR_TUNNEL_CONNECTION_FAILED');
}

export interface Network {
  fetch: typeof fetch;
  WebSocket: typeof WebSocket;
}

/** The app's network: `fetch` from Electron (net.fetch), WebSockets through the resolved proxy with the OS certificates. */
export function createSystemNetwork(deps: { fetch: typeof fetch; resolveProxy: ResolveProxy }): Network {
  const agent = new SystemProxyAgent(deps.resolveProxy);
  const ca = systemCertificates();
  class SystemWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[] | ClientOptions, options?: ClientOptions) {
      const [list, given] = typeof protocols === 'object' && !Array.isArray(protocols) ? [undefined, protocols] : [protocols, options];
      super(address, list, { ...given, agent, ...(ca ? { ca } : {}) });
    }
  }
  // ws also declares a server-side `new WebSocket(null)`; a client never makes one.
  return { fetch: deps.fetch, WebSocket: SystemWebSocket as typeof WebSocket };
}
