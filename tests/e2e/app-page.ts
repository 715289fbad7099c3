/**
 * Loads the renderer the way the app does. The page URL, its origin and its CSP come from main's
 * own `resolveAppPage`, and every request for the page's files is answered by main's own
 * `app://` handler. Chromium cannot register a custom scheme, so `app://timbre/` is shown as
 * `https://timbre.test/`: like the privileged scheme, a standard, secure, CORS-enabled origin with
 * no other privileges. A page URL that is not `app://` (say main went back to `loadFile`) is opened
 * as it is, as a plain browser would, which is what the installed app does with `file://` once
 * the `grantFileProtocolExtraPrivileges` fuse is off.
 */
import type { BrowserContext, Frame } from 'playwright-core';
import { APP_ORIGIN, createAppProtocolHandler, type AppPage } from '../../electron/main/app-protocol';

const STAND_IN_ORIGIN = 'https://timbre.test';

/** The URL Chromium opens for a page URL of the app. */
export function browserUrlFor(appUrl: string): string {
  return appUrl.startsWith(`${APP_ORIGIN}/`) ? STAND_IN_ORIGIN + appUrl.slice(APP_ORIGIN.length) : appUrl;
}

/** The URL main would see for a URL of the page as Chromium shows it (e.g. for the IPC sender check). */
export function appUrlFor(browserUrl: string): string {
  return browserUrl.startsWith(`${STAND_IN_ORIGIN}/`) ? APP_ORIGIN + browserUrl.slice(STAND_IN_ORIGIN.length) : browserUrl;
}

/**
 * Serves `app://timbre/*` to this browser context through main's protocol handler. A dev server
 * page is left to the dev server, which must send the dev CSP that main's session would add.
 */
export async function routeAppProtocol(context: BrowserContext, page: AppPage, rendererDir: string): Promise<void> {
  if (page.isDevServer) return;
  const handle = createAppProtocolHandler(rendererDir, page.contentSecurityPolicy);
  await context.route(`${STAND_IN_ORIGIN}/**`, async (route) => {
    const request = route.request();
    const response = await handle(new Request(appUrlFor(request.url()), { method: request.method() }));
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
}

/** The sender check main applies, on the frame as main would see it. */
export function senderFrame(frame: Frame): { url: string; isTopFrame: boolean } {
  return { url: appUrlFor(frame.url()), isTopFrame: frame.parentFrame() === null };
}
