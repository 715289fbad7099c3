/**
 * The Electron glue without the Electron binary: `index.ts` runs for real against a stand-in for
 * the `electron` module that keeps Electron's rules (tests/support/electron-standin.ts). Each test
 * starts the glue afresh: how the page is loaded, its security, the IPC registration, and the
 * window lifecycle through close → reopen → close and a second launch.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract';
import { createElectronStandIn, createInstanceLock, type ElectronStandIn, type StandInOptions } from '../../tests/support/electron-standin';
import { APP_USER_MODEL_ID } from './shell/app-identity';
import { APP_ENTRY_URL, APP_SCHEME_PRIVILEGES } from './shell/app-protocol';

type Keychain = { store: null; reason: string };

// A packaged app loads electron-updater; the real module would reach for the Electron binary.
const updaterCalls = vi.hoisted(() => ({ checks: 0 }));
vi.mock('electron-updater', () => {
  class AppImageUpdater {
    autoDownload = true;
    autoInstallOnAppQuit = true;
    logger: unknown = null;
    isUpdaterActive = () => true;
    checkForUpdates = async () => {
      updaterCalls.checks++;
      return { isUpdateAvailable: false, updateInfo: { version: '9.9.9' } };
    };
    on() {}
    off() {}
  }
  const module = { autoUpdater: new AppImageUpdater(), AppImageUpdater };
  return { ...module, default: module };
});

const realPlatform = process.platform;
const realRendererUrl = process.env.ELECTRON_RENDERER_URL;

/** Loads index.ts on a fresh stand-in; `keychain` lets a test hold the keyring "locked". */
async function startGlue(
  options: StandInOptions & { keychain?: Promise<Keychain>; devServerUrl?: string; createCoreFails?: Error; waitForWindow?: boolean } = {},
): Promise<ElectronStandIn> {
  vi.resetModules();
  const standIn = createElectronStandIn(options);
  Object.defineProperty(process, 'platform', { value: options.platform ?? realPlatform });
  if (options.devServerUrl) process.env.ELECTRON_RENDERER_URL = options.devServerUrl;
  else delete process.env.ELECTRON_RENDERER_URL;
  vi.doMock('electron', () => standIn.module);
  vi.doMock('./settings/secret-store', async (importOriginal) => ({
    ...(await importOriginal<typeof import('./settings/secret-store')>()),
    openKeychain: () => options.keychain ?? Promise.resolve({ store: null, reason: 'no keychain in this test' }),
  }));
  if (options.createCoreFails) {
    const failure = options.createCoreFails;
    vi.doMock('./core', async (importOriginal) => ({
      ...(await importOriginal<typeof import('./core')>()),
      createCore: () => Promise.reject(failure),
    }));
  }
  await import('./index');
  standIn.becomeReady();
  if (options.waitForWindow !== false) await vi.waitFor(() => expect(standIn.openWindows()).toHaveLength(1));
  return standIn;
}

afterEach(() => {
  vi.doUnmock('./core');
  Object.defineProperty(process, 'platform', { value: realPlatform });
  if (realRendererUrl === undefined) delete process.env.ELECTRON_RENDERER_URL;
  else process.env.ELECTRON_RENDERER_URL = realRendererUrl;
});

const shown = (standIn: ElectronStandIn) => vi.waitFor(() => expect(standIn.openWindows().at(-1)!.isVisible()).toBe(true));

describe('how the installed app loads its page', () => {
  it('registers app:// as a privileged scheme before ready, serves it, and loads app://timbre/index.html', async () => {
    const standIn = await startGlue();
    expect(standIn.recorded.privilegedSchemes).toEqual([{ scheme: 'app', privileges: APP_SCHEME_PRIVILEGES }]);
    // A Vite build needs all of these from a custom scheme (see app-protocol.ts); a page opened
    // every week wants V8's code cache, which Electron gives a custom scheme only when asked.
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true });
    const [window] = standIn.openWindows();
    expect(window.loadedFile).toBeUndefined();
    expect(window.loadedUrl).toBe(APP_ENTRY_URL);
    expect(standIn.recorded.protocolHandlers.has('app')).toBe(true);
    const traversal = await standIn.recorded.protocolHandlers.get('app')!(new Request('app://timbre/..%2f..%2fpackage.json'));
    expect(traversal.status).toBe(404);
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app: same page, strict CSP', async () => {
    const standIn = await startGlue({ isPackaged: true, devServerUrl: 'http://localhost:5173/' });
    expect(standIn.openWindows()[0].loadedUrl).toBe(APP_ENTRY_URL);
    let headers: Record<string, string[]> = {};
    standIn.recorded.headersReceived!({ responseHeaders: {} }, (result: { responseHeaders: Record<string, string[]> }) => (headers = result.responseHeaders));
    expect(headers['Content-Security-Policy'][0]).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(headers['Content-Security-Policy'][0]).not.toContain('unsafe-inline');
  });

  it('loads the dev server under `npm run dev`, with the dev CSP and IPC keyed to that origin', async () => {
    const standIn = await startGlue({ isPackaged: false, devServerUrl: 'http://localhost:5173/' });
    const [window] = standIn.openWindows();
    expect(window.loadedUrl).toBe('http://localhost:5173/');
    expect(standIn.recorded.protocolHandlers.has('app')).toBe(false);
    let headers: Record<string, string[]> = {};
    standIn.recorded.headersReceived!({ responseHeaders: {} }, (result: { responseHeaders: Record<string, string[]> }) => (headers = result.responseHeaders));
    expect(headers['Content-Security-Policy'][0]).toContain("style-src 'self' 'unsafe-inline'");
    expect(headers['Content-Security-Policy'][0]).toContain('connect-src \'self\' ws://localhost:5173');
    expect(await standIn.invoke(window, 'app.info')).toMatchObject({ ok: true });
  });
});

describe('security of the window', () => {
  it('opens one sandboxed, isolated window with the CommonJS preload', async () => {
    const standIn = await startGlue();
    const prefs = standIn.openWindows()[0].options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
  });

  it('tells the page whether Chromium runs without its sandbox (the AppImage launcher’s --no-sandbox)', async () => {
    const sandboxed = await startGlue();
    expect(await sandboxed.invoke(sandboxed.openWindows()[0], 'app.info')).toMatchObject({ ok: true, value: { sandboxed: true } });
    const unsandboxed = await startGlue({ switches: ['no-sandbox'] });
    expect(await unsandboxed.invoke(unsandboxed.openWindows()[0], 'app.info')).toMatchObject({ ok: true, value: { sandboxed: false } });
  });

  it('registers exactly the contract’s channels and answers only the app’s own top frame', async () => {
    const standIn = await startGlue();
    const [window] = standIn.openWindows();
    expect([...standIn.recorded.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(await standIn.invoke(window, 'app.info')).toMatchObject({ ok: true, value: { version: '9.9.9' } });
    expect(await standIn.invoke(window, 'app.info', undefined, APP_ENTRY_URL)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    window.webContents.mainFrame.url = 'file:///app/out/renderer/index.html';
    expect(await standIn.invoke(window, 'app.info')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    window.webContents.mainFrame.url = APP_ENTRY_URL;
    expect(await standIn.invoke(window, 'settings.update', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });

  it('lets the page reload itself (the error screen) and refuses every other navigation and new windows', async () => {
    const standIn = await startGlue();
    const { webContents } = standIn.openWindows()[0];
    expect(webContents.navigate(APP_ENTRY_URL)).toBe(true);
    expect(webContents.navigate('https://evil.example/')).toBe(false);
    expect(webContents.navigate('file:///etc/passwd')).toBe(false);
    expect(webContents.navigate('app://timbre/assets/other.html')).toBe(false);
    expect(webContents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('grants the microphone, clipboard writes and notifications to the app origin only, and nothing else', async () => {
    const standIn = await startGlue();
    const request = (permission: string, url: string, mediaTypes?: string[]) => {
      let granted: boolean | undefined;
      standIn.recorded.permissionRequest!({ getURL: () => url }, permission, (answer: boolean) => (granted = answer), { requestingUrl: url, mediaTypes });
      return granted;
    };
    const check = (permission: string, origin: string, mediaType?: string) =>
      (standIn.recorded.permissionCheck as (...args: unknown[]) => boolean)(null, permission, origin, { mediaType });
    expect(request('media', APP_ENTRY_URL, ['audio'])).toBe(true);
    expect(request('media', APP_ENTRY_URL, ['video'])).toBe(false);
    expect(request('clipboard-sanitized-write', APP_ENTRY_URL)).toBe(true);
    expect(request('clipboard-read', APP_ENTRY_URL)).toBe(false);
    expect(request('notifications', APP_ENTRY_URL)).toBe(true);
    expect(request('notifications', 'https://evil.example/')).toBe(false);
    expect(request('geolocation', APP_ENTRY_URL)).toBe(false);
    expect(request('media', 'https://evil.example/', ['audio'])).toBe(false);
    expect(request('media', 'file:///index.html', ['audio'])).toBe(false);
    expect(check('media', 'app://timbre', 'audio')).toBe(true);
    expect(check('clipboard-sanitized-write', 'app://timbre')).toBe(true);
    expect(check('notifications', 'app://timbre')).toBe(true);
    expect(check('media', 'https://evil.example', 'audio')).toBe(false);
  });
});

describe('updates', () => {
  it('a packaged app updates itself through electron-updater; run from source it does not', async () => {
    const packaged = await startGlue({ isPackaged: true, platform: 'linux' });
    const [window] = packaged.openWindows();
    await vi.waitFor(async () => expect(await packaged.invoke(window, 'updates.status')).toMatchObject({ ok: true, value: { support: 'self-update', currentVersion: '9.9.9' } }));
    const checksBefore = updaterCalls.checks;
    expect(await packaged.invoke(window, 'updates.check')).toMatchObject({ ok: true, value: { phase: 'up-to-date', manual: true } });
    expect(updaterCalls.checks).toBe(checksBefore + 1);

    const fromSource = await startGlue({ isPackaged: false });
    expect(await fromSource.invoke(fromSource.openWindows()[0], 'updates.status')).toMatchObject({ ok: true, value: { support: 'unavailable' } });
  });
});

describe('the network', () => {
  it('sends DashScope requests through Electron’s net.fetch (system proxy, OS certificates)', async () => {
    const standIn = await startGlue();
    const [window] = standIn.openWindows();
    const result = await standIn.invoke(window, 'keys.testConnection', {
      region: 'custom', apiKey: 'sk-0123456789abcdef0123456789abcdef', customBaseUrl: 'https://dashscope.example.com/api/v1',
    });
    expect(result).toMatchObject({ ok: true });
    expect(standIn.recorded.netFetches[0]).toMatch(/^https:\/\/dashscope\.example\.com\/api\/v1\//);
  });
});

describe('window lifecycle', () => {
  it('shows the window while a locked keyring is still being unlocked, and answers IPC once it is', async () => {
    let unlock!: (keychain: Keychain) => void;
    const standIn = await startGlue({ keychain: new Promise<Keychain>((resolve) => (unlock = resolve)) });
    await shown(standIn);
    const [window] = standIn.openWindows();
    let answered = false;
    const answer = standIn.invoke(window, 'app.info').then((result) => ((answered = true), result));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    unlock({ store: null, reason: 'the user cancelled the unlock' });
    expect(await answer).toMatchObject({ ok: true });
  });

  it('on Linux and Windows: closing the last window quits, once the core has finished writing', async () => {
    const standIn = await startGlue({ platform: 'linux' });
    await shown(standIn);
    const [window] = standIn.openWindows();
    expect(await standIn.invoke(window, 'settings.update', { theme: 'dark' })).toMatchObject({ ok: true });
    window.close();
    expect(standIn.recorded.quitted).toBe(false);
    await vi.waitFor(() => expect(standIn.recorded.quitted).toBe(true));
    expect(standIn.recorded.quitCalls).toBe(2);
  });

  it('on macOS: close → Dock click reopens → close, and nothing is ever sent to a closed window', async () => {
    const standIn = await startGlue({ platform: 'darwin' });
    await shown(standIn);
    const [first] = standIn.openWindows();
    // The core is up once IPC answers; then an event goes to the page.
    expect(await standIn.invoke(first, 'settings.update', { theme: 'dark' })).toMatchObject({ ok: true });
    expect(first.webContents.sent.length).toBeGreaterThan(0);
    first.close();
    expect(standIn.recorded.quitCalls).toBe(0);
    standIn.fire('activate', {}, false);
    await shown(standIn);
    const second = standIn.openWindows()[0];
    expect(second).not.toBe(first);
    expect(second.loadedUrl).toBe(APP_ENTRY_URL);
    expect(await standIn.invoke(second, 'settings.update', { theme: 'light' })).toMatchObject({ ok: true });
    expect(second.webContents.sent.length).toBeGreaterThan(0);
    second.close();
    // An event after the re-created window closed must not reach (and throw on) the destroyed one.
    expect(await standIn.invoke(second, 'settings.update', { theme: 'system' })).toMatchObject({ ok: true });
    standIn.fire('activate', {}, false);
    expect(standIn.openWindows()).toHaveLength(1);
  });

  it('tells the OS who it is (the installer’s app id) before any window exists', async () => {
    const standIn = await startGlue({ platform: 'win32' });
    expect(standIn.recorded.appUserModelIds).toEqual([APP_USER_MODEL_ID]);
    expect(standIn.recorded.windowsBeforeAppUserModelId).toBe(0);
  });

  it('a second launch quits at once, and the running one comes forward', async () => {
    const instanceLock = createInstanceLock();
    const running = await startGlue({ platform: 'linux', instanceLock });
    await shown(running);
    const second = await startGlue({ platform: 'linux', instanceLock, dataDir: running.dataDir, waitForWindow: false });
    await vi.waitFor(() => expect(second.recorded.quitted).toBe(true));
    expect(second.openWindows()).toHaveLength(0);
    await vi.waitFor(() => expect(running.recorded.secondInstances).toBe(1));
    expect(running.openWindows()[0].focused).toBe(true);
  });

  it('an AppImage update’s restart ends with exactly one Timbre running: the new one waits for the old to quit', async () => {
    const instanceLock = createInstanceLock();
    const old = await startGlue({ platform: 'linux', instanceLock });
    await shown(old);
    const [oldWindow] = old.openWindows();
    expect(await old.invoke(oldWindow, 'settings.update', { theme: 'dark' })).toMatchObject({ ok: true });
    // AppImageUpdater.doInstall: the new AppImage starts (APPIMAGE_SILENT_INSTALL=true), then the old one quits.
    process.env.APPIMAGE_SILENT_INSTALL = 'true';
    try {
      const updated = await startGlue({ platform: 'linux', instanceLock, dataDir: old.dataDir, waitForWindow: false });
      await vi.waitFor(() => expect(old.recorded.secondInstances).toBeGreaterThan(0));
      expect(updated.recorded.quitted).toBe(false);
      expect(updated.openWindows()).toHaveLength(0);
      oldWindow.close();
      await vi.waitFor(() => expect(old.recorded.quitted).toBe(true));
      // Launches heard while quitting did not bring the old window back.
      expect(old.openWindows()).toHaveLength(0);
      await vi.waitFor(() => expect(updated.openWindows()).toHaveLength(1), { timeout: 5_000 });
      await shown(updated);
      // The new one has the data folder the old one let go of.
      expect(await updated.invoke(updated.openWindows()[0], 'settings.get')).toMatchObject({ ok: true, value: { theme: 'dark' } });
      expect(updated.recorded.quitted).toBe(false);
    } finally {
      delete process.env.APPIMAGE_SILENT_INSTALL;
    }
  });

  it('an AppImage update installed at quit does not start a second Timbre while the first is quitting', async () => {
    const instanceLock = createInstanceLock();
    const quitting = await startGlue({ platform: 'linux', instanceLock });
    await shown(quitting);
    process.env.APPIMAGE_EXIT_AFTER_INSTALL = 'true';
    try {
      const installer = await startGlue({ platform: 'linux', instanceLock, dataDir: quitting.dataDir, waitForWindow: false });
      expect(installer.recorded.exitCode).toBe(0);
      expect(installer.openWindows()).toHaveLength(0);
      expect(quitting.recorded.secondInstances).toBe(0);
    } finally {
      delete process.env.APPIMAGE_EXIT_AFTER_INSTALL;
    }
  });

  it('a second launch brings the existing window forward instead of opening another', async () => {
    const standIn = await startGlue({ platform: 'linux' });
    await shown(standIn);
    const [window] = standIn.openWindows();
    window.minimized = true;
    standIn.fire('second-instance', {}, ['timbre'], '/');
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
    expect(standIn.openWindows()).toHaveLength(1);
  });
});

describe('a start-up that fails', () => {
  it('tells the user why and where the log is, writes the log, and exits', async () => {
    const standIn = await startGlue({ createCoreFails: new Error('catalog.json is not readable') });
    await vi.waitFor(() => expect(standIn.recorded.errorBoxes).toHaveLength(1));
    const [box] = standIn.recorded.errorBoxes;
    const logFile = join(standIn.dataDir, 'logs', 'main.log');
    expect(box.title).toContain('Timbre could not start');
    expect(box.content).toContain('catalog.json is not readable');
    expect(box.content).toContain(logFile);
    expect(readFileSync(logFile, 'utf8')).toMatch(/ERROR start-up failed.*catalog\.json is not readable/);
    expect(standIn.recorded.exitCode).toBe(1);
  });
});
