/**
 * How the window gets its page. Installed builds load the renderer from a privileged custom scheme,
 * `app://timbre/`, as Electron's security guide recommends: `file://` keeps browser-only privileges
 * (the `grantFileProtocolExtraPrivileges` fuse is off), and Vite's `<script type="module"
 * crossorigin>` is a CORS request that Chromium refuses from a `file://` page. `npm run dev` loads
 * the Vite dev server instead. Plain functions, no Electron, so tests can serve the page exactly
 * the way the app does.
 */
import { readFile as readFileFromDisk } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'timbre';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * What `protocol.registerSchemesAsPrivileged` must grant the scheme (before `app` is ready):
 * `standard` gives it an origin and relative URLs; `secure` makes it a secure context
 * (getUserMedia, crypto.subtle); `supportFetchAPI` and `corsEnabled` let module scripts, workers,
 * WebAssembly and `fetch` load from it; `stream` lets media elements stream from it; `codeCache`
 * lets V8 keep the page's compiled scripts between launches, as it does for web pages (a custom
 * scheme gets it only when asked, and only a standard one): the first chunk's parse and compile is
 * a good part of every launch after the first.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  stream: true,
  codeCache: true,
} as const;

export interface AppPage {
  /** What the window loads. */
  url: string;
  /** The one origin that is the app: IPC senders, permissions and navigation are checked against it. */
  origin: string;
  contentSecurityPolicy: string;
  /** True for `npm run dev` (Vite's dev server); never in a packaged app. */
  isDevServer: boolean;
}

export interface AppPageEnvironment {
  isPackaged: boolean;
  /** `ELECTRON_RENDERER_URL`, set by `electron-vite dev`. Ignored in a packaged app. */
  devServerUrl?: string;
  /** Hashes of the inline scripts the dev server injects (React Refresh's preamble). */
  devInlineScriptHashes?: readonly string[];
}

export function resolveAppPage(environment: AppPageEnvironment): AppPage {
  const devServerUrl = environment.isPackaged ? undefined : environment.devServerUrl;
  if (devServerUrl) {
    const origin = new URL(devServerUrl).origin;
    return {
      url: devServerUrl,
      origin,
      contentSecurityPolicy: devContentSecurityPolicy(origin, environment.devInlineScriptHashes ?? []),
      isDevServer: true,
    };
  }
  return { url: APP_ENTRY_URL, origin: APP_ORIGIN, contentSecurityPolicy: CONTENT_SECURITY_POLICY, isDevServer: false };
}

/**
 * The origin of a URL as Chromium sees it. Node's WHATWG `URL` knows only the web's special
 * schemes and gives every other one the origin "null", while Electron gives a registered standard
 * scheme a real origin (`app://timbre`). Undefined when the URL does not parse.
 */
export function originOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin !== 'null') return parsed.origin;
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host ? `${parsed.protocol}//${parsed.host}` : undefined;
}

export function isAppPageUrl(page: AppPage, url: string): boolean {
  return originOf(url) === page.origin;
}

/**
 * The page never navigates, except to reload itself (the error screen's Reload): same origin,
 * same document. Everything else (a dropped file, a stray link) is refused.
 */
export function isAllowedNavigation(page: AppPage, url: string): boolean {
  if (!isAppPageUrl(page, url)) return false;
  try {
    return new URL(url).pathname === new URL(page.url).pathname;
  } catch {
    return false;
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.wav': 'audio/wav',
};

export type ReadFile = (path: string) => Promise<Uint8Array>;

/**
 * The `app://` handler: serves files from the built renderer folder and nothing else (inside
 * `app.asar` in an installed app; Node's fs reads it there), each with the page's CSP.
 */
export function createAppProtocolHandler(
  rendererDir: string,
  contentSecurityPolicy: string,
  readFile: ReadFile = readFileFromDisk,
): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  const refuse = (status: number) => new Response(null, { status, headers: { 'Content-Security-Policy': contentSecurityPolicy } });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    let url: URL;
    let pathname: string;
    try {
      url = new URL(request.url);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return refuse(400);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || pathname.includes('\0')) return refuse(404);
    const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    const inside = relative(root, file);
    if (!inside || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return refuse(404);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch {
      return refuse(404);
    }
    return new Response(request.method === 'HEAD' ? null : (bytes as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': String(bytes.byteLength),
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}
