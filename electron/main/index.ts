/**
 * Electron entry: the thin glue between Electron and Timbre's core. Creates the window with secure
 * defaults, registers one ipcMain handler per contract channel (all through the router), and hands
 * Electron-only capabilities (paths, keychain, shell) to `createCore`.
 */
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, net, powerMonitor, screen, session, shell, systemPreferences } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IPC_ERROR } from '../../shared/errors';
import { CHANNELS, IPC_EVENT_CHANNEL, type Emit } from '../../shared/ipc/contract';
import { createCore, type Core } from './core';
import { isTrustedSender } from './ipc/sender';
import { buildMenuTemplate, DOCS_URL, menuLanguage } from './menu';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isPermissionAllowed } from './security';
import { createLogger } from './services/log';
import { openKeychain } from './services/secret-store';
import { startUpdates } from './services/updates/start';
import { createWindowStateStore } from './services/window-state';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let windowState: ReturnType<typeof createWindowStateStore> | null = null;

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

function isAppUrl(url: string): boolean {
  return isTrustedSender({ url, isTopFrame: true }, devServerUrl);
}

function createWindow(windowState: ReturnType<typeof createWindowStateStore>): BrowserWindow {
  const bounds = windowState.load(screen.getAllDisplays().map((display) => display.workArea));
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
  window.on('close', () => windowState.save({ ...window.getNormalBounds(), maximized: window.isMaximized() }));
  // The app is one page: any navigation (a dropped file, a stray link) is refused.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    // electronegativity: OPEN_EXTERNAL_JS_CHECK — only allow-listed https documentation hosts (security.ts).
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  return window;
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((webContents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? webContents.getURL(), details as { mediaTypes?: string[] }, isAppUrl));
  });
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => permission === 'media' && isAppUrl(requestingOrigin));
  // electronegativity: CSP_GLOBAL_CHECK — the policy is strict (no inline or eval scripts; see security.ts).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [devServerUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY] } });
  });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  // The logger scrubs every API key main has seen, even if one is echoed somewhere unexpected.
  const log = createLogger({
    file: join(dataDir, 'logs', 'main.log'), console: !app.isPackaged, secrets: () => core?.services.apiKeys.knownSecrets() ?? [],
  });
  const keychain = await openKeychain();
  if (!keychain.store) log.warn('keychain unavailable', keychain.reason);

  const emit: Emit = (event, payload) => {
    mainWindow?.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
    if (event === 'settings.changed') installMenu();
  };
  core = await createCore({
    dataDir,
    appVersion: app.getVersion(),
    platform: process.platform,
    systemLocale: app.getLocale(),
    secretStore: keychain.store,
    keychainProblem: keychain.reason,
    envApiKey: process.env.DASHSCOPE_API_KEY || undefined,
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

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input) => {
      const frame = event.senderFrame;
      const trusted = frame !== null && isTrustedSender({ url: frame.url, isTopFrame: frame === event.sender.mainFrame }, devServerUrl);
      if (!trusted) {
        log.warn(`refused ${channel} from an untrusted frame`);
        return { ok: false, error: { code: IPC_ERROR.forbiddenSender, message: 'Refused.' } };
      }
      return core!.router.invoke(channel, input);
    });
  }

  hardenSession();
  installMenu();
  windowState = createWindowStateStore(dataDir);
  mainWindow = createWindow(windowState);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });

  // Updates (issue 19): all the wiring is in services/updates/start.ts.
  void startUpdates({
    core, app, resourcesPath: process.resourcesPath, platform: process.platform, log,
    // electronegativity: OPEN_EXTERNAL_JS_CHECK — only the releases page named in the app's own app-update.yml (https).
    openExternal: (url) => shell.openExternal(url),
  });

  // The outbox waits while offline; tell it when the OS network state changes.
  const reportOnline = () => core?.setOnline(net.isOnline());
  powerMonitor.on('resume', reportOnline);
  setInterval(reportOnline, 15_000).unref();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && windowState) mainWindow = createWindow(windowState);
  });
  app.on('before-quit', () => {
    void core?.dispose();
  });
  void app.whenReady().then(start);
}
