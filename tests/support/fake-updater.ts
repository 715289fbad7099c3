import type { FoundUpdate, Updater, UpdateSupport } from '../../electron/main/updates/controller';

/**
 * A stand-in for electron-updater behind the update controller: the test decides what the feed
 * offers, when a check fails and when a download finishes, and reads what was asked of it.
 */
export function fakeUpdater(support: UpdateSupport = 'self-update') {
  let feed: FoundUpdate | null = null;
  let failNext: Error | null = null;
  let failDownload: Error | null = null;
  let finish: (() => void) | null = null;
  const updater = {
    support,
    checks: 0,
    downloads: 0,
    installs: 0,
    releasePagesOpened: 0,
    async check() {
      updater.checks++;
      const error = failNext;
      failNext = null;
      if (error) throw error;
      return feed;
    },
    download(onProgress: (percent: number) => void) {
      updater.downloads++;
      const error = failDownload;
      failDownload = null;
      if (error) return Promise.reject(error);
      onProgress(42.4);
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    },
    /** Reports a failure of the last install after it returned, as Squirrel.Mac does. */
    failInstall: null as ((error: unknown) => void) | null,
    install(onFailure: (error: unknown) => void) {
      updater.installs++;
      updater.failInstall = onFailure;
    },
    async openReleasesPage() {
      updater.releasePagesOpened++;
    },
    /** What the feed offers from now on (null: nothing newer). */
    publish(update: FoundUpdate | null) {
      feed = update;
    },
    failNextCheck(error: Error) {
      failNext = error;
    },
    failNextDownload(error: Error) {
      failDownload = error;
    },
    finishDownload() {
      finish?.();
      finish = null;
    },
  };
  return updater satisfies Updater;
}
