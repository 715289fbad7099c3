/**
 * Updates as a person meets them: a quiet notice when a version is ready (never while recording),
 * "Restart to update" / "Later", the .deb's pointer to the releases page, and the Settings section.
 * electron-updater is replaced by a stand-in connected to the real core (its own test serves a
 * real feed: electron/main/updates/electron-updater.test.ts).
 */
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGLISH_SCRIPT, speechWav } from '../support/audio-fixtures';
import { fakeUpdater } from '../support/fake-updater';
import { launchTimbre, type LaunchOptions, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

const NOTES = 'Faster Library.\n• Updates keep Timbre current.';

describe('Updates', () => {
  const sessions: TimbreSession[] = [];
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
  });

  async function open(options: LaunchOptions = {}) {
    const app = await launchTimbre({ locale: 'en-US', ...options });
    sessions.push(app);
    return app;
  }
  const notice = (page: Page) => page.getByTestId(TEST_IDS.updateNotice);
  const phase = async (app: TimbreSession) => (await app.core.handlers['updates.status']()).phase;

  it('holds a ready version back while recording, then offers it with its notes; "Restart to update" installs it', async () => {
    const app = await open({ micWav: speechWav({ text: ENGLISH_SCRIPT, voice: 'en-us', padSeconds: 0.6 }) });
    const { page } = app;
    await page.getByTestId(TEST_IDS.recordStart).click();
    await page.getByTestId(TEST_IDS.recordStop).waitFor({ timeout: 6000 });

    const updater = fakeUpdater();
    updater.publish({ version: '9.1.0', releaseNotes: NOTES });
    // A check the user asks for runs during a recording; only the offer waits.
    app.core.services.updates.connect(updater);
    await app.core.handlers['updates.check']();
    updater.finishDownload();
    await expect.poll(() => phase(app)).toBe('ready');
    expect((await app.core.handlers['updates.status']()).heldBy).toBe('recording');
    expect(await notice(page).count()).toBe(0);

    await page.getByTestId(TEST_IDS.recordStop).click();
    await notice(page).waitFor();
    expect(await notice(page).getAttribute('data-kind')).toBe('ready');
    expect(await notice(page).innerText()).toContain('Timbre 9.1.0 is ready');
    await page.getByText('What’s new').click();
    expect(await page.getByTestId(TEST_IDS.updateNotes).innerText()).toBe(NOTES);
    await page.getByTestId(TEST_IDS.updateRestart).click();
    await expect.poll(() => updater.installs).toBe(1);
  });

  it('a .deb only points to the releases page, and "Later" puts the notice away', async () => {
    const app = await open();
    const { page } = app;
    const updater = fakeUpdater('notify-only');
    updater.publish({ version: '9.1.0', releaseNotes: null });
    app.core.services.updates.connect(updater);
    await app.core.handlers['updates.check']();
    await notice(page).waitFor();
    expect(await notice(page).getAttribute('data-kind')).toBe('available');
    expect(await notice(page).innerText()).toContain('releases page');
    await page.getByTestId(TEST_IDS.updateOpenReleases).click();
    await expect.poll(() => updater.releasePagesOpened).toBe(1);
    expect(updater.downloads).toBe(0);
    await page.getByTestId(TEST_IDS.updateLater).click();
    await notice(page).waitFor({ state: 'detached' });
  });

  it('Settings: automatic checks can be turned off, "Check for updates" says when Timbre is current, failures are a note', async () => {
    const app = await open({ locale: 'zh-CN' });
    const { page } = app;
    await page.getByTestId(TEST_IDS.navSettings).click();
    const state = page.getByTestId(TEST_IDS.settingsUpdateState);
    // Run from source (nothing connected), Timbre says it does not update itself.
    expect(await state.getAttribute('data-phase')).toBe('unavailable');
    expect(await page.getByTestId(TEST_IDS.settingsUpdateCheck).isDisabled()).toBe(true);

    await page.getByTestId(TEST_IDS.settingsUpdateAuto).uncheck();
    await expect.poll(() => app.core.services.preferences.get().checkForUpdates).toBe(false);
    const updater = fakeUpdater();
    app.core.services.updates.connect(updater);
    await expect.poll(() => state.getAttribute('data-phase')).toBe('idle');
    expect(updater.checks).toBe(0);

    await page.getByTestId(TEST_IDS.settingsUpdateCheck).click();
    await expect.poll(() => state.getAttribute('data-phase')).toBe('up-to-date');
    expect(await state.innerText()).toContain('Timbre 已是最新版本');
    expect(updater.checks).toBe(1);

    updater.failNextCheck(new Error('getaddrinfo ENOTFOUND github.com'));
    await page.getByTestId(TEST_IDS.settingsUpdateCheck).click();
    await expect.poll(() => state.getAttribute('data-phase')).toBe('failed');
    expect(await page.getByTestId(TEST_IDS.settingsUpdateFailure).innerText()).toContain('无法检查更新');
    // Quiet: no dialog and no error toast, only the note.
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByTestId(TEST_IDS.toast).count()).toBe(0);
  });

  it('"Check for Updates…" in the menu answers in the window, even where Timbre cannot update itself', async () => {
    const app = await open();
    const { page } = app;
    app.core.services.updates.checkFromMenu();
    await notice(page).waitFor();
    expect(await notice(page).getAttribute('data-kind')).toBe('unavailable');
    await notice(page).getByRole('button', { name: 'Close' }).click();
    await notice(page).waitFor({ state: 'detached' });

    const updater = fakeUpdater();
    app.core.services.updates.connect(updater);
    app.core.services.updates.checkFromMenu();
    await expect.poll(() => notice(page).getAttribute('data-kind')).toBe('up-to-date');
    expect(await notice(page).innerText()).toContain('is the latest version');
  });
});
