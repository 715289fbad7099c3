import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, createAppProtocolHandler, isAllowedNavigation, isAppPageUrl, originOf, resolveAppPage } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';

function rendererFolder() {
  const parent = mkdtempSync(join(tmpdir(), 'timbre-protocol-'));
  const root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'vad.wasm'), new Uint8Array([0, 97, 115, 109]));
  writeFileSync(join(parent, 'secret.txt'), 'outside the renderer');
  return root;
}

describe('the app:// handler', () => {
  const handle = createAppProtocolHandler(rendererFolder(), CONTENT_SECURITY_POLICY);

  it('serves the built page and its assets with their types and the CSP', async () => {
    const page = await handle(new Request(APP_ENTRY_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('id="root"');
    const script = await handle(new Request('app://timbre/assets/index-abc.js?v=1#x'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handle(new Request('app://timbre/assets/vad.wasm'))).headers.get('content-type')).toBe('application/wasm');
    expect((await handle(new Request('app://timbre/'))).status).toBe(200);
  });

  it('serves nothing outside the renderer folder, from another host, or for writes', async () => {
    for (const url of ['app://timbre/../secret.txt', 'app://timbre/%2e%2e/secret.txt', 'app://timbre/..%2fsecret.txt', 'app://timbre/%00', 'app://timbre/assets/missing.js', 'app://timbre/%E0%A4%A']) {
      expect((await handle(new Request(url))).status, url).toBeGreaterThanOrEqual(400);
    }
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
    expect((await handle(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('the page the window loads', () => {
  it('is app://timbre/index.html when installed, whatever the environment says', () => {
    expect(resolveAppPage({ isPackaged: true, devServerUrl: 'http://localhost:5173/' })).toEqual({
      url: APP_ENTRY_URL, origin: APP_ORIGIN, contentSecurityPolicy: CONTENT_SECURITY_POLICY, isDevServer: false,
    });
  });

  it('is the dev server under `npm run dev`, with a policy that admits exactly its inline preamble', () => {
    const page = resolveAppPage({ isPackaged: false, devServerUrl: 'http://localhost:5173/', devInlineScriptHashes: ["'sha256-abc='"] });
    expect(page).toMatchObject({ url: 'http://localhost:5173/', origin: 'http://localhost:5173', isDevServer: true });
    expect(page.contentSecurityPolicy).toContain("script-src 'self' 'sha256-abc='");
    // WebAssembly only ('wasm-unsafe-eval'): no JavaScript eval, no inline script.
    expect(page.contentSecurityPolicy.split('; ').find((part) => part.startsWith('script-src'))).not.toMatch(/'unsafe-(eval|inline)'/);
  });

  it('knows app://timbre as an origin, as Chromium does (Node’s URL says "null")', () => {
    expect(new URL(APP_ENTRY_URL).origin).toBe('null');
    expect(originOf(APP_ENTRY_URL)).toBe(APP_ORIGIN);
    expect(originOf('file:///index.html')).toBeUndefined();
    expect(originOf('nonsense')).toBeUndefined();
    const page = resolveAppPage({ isPackaged: true });
    expect(isAppPageUrl(page, 'app://timbre/assets/x.js')).toBe(true);
    expect(isAppPageUrl(page, 'app://timbre.evil/index.html')).toBe(false);
    expect(isAllowedNavigation(page, 'app://timbre/index.html#/library')).toBe(true);
    expect(isAllowedNavigation(page, 'app://timbre/other.html')).toBe(false);
  });
});
