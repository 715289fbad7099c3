/**
 * electron-updater behind the controller's `Updater`: the controller decides when to check,
 * download and install; this only translates. The release feed is the one electron-builder writes
 * into the app (`app-update.yml`, from the `publish` block of electron-builder.yml).
 */
import type { AppUpdater, ProgressInfo } from 'electron-updater';
import { TimbreError } from '../../../shared/errors';
import type { Logger } from '../foundation/log';
import { UPDATE_ERROR, type Updater, type UpdateSupport } from './controller';
import { releaseNotesText } from './release-notes';

export interface ElectronUpdaterOptions {
  /** notify-only for Linux packages their package manager owns (.deb): they are never replaced in place. */
  installs: Exclude<UpdateSupport, 'unavailable'>;
  /** Where a person downloads a newer version by hand, or null when unknown. */
  releasesPage: string | null;
  openExternal(url: string): Promise<void>;
  log: Logger;
}

/** The releases page named by the `app-update.yml` electron-builder packs into the app. */
export function releasesPageFrom(appUpdateYml: string): string | null {
  const field = (name: string) => appUpdateYml.match(new RegExp(`^${name}:\\s*['"]?([^'"\\s#]+)`, 'm'))?.[1];
  const provider = field('provider');
  if (provider === 'github' && field('owner') && field('repo')) return `https://github.com/${field('owner')}/${field('repo')}/releases/latest`;
  const url = field('url');
  return provider === 'generic' && url?.startsWith('https://') ? url : null;
}

export function createElectronUpdater(autoUpdater: AppUpdater, options: ElectronUpdaterOptions): Updater {
  const { log } = options;
  // The controller decides when to download (never during work) and when to restart.
  autoUpdater.autoDownload = false;
  // A downloaded version the user put off still installs when they quit Timbre themselves.
  autoUpdater.autoInstallOnAppQuit = options.installs === 'self-update';
  autoUpdater.logger = {
    info: (message?: unknown) => log.info(`electron-updater: ${String(message)}`),
    warn: (message?: unknown) => log.warn(`electron-updater: ${String(message)}`),
    error: (message?: unknown) => log.warn(`electron-updater: ${String(message)}`),
  };

  return {
    // Not packaged, or an AppImage started without its launcher: electron-updater would do nothing.
    support: autoUpdater.isUpdaterActive() ? options.installs : 'unavailable',
    async check() {
      const result = await autoUpdater.checkForUpdates();
      if (!result?.isUpdateAvailable) return null;
      return { version: result.updateInfo.version, releaseNotes: releaseNotesText(result.updateInfo.releaseNotes) };
    },
    async download(onProgress) {
      const listener = (progress: ProgressInfo) => onProgress(progress.percent);
      autoUpdater.on('download-progress', listener);
      try {
        await autoUpdater.downloadUpdate();
      } finally {
        autoUpdater.off('download-progress', listener);
      }
    },
    install(onFailure) {
      // On macOS the install happens after this returns (MacUpdater hands the download to
      // Squirrel.Mac); a refusal arrives only as the updater's `error` event.
      const failed = (error: Error) => {
        autoUpdater.off('error', failed);
        onFailure(error);
      };
      autoUpdater.on('error', failed);
      // Silent: the installer runs without its wizard; then Timbre starts again.
      autoUpdater.quitAndInstall(true, true);
    },
    async openReleasesPage() {
      if (!options.releasesPage) throw new TimbreError(UPDATE_ERROR.unavailable, 'This build does not know its releases page');
      // electronegativity: OPEN_EXTERNAL_JS_CHECK — the releases page from the app's own app-update.yml, https only (releasesPageFrom).
      await options.openExternal(options.releasesPage);
    },
  };
}
