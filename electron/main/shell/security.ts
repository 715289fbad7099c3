/**
 * Security policy for the window, as plain data and functions so it can be unit-tested without
 * Electron. `index.ts` wires these into session and web-contents hooks.
 */

/** Strict CSP: only the app's own scripts and styles; audio/images from the app and blob:/data: (recordings). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // WebAssembly (the speech detector's onnxruntime) needs 'wasm-unsafe-eval'; JavaScript eval stays off.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "worker-src 'self'",
].join('; ');

/**
 * `npm run dev` only, for Vite's dev server at `devServerOrigin`: exactly what hot reload needs on
 * top of the strict policy. React Refresh's inline preamble by its hash, the `<style>` elements
 * Vite injects for CSS, and the HMR WebSocket to the dev server.
 */
export function devContentSecurityPolicy(devServerOrigin: string, inlineScriptHashes: readonly string[]): string {
  const socket = devServerOrigin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", ["script-src 'self'", ...inlineScriptHashes].join(' '))
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${socket}`);
}

/**
 * What Timbre grants, and only to its own page: the microphone (audio-only `media`), writing
 * to the clipboard (`navigator.clipboard.writeText`, e.g. copying a voice id) and notifications (a
 * clone finished while the window was in the background). Everything else is refused. Serves both Electron hooks: requests carry `mediaTypes`, checks a single `mediaType`.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  details: { mediaTypes?: readonly string[]; mediaType?: string },
  isAppUrl: (url: string) => boolean,
): boolean {
  if (!isAppUrl(requestingUrl)) return false;
  if (permission === 'clipboard-sanitized-write' || permission === 'notifications') return true;
  if (permission !== 'media') return false;
  const types = details.mediaTypes ?? (details.mediaType ? [details.mediaType] : []);
  return !types.includes('video');
}

/** Links that may leave the app and open in the system browser. */
const EXTERNAL_HOSTS = new Set([
  'help.aliyun.com',
  'www.alibabacloud.com',
  'bailian.console.aliyun.com',
  'modelstudio.console.alibabacloud.com',
  'docs.qwencloud.com',
]);

export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}
