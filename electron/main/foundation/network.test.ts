import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { fromTransportError } from '../dashscope/errors';
import { createSystemNetwork, proxyUrlFromRules } from './network';

describe('proxy rules as Chromium reports them', () => {
  it('takes the first rule Timbre can use', () => {
    expect(proxyUrlFromRules('DIRECT')).toBeUndefined();
    expect(proxyUrlFromRules('PROXY proxy.corp:3128; DIRECT')).toBe('http://proxy.corp:3128');
    expect(proxyUrlFromRules('HTTPS secure.corp:443')).toBe('https://secure.corp:443');
    expect(proxyUrlFromRules('SOCKS5 10.0.0.1:1080')).toBe('socks5h://10.0.0.1:1080');
    expect(proxyUrlFromRules('SOCKS 10.0.0.1:1080')).toBe('socks4://10.0.0.1:1080');
    expect(proxyUrlFromRules('QUIC q.corp:443; PROXY p.corp:80')).toBe('http://p.corp:80');
    expect(proxyUrlFromRules('')).toBeUndefined();
  });
});

describe('the realtime WebSocket follows the system proxy', () => {
  let echo: WebSocketServer;
  let proxy: Server;
  const tunnels: string[] = [];
  const port = (server: { address(): unknown }) => (server.address() as AddressInfo).port;

  beforeAll(async () => {
    echo = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    echo.on('connection', (socket) => socket.on('message', (data) => socket.send(`echo:${data}`)));
    await new Promise((done) => echo.once('listening', done));
    // A minimal HTTP CONNECT proxy, like a company proxy: it records each tunnel it opens.
    proxy = createServer();
    proxy.on('connect', (request, client, head) => {
      tunnels.push(request.url ?? '');
      const [host, targetPort] = (request.url ?? '').split(':');
      const upstream = connect(Number(targetPort), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
  });
  afterAll(async () => {
    echo.close();
    await new Promise((done) => proxy.close(done));
  });

  async function exchange(rules: string): Promise<{ reply: string; askedFor: string[] }> {
    const askedFor: string[] = [];
    const { WebSocket } = createSystemNetwork({ fetch, resolveProxy: async (url) => (askedFor.push(url), rules) });
    const socket = new WebSocket(`ws://127.0.0.1:${port(echo)}/api-ws/v1/realtime`, { headers: { Authorization: 'Bearer test' } });
    const reply = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send('hello'));
      socket.once('message', (data) => resolve(String(data)));
      socket.once('error', reject);
    });
    socket.close();
    return { reply, askedFor };
  }

  it('tunnels through the proxy the OS names for the URL', async () => {
    tunnels.length = 0;
    const { reply, askedFor } = await exchange(`PROXY 127.0.0.1:${port(proxy)}; DIRECT`);
    expect(reply).toBe('echo:hello');
    expect(askedFor).toEqual([`http://127.0.0.1:${port(echo)}/`]);
    expect(tunnels).toEqual([`127.0.0.1:${port(echo)}`]);
  });

  it('connects directly when the OS says DIRECT', async () => {
    tunnels.length = 0;
    expect((await exchange('DIRECT')).reply).toBe('echo:hello');
    expect(tunnels).toEqual([]);
  });

  it('names a proxy that is down, or will not open the tunnel, as the proxy: never DashScope refusing or answering', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const downPort = port(closed);
    await new Promise((done) => closed.close(done));
    // A proxy that answers CONNECT with 403, as a company proxy does for a host it blocks.
    const blocking = createServer();
    blocking.on('connect', (_request, client) => client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((done) => blocking.listen(0, '127.0.0.1', done));
    const failure = async (rules: string) => {
      const { WebSocket } = createSystemNetwork({ fetch, resolveProxy: async () => rules });
      const socket = new WebSocket(`ws://127.0.0.1:${port(echo)}/api-ws/v1/realtime`);
      return new Promise<Error>((resolve) => socket.once('error', resolve));
    };
    try {
      const down = await failure(`PROXY 127.0.0.1:${downPort}`);
      const blocked = await failure(`PROXY 127.0.0.1:${port(blocking)}`);
      expect(down.message).toBe('net::ERR_PROXY_CONNECTION_FAILED');
      expect(blocked.message).toBe('net::ERR_TUNNEL_CONNECTION_FAILED');
      for (const error of [down, blocked]) expect(fromTransportError(error)).toMatchObject({ code: 'network.proxy', mayHaveSucceeded: false });
    } finally {
      await new Promise((done) => blocking.close(done));
    }
  });
});
