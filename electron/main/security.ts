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
  "worker-src 'self' blob:",
].join('; ');

/** `npm run dev` only: Vite's dev server injects CSS as <style> elements for hot reload. */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** The only permission Timbre grants: microphone (audio-only `media`), and only to its own page. */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string,
  details: { mediaTypes?: readonly string[] },
  isAppUrl: (url: string) => boolean,
): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(requestingUrl)) return false;
  const types = details.mediaTypes ?? [];
  return types.every((type) => type === 'audio');
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
