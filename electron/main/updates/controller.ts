/**
 * When to check for a newer Timbre, when to download it and when to offer the restart. The updater
 * and the clock are passed in, so every decision is tested without Electron or a network:
 * - automatic checks at start (a few seconds in) and then daily (sooner after a failure), only when the setting is on;
 * - an automatic check waits while a recording, a clone or a Try runs; so do the offer and the restart;
 * - a version found is downloaded in the background (self-update) or only announced (.deb);
 * - "later" hides the offer for that version; failures are a line in the log and a note in the status.
 */
import { TimbreError } from '../../../shared/errors';
import type { UPDATE_BLOCKING_WORK, UPDATE_SUPPORT, UpdateStatus } from '../../../shared/ipc/routes/updates';
import type { Logger } from '../foundation/log';

export type UpdateSupport = (typeof UPDATE_SUPPORT)[number];
export type BlockingWork = (typeof UPDATE_BLOCKING_WORK)[number];

export interface FoundUpdate {
  version: string;
  /** Plain text. */
  releaseNotes: string | null;
}

/** What the controller drives: electron-updater in the app (adapter.ts), a stand-in in tests. */
export interface Updater {
  readonly support: UpdateSupport;
  /** Asks the release feed; the newer version, or null when this one is current. */
  check(): Promise<FoundUpdate | null>;
  /** Downloads the version the last check found. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /**
   * Quits Timbre, installs the downloaded version and starts it again. A failure after it returned
   * (Squirrel.Mac refusing the update, say) is reported through `onFailure`.
   */
  install(onFailure: (error: unknown) => void): void;
  /** Opens the releases page in the browser (how the .deb gets a newer version). */
  openReleasesPage(): Promise<void>;
}

export interface Clock {
  now(): number;
  /** Runs `run` after `ms`; the returned function cancels it. */
  after(ms: number, run: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, ms);
    // A pending check must not keep the process alive at quit.
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

export const UPDATE_TIMING = {
  /** The check "at start" waits this long, so it does not compete with opening the window. */
  firstCheckAfterMs: 5 * 1000,
  /** Between automatic checks. */
  checkEveryMs: 24 * 60 * 60 * 1000,
  /** After a failed check or download (offline at start, say) the next try comes sooner. */
  retryAfterFailureMs: 60 * 60 * 1000,
  /** While work holds a check or the offer back, look again this often. */
  workPollMs: 30 * 1000,
};

export const UPDATE_ERROR = {
  notReady: 'UPDATE_NOT_READY',
  busy: 'UPDATE_BUSY',
  installFailed: 'UPDATE_INSTALL_FAILED',
  unavailable: 'UPDATE_UNAVAILABLE',
} as const;

export interface UpdateControllerDeps {
  updater: Updater;
  clock: Clock;
  currentVersion: string;
  /** The "check for updates automatically" setting, read at each decision. */
  autoCheck(): boolean;
  /** The work a restart would interrupt right now, if any. */
  currentWork(): BlockingWork | null;
  onChange(status: UpdateStatus): void;
  log: Logger;
  timing?: Partial<typeof UPDATE_TIMING>;
}

export interface UpdateController {
  status(): UpdateStatus;
  /** Starts the automatic schedule (the first check is due a few seconds later). */
  start(): void;
  /** A check the user asked for; resolves when the check (not the download) is done. */
  checkNow(): Promise<UpdateStatus>;
  later(): UpdateStatus;
  install(): void;
  openReleasesPage(): Promise<void>;
  /** Work started or ended: the offer may show now, a held check may run. */
  workChanged(): void;
  /** The setting may have changed. */
  settingsChanged(): void;
  stop(): void;
}

export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  const { updater, clock, log } = deps;
  const timing = { ...UPDATE_TIMING, ...deps.timing };
  let phase: UpdateStatus['phase'] = 'idle';
  let found: FoundUpdate | null = null;
  let percent: number | null = null;
  let lastCheckedAt: number | null = null;
  let lastAttemptAt: number | null = null;
  let failure: UpdateStatus['failure'] = null;
  let manual = false;
  let dismissedVersion: string | null = null;
  /** The version whose offer has been shown; it stays shown until answered (see status()). */
  let offeredVersion: string | null = null;
  let running = false;
  let startedAt = 0;
  let cancelTimer: (() => void) | null = null;
  let checking: Promise<void> | null = null;
  let lastEmitted = '';

  const offerable = () => (phase === 'ready' || phase === 'available') && found !== null && found.version !== dismissedVersion;

  function status(): UpdateStatus {
    const heldBy = deps.currentWork();
    // A new offer waits for work to end; one already on screen stays (only its restart waits):
    // taking it away when the user starts recording would move the screen under their hand.
    const offer = offerable() && (heldBy === null || offeredVersion === found?.version);
    if (offer) offeredVersion = found?.version ?? null;
    return {
      currentVersion: deps.currentVersion,
      support: updater.support,
      phase,
      version: found?.version ?? null,
      releaseNotes: found?.releaseNotes ?? null,
      percent,
      lastCheckedAt,
      failure,
      offer,
      heldBy,
      manual,
    };
  }

  function announce(): void {
    const next = status();
    const key = JSON.stringify(next);
    if (key === lastEmitted) return;
    lastEmitted = key;
    deps.onChange(next);
  }

  /** When the next automatic check is due, or null when none should run. */
  function checkDueAt(): number | null {
    if (!running || updater.support === 'unavailable' || !deps.autoCheck()) return null;
    // Nothing to look for while one is being fetched, or once one waits for the restart.
    if (checking || phase === 'downloading' || phase === 'ready') return null;
    if (lastAttemptAt === null) return startedAt + timing.firstCheckAfterMs;
    return lastAttemptAt + (failure ? timing.retryAfterFailureMs : timing.checkEveryMs);
  }

  function schedule(): void {
    cancelTimer?.();
    cancelTimer = null;
    if (!running) return;
    const now = clock.now();
    const dueAt = checkDueAt();
    const busy = deps.currentWork() !== null;
    const pollAt = now + timing.workPollMs;
    // A check that is due but held by work, and an offer held by work, are looked at again after a poll interval.
    const checkAt = dueAt === null ? Infinity : busy && dueAt <= now ? pollAt : dueAt;
    const wakeAt = Math.min(checkAt, busy && offerable() ? pollAt : Infinity);
    if (wakeAt === Infinity) return;
    cancelTimer = clock.after(Math.max(0, wakeAt - now), tick);
  }

  function tick(): void {
    cancelTimer = null;
    const dueAt = checkDueAt();
    if (dueAt !== null && dueAt <= clock.now() && deps.currentWork() === null) {
      void check(false);
      return;
    }
    announce();
    schedule();
  }

  function check(byUser: boolean): Promise<void> {
    if (checking) {
      // Asked for while an automatic check runs: its outcome is then the user's answer.
      if (byUser && !manual) {
        manual = true;
        announce();
      }
      return checking;
    }
    phase = 'checking';
    manual = byUser;
    failure = null;
    lastAttemptAt = clock.now();
    announce();
    checking = (async () => {
      try {
        const update = await updater.check();
        lastCheckedAt = clock.now();
        if (!update) {
          phase = 'up-to-date';
          found = null;
          log.info('updates: this version is current', { version: deps.currentVersion });
        } else {
          found = update;
          log.info('updates: newer version found', { version: update.version, current: deps.currentVersion });
          if (updater.support === 'self-update') {
            phase = 'downloading';
            percent = 0;
            void download();
          } else {
            phase = 'available';
          }
        }
      } catch (error) {
        phase = 'failed';
        failure = 'check';
        log.warn('updates: check failed', { error: String(error) });
      } finally {
        checking = null;
      }
      announce();
      schedule();
    })();
    return checking;
  }

  async function download(): Promise<void> {
    try {
      await updater.download((value) => {
        const rounded = Math.min(100, Math.max(0, Math.round(value)));
        if (rounded === percent) return;
        percent = rounded;
        announce();
      });
      phase = 'ready';
      log.info('updates: downloaded, ready to install on restart', { version: found?.version });
    } catch (error) {
      phase = 'failed';
      failure = 'download';
      log.warn('updates: download failed', { error: String(error) });
    }
    percent = null;
    announce();
    schedule();
  }

  return {
    status,
    start() {
      running = true;
      startedAt = clock.now();
      announce();
      schedule();
    },
    async checkNow() {
      if (updater.support === 'unavailable') throw new TimbreError(UPDATE_ERROR.unavailable, 'This copy of Timbre does not update itself');
      // A version already downloading or waiting for the restart needs no new check.
      if (phase !== 'downloading' && phase !== 'ready') await check(true);
      return status();
    },
    later() {
      if (found) dismissedVersion = found.version;
      manual = false;
      announce();
      schedule();
      return status();
    },
    install() {
      if (phase !== 'ready') throw new TimbreError(UPDATE_ERROR.notReady, 'No update has been downloaded yet');
      const work = deps.currentWork();
      if (work) throw new TimbreError(UPDATE_ERROR.busy, `Timbre restarts once the ${work} is finished`, { details: { work } });
      log.info('updates: restarting to install', { version: found?.version });
      try {
        updater.install((error) => {
          // Nothing restarted: "Restart to update" would do nothing again, so the releases page is offered instead.
          phase = 'available';
          failure = 'install';
          log.warn('updates: install failed after the restart was asked for', { error: String(error) });
          announce();
        });
      } catch (error) {
        failure = 'install';
        log.warn('updates: install failed', { error: String(error) });
        announce();
        throw new TimbreError(UPDATE_ERROR.installFailed, 'The update could not be installed', { cause: error });
      }
    },
    openReleasesPage: () => updater.openReleasesPage(),
    workChanged() {
      tick();
    },
    settingsChanged() {
      schedule();
    },
    stop() {
      running = false;
      cancelTimer?.();
      cancelTimer = null;
    },
  };
}
