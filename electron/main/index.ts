/**
 * Electron entry: the thin glue between Electron and Timbre's core. Serves the page from
 * `app://timbre/` (see app-protocol.ts), creates the window with secure defaults, registers one
 * ipcMain handler per contract channel (all through the router), and hands Electron-only
 * capabilities (paths, keychain, shell, the network stack) to `createCore`.
 */
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, net, powerMonitor, protocol, screen, session, shell, systemPreferences } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHANNELS, IPC_EVENT_CHANNEL, type Emit } from '../../shared/ipc/contract';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, isAllowedNavigation, isAppPageUrl, resolveAppPage } from './shell/app-protocol';
import { createCore, type Core } from './core';
import { FORBIDDEN_SENDER_RESULT, isTrustedSender } from './ipc/sender';
import { buildMenuTemplate, DOCS_URL, menuLanguage } from './shell/menu';
import { isAllowedExternalUrl, isPermissionAllowed } from './shell/security';
import { createLogger, type Logger } from './foundation/log';
import { createSystemNetwork } from './foundation/network';
import { openKeychain } from './settings/secret-store';
import { startUpdates } from './updates/start';
import { createWindowStateStore } from './shell/window-state';
import { APP_USER_MODEL_ID } from './shell/app-identity';

// `npm run dev` only: electron-vite sets the dev server URL, and the build defines the hashes of
// the inline scripts that server injects. A packaged app ignores both.
const page = resolveAppPage({
  isPackaged: app.isPackaged,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  devInlineScriptHashes: import.meta.env?.TIMBRE_DEV_INLINE_SCRIPT_HASHES?.split(' ').filter(Boolean),
});
const isAppUrl = (url: string) => isAppPageUrl(page, url);

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let windowState: ReturnType<typeof createWindowStateStore> | null = null;
/** Set once the core has shut down, so the second `before-quit` lets the app go. */
let quitReady = false;

// The page must come from a standard, secure scheme; only possible before `ready`.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
// Before any window or notification exists (Windows only; Electron makes it a no-op elsewhere).
app.setAppUserModelId(APP_USER_MODEL_ID);

function installMenu(): void {
  if (!core) return;
  const language = menuLanguage(core.services.preferences.get().uiLanguage, app.getLocale());
  const template = buildMenuTemplate(language, process.platform, {
    about: () =>
      void dialog.showMessageBox({
        type: 'info',
        title: 'Timbre',
        message: `Timbre ${app.getVersion()}`,
        detail: `Electron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node ${process.versions.node}`,
      }),
    openDataFolder: () => void shell.openPath(app.getPath('userData')),
    // electronegativity: OPEN_EXTERNAL_JS_CHECK — a fixed, allow-listed documentation URL.
    openDocs: () => void shell.openExternal(DOCS_URL),
    checkForUpdates: () => core?.services.updates.checkFromMenu(),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(state: ReturnType<typeof createWindowStateStore>): BrowserWindow {
  const bounds = state.load(screen.getAllDisplays().map((display) => display.workArea));
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    title: 'Timbre',
    show: false,
    backgroundColor: '#101114',
    webPreferences: {
      // electronegativity: PRELOAD_JS_CHECK — the preload exposes only the contract's channels (shared/ipc/api.ts).
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => {
    if (bounds.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => state.save({ ...window.getNormalBounds(), maximized: window.isMaximized() }));
  // Every window, the first and one re-created on macOS `activate`, forgets itself once closed,
  // so nothing is ever sent to a destroyed window.
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  // The app is one page: it may reload itself (the error screen), nothing else.
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(page, url)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // electronegativity: OPEN_EXTERNAL_JS_CHECK — only allow-listed https documentation hosts (security.ts).
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void window.loadURL(page.url);
  return window;
}

function showWindow(): void {
  if (!windowState) return;
  if (!mainWindow) mainWindow = createWindow(windowState);
  else {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
}

function hardenSession(): void {
  const ses = session.defaultSession;
  if (!page.isDevServer) {
    ses.protocol.handle(APP_SCHEME, createAppProtocolHandler(join(import.meta.dirname, '../renderer'), page.contentSecurityPolicy));
  }
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? webContents.getURL(), details as { mediaTypes?: string[] }, isAppUrl));
  });
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, requestingOrigin, details as { mediaType?: string; mediaTypes?: string[] }, isAppUrl),
  );
  // electronegativity: CSP_GLOBAL_CHECK — the policy is strict (no inline or eval scripts; see security.ts).
  // webRequest sees only http(s) responses (the dev server under `npm run dev`), never the app://
  // page's: there the protocol handler's own header and the page's <meta> carry the same policy.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [page.contentSecurityPolicy] } });
  });
}

/** Every channel answers at once; until the core is up (a locked keyring may take a while), calls wait for it. */
function registerIpc(coreReady: Promise<Core>, log: Logger): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, input) => {
      const frame = event.senderFrame;
      const trusted = frame !== null && isTrustedSender({ url: frame.url, isTopFrame: frame === event.sender.mainFrame }, page.origin);
      if (!trusted) {
        log.warn(`refused ${channel} from an untrusted frame`);
        return FORBIDDEN_SENDER_RESULT;
      }
      return (await coreReady).router.invoke(channel, input);
    });
  }
}

async function startCore(dataDir: string, log: Logger): Promise<Core> {
  const keychain = await openKeychain();
  if (!keychain.store) log.warn('keychain unavailable', keychain.reason);
  const emit: Emit = (event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
    if (event === 'settings.changed') installMenu();
  };
  return createCore({
    dataDir,
    appVersion: app.getVersion(),
    platform: process.platform,
    systemLocale: app.getLocale(),
    sandboxed: !app.commandLine.hasSwitch('no-sandbox'),
    secretStore: keychain.store,
    keychainProblem: keychain.reason,
    envApiKey: process.env.DASHSCOPE_API_KEY || undefined,
    network: createSystemNetwork({
      fetch: (input, init) => net.fetch(input instanceof URL ? input.href : input, init),
      resolveProxy: (url) => session.defaultSession.resolveProxy(url),
    }),
    emit,
    // macOS (and Windows) gate the microphone at OS level; asked when the user first records.
    media: process.platform === 'darwin' || process.platform === 'win32' ? systemPreferences : undefined,
    openPath: async (path) => {
      await shell.openPath(path);
    },
    readClipboardText: () => clipboard.readText(),
    saveFile: async ({ defaultName, bytes, filters }) => {
      const options = { defaultPath: join(app.getPath('downloads'), defaultName), filters };
      const choice = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return null;
      await writeFile(choice.filePath, bytes);
      return choice.filePath;
    },
    log,
  });
}

async function start(log: Logger): Promise<void> {
  const dataDir = app.getPath('userData');
  const coreReady = startCore(dataDir, log);
  registerIpc(coreReady, log);
  hardenSession();
  // The window appears at once, with the page's own "Starting…" screen, even while a locked
  // keyring waits for its password.
  windowState = createWindowStateStore(dataDir, log);
  showWindow();
  core = await coreReady;
  installMenu();

  // Updates (issue 19): all the wiring is in updates/start.ts.
  void startUpdates({
    core, app, resourcesPath: process.resourcesPath, platform: process.platform, execPath: process.execPath, log,
    // electronegativity: OPEN_EXTERNAL_JS_CHECK — only the releases page named in the app's own app-update.yml (https).
    openExternal: (url) => shell.openExternal(url),
  });

  // The outbox waits while offline; tell it when the OS network state changes.
  const reportOnline = () => core?.setOnline(net.isOnline());
  powerMonitor.on('resume', reportOnline);
  setInterval(reportOnline, 15_000).unref();
}

/** The logger scrubs every API key main has seen, even if one is echoed somewhere unexpected. */
function openLog(file: string): Logger {
  const secrets = () => core?.services.apiKeys.knownSecrets() ?? [];
  try {
    return createLogger({ file, console: !app.isPackaged, secrets });
  } catch {
    // An unwritable data folder must not stop the start: the console still gets the lines.
    return createLogger({ console: true, secrets });
  }
}

/** A start that fails says why, and where the log is, instead of leaving no window or a blank one. */
function reportStartupFailure(error: unknown, log: Logger, logFile: string): void {
  const reason = error instanceof Error ? error.message : String(error);
  log.error('start-up failed', error);
  dialog.showErrorBox('Timbre could not start · Timbre 无法启动', `${reason}\n\nLog · 日志: ${logFile}`);
  app.exit(1);
}

/**
 * How long a Timbre started by its own AppImage update waits for the old one to finish quitting.
 * Quitting waits for the core to finish writing (seconds at most); past this, the old one is stuck
 * and the new one gives way.
 */
const UPDATE_HANDOVER_MS = 20_000;

/**
 * The single-instance lock, with one exception. electron-updater installs an AppImage update
 * (AppImageUpdater.doInstall) by starting the new AppImage with APPIMAGE_SILENT_INSTALL=true and
 * only then quitting this one: the new process would find the lock still held and quit as well,
 * leaving nothing running. Started that way, it asks again until the old one has let go.
 */
async function takeSingleInstanceLock(): Promise<boolean> {
  if (app.requestSingleInstanceLock()) return true;
  if (process.env.APPIMAGE_SILENT_INSTALL !== 'true') return false;
  for (const deadline = Date.now() + UPDATE_HANDOVER_MS; Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (app.requestSingleInstanceLock()) return true;
  }
  return false;
}

function run(): void {
  const logFile = join(app.getPath('userData'), 'logs', 'main.log');
  const log = openLog(logFile);
  // Quitting waits for the core to finish what it is writing (the outbox, a save), then quits for real.
  let disposed: Promise<void> | null = null;
  // A launch while this one is quitting (the updated Timbre taking over) must not bring a window back.
  app.on('second-instance', () => {
    if (!disposed) showWindow();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) showWindow();
  });
  app.on('before-quit', (event) => {
    if (!core || quitReady) return;
    event.preventDefault();
    disposed ??= core
      .dispose()
      .catch((error: unknown) => log.error('shutting down failed', error))
      .finally(() => {
        quitReady = true;
        app.quit();
      });
  });
  app
    .whenReady()
    .then(() => start(log))
    .catch((error: unknown) => reportStartupFailure(error, log, logFile));
}

// A pending AppImage update is installed at quit by running the new AppImage with
// APPIMAGE_EXIT_AFTER_INSTALL=true (AppImageUpdater.doInstall, while this one is still quitting).
// electron-builder's AppRun then does not start the app; started anyway, it leaves at once.
if (process.env.APPIMAGE_EXIT_AFTER_INSTALL === 'true') app.exit(0);
else void takeSingleInstanceLock().then((locked) => (locked ? run() : app.quit()));
