/**
 * Loads the renderer the way the app does. The page URL, its origin and its CSP come from main's
 * own `resolveAppPage`, and every request for the page's files is answered by main's own
 * `app://` handler. Chromium cannot register a custom scheme, so `app://timbre/` is shown as
 * `http://timbre.localhost:<port>/`, served on the loopback interface: like the privileged
 * scheme, a standard origin that is a secure context (Chromium treats `*.localhost` as loopback),
 * with no other privileges. Served by a real socket rather than Playwright's request
 * interception, which took 10–20 ms a file, so a page loads about as fast as from Electron's
 * in-process protocol handler. A page URL that is not `app://` (say main went back to `loadFile`)
 * is opened as it is, as a plain browser would, which is what the installed app does with
 * `file://` once the `grantFileProtocolExtraPrivileges` fuse is off.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Frame } from 'playwright-core';
import { APP_ORIGIN, createAppProtocolHandler, type AppPage } from '../../electron/main/shell/app-protocol';

/** Where a context sees the app's origin, and the way back to the URLs main knows. */
export interface AppOriginStandIn {
  /** The URL Chromium opens for a page URL of the app. */
  browserUrl(appUrl: string): string;
  /** The URL main would see for a URL of the page as Chromium shows it (e.g. for the IPC sender check). */
  appUrl(browserUrl: string): string;
}

const AS_IS: AppOriginStandIn = { browserUrl: (url) => url, appUrl: (url) => url };

/**
 * Serves `app://timbre/*` to this browser context through main's protocol handler, until the
 * context closes. A dev server page is left to the dev server, which must send the dev CSP that
 * main's session would add.
 */
export async function serveAppProtocol(context: BrowserContext, page: AppPage, rendererDir: string): Promise<AppOriginStandIn> {
  if (page.isDevServer) return AS_IS;
  const handle = createAppProtocolHandler(rendererDir, page.contentSecurityPolicy);
  const server = createServer((request, response) => {
    void handle(new Request(APP_ORIGIN + (request.url ?? '/'), { method: request.method })).then(async (answer) => {
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      response.end(Buffer.from(await answer.arrayBuffer()));
    }, (error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  context.once('close', () => server.close());
  const standIn = `http://timbre.localhost:${(server.address() as AddressInfo).port}`;
  return {
    browserUrl: (url) => (url.startsWith(`${APP_ORIGIN}/`) ? standIn + url.slice(APP_ORIGIN.length) : url),
    appUrl: (url) => (url.startsWith(`${standIn}/`) ? APP_ORIGIN + url.slice(standIn.length) : url),
  };
}

/** The sender check main applies, on the frame as main would see it. */
export function senderFrame(frame: Frame, standIn: AppOriginStandIn): { url: string; isTopFrame: boolean } {
  return { url: standIn.appUrl(frame.url()), isTopFrame: frame.parentFrame() === null };
}
