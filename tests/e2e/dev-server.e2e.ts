/**
 * `npm run dev`: the renderer served by Vite's dev server (the same renderer config electron-vite
 * uses) boots in Chromium under the dev CSP main adds to every response, with React Refresh's
 * inline preamble admitted by the hash the build gives main, and hot reload connected.
 */
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createServer, type UserConfig, type ViteDevServer } from 'vite';
import config, { devInlineScriptHashes } from '../../electron.vite.config';
import { resolveAppPage } from '../../electron/main/shell/app-protocol';
import { launchTimbre, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

describe('npm run dev', () => {
  let server: ViteDevServer | undefined;
  const sessions: TimbreSession[] = [];
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await server?.close();
  });

  it('boots from the dev server under the dev CSP, with React Refresh installed and hot reload connected', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    // The policy main's session would add to the dev server's responses (onHeadersReceived).
    const { contentSecurityPolicy } = resolveAppPage({ isPackaged: false, devServerUrl: url, devInlineScriptHashes });
    const renderer = (config as { renderer: UserConfig }).renderer;
    server = await createServer({
      ...renderer,
      configFile: false,
      logLevel: 'error',
      server: { host: '127.0.0.1', port, strictPort: true, headers: { 'Content-Security-Policy': contentSecurityPolicy } },
    });
    await server.listen();

    const app = await launchTimbre({ devServer: { url, inlineScriptHashes: devInlineScriptHashes } });
    sessions.push(app);
    const { page } = app;
    await expect.poll(() => page.getByTestId(TEST_IDS.navLibrary).innerText()).toBe('Library');
    // The preamble ran (its inline script was allowed), so components register for hot reload.
    expect(await page.evaluate(() => typeof (window as unknown as { $RefreshReg$?: unknown }).$RefreshReg$)).toBe('function');
    // Vite's client logs "[vite] connected." once its HMR socket is open.
    await expect.poll(() => app.consoleMessages.some((text) => text.includes('[vite] connected'))).toBe(true);
    expect(app.pageErrors).toEqual([]);
    // close() fails the test on any CSP violation.
  });
});
