/**
 * Composes Timbre's main-process services and IPC handlers from plain dependencies. Electron's
 * entry (`index.ts`) and the browser test bridge (`tests/e2e/harness.ts`) both call this, so the
 * tests exercise the very services the app runs. Nothing here imports Electron.
 */
import type { Emit, Handlers } from '../../shared/ipc/contract';
import { createRouter, type Router } from './ipc/router';
import type { Logger } from './services/log';
import { createApiKeyService, type ApiKeyService } from './services/api-keys';
import { createDashScopeClient, type DashScopeClient } from './services/dashscope/client';
import { createConnectionTester, CONNECTION_ERROR, endpointsForRegion, type BaseUrlOverrides } from './services/dashscope-connection';
import { createCatalogStore } from './services/catalog-store';
import { createCatalogFeature, type CatalogFeature } from './services/catalog-handlers';
import { createPreferencesService } from './services/preferences';
import { createAudioFiles, type AudioFiles } from './services/audio-files';
import { openDataFolder } from './services/data-folder';
import { createSamplesService, type MediaAccess, type SamplesService } from './services/samples';
import type { SecretStore } from './services/secret-store';
import { createRemovedVoices } from './services/removed-voices';
import { createSynthesisHistory } from './services/synthesis-history';
import { createSynthesisService, type SaveFile, type SynthesisService } from './services/synthesis-service';
import { createUpdatesFeature, type UpdatesFeature } from './services/updates/feature';
import { TimbreError } from '../../shared/errors';
import { apiKeyInput } from '../../shared/ipc/routes/settings';
import type { Region } from '../../shared/models';
import type { Network } from './services/network';

export interface CoreDeps {
  dataDir: string;
  appVersion: string;
  platform: NodeJS.Platform;
  systemLocale: string;
  /** Keychain, or null when none is reachable (the UI then offers a session-only key). */
  secretStore: SecretStore | null;
  /** Why the keychain is unavailable, shown to the user. */
  keychainProblem?: string;
  /**
   * Replace the DashScope base URL of these regions (tests start one mock per region, so a key
   * used in the wrong region is refused as it would be for real). Region `custom` otherwise uses
   * the user's custom base URL.
   */
  dashscopeBaseUrls?: BaseUrlOverrides;
  /**
   * How DashScope is reached. The app passes Electron's network (system proxy, OS certificates;
   * services/network.ts); absent, Node's fetch and a direct WebSocket (tests).
   */
  network?: Partial<Network>;
  /** `DASHSCOPE_API_KEY` from the environment, offered for the session, never written. */
  envApiKey?: string;
  emit: Emit;
  /** The OS microphone permission gate (Electron's systemPreferences); absent = nothing to ask (tests, Linux). */
  media?: MediaAccess;
  /** Opens a folder in the OS file manager. */
  openPath(path: string): Promise<void>;
  /** The OS save dialog plus the write (Electron's dialog.showSaveDialog); absent = exports are unavailable. */
  saveFile?: SaveFile;
  /** The system clipboard's text (Electron's `clipboard.readText`), for pasting an API key in main. */
  readClipboardText?: () => Promise<string> | string;
  log: Logger;
}

export interface Core {
  handlers: Handlers;
  /** The composed services, for the Electron glue and for tests that inspect what was stored. */
  services: {
    preferences: ReturnType<typeof createPreferencesService>;
    catalog: ReturnType<typeof createCatalogStore>;
    apiKeys: ApiKeyService;
    /** The one DashScope client: key and base URL of the active region, read fresh for every request. */
    dashscope: DashScopeClient;
    /** Audio files under `<dataDir>/audio/` and the samples that reference them. */
    audioFiles: AudioFiles;
    samples: SamplesService;
    /** Try: synthesis runs and the per-voice history of results. */
    synthesis: SynthesisService;
    /** The enrollment outbox, sync and export/import over the catalog. */
    catalogFeature: CatalogFeature;
    /** Update checks and the restart offer; `startUpdates` connects electron-updater in the packaged app. */
    updates: UpdatesFeature;
  };
  router: Router;
  /** Called when the OS reports the network came back or went away. */
  setOnline(online: boolean): void;
  dispose(): Promise<void>;
}

function platformName(platform: NodeJS.Platform): 'darwin' | 'win32' | 'linux' | 'other' {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other';
}

/**
 * Never rejects because of what is in the data folder: damaged files are set aside (and the user
 * told once, in the Library), a read-only folder opens read-only. It rejects only with
 * `data.in_use` (a TimbreError whose details name the folder and the other process), when
 * another Timbre has the folder open.
 */
export async function createCore(deps: CoreDeps): Promise<Core> {
  const folder = openDataFolder(deps.dataDir, { log: deps.log });
  const preferences = createPreferencesService(folder, deps.log);
  const catalog = createCatalogStore(folder, { log: deps.log });
  const audioFiles = createAudioFiles(folder);
  const samples = createSamplesService({ catalog, audioFiles, media: deps.media });
  const apiKeys = createApiKeyService({
    secretStore: deps.secretStore, keychainProblem: deps.keychainProblem, envApiKey: deps.envApiKey, log: deps.log,
  });
  const endpoints = (region: Region, customBaseUrl = preferences.get().customBaseUrl) =>
    endpointsForRegion(region, customBaseUrl, deps.dashscopeBaseUrls);
  const dashscope = createDashScopeClient({
    // An empty key makes the client refuse with dashscope.missing_api_key before sending anything.
    getApiKey: async () => (await apiKeys.get(preferences.get().region)) ?? '',
    knownSecrets: () => apiKeys.knownSecrets(),
    baseUrl: () => endpoints(preferences.get().region),
    fetch: deps.network?.fetch,
    WebSocket: deps.network?.WebSocket,
    log: deps.log,
  });
  const connectionTester = createConnectionTester({ fetch: deps.network?.fetch, log: deps.log });
  const updates = createUpdatesFeature({
    currentVersion: deps.appVersion,
    autoCheck: () => preferences.get().checkForUpdates,
    // A restart would cut a clone upload short (the voice may then exist twice) or a Try in the middle.
    // Read only after createCore has returned, when both exist.
    mainWork: () => {
      if (catalogFeature.outbox.jobs().some((job) => job.state === 'sending')) return 'clone';
      return synthesis.isRunning() ? 'try' : null;
    },
    emit: deps.emit,
    log: deps.log,
  });
  // A clone's sending state arrives as enroll.progress: the update offer follows it at once.
  const emitNoticingWork: Emit = (event, payload) => {
    deps.emit(event, payload);
    if (event === 'enroll.progress') updates.workChanged();
  };
  const synthesisHistory = createSynthesisHistory(folder, deps.log);
  const removedVoices = createRemovedVoices(folder);
  const synthesis = createSynthesisService({
    catalog, audioFiles, history: synthesisHistory, removedVoices, dashscope,
    activeRegion: () => preferences.get().region, emit: deps.emit, saveFile: deps.saveFile, log: deps.log,
  });
  const catalogFeature = createCatalogFeature({
    dataFolder: folder, appVersion: deps.appVersion, catalog, audioFiles, history: synthesisHistory, removed: removedVoices, dashscope,
    region: () => preferences.get().region, emit: emitNoticingWork, saveFile: deps.saveFile, openPath: deps.openPath, log: deps.log,
  });
  // Told once: each damaged file becomes a Library notice until the user dismisses it.
  for (const damaged of folder.takeSetAsideFiles()) {
    catalog.addNotice({ kind: 'file-set-aside', file: damaged.file, keptAs: damaged.keptAs, at: damaged.at });
  }
  const announceKeyStatus = async () => {
    const status = await apiKeys.status(preferences.get().region);
    deps.emit('keys.changed', status);
    // A clone that failed for want of a working key goes out again as soon as there is one.
    if (status.hasKey) catalogFeature.outbox.retryKeyFailures();
  };
  const changedKey = async <T extends { region: Region }>(status: Promise<T>) => {
    const result = await status;
    if (result.region === preferences.get().region) await announceKeyStatus();
    return result;
  };

  const handlers = {
    'app.info': () => ({
      name: 'Timbre',
      version: deps.appVersion,
      platform: platformName(deps.platform),
      dataDir: deps.dataDir,
      readOnly: folder.readOnly,
      systemLocale: deps.systemLocale,
    }),
    'app.openDataFolder': async () => {
      await deps.openPath(deps.dataDir);
    },
    'settings.get': () => preferences.get(),
    'settings.update': async (patch) => {
      const regionBefore = preferences.get().region;
      const next = preferences.update(patch);
      deps.emit('settings.changed', next);
      if (next.region !== regionBefore) await announceKeyStatus();
      updates.settingsChanged();
      return next;
    },
    'keys.status': ({ region }) => apiKeys.status(region),
    'keys.save': ({ region, apiKey, sessionOnly }) => changedKey(apiKeys.save(region, apiKey, { sessionOnly })),
    'keys.saveEnvironmentKey': ({ region }) => changedKey(apiKeys.saveEnvironmentKey(region)),
    'keys.pasteFromClipboard': async ({ region, sessionOnly }) => {
      if (!deps.readClipboardText) throw new TimbreError('CLIPBOARD_UNAVAILABLE', 'This build cannot read the clipboard.');
      const key = apiKeyInput.safeParse(await deps.readClipboardText());
      if (!key.success) throw new TimbreError('CLIPBOARD_NO_KEY', 'The clipboard does not hold an API key.');
      return changedKey(apiKeys.save(region, key.data, { sessionOnly }));
    },
    'keys.remove': ({ region }) => changedKey(apiKeys.remove(region)),
    'keys.testConnection': async ({ region, apiKey, customBaseUrl }) => {
      const key = apiKey ?? (await apiKeys.get(region));
      if (!key) throw new TimbreError(CONNECTION_ERROR.noApiKey, 'There is no API key to test for this region');
      return connectionTester.test({ region, apiKey: key, endpoints: (target) => endpoints(target, customBaseUrl) });
    },
    ...samples.handlers,
    ...synthesis.handlers,
    'synth.start': (input) => updates.duringWork(synthesis.handlers['synth.start'](input)),
    ...catalogFeature.handlers,
    ...updates.handlers,
  } satisfies Handlers;

  return {
    handlers,
    services: { preferences, catalog, apiKeys, dashscope, audioFiles, samples, synthesis, catalogFeature, updates },
    router: createRouter(handlers, deps.log),
    // The outbox combines the OS state with failed requests and announces `app.online` itself.
    setOnline: (online) => catalogFeature.outbox.setOnline(online),
    dispose: async () => {
      updates.dispose();
      synthesis.dispose();
      await catalogFeature.dispose();
      await catalog.close();
      folder.release();
    },
  };
}
