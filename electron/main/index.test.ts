/**
 * The Electron glue without the Electron binary: `index.ts` runs against a recording stand-in for
 * the `electron` module, so the window's security settings, the IPC registration and the session
 * hooks are checked for real.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract';

type Listener = (...args: unknown[]) => unknown;

const recorded = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; listeners: Record<string, Listener>; openHandler?: Listener; loaded?: string }>,
  handlers: new Map<string, Listener>(),
  permissionRequest: undefined as Listener | undefined,
  permissionCheck: undefined as Listener | undefined,
  headersReceived: undefined as Listener | undefined,
  menu: undefined as unknown,
  ready: undefined as unknown as Promise<void>,
}));

vi.mock('electron', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'timbre-glue-'));
  let started: () => void;
  recorded.ready = new Promise<void>((resolve) => (started = resolve));
  class BrowserWindow {
    static getAllWindows = () => recorded.windows;
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const entry: (typeof recorded.windows)[number] = { options, listeners: {} };
      recorded.windows.push(entry);
      this.webContents = {
        on: (event: string, listener: Listener) => (entry.listeners[event] = listener),
        setWindowOpenHandler: (handler: Listener) => (entry.openHandler = handler),
        send: () => {},
        getURL: () => 'file:///app/out/renderer/index.html',
      };
    }
    once() {}
    on() {}
    loadFile(path: string) {
      recorded.windows.at(-1)!.loaded = path;
      return Promise.resolve();
    }
    loadURL() {
      return Promise.resolve();
    }
  }
  const app = {
    requestSingleInstanceLock: () => true,
    on: () => {},
    whenReady: () => Promise.resolve(),
    getPath: () => dataDir,
    getVersion: () => '9.9.9',
    getLocale: () => 'en-US',
    isPackaged: true,
    quit: () => {},
  };
  const electron = {
    app,
    BrowserWindow,
    ipcMain: { handle: (channel: string, handler: Listener) => recorded.handlers.set(channel, handler) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (recorded.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (recorded.permissionCheck = handler),
        webRequest: { onHeadersReceived: (handler: Listener) => (recorded.headersReceived = handler) },
      },
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => { recorded.menu = menu; started(); } },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    net: { isOnline: () => true },
    powerMonitor: { on: () => {} },
    shell: { openPath: async () => '', openExternal: async () => {} },
    dialog: {},
    systemPreferences: {},
  };
  // electron-store imports the default export; index.ts the named ones.
  return { ...electron, default: { ...electron, app: undefined, ipcMain: undefined } };
});

beforeAll(async () => {
  await import('./index');
  await recorded.ready;
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1));
});

const appFrame = { url: 'file:///app/out/renderer/index.html' };

describe('Electron glue', () => {
  it('opens one sandboxed, isolated window on the built page with the CommonJS preload', () => {
    const [{ options, loaded }] = recorded.windows;
    const prefs = options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(loaded).toMatch(/renderer[/\\]index\.html$/);
  });

  it('registers exactly the contract’s channels and routes only the app’s own top frame', async () => {
    expect([...recorded.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const handler = recorded.handlers.get('app.info')!;
    const sender = { mainFrame: appFrame };
    expect(await handler({ senderFrame: appFrame, sender }, undefined)).toMatchObject({ ok: true, value: { version: '9.9.9' } });
    const subFrame = { url: 'file:///app/out/renderer/index.html' };
    expect(await handler({ senderFrame: subFrame, sender }, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    const remote = { url: 'https://evil.example/' };
    expect(await handler({ senderFrame: remote, sender: { mainFrame: remote } }, undefined)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await recorded.handlers.get('settings.update')!({ senderFrame: appFrame, sender }, { theme: 'neon' })).toMatchObject({
      ok: false, error: { code: 'VALIDATION_FAILED' },
    });
  });

  it('refuses navigation and new windows, and grants only audio and notifications to the app', () => {
    const [window] = recorded.windows;
    const event = { preventDefault: vi.fn() };
    window.listeners['will-navigate'](event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
    expect(window.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });

    const decide = (permission: string, url: string, mediaTypes?: string[]) => {
      let granted: boolean | undefined;
      recorded.permissionRequest!({ getURL: () => url }, permission, (answer: boolean) => (granted = answer), { requestingUrl: url, mediaTypes });
      return granted;
    };
    expect(decide('media', appFrame.url, ['audio'])).toBe(true);
    expect(decide('media', appFrame.url, ['video'])).toBe(false);
    expect(decide('media', 'https://evil.example/', ['audio'])).toBe(false);
    expect(decide('notifications', appFrame.url)).toBe(true);
    expect(decide('notifications', 'https://evil.example/')).toBe(false);
    expect(decide('geolocation', appFrame.url)).toBe(false);
  });

  it('adds the strict Content-Security-Policy to every response and installs the menu', () => {
    let headers: Record<string, string[]> = {};
    recorded.headersReceived!({ responseHeaders: { 'X-Other': ['1'] } }, (result: { responseHeaders: Record<string, string[]> }) => (headers = result.responseHeaders));
    expect(headers['Content-Security-Policy'][0]).toContain("script-src 'self'");
    expect(headers['X-Other']).toEqual(['1']);
    expect(Array.isArray(recorded.menu)).toBe(true);
  });
});
