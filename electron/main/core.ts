/**
 * Composes Timbre's main-process services and IPC handlers from plain dependencies. Electron's
 * entry (`index.ts`) and the browser test bridge (`tests/e2e/harness.ts`) both call this, so the
 * tests exercise the very services the app runs. Nothing here imports Electron.
 */
import type { Emit, Handlers } from '../../shared/ipc/contract';
import { createRouter, type Router } from './ipc/router';
import type { Logger } from './services/log';
import { createCatalogStore } from './services/catalog-store';
import { createPreferencesService } from './services/preferences';
import type { SecretStore } from './services/secret-store';

export interface CoreDeps {
  dataDir: string;
  appVersion: string;
  platform: NodeJS.Platform;
  systemLocale: string;
  /** Keychain, or null when none is reachable (the UI then offers a session-only key). */
  secretStore: SecretStore | null;
  /** Why the keychain is unavailable, shown to the user. */
  keychainProblem?: string;
  /** Overrides the DashScope base URL for every region (tests, `npm run mock`). */
  dashscopeBaseUrl?: string;
  /** `DASHSCOPE_API_KEY` from the environment, offered for the session, never written. */
  envApiKey?: string;
  emit: Emit;
  /** Opens a folder in the OS file manager. */
  openPath(path: string): Promise<void>;
  log: Logger;
}

export interface Core {
  handlers: Handlers;
  /** The composed services, for the Electron glue and for tests that inspect what was stored. */
  services: { preferences: ReturnType<typeof createPreferencesService>; catalog: ReturnType<typeof createCatalogStore> };
  router: Router;
  /** Called when the OS reports the network came back or went away. */
  setOnline(online: boolean): void;
  dispose(): Promise<void>;
}

function platformName(platform: NodeJS.Platform): 'darwin' | 'win32' | 'linux' | 'other' {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other';
}

export async function createCore(deps: CoreDeps): Promise<Core> {
  const preferences = createPreferencesService(deps.dataDir);
  const catalog = createCatalogStore(deps.dataDir);

  const handlers = {
    'app.info': () => ({
      name: 'Timbre',
      version: deps.appVersion,
      platform: platformName(deps.platform),
      dataDir: deps.dataDir,
      systemLocale: deps.systemLocale,
    }),
    'app.openDataFolder': async () => {
      await deps.openPath(deps.dataDir);
    },
    'settings.get': () => preferences.get(),
    'settings.update': (patch) => {
      const next = preferences.update(patch);
      deps.emit('settings.changed', next);
      return next;
    },
  } satisfies Handlers;

  return {
    handlers,
    services: { preferences, catalog },
    router: createRouter(handlers, deps.log),
    setOnline: (online) => deps.emit('app.online', { online }),
    dispose: async () => {},
  };
}
