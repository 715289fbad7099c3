import { HttpExecutor } from 'builder-util-runtime';
import { NsisUpdater, type AppUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createElectronUpdater, releasesPageFrom } from './electron-updater';
import { releaseNotesText } from './release-notes';

/** Electron's `net` is not here: the same requests through Node's http (what electron-builder's own tools use). */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }
}

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };

/** The feed electron-builder writes next to the installers (here for version 1.1.0). */
const LATEST_YML = `version: 1.1.0
files:
  - url: Timbre-Setup-1.1.0.exe
    sha512: 2Zmn0mAvXy9oBXM0ofHJ36E4b7UYr7RW+LkvB4x0sUCYgTWaB5LbD+oSOkWBKt6dHe0X6u1qyI0dXXeXC/GL4w==
    size: 84123456
path: Timbre-Setup-1.1.0.exe
sha512: 2Zmn0mAvXy9oBXM0ofHJ36E4b7UYr7RW+LkvB4x0sUCYgTWaB5LbD+oSOkWBKt6dHe0X6u1qyI0dXXeXC/GL4w==
releaseDate: '2026-11-27T12:00:00.000Z'
releaseNotes: |
  ### Added
  - Timbre keeps itself current.
`;

let feedUrl = '';
const requested: string[] = [];
const server = createServer((req, res) => {
  requested.push(req.url ?? '');
  // latest.yml (Windows), latest-mac.yml, latest-linux.yml: the same feed for whichever this platform asks.
  if (/^\/latest(-mac|-linux)?\.yml(\?|$)/.test(req.url ?? '')) {
    res.writeHead(200, { 'content-type': 'text/yaml' }).end(LATEST_YML);
  } else {
    res.writeHead(404).end();
  }
});
const dataDir = mkdtempSync(join(tmpdir(), 'timbre-updates-'));

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => {
  server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** electron-updater's own updater and generic provider, for an installed Timbre of `version`. */
function installedTimbre(version: string, url = feedUrl) {
  const app: AppAdapter = {
    version, name: 'Timbre', isPackaged: true, appUpdateConfigPath: join(dataDir, 'app-update.yml'),
    userDataPath: dataDir, baseCachePath: dataDir,
    whenReady: async () => {}, relaunch: () => {}, quit: () => {}, onQuit: () => {},
  };
  const updater = new NsisUpdater(null, app);
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new NodeHttpExecutor();
  updater.setFeedURL({ provider: 'generic', url });
  return createElectronUpdater(updater, { installs: 'self-update', releasesPage: null, openExternal: async () => {}, log: silentLog });
}

describe('electron-updater against a latest.yml served from 127.0.0.1', () => {
  it('finds a newer version, with its release notes as text', async () => {
    const updater = installedTimbre('1.0.0');
    expect(updater.support).toBe('self-update');
    expect(await updater.check()).toEqual({ version: '1.1.0', releaseNotes: '### Added\n- Timbre keeps itself current.' });
    expect(requested.at(-1)).toMatch(/^\/latest(-mac|-linux)?\.yml/);
  });

  it('finds nothing when the installed version is the same', async () => {
    expect(await installedTimbre('1.1.0').check()).toBeNull();
  });

  it('never offers an older version', async () => {
    expect(await installedTimbre('1.2.0').check()).toBeNull();
  });

  it('a prerelease of the next version is older than the release', async () => {
    expect(await installedTimbre('1.1.0-beta.2').check()).toMatchObject({ version: '1.1.0' });
  });

  it('fails (for the controller to log) when the feed is not there', async () => {
    await expect(installedTimbre('1.0.0', `${feedUrl}nowhere/`).check()).rejects.toThrow(/Cannot find channel/);
  });
});

describe('installing', () => {
  it('passes on a failure that arrives after quitAndInstall returned (MacUpdater emits it as `error`)', () => {
    const macUpdater = Object.assign(new EventEmitter(), {
      autoDownload: true, autoInstallOnAppQuit: true, logger: null as unknown,
      isUpdaterActive: () => true,
      quitAndInstall: vi.fn(),
    });
    const updater = createElectronUpdater(macUpdater as unknown as AppUpdater, { installs: 'self-update', releasesPage: null, openExternal: async () => {}, log: silentLog });
    const failures: unknown[] = [];
    updater.install((error) => failures.push(error));
    expect(macUpdater.quitAndInstall).toHaveBeenCalledWith(true, true);
    const refusal = new Error('Code signature at URL did not pass validation');
    macUpdater.emit('error', refusal);
    expect(failures).toEqual([refusal]);
    // Told once; the listener is gone.
    expect(macUpdater.listenerCount('error')).toBe(0);
  });
});

describe('release page and notes', () => {
  it('reads the releases page from the app-update.yml electron-builder packs', () => {
    expect(releasesPageFrom('owner: timbre-app\nrepo: timbre\nprovider: github\nupdaterCacheDirName: timbre-updater\n'))
      .toBe('https://github.com/timbre-app/timbre/releases/latest');
    expect(releasesPageFrom("provider: generic\nurl: 'https://downloads.example.org/timbre'\n")).toBe('https://downloads.example.org/timbre');
    expect(releasesPageFrom('provider: generic\nurl: http://insecure.example.org/\n')).toBeNull();
    expect(releasesPageFrom('')).toBeNull();
  });

  it('shows GitHub’s HTML release body as plain text', () => {
    expect(releaseNotesText('<h3>Added</h3><ul><li>Updates &amp; a changelog</li><li>Faster <b>Library</b></li></ul>'))
      .toBe('Added\n• Updates & a changelog\n• Faster Library');
    expect(releaseNotesText([{ version: '1.1.0', note: '<p>New</p>' }])).toBe('1.1.0\nNew');
    expect(releaseNotesText(null)).toBeNull();
    expect(releaseNotesText('  ')).toBeNull();
  });
});
