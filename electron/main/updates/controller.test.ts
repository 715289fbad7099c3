import { describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../../shared/ipc/routes/updates';
import { fakeUpdater } from '../../../tests/support/fake-updater';
import { createUpdateController, UPDATE_TIMING, type BlockingWork, type Clock, type FoundUpdate, type UpdateSupport } from './controller';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const FIRST = UPDATE_TIMING.firstCheckAfterMs;
const silentLog = { info: () => {}, warn: vi.fn(), error: () => {} };

/** A clock whose time moves only when the test says so. */
function manualClock(): Clock & { advance(ms: number): Promise<void>; pending(): number } {
  let now = 1_700_000_000_000;
  let timers: Array<{ at: number; run: () => void }> = [];
  return {
    now: () => now,
    after(ms, run) {
      const timer = { at: now + ms, run };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    async advance(ms) {
      const until = now + ms;
      // A timer that keeps rescheduling itself at the same instant is a bug: fail instead of hanging.
      for (let fired = 0; ; fired++) {
        if (fired > 1000) throw new Error('timers keep firing without time passing');
        const next = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        timers = timers.filter((t) => t !== next);
        now = next.at;
        next.run();
        await flush();
      }
      now = until;
      await flush();
    },
    pending: () => timers.length,
  };
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

function setup(options: { support?: UpdateSupport; autoCheck?: boolean } = {}) {
  const clock = manualClock();
  const updater = fakeUpdater(options.support);
  const state = { autoCheck: options.autoCheck ?? true, work: null as BlockingWork | null };
  const changes: UpdateStatus[] = [];
  const controller = createUpdateController({
    updater, clock, currentVersion: '1.0.0', autoCheck: () => state.autoCheck, currentWork: () => state.work,
    onChange: (status) => changes.push(status), log: silentLog,
  });
  return { clock, updater, state, changes, controller };
}

const V2: FoundUpdate = { version: '1.1.0', releaseNotes: 'Faster Library.' };

/** Started, with V2 found and downloaded. */
async function startedWithReadyUpdate() {
  const parts = setup();
  parts.updater.publish(V2);
  parts.controller.start();
  await parts.clock.advance(FIRST);
  parts.updater.finishDownload();
  await flush();
  return parts;
}

describe('update controller: when to check', () => {
  it('checks a few seconds after start, then once a day', async () => {
    const { clock, updater, controller } = setup();
    controller.start();
    await clock.advance(FIRST - 1);
    expect(updater.checks).toBe(0);
    await clock.advance(1);
    expect(updater.checks).toBe(1);
    expect(controller.status().phase).toBe('up-to-date');
    await clock.advance(DAY - 1);
    expect(updater.checks).toBe(1);
    await clock.advance(1);
    expect(updater.checks).toBe(2);
    await clock.advance(DAY);
    expect(updater.checks).toBe(3);
  });

  it('never checks on its own when automatic checks are off, but does when asked', async () => {
    const { clock, updater, controller, state } = setup({ autoCheck: false });
    controller.start();
    await clock.advance(3 * DAY);
    expect(updater.checks).toBe(0);
    expect(clock.pending()).toBe(0);
    const status = await controller.checkNow();
    expect(updater.checks).toBe(1);
    expect(status).toMatchObject({ phase: 'up-to-date', manual: true });
    // Turned back on: the schedule resumes a day after the last check.
    state.autoCheck = true;
    controller.settingsChanged();
    await clock.advance(DAY);
    expect(updater.checks).toBe(2);
  });

  it('holds an automatic check while a recording, a clone or a Try runs, and checks once it ends', async () => {
    const { clock, updater, controller, state } = setup();
    state.work = 'recording';
    controller.start();
    await clock.advance(10 * UPDATE_TIMING.workPollMs);
    expect(updater.checks).toBe(0);
    state.work = null;
    controller.workChanged();
    await flush();
    expect(updater.checks).toBe(1);
  });

  it('notices work that ended without being told, within the poll interval', async () => {
    const { clock, updater, controller, state } = setup();
    state.work = 'try';
    controller.start();
    await clock.advance(FIRST);
    state.work = null;
    await clock.advance(UPDATE_TIMING.workPollMs);
    expect(updater.checks).toBe(1);
  });

  it('tries again an hour after a failed check, quietly', async () => {
    const { clock, updater, controller, changes } = setup();
    updater.failNextCheck(new Error('getaddrinfo ENOTFOUND'));
    controller.start();
    await clock.advance(FIRST);
    expect(controller.status()).toMatchObject({ phase: 'failed', failure: 'check', offer: false });
    expect(silentLog.warn).toHaveBeenCalledWith('updates: check failed', expect.objectContaining({ error: expect.stringContaining('ENOTFOUND') }));
    await clock.advance(HOUR);
    expect(updater.checks).toBe(2);
    expect(changes.at(-1)).toMatchObject({ phase: 'up-to-date', failure: null });
  });

  it('does not look again while a version waits for the restart', async () => {
    const { clock, updater, controller } = await startedWithReadyUpdate();
    expect(controller.status().phase).toBe('ready');
    await clock.advance(5 * DAY);
    expect(updater.checks).toBe(1);
    expect(await controller.checkNow()).toMatchObject({ phase: 'ready', version: '1.1.0' });
    expect(updater.checks).toBe(1);
  });

  it('does nothing at all where Timbre cannot update itself', async () => {
    const { clock, updater, controller } = setup({ support: 'unavailable' });
    controller.start();
    await clock.advance(2 * DAY);
    expect(updater.checks).toBe(0);
    await expect(controller.checkNow()).rejects.toMatchObject({ code: 'UPDATE_UNAVAILABLE' });
  });
});

describe('update controller: when to offer and restart', () => {
  it('downloads a newer version in the background and offers it once it is ready, with its notes', async () => {
    const { clock, updater, controller, changes } = setup();
    updater.publish(V2);
    controller.start();
    await clock.advance(FIRST);
    expect(controller.status()).toMatchObject({ phase: 'downloading', percent: 42, offer: false });
    updater.finishDownload();
    await flush();
    expect(changes.at(-1)).toMatchObject({ phase: 'ready', version: '1.1.0', releaseNotes: 'Faster Library.', offer: true, percent: null });
  });

  it('never offers during work: the offer waits for the recording to end', async () => {
    const { clock, updater, controller, state } = setup();
    updater.publish(V2);
    controller.start();
    await clock.advance(FIRST);
    state.work = 'recording';
    updater.finishDownload();
    await flush();
    expect(controller.status()).toMatchObject({ phase: 'ready', offer: false, heldBy: 'recording' });
    state.work = null;
    controller.workChanged();
    expect(controller.status()).toMatchObject({ offer: true, heldBy: null });
  });

  it('an offer already shown stays when work starts (the screen does not jump), but its restart waits', async () => {
    const { controller, state } = await startedWithReadyUpdate();
    expect(controller.status()).toMatchObject({ offer: true, heldBy: null });
    state.work = 'recording';
    controller.workChanged();
    expect(controller.status()).toMatchObject({ offer: true, heldBy: 'recording' });
    expect(() => controller.install()).toThrow(expect.objectContaining({ code: 'UPDATE_BUSY' }));
  });

  it('refuses to restart while a clone is being sent, and restarts when idle', async () => {
    const { updater, controller, state } = await startedWithReadyUpdate();
    state.work = 'clone';
    expect(() => controller.install()).toThrow(expect.objectContaining({ code: 'UPDATE_BUSY', details: { work: 'clone' } }));
    expect(updater.installs).toBe(0);
    state.work = null;
    controller.install();
    expect(updater.installs).toBe(1);
  });

  it('an install that fails after the restart was asked for (Squirrel.Mac) is said, and the releases page offered', async () => {
    const { updater, controller } = await startedWithReadyUpdate();
    controller.install();
    expect(updater.installs).toBe(1);
    updater.failInstall!(new Error('Could not locate update bundle for app.timbre.desktop within file:///…'));
    expect(controller.status()).toMatchObject({ phase: 'available', failure: 'install', offer: true, version: '1.1.0' });
    // "Restart to update" is no longer what is offered: the releases page is.
    expect(() => controller.install()).toThrow(expect.objectContaining({ code: 'UPDATE_NOT_READY' }));
  });

  it('cannot restart before a version is downloaded', async () => {
    const { controller, updater } = setup();
    expect(() => controller.install()).toThrow(expect.objectContaining({ code: 'UPDATE_NOT_READY' }));
    expect(updater.installs).toBe(0);
  });

  it('"later" hides the offer for that version only', async () => {
    const { clock, updater, controller } = setup({ support: 'notify-only' });
    updater.publish(V2);
    controller.start();
    await clock.advance(FIRST);
    expect(controller.status()).toMatchObject({ phase: 'available', offer: true });
    expect(controller.later()).toMatchObject({ offer: false, version: '1.1.0' });
    await clock.advance(DAY);
    expect(controller.status().offer).toBe(false);
    updater.publish({ version: '1.2.0', releaseNotes: null });
    await clock.advance(DAY);
    expect(controller.status()).toMatchObject({ version: '1.2.0', offer: true });
  });

  it('only announces a .deb update: nothing is downloaded or installed', async () => {
    const { clock, updater, controller } = setup({ support: 'notify-only' });
    updater.publish(V2);
    controller.start();
    await clock.advance(FIRST);
    expect(updater.downloads).toBe(0);
    expect(controller.status().phase).toBe('available');
    expect(() => controller.install()).toThrow(expect.objectContaining({ code: 'UPDATE_NOT_READY' }));
  });

  it('a failed download is a note in the status and is tried again later', async () => {
    const { clock, updater, controller } = setup();
    updater.publish(V2);
    updater.failNextDownload(new Error('sha512 checksum mismatch'));
    controller.start();
    await clock.advance(FIRST);
    expect(controller.status()).toMatchObject({ phase: 'failed', failure: 'download', offer: false });
    await clock.advance(HOUR);
    expect(updater.checks).toBe(2);
    expect(controller.status().phase).toBe('downloading');
  });
});
