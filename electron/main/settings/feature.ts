/**
 * Settings: the user's preferences and the API keys of each region (`settings.*`, `keys.*`),
 * where DashScope is reached for a region, and "Test connection".
 */
import { TimbreError } from '../../../shared/errors';
import type { Emit, HandlersOf } from '../../../shared/ipc/contract';
import { apiKeyInput, type KeyStatus } from '../../../shared/ipc/routes/settings';
import type { Region } from '../../../shared/models';
import type { Endpoints } from '../dashscope/client';
import type { DataFolder } from '../foundation/data-folder';
import type { Logger } from '../foundation/log';
import type { Network } from '../foundation/network';
import { createApiKeyService } from './api-keys';
import { CONNECTION_ERROR, createConnectionTester, endpointsForRegion, type BaseUrlOverrides } from './connection';
import { createPreferencesService } from './preferences';
import type { SecretStore } from './secret-store';

export interface SettingsFeatureDeps {
  dataFolder: DataFolder;
  /** Keychain, or null when none is reachable (the UI then offers a session-only key). */
  secretStore: SecretStore | null;
  /** Why the keychain is unavailable, shown to the user. */
  keychainProblem?: string;
  /** `DASHSCOPE_API_KEY` from the environment, offered for the session, never written. */
  envApiKey?: string;
  /** Per-region base URLs that replace the real ones (tests, `npm run mock`). */
  dashscopeBaseUrls?: BaseUrlOverrides;
  fetch?: Network['fetch'];
  /** The system clipboard's text, for pasting an API key in main. */
  readClipboardText?: () => Promise<string> | string;
  emit: Emit;
  /** After any settings change has been saved and announced. */
  onSettingsChanged(): void;
  /** After the active region's key changed (or the region did), with its status as announced. */
  onActiveKeyChanged(status: KeyStatus): void;
  log: Logger;
}

export function createSettingsFeature(deps: SettingsFeatureDeps) {
  const preferences = createPreferencesService(deps.dataFolder, deps.log);
  const apiKeys = createApiKeyService({
    secretStore: deps.secretStore, keychainProblem: deps.keychainProblem, envApiKey: deps.envApiKey, log: deps.log,
  });
  const connectionTester = createConnectionTester({ fetch: deps.fetch, log: deps.log });
  const region = () => preferences.get().region;
  const endpoints = (target: Region, customBaseUrl = preferences.get().customBaseUrl): Endpoints =>
    endpointsForRegion(target, customBaseUrl, deps.dashscopeBaseUrls);

  const announceKeyStatus = async () => {
    const status = await apiKeys.status(region());
    deps.emit('keys.changed', status);
    deps.onActiveKeyChanged(status);
  };
  const changedKey = async <T extends { region: Region }>(status: Promise<T>) => {
    const result = await status;
    if (result.region === region()) await announceKeyStatus();
    return result;
  };

  const handlers = {
    'settings.get': () => preferences.get(),
    'settings.update': async (patch) => {
      const regionBefore = region();
      const next = preferences.update(patch);
      deps.emit('settings.changed', next);
      if (next.region !== regionBefore) await announceKeyStatus();
      deps.onSettingsChanged();
      return next;
    },
    'keys.status': ({ region: target }) => apiKeys.status(target),
    'keys.save': ({ region: target, apiKey, sessionOnly }) => changedKey(apiKeys.save(target, apiKey, { sessionOnly })),
    'keys.saveEnvironmentKey': ({ region: target }) => changedKey(apiKeys.saveEnvironmentKey(target)),
    'keys.pasteFromClipboard': async ({ region: target, sessionOnly }) => {
      if (!deps.readClipboardText) throw new TimbreError('CLIPBOARD_UNAVAILABLE', 'This build cannot read the clipboard.');
      const key = apiKeyInput.safeParse(await deps.readClipboardText());
      if (!key.success) throw new TimbreError('CLIPBOARD_NO_KEY', 'The clipboard does not hold an API key.');
      return changedKey(apiKeys.save(target, key.data, { sessionOnly }));
    },
    'keys.remove': ({ region: target }) => changedKey(apiKeys.remove(target)),
    'keys.testConnection': async ({ region: target, apiKey, customBaseUrl }) => {
      const key = apiKey ?? (await apiKeys.get(target));
      if (!key) throw new TimbreError(CONNECTION_ERROR.noApiKey, 'There is no API key to test for this region');
      return connectionTester.test({ region: target, apiKey: key, endpoints: (other) => endpoints(other, customBaseUrl) });
    },
  } satisfies HandlersOf<'settings' | 'keys'>;

  return {
    handlers,
    preferences,
    apiKeys,
    /** The region requests go to now. */
    region,
    /** Where DashScope is reached for the active region now. */
    activeEndpoints: () => endpoints(region()),
  };
}

export type SettingsFeature = ReturnType<typeof createSettingsFeature>;
