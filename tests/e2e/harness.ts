/**
 * Launches Timbre for end-to-end tests: the built renderer in Debian's Chromium, loaded the way the
 * installed app loads it (main's `app://` page, handler and CSP; see app-page.ts), with the real
 * main-process core (composed in Node by `createCore`) injected in place of the preload through
 * Playwright bindings that carry only what Electron's IPC could (bridge/codec.ts) and apply main's
 * IPC sender check. One Chromium per fake-microphone file is shared by every test.
 */
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { resolveAppPage, type AppPage } from '../../electron/main/shell/app-protocol';
import { createCore, type Core } from '../../electron/main/core';
import { FORBIDDEN_SENDER_RESULT, isTrustedSender } from '../../electron/main/ipc/sender';
import { createLogger } from '../../electron/main/foundation/log';
import { apiKeyAccount, createMemorySecretStore, openKeychain, type SecretStore } from '../../electron/main/settings/secret-store';
import type { Region } from '../../shared/models';
import { electronNetwork, type ElectronNetworkStandIn } from '../support/electron-network';
import { serveAppProtocol, senderFrame } from './app-page';
import { decodeFromBridge, encodeForBridge } from './bridge/codec';
import { TEST_IDS } from './testids';

const ROOT = resolve(import.meta.dirname, '../..');
/** The app's version comes from package.json (Electron's `app.getVersion()` reads the same field). */
const APP_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface LaunchOptions {
  /** WAV file fed to Chromium's fake microphone (Chromium plays a beep without one). */
  micWav?: string;
  /** Reuse a data directory (e.g. to import into or to inspect); a fresh temp dir otherwise. */
  userDataDir?: string;
  /** Points both named regions at this base URL (the mock DashScope). */
  dashscopeBaseUrl?: string;
  /** Per-region base URLs (one mock per region, so a key from the other region gets 401); wins over `dashscopeBaseUrl`. */
  dashscopeBaseUrls?: Partial<Record<Region, string>>;
  /** `DASHSCOPE_API_KEY` as the app would see it in its environment. */
  envApiKey?: string;
  /** Record every router result and every pushed event in `session.ipcTraffic` (e.g. to search them for the key). */
  recordIpc?: boolean;
  /** Pre-stores this key for `region` (default cn-beijing). */
  apiKey?: string;
  region?: Region;
  /** System locale the app sees, e.g. "zh-CN" or "en-US". */
  locale?: string;
  colorScheme?: 'light' | 'dark';
  /** Force the session-only secret store even when a keychain is reachable. */
  noKeychain?: boolean;
  /** Start with the first-run guide, as a new user does; by default it counts as done so tests land on Record. */
  onboarding?: boolean;
  /** Chromium without its sandbox (`--no-sandbox`, as the AppImage launcher adds on Ubuntu 24.04+). */
  unsandboxed?: boolean;
  /**
   * `npm run dev` instead of the installed app: the page comes from this Vite dev server, under
   * the dev CSP main would add (with these inline-script hashes, as the build defines them).
   */
  devServer?: { url: string; inlineScriptHashes: readonly string[] };
}

export interface TimbreSession {
  page: Page;
  userDataDir: string;
  core: Core;
  /** Folders the app asked the OS to open (shell.openPath). */
  openedPaths: string[];
  /** Files the app saved through its save dialog (written to a temp folder, as if the user chose it). */
  savedFiles: Array<{ defaultName: string; path: string }>;
  /** What the system clipboard holds, as main reads it (e.g. to paste an API key). */
  clipboard: { text: string };
  /** Content-Security-Policy violations the page reported; `close()` fails when there are any. */
  cspViolations: string[];
  /** How main reaches DashScope: Electron's network as the app has it; `breakWith` makes an outage the OS does not see. */
  network: ElectronNetworkStandIn;
  /** Everything the page logged to its console, and the errors it threw, in order. */
  consoleMessages: string[];
  pageErrors: string[];
  /** With `recordIpc`: what main sent the renderer, in order (results of calls, pushed events). */
  ipcTraffic: Array<{ channel: string; kind: 'result' | 'event'; payload: unknown }>;
  /** Closes the page and the core and starts both again on the same data directory. */
  restart(): Promise<Page>;
  close(): Promise<void>;
}

const browsers = new Map<string, Promise<Browser>>();
let bridgeScript: Promise<string> | null = null;

function launchBrowser(micWav?: string): Promise<Browser> {
  const key = micWav ?? '';
  let browser = browsers.get(key);
  if (!browser) {
    browser = chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: [
        '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic',
        '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
        ...(micWav ? [`--use-file-for-fake-audio-capture=${micWav}`] : []),
      ],
    });
    browsers.set(key, browser);
  }
  return browser;
}

/** The page side of the bridge, bundled once from TypeScript (same `buildTimbreApi` as the preload). */
function loadBridgeScript(): Promise<string> {
  bridgeScript ??= build({
    entryPoints: [join(ROOT, 'tests/e2e/bridge/page.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
  }).then((result) => result.outputFiles[0].text);
  return bridgeScript;
}

async function openSecretStore(userDataDir: string, noKeychain: boolean): Promise<{ store: SecretStore | null; problem?: string }> {
  if (noKeychain) return { store: null, problem: 'disabled for this test' };
  // One keychain service per data directory keeps tests apart and survives restart().
  const service = `Timbre-test-${createHash('sha1').update(userDataDir).digest('hex').slice(0, 12)}`;
  const keychain = await openKeychain(service);
  return keychain.store ? { store: keychain.store } : { store: createMemorySecretStore() };
}

export async function launchTimbre(options: LaunchOptions = {}): Promise<TimbreSession> {
  const ownsDataDir = !options.userDataDir;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'timbre-e2e-'));
  const rendererDir = join(process.env.TIMBRE_OUT_DIR ?? join(ROOT, 'out'), 'renderer');
  // What main itself resolves, as installed (isPackaged) or under `npm run dev`.
  const appPage: AppPage = resolveAppPage(
    options.devServer
      ? { isPackaged: false, devServerUrl: options.devServer.url, devInlineScriptHashes: options.devServer.inlineScriptHashes }
      : { isPackaged: true },
  );
  if (!appPage.isDevServer && !existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`No built renderer in ${rendererDir}. Run "npm run build" first (npm run test:e2e does).`);
  }
  const [browser, script] = await Promise.all([launchBrowser(options.micWav), loadBridgeScript()]);
  const secrets = await openSecretStore(userDataDir, options.noKeychain ?? false);
  const openedPaths: string[] = [];
  const savedFiles: TimbreSession['savedFiles'] = [];
  const cspViolations: string[] = [];
  const consoleMessages: string[] = [];
  const pageErrors: string[] = [];
  const clipboard = { text: '' };
  const saveDir = mkdtempSync(join(tmpdir(), 'timbre-saved-'));
  const ipcTraffic: TimbreSession['ipcTraffic'] = [];
  const record = (channel: string, kind: 'result' | 'event', payload: unknown) => {
    if (options.recordIpc) ipcTraffic.push({ channel, kind, payload });
  };
  const dashscopeBaseUrls = {
    ...(options.dashscopeBaseUrl ? { 'cn-beijing': options.dashscopeBaseUrl, 'ap-southeast-1': options.dashscopeBaseUrl } : {}),
    ...options.dashscopeBaseUrls,
  };
  const locale = options.locale ?? 'en-US';
  // DashScope through the app's network as Electron gives it (net.fetch's errors, the app's WebSocket).
  const network = electronNetwork();

  let context: BrowserContext | null = null;
  let page: Page | null = null;
  let core: Core | null = null;

  // Only the first start marks the guide done: after restart() it is whatever the test left.
  let presetOnboardingDone = !options.onboarding;
  const start = async (): Promise<Page> => {
    core = await createCore({
      dataDir: userDataDir,
      appVersion: APP_VERSION,
      platform: 'linux',
      systemLocale: locale,
      sandboxed: !options.unsandboxed,
      secretStore: secrets.store,
      keychainProblem: secrets.problem,
      dashscopeBaseUrls,
      network,
      envApiKey: options.envApiKey,
      emit: (event, payload) => {
        record(event, 'event', payload);
        void page?.evaluate(([name, data]) => window.__timbreEmit?.(name, data), [event, encodeForBridge(payload)] as const).catch(() => {});
      },
      openPath: async (path) => {
        openedPaths.push(path);
      },
      readClipboardText: () => clipboard.text,
      saveFile: async ({ defaultName, bytes }) => {
        const path = join(saveDir, `${savedFiles.length}-${defaultName}`);
        writeFileSync(path, bytes);
        savedFiles.push({ defaultName, path });
        return path;
      },
      log: createLogger({ file: join(userDataDir, 'logs', 'main.log'), secrets: () => core?.services.apiKeys.knownSecrets() ?? [] }),
    });
    if (presetOnboardingDone) {
      core.services.preferences.update({ onboardingDone: true });
      presetOnboardingDone = false;
    }
    context = await browser.newContext({ locale, colorScheme: options.colorScheme ?? 'light', viewport: { width: 1280, height: 820 } });
    const activeCore = core;
    const standIn = await serveAppProtocol(context, appPage, rendererDir);
    await context.exposeBinding('__timbreInvoke', async (source, channel: string, input: unknown) => {
      if (!isTrustedSender(senderFrame(source.frame, standIn), appPage.origin)) return encodeForBridge(FORBIDDEN_SENDER_RESULT);
      const result = await activeCore.router.invoke(channel, decodeFromBridge(input));
      record(channel, 'result', result);
      return encodeForBridge(result);
    });
    await context.addInitScript({ content: script });
    page = await context.newPage();
    page.on('console', (message) => {
      consoleMessages.push(message.text());
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(standIn.browserUrl(appPage.url));
    await page.getByTestId('nav-record').waitFor({ timeout: 20_000 }).catch((error: unknown) => {
      // A page that never boots says why (a refused script, a CORS error, an exception).
      throw new Error(`Timbre did not start at ${page!.url()}:\n${[...pageErrors, ...consoleMessages].join('\n') || String(error)}`);
    });
    return page;
  };

  const stop = async () => {
    await context?.close();
    await core?.dispose();
    context = null;
    page = null;
  };

  if (options.apiKey && secrets.store) await secrets.store.set(apiKeyAccount(options.region ?? 'cn-beijing'), options.apiKey);
  await start();

  return {
    get page() {
      return page!;
    },
    userDataDir,
    get core() {
      return core!;
    },
    openedPaths,
    savedFiles,
    network,
    cspViolations,
    consoleMessages,
    pageErrors,
    clipboard,
    ipcTraffic,
    async restart() {
      await stop();
      return start();
    },
    async close() {
      await stop();
      if (ownsDataDir) rmSync(userDataDir, { recursive: true, force: true });
      rmSync(saveDir, { recursive: true, force: true });
      if (cspViolations.length) throw new Error(`The page broke its Content-Security-Policy:\n${cspViolations.join('\n')}`);
    },
  };
}

/** Launches Timbre on Record's Import tab, where tests that start from a file begin. */
export async function launchOnImport(options: LaunchOptions = {}): Promise<TimbreSession> {
  const app = await launchTimbre({ locale: 'en-US', ...options });
  await app.page.getByTestId(TEST_IDS.recordTabImport).click();
  return app;
}
