/**
 * Composes Timbre's main-process services and IPC handlers from plain dependencies. Electron's
 * entry (`index.ts`) and the browser test bridge (`tests/e2e/harness.ts`) both call this, so the
 * tests exercise the very services the app runs. Nothing here imports Electron.
 */
import type { Emit, Handlers } from '../../shared/ipc/contract';
import { createRouter, type Router } from './ipc/router';
import { createAudioFiles, type AudioFiles } from './catalog/audio-files';
import { createCatalogFeature, type CatalogFeature } from './catalog/feature';
import { cleanLeftovers } from './catalog/leftovers';
import { createRemovedVoices } from './catalog/removed-voices';
import { createCatalogStore } from './catalog/store';
import { createSynthesisHistory } from './catalog/synthesis-history';
import { createDashScopeClient, type DashScopeClient } from './dashscope/client';
import { createEnrollFeature, type EnrollFeature } from './enroll/feature';
import { openDataFolder } from './foundation/data-folder';
import type { Logger } from './foundation/log';
import type { Network } from './foundation/network';
import type { SaveFile } from './foundation/save-file';
import { createAccountUsage } from './library/account-usage';
import { createLibraryFeature, type LibraryFeature } from './library/feature';
import { createSamplesService, type MediaAccess, type SamplesService } from './samples/service';
import type { ApiKeyService } from './settings/api-keys';
import type { BaseUrlOverrides } from './settings/connection';
import { createSettingsFeature } from './settings/feature';
import type { PreferencesService } from './settings/preferences';
import type { SecretStore } from './settings/secret-store';
import { createSynthesisService, type SynthesisService } from './synthesis/service';
import { createUpdatesFeature, type UpdatesFeature } from './updates/feature';

export interface CoreDeps {
  dataDir: string;
  appVersion: string;
  platform: NodeJS.Platform;
  systemLocale: string;
  /** False when Chromium was started with `--no-sandbox`; absent = sandboxed. */
  sandboxed?: boolean;
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
   * foundation/network.ts), the tests a stand-in that fails as it does (tests/support/electron-network.ts);
   * absent, Node's fetch and a direct WebSocket.
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
    preferences: PreferencesService;
    apiKeys: ApiKeyService;
    catalog: ReturnType<typeof createCatalogStore>;
    /** Audio files under `<dataDir>/audio/` and the samples that reference them. */
    audioFiles: AudioFiles;
    /** The one DashScope client: key and base URL of the active region, read fresh for every request. */
    dashscope: DashScopeClient;
    samples: SamplesService;
    /** The enrollment outbox behind the clone form. */
    enroll: EnrollFeature;
    /** The Library's rows, sync with the account, and single voices. */
    library: LibraryFeature;
    /** Export and import of the catalog as a zip. */
    catalogFiles: CatalogFeature;
    /** Try: synthesis runs and the per-voice history of results. */
    synthesis: SynthesisService;
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
  const startedAt = Date.now();
  const folder = openDataFolder(deps.dataDir, { log: deps.log });

  // Settings: preferences and keys, read by every feature below.
  const settings = createSettingsFeature({
    dataFolder: folder, secretStore: deps.secretStore, keychainProblem: deps.keychainProblem, envApiKey: deps.envApiKey,
    dashscopeBaseUrls: deps.dashscopeBaseUrls, fetch: deps.network?.fetch, readClipboardText: deps.readClipboardText,
    emit: deps.emit, log: deps.log,
    // Both are called only after createCore has returned, when updates and enroll exist.
    onSettingsChanged: () => updates.settingsChanged(),
    // A clone that failed for want of a working key goes out again as soon as there is one.
    onActiveKeyChanged: (status) => {
      if (!status.hasKey) return;
      try {
        enroll.outbox.retryKeyFailures();
      } catch (error) {
        // A side effect of saving the key (read-only folder, full disk): the key is saved all the same.
        deps.log.warn('enroll: clones that failed for want of a key could not be queued again', { code: (error as { code?: string }).code });
      }
    },
  });
  const { preferences, apiKeys, region } = settings;

  // The catalog on disk: records, their audio files, removed voices and Try results.
  const catalog = createCatalogStore(folder, { log: deps.log });
  const audioFiles = createAudioFiles(folder);
  const removedVoices = createRemovedVoices(folder);
  const synthesisHistory = createSynthesisHistory(folder, deps.log);

  // DashScope, through the active region's key and address; its answers say how full the account is.
  const accountUsage = createAccountUsage(folder, { log: deps.log });
  const dashscope = accountUsage.observe(createDashScopeClient({
    // An empty key makes the client refuse with dashscope.missing_api_key before sending anything.
    getApiKey: async () => (await apiKeys.get(region())) ?? '',
    knownSecrets: () => apiKeys.knownSecrets(),
    baseUrl: settings.activeEndpoints,
    fetch: deps.network?.fetch,
    WebSocket: deps.network?.WebSocket,
    log: deps.log,
  }), region);

  const updates = createUpdatesFeature({
    currentVersion: deps.appVersion,
    autoCheck: () => preferences.get().checkForUpdates,
    // A restart would cut a clone upload short (the voice may then exist twice) or a Try in the middle.
    // Read only after createCore has returned, when both exist.
    mainWork: () => {
      if (enroll.outbox.jobs().some((job) => job.state === 'sending')) return 'clone';
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

  // The features, as the renderer has them.
  const samples = createSamplesService({ catalog, audioFiles, media: deps.media });
  const enroll = createEnrollFeature({
    dataFolder: folder, catalog, audioFiles, dashscope, region, emit: emitNoticingWork, log: deps.log,
  });
  const library = createLibraryFeature({ catalog, outbox: enroll.outbox, removed: removedVoices, accountUsage, dashscope, region, emit: deps.emit });
  const catalogFiles = createCatalogFeature({
    appVersion: deps.appVersion, catalog, audioFiles, history: synthesisHistory, saveFile: deps.saveFile, openPath: deps.openPath,
  });
  const synthesis = createSynthesisService({
    catalog, audioFiles, history: synthesisHistory, removedVoices, dashscope,
    activeRegion: region, emit: deps.emit, saveFile: deps.saveFile, log: deps.log,
  });

  // Told once: each damaged file becomes a Library notice until the user dismisses it.
  for (const damaged of folder.takeSetAsideFiles()) {
    catalog.addNotice({ kind: 'file-set-aside', file: damaged.file, keptAs: damaged.keptAs, at: damaged.at });
  }

  // What crashes left (temporary files, audio no record names), in the background once the journal is merged.
  const cleaning = cleanLeftovers({ folder, catalog, audioDir: audioFiles.dir, startedAt, log: deps.log }).catch((error: unknown) => {
    deps.log.warn('data folder: leftovers were not cleaned', { code: (error as { code?: string }).code });
  });

  const handlers = {
    'app.info': () => ({
      name: 'Timbre',
      version: deps.appVersion,
      platform: platformName(deps.platform),
      dataDir: deps.dataDir,
      readOnly: folder.readOnly,
      systemLocale: deps.systemLocale,
      sandboxed: deps.sandboxed ?? true,
    }),
    'app.openDataFolder': async () => {
      await deps.openPath(deps.dataDir);
    },
    ...settings.handlers,
    ...samples.handlers,
    ...enroll.handlers,
    ...library.handlers,
    ...catalogFiles.handlers,
    ...synthesis.handlers,
    'synth.start': (input) => updates.duringWork(synthesis.handlers['synth.start'](input)),
    ...updates.handlers,
  } satisfies Handlers;

  return {
    handlers,
    services: { preferences, apiKeys, catalog, audioFiles, dashscope, samples, enroll, library, catalogFiles, synthesis, updates },
    router: createRouter(handlers, deps.log),
    // The outbox combines the OS state with failed requests and announces `app.online` itself.
    setOnline: (online) => enroll.outbox.setOnline(online),
    dispose: async () => {
      updates.dispose();
      synthesis.dispose();
      library.dispose();
      await enroll.dispose();
      await cleaning;
      await catalog.close();
      folder.release();
    },
  };
}
