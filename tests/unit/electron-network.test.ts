/** The tests' stand-in for Electron's net.fetch fails the way Electron's does (tests/support/electron-network.ts). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumNetError, electronNetFetch, electronNetwork } from '../support/electron-network';
import { rejectionOf } from '../support/rejection';

let server: Server;
let base: string;
let closedPort: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/moved') return void response.writeHead(307, { location: '/elsewhere' }).end();
    if (request.url === '/cut') {
      // Promises 100 bytes, sends 3, then the connection goes.
      response.writeHead(200, { 'content-length': '100' }).write('abc');
      return void setTimeout(() => request.socket.destroy(), 20);
    }
    if (request.url === '/silent') return void request.socket.destroy();
    response.end('ok');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((done) => closed.close(done));
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
});

/** What Electron's net.fetch rejects with: a plain Error, its message Chromium's net error, no code, no cause. */
async function expectElectronFailure(promise: Promise<unknown>, message: string) {
  const error = await rejectionOf(Error, promise);
  expect(Object.getPrototypeOf(error)).toBe(Error.prototype);
  expect({ message: error.message, code: (error as { code?: unknown }).code, cause: error.cause }).toEqual({ message, code: undefined, cause: undefined });
}
const fetchFailure = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

describe('the net.fetch stand-in', () => {
  const netFetch = electronNetFetch();

  it('answers as Electron does when all goes well: a new Response without url', async () => {
    const response = await netFetch(`${base}/`);
    expect(await response.text()).toBe('ok');
    expect(response.url).toBe('');
  });

  it('a connection refused, an answer that never came, a body cut short: plain Errors named by Chromium', async () => {
    await expectElectronFailure(netFetch(`http://127.0.0.1:${closedPort}/`), 'net::ERR_CONNECTION_REFUSED');
    await expectElectronFailure(netFetch(`${base}/silent`), 'net::ERR_EMPTY_RESPONSE');
    const cut = await netFetch(`${base}/cut`);
    await expectElectronFailure(cut.text(), 'net::ERR_CONTENT_LENGTH_MISMATCH');
  });

  it('refuses a redirect it was told not to follow as Electron does, without the status', async () => {
    await expectElectronFailure(netFetch(`${base}/moved`, { redirect: 'manual' }), 'Redirect was cancelled');
    await expectElectronFailure(netFetch(`${base}/moved`, { redirect: 'error' }), "Attempted to redirect, but redirect policy was 'error'");
  });

  it('an abort rejects with the signal\'s reason, untouched', async () => {
    const reason = new Error('stop');
    expect(await rejectionOf(Error, netFetch(`${base}/`, { signal: AbortSignal.abort(reason) }))).toBe(reason);
  });

  it.each([
    ['ENOTFOUND', 'net::ERR_NAME_NOT_RESOLVED'],
    ['EAI_AGAIN', 'net::ERR_NAME_NOT_RESOLVED'],
    ['ENETUNREACH', 'net::ERR_ADDRESS_UNREACHABLE'],
    ['ECONNRESET', 'net::ERR_CONNECTION_RESET'],
    ['UND_ERR_CONNECT_TIMEOUT', 'net::ERR_CONNECTION_TIMED_OUT'],
    ['CERT_HAS_EXPIRED', 'net::ERR_CERT_DATE_INVALID'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'net::ERR_CERT_COMMON_NAME_INVALID'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'net::ERR_CERT_AUTHORITY_INVALID'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'net::ERR_CERT_AUTHORITY_INVALID'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'net::ERR_SSL_PROTOCOL_ERROR'],
  ])('Node\'s %s is Chromium\'s %s', (code, netError) => {
    expect(chromiumNetError(fetchFailure(code))).toBe(netError);
  });

  it('an outage the OS does not see fails every request until it is mended', async () => {
    const network = electronNetwork();
    network.breakWith('net::ERR_PROXY_CONNECTION_FAILED');
    await expectElectronFailure(network.fetch(`${base}/`), 'net::ERR_PROXY_CONNECTION_FAILED');
    network.breakWith(null);
    expect(await (await network.fetch(`${base}/`)).text()).toBe('ok');
  });
});
