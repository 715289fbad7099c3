import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createUpdatesFeature } from './feature';
import type { MacSignature } from './mac-signature';
import { startUpdates } from './start';

// What `autoUpdater` is depends on the package: electron-updater picks DebUpdater for a .deb.
const installed = vi.hoisted(() => ({ kind: 'deb' as 'deb' | 'appimage' }));
vi.mock('electron-updater', () => {
  class FakeUpdater {
    autoDownload = true;
    autoInstallOnAppQuit = true;
    logger: unknown = null;
    isUpdaterActive = () => true;
    checkForUpdates = async () => ({ isUpdateAvailable: true, updateInfo: { version: '2.0.0', releaseNotes: '<p>New</p>' } });
    downloadUpdate = vi.fn(async () => []);
    on() {}
    off() {}
  }
  class AppImageUpdater extends FakeUpdater {}
  class DebUpdater extends FakeUpdater {}
  const module = {
    AppImageUpdater,
    get autoUpdater() {
      return installed.kind === 'deb' ? new DebUpdater() : new AppImageUpdater();
    },
  };
  return { ...module, default: module };
});

const resourcesPath = mkdtempSync(join(tmpdir(), 'timbre-resources-'));
writeFileSync(join(resourcesPath, 'app-update.yml'), 'owner: timbre-app\nrepo: timbre\nprovider: github\nupdaterCacheDirName: timbre-updater\n');
afterAll(() => rmSync(resourcesPath, { recursive: true, force: true }));

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };

async function start(platform: NodeJS.Platform, isPackaged = true, macSignature: MacSignature = 'developer-id') {
  const opened: string[] = [];
  const bundles: string[] = [];
  const updates = createUpdatesFeature({ currentVersion: '1.0.0', autoCheck: () => false, mainWork: () => null, emit: () => {}, log: silentLog });
  await startUpdates({
    core: { services: { updates } }, app: { isPackaged }, resourcesPath, platform, log: silentLog,
    execPath: '/Applications/Timbre.app/Contents/MacOS/Timbre',
    readMacSignature: async (bundle) => (bundles.push(bundle), macSignature),
    openExternal: async (url) => {
      opened.push(url);
    },
  });
  return { updates, opened, bundles };
}

describe('startUpdates', () => {
  it('a .deb is only told about a new version and sent to the releases page named in app-update.yml', async () => {
    installed.kind = 'deb';
    const { updates, opened } = await start('linux');
    expect(await updates.handlers['updates.check']()).toMatchObject({ support: 'notify-only', phase: 'available', version: '2.0.0', releaseNotes: 'New' });
    await updates.handlers['updates.openReleasesPage']();
    expect(opened).toEqual(['https://github.com/timbre-app/timbre/releases/latest']);
  });

  it('an AppImage, like Windows and macOS, downloads and installs itself', async () => {
    installed.kind = 'appimage';
    const { updates } = await start('linux');
    expect(await updates.handlers['updates.check']()).toMatchObject({ support: 'self-update', phase: 'downloading' });
    await vi.waitFor(async () => expect((await updates.handlers['updates.status']()).phase).toBe('ready'));
  });

  it('macOS with a Developer ID signature downloads and installs itself', async () => {
    installed.kind = 'appimage';
    const { updates, bundles } = await start('darwin');
    expect(bundles).toEqual(['/Applications/Timbre.app']);
    expect(await updates.handlers['updates.check']()).toMatchObject({ support: 'self-update', phase: 'downloading' });
  });

  it('an unsigned or ad-hoc macOS copy, which Squirrel.Mac cannot update, is sent to the releases page instead of downloading for ever', async () => {
    installed.kind = 'appimage';
    for (const signature of ['ad-hoc', 'unsigned'] as const) {
      const { updates, opened } = await start('darwin', true, signature);
      expect(await updates.handlers['updates.check']()).toMatchObject({ support: 'unsigned', phase: 'available', version: '2.0.0' });
      await updates.handlers['updates.openReleasesPage']();
      expect(opened).toEqual(['https://github.com/timbre-app/timbre/releases/latest']);
    }
  });

  it('run from source, nothing is loaded and Timbre says it does not update itself', async () => {
    const { updates } = await start('linux', false);
    expect(await updates.handlers['updates.status']()).toMatchObject({ support: 'unavailable' });
  });

  it('run from source, "Check for Updates…" answers in the window, and the status says so until the answer is closed', async () => {
    const pushed: unknown[] = [];
    const updates = createUpdatesFeature({
      currentVersion: '1.0.0', autoCheck: () => true, mainWork: () => null, log: silentLog,
      emit: (_event, payload) => pushed.push(payload),
    });
    updates.checkFromMenu();
    expect(pushed).toMatchObject([{ support: 'unavailable', manual: true }]);
    // A window still loading asks after the push, and must see the same answer.
    expect(await updates.handlers['updates.status']()).toMatchObject({ support: 'unavailable', manual: true });
    expect(await updates.handlers['updates.later']()).toMatchObject({ manual: false });
    expect(await updates.handlers['updates.status']()).toMatchObject({ manual: false });
  });
});
