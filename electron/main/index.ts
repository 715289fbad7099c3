/**
 * Electron entry: the thin glue between Electron and Timbre's core. Creates the window with secure
 * defaults, registers one ipcMain handler per contract channel (all through the router), and hands
 * Electron-only capabilities (paths, keychain, shell) to `createCore`.
 */
import { app, BrowserWindow, ipcMain, net, powerMonitor, session, shell } from 'electron';
import { join } from 'node:path';
import { CHANNELS, IPC_EVENT_CHANNEL, type Emit } from '../../shared/ipc/contract';
import { createCore, type Core } from './core';
import { isTrustedSender } from './ipc/sender';
import { CONTENT_SECURITY_POLICY, isAllowedExternalUrl, isPermissionAllowed } from './security';
import { createLogger } from './services/log';
import { openKeychain } from './services/secret-store';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

function isAppUrl(url: string): boolean {
  return isTrustedSender({ url, isTopFrame: true }, devServerUrl);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1180,
    height: 780,
    minWidth: 900,
    minHeight: 600,
    title: 'Timbre',
    show: false,
    backgroundColor: '#101114',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== window.webContents.getURL()) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
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
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const log = createLogger({ file: join(dataDir, 'logs', 'main.log'), console: !app.isPackaged });
  const keychain = await openKeychain();
  if (!keychain.store) log.warn('keychain unavailable', keychain.reason);

  const emit: Emit = (event, payload) => mainWindow?.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
  core = await createCore({
    dataDir,
    appVersion: app.getVersion(),
    platform: process.platform,
    systemLocale: app.getLocale(),
    secretStore: keychain.store,
    keychainProblem: keychain.reason,
    envApiKey: process.env.DASHSCOPE_API_KEY || undefined,
    emit,
    openPath: async (path) => {
      await shell.openPath(path);
    },
    log,
  });

  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input) => {
      const frame = event.senderFrame;
      const trusted = frame !== null && isTrustedSender({ url: frame.url, isTopFrame: frame === event.sender.mainFrame }, devServerUrl);
      if (!trusted) {
        log.warn(`refused ${channel} from an untrusted frame`);
        return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'Refused.' } };
      }
      return core!.router.invoke(channel, input);
    });
  }

  hardenSession();
  mainWindow = createWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
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
    if (BrowserWindow.getAllWindows().length === 0 && core) mainWindow = createWindow();
  });
  app.on('before-quit', () => {
    void core?.dispose();
  });
  void app.whenReady().then(start);
}
