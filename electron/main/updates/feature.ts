/**
 * The updates feature as the core composes it: its IPC handlers, what counts as work in progress,
 * and the controller once an updater is connected (`startUpdates` does that in the packaged app).
 * Until then, and in tests and when run from source, Timbre reports that it does not update itself.
 */
import { TimbreError } from '../../../shared/errors';
import type { Emit, Handlers } from '../../../shared/ipc/contract';
import type { UpdateStatus } from '../../../shared/ipc/routes/updates';
import type { Logger } from '../foundation/log';
import { createUpdateController, systemClock, UPDATE_ERROR, UPDATE_TIMING, type BlockingWork, type Clock, type UpdateController, type Updater } from './controller';

type UpdatesChannel = Extract<keyof Handlers, `updates.${string}`>;

export interface UpdatesFeatureDeps {
  currentVersion: string;
  autoCheck(): boolean;
  /** Work main knows about (a clone being sent, a Try running); the renderer reports recordings. */
  mainWork(): BlockingWork | null;
  emit: Emit;
  log: Logger;
}

export function createUpdatesFeature(deps: UpdatesFeatureDeps) {
  let recording = false;
  let controller: UpdateController | null = null;
  /** Run from source, the menu's "does not update itself" answer stays in the status until closed, so a window that asks then sees it. */
  let answeredMenu = false;
  const currentWork = (): BlockingWork | null => (recording ? 'recording' : deps.mainWork());

  const notUpdating = (): UpdateStatus => ({
    currentVersion: deps.currentVersion, support: 'unavailable', phase: 'idle', version: null, releaseNotes: null,
    percent: null, lastCheckedAt: null, failure: null, offer: false, heldBy: currentWork(), manual: answeredMenu,
  });
  const connected = (): UpdateController => {
    if (!controller) throw new TimbreError(UPDATE_ERROR.unavailable, 'This copy of Timbre does not update itself');
    return controller;
  };

  const handlers = {
    'updates.status': () => controller?.status() ?? notUpdating(),
    'updates.check': () => connected().checkNow(),
    'updates.install': () => connected().install(),
    'updates.later': () => {
      answeredMenu = false;
      return controller?.later() ?? notUpdating();
    },
    'updates.openReleasesPage': () => connected().openReleasesPage(),
    'updates.reportRecording': ({ recording: now }) => {
      recording = now;
      controller?.workChanged();
    },
  } satisfies Pick<Handlers, UpdatesChannel>;

  return {
    handlers,
    /** Hands over the real updater and starts the schedule (the first automatic check comes a few seconds later). */
    connect(updater: Updater, clock: Clock = systemClock, timing?: Partial<typeof UPDATE_TIMING>): void {
      controller?.stop();
      controller = createUpdateController({
        updater, clock, timing, currentVersion: deps.currentVersion, autoCheck: deps.autoCheck, currentWork,
        onChange: (status) => deps.emit('updates.changed', status), log: deps.log,
      });
      controller.start();
    },
    /** "Check for Updates…" in the app menu: the outcome shows in the window; failures are only logged. */
    checkFromMenu(): void {
      // Run from source there is nothing to check; the window says so instead of staying silent.
      if (!controller) {
        answeredMenu = true;
        return deps.emit('updates.changed', notUpdating());
      }
      controller.checkNow().catch((error: unknown) => deps.log.warn('updates: menu check failed', { error: String(error) }));
    },
    /** Work main tracks started or ended (a clone's sending state changed). */
    workChanged(): void {
      controller?.workChanged();
    },
    /** Work that runs as long as `work` (a Try): the offer is held from now until it settles. */
    duringWork<T>(work: Promise<T>): Promise<T> {
      controller?.workChanged();
      return work.finally(() => controller?.workChanged());
    },
    settingsChanged(): void {
      controller?.settingsChanged();
    },
    dispose(): void {
      controller?.stop();
    },
  };
}

export type UpdatesFeature = ReturnType<typeof createUpdatesFeature>;
