/**
 * A stand-in for the `electron` module that behaves as Electron does where Timbre's glue depends on
 * it, so `electron/main/index.ts` can be run for real without the binary. It keeps Electron's
 * rules that are easy to get wrong: privileged schemes only before `ready`, one `ipcMain` handler
 * per channel, `webContents.send` on a destroyed window throws, a window fires `ready-to-show`
 * after it loads, `close` then `closed`, and the app fires `window-all-closed` when the last one
 * goes. Tests drive the lifecycle with `fire` (`activate`, `second-instance`, …) and read what the
 * glue did from `recorded`.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Electron's hooks take many shapes; tests call them with what Electron would pass.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => unknown;
type ProtocolHandler = (request: Request) => Promise<Response>;

export interface StandInOptions {
  isPackaged?: boolean;
  platform?: NodeJS.Platform;
  /** Shared by stand-ins that play several processes of one app (see createInstanceLock). */
  instanceLock?: InstanceLock;
  /** The user-data folder; a new temporary one by default. Processes of one app share it. */
  dataDir?: string;
  /** Chromium switches on the command line (`app.commandLine.hasSwitch`). */
  switches?: string[];
}

/**
 * The single-instance lock of one app across its processes, as Electron keeps it (electron
 * `shell/browser/api/electron_api_app.cc`, `App::RequestSingleInstanceLock`): the first process to
 * ask holds it until it exits; a later one is refused, and the holder gets `second-instance`. A
 * refused process may ask again (Electron resets its ProcessSingleton and tries anew).
 */
export interface InstanceLock {
  holder: EventEmitter | null;
}
export const createInstanceLock = (): InstanceLock => ({ holder: null });

export class StandInWebContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string };
  sent: Array<{ channel: string; message: unknown }> = [];
  url = '';
  destroyed = false;
  readonly mainFrame = { url: '' };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.openHandler = handler;
  }
  send(channel: string, message: unknown) {
    if (this.destroyed) throw new TypeError('Object has been destroyed');
    this.sent.push({ channel, message });
  }
  getURL() {
    return this.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** Runs the navigation guard as Chromium would for a page-initiated navigation; true if it went ahead. */
  navigate(url: string): boolean {
    let prevented = false;
    this.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
    return !prevented;
  }
}

export function createElectronStandIn(options: StandInOptions = {}) {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'timbre-glue-'));
  const instanceLock = options.instanceLock ?? createInstanceLock();
  let ready = false;
  let markReady!: () => void;
  const whenReady = new Promise<void>((resolve) => (markReady = resolve));
  const recorded = {
    windows: [] as StandInWindow[],
    handlers: new Map<string, Listener>(),
    privilegedSchemes: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
    protocolHandlers: new Map<string, ProtocolHandler>(),
    permissionRequest: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    headersReceived: undefined as Listener | undefined,
    menu: undefined as unknown,
    errorBoxes: [] as Array<{ title: string; content: string }>,
    netFetches: [] as string[],
    quitCalls: 0,
    quitted: false,
    appUserModelIds: [] as string[],
    /** Windows that existed when `setAppUserModelId` was first called. */
    windowsBeforeAppUserModelId: undefined as number | undefined,
    secondInstances: 0,
    exitCode: undefined as number | undefined,
  };

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? true,
    requestSingleInstanceLock: () => {
      if (instanceLock.holder === null || instanceLock.holder === app) {
        instanceLock.holder = app;
        return true;
      }
      // The holder hears of the refused launch asynchronously, over its singleton socket.
      const holder = instanceLock.holder;
      setImmediate(() => holder.emit('second-instance', {}, ['timbre'], '/'));
      return false;
    },
    commandLine: { hasSwitch: (name: string) => (options.switches ?? []).includes(name) },
    // A no-op except on Windows (electron lib/browser/api/app.ts); recorded so tests see when it ran.
    setAppUserModelId: (id: string) => {
      recorded.windowsBeforeAppUserModelId ??= recorded.windows.length;
      recorded.appUserModelIds.push(id);
    },
    whenReady: () => whenReady,
    isReady: () => ready,
    getPath: (name: string) => (name === 'userData' ? dataDir : join(dataDir, name)),
    getVersion: () => '9.9.9',
    getLocale: () => 'en-US',
    /** As Electron: `before-quit` may be prevented; otherwise the app is gone. */
    quit: () => {
      recorded.quitCalls++;
      let prevented = false;
      app.emit('before-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) processGone();
    },
    exit: (code = 0) => {
      recorded.exitCode = code;
      processGone();
    },
  });

  /** The process has ended: Electron lets go of the single-instance lock with it. */
  function processGone() {
    recorded.quitted = true;
    if (instanceLock.holder === app) instanceLock.holder = null;
  }
  app.on('second-instance', () => recorded.secondInstances++);

  class StandInWindow extends EventEmitter {
    static getAllWindows = () => recorded.windows.filter((window) => !window.destroyed);
    readonly webContents = new StandInWebContents();
    readonly options: Record<string, unknown>;
    loadedUrl?: string;
    loadedFile?: string;
    visible = false;
    destroyed = false;
    minimized = false;
    focused = false;
    constructor(windowOptions: Record<string, unknown>) {
      super();
      this.options = windowOptions;
      recorded.windows.push(this);
    }
    /** The page loads and paints, then Electron fires `ready-to-show`. */
    loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.url = url;
      this.webContents.mainFrame.url = url;
      setImmediate(() => !this.destroyed && this.emit('ready-to-show'));
      return Promise.resolve();
    }
    loadFile(path: string) {
      this.loadedFile = path;
      return this.loadURL(`file://${path}`);
    }
    show() {
      this.visible = true;
    }
    isVisible() {
      return this.visible;
    }
    focus() {
      this.focused = true;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    maximize() {}
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 10, y: 10, width: 1000, height: 700 };
    }
    isDestroyed() {
      return this.destroyed;
    }
    /** As the user closing it: `close` (preventable), then `closed`, then the app may be out of windows. */
    close() {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (prevented) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
      if (StandInWindow.getAllWindows().length === 0) app.emit('window-all-closed');
    }
  }

  const defaultSession = {
    protocol: {
      handle: (scheme: string, handler: ProtocolHandler) => {
        if (!ready) throw new Error('protocol.handle must be called after the app is ready');
        recorded.protocolHandlers.set(scheme, handler);
      },
    },
    setPermissionRequestHandler: (handler: Listener) => (recorded.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Listener) => (recorded.permissionCheck = handler),
    webRequest: { onHeadersReceived: (handler: Listener) => (recorded.headersReceived = handler) },
    resolveProxy: async () => 'DIRECT',
  };

  const electron = {
    app,
    BrowserWindow: StandInWindow,
    ipcMain: {
      handle: (channel: string, handler: Listener) => {
        if (recorded.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        recorded.handlers.set(channel, handler);
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) => {
        if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        // Electron refuses V8's code cache for a scheme that is not standard (its cache is keyed by origin).
        for (const { scheme, privileges } of schemes) {
          if (privileges.codeCache && !privileges.standard) throw new Error(`Code cache can only be enabled when standard is set to true (scheme ${scheme})`);
        }
        recorded.privilegedSchemes.push(...schemes);
      },
    },
    session: { defaultSession },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => (recorded.menu = menu) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    net: {
      isOnline: () => true,
      // Electron's network stack; here it answers as DashScope does to an unknown key, without leaving the machine.
      fetch: async (input: string | Request) => {
        recorded.netFetches.push(typeof input === 'string' ? input : input.url);
        return new Response(JSON.stringify({ code: 'InvalidApiKey', message: 'Invalid API-key provided.' }), { status: 401 });
      },
    },
    powerMonitor: { on: () => {} },
    shell: { openPath: async () => '', openExternal: async () => {} },
    clipboard: { readText: () => '' },
    dialog: {
      showErrorBox: (title: string, content: string) => recorded.errorBoxes.push({ title, content }),
      showMessageBox: async () => ({ response: 0 }),
    },
    systemPreferences: {},
  };

  return {
    /** What `vi.mock('electron', …)` returns: the named exports index.ts uses, and the default export electron-store reads. */
    module: { ...electron, default: { ...electron, app: undefined, ipcMain: undefined } },
    recorded,
    dataDir,
    platform: options.platform ?? process.platform,
    /** Electron finishing its start: `whenReady` resolves. */
    becomeReady() {
      ready = true;
      markReady();
    },
    /** An app event as the OS sends it (`activate` on a Dock click, `second-instance`, …). */
    fire(event: 'activate' | 'second-instance' | 'before-quit', ...args: unknown[]) {
      app.emit(event, ...args);
    },
    openWindows: () => StandInWindow.getAllWindows(),
    /**
     * An `ipcRenderer.invoke` from a window's page, or from a sub-frame at `subFrameUrl`: input and
     * result are structured-cloned as Electron's IPC does.
     */
    async invoke(window: InstanceType<typeof StandInWindow>, channel: string, input?: unknown, subFrameUrl?: string): Promise<unknown> {
      const handler = recorded.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const contents = window.webContents;
      const senderFrame = subFrameUrl ? { url: subFrameUrl } : contents.mainFrame;
      return structuredClone(await handler({ senderFrame, sender: contents }, structuredClone(input)));
    },
  };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
