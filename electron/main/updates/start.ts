/**
 * All of the updater wiring for Electron's entry, in one call: `startUpdates({...})` after the core
 * exists. Only a packaged app updates itself; run from source, electron-updater is not even loaded.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../foundation/log';
import { createElectronUpdater, releasesPageFrom } from './electron-updater';
import type { UpdatesFeature } from './feature';
import { appBundleOf, readMacSignature, type MacSignature } from './mac-signature';

export interface StartUpdatesDeps {
  core: { services: { updates: UpdatesFeature } };
  app: { isPackaged: boolean };
  /** Electron's `shell.openExternal`, for the releases page. */
  openExternal(url: string): Promise<void>;
  /** `process.resourcesPath`: electron-builder puts `app-update.yml` there. */
  resourcesPath: string | undefined;
  platform: NodeJS.Platform;
  /** `process.execPath`, to find the macOS app bundle whose signature decides how it updates. */
  execPath: string;
  /** How the macOS bundle is signed (codesign); replaceable in tests. */
  readMacSignature?: (appBundle: string) => Promise<MacSignature>;
  log: Logger;
}

/** How this copy gets a newer version. */
async function howItInstalls(deps: StartUpdatesDeps, isAppImage: boolean): Promise<'self-update' | 'notify-only' | 'unsigned'> {
  // On Linux only the AppImage replaces itself; a .deb belongs to the package manager.
  if (deps.platform === 'linux') return isAppImage ? 'self-update' : 'notify-only';
  if (deps.platform === 'darwin') {
    const signature = await (deps.readMacSignature ?? readMacSignature)(appBundleOf(deps.execPath));
    if (signature !== 'developer-id') {
      deps.log.info('updates: this macOS copy has no Developer ID signature, so it cannot replace itself', { signature });
      return 'unsigned';
    }
  }
  return 'self-update';
}

/** The feed electron-builder wrote into the app; '' when there is none (an unpacked build). */
async function readAppUpdateYml(resourcesPath: string | undefined): Promise<string> {
  try {
    return resourcesPath ? await readFile(join(resourcesPath, 'app-update.yml'), 'utf8') : '';
  } catch {
    return '';
  }
}

export async function startUpdates(deps: StartUpdatesDeps): Promise<void> {
  const { log } = deps;
  if (!deps.app.isPackaged) {
    log.info('updates: off, this is not a packaged build');
    return;
  }
  try {
    // electron-updater is CommonJS: its `autoUpdater` is a getter on module.exports.
    const loaded = await import('electron-updater');
    const { autoUpdater, AppImageUpdater } = (loaded as unknown as { default?: typeof loaded }).default ?? loaded;
    const releasesPage = releasesPageFrom(await readAppUpdateYml(deps.resourcesPath));
    deps.core.services.updates.connect(createElectronUpdater(autoUpdater, {
      installs: await howItInstalls(deps, autoUpdater instanceof AppImageUpdater),
      releasesPage,
      openExternal: deps.openExternal,
      log,
    }));
  } catch (error) {
    log.warn('updates: could not start the updater', { error: String(error) });
  }
}
