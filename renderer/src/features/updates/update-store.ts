import { useEffect } from 'react';
import { create } from 'zustand';
import type { AppError, Result } from '../../../../shared/errors';
import type { UpdateStatus } from '../../../../shared/ipc/routes/updates';
import { timbre } from '../../api';
import { createPushClock } from '../../push-clock';

/**
 * What main's update controller says (it decides when to check, offer and restart) and what the
 * user asked for that is still in flight. The notice and the Settings section both read it.
 */
interface UpdatesState {
  status: UpdateStatus | null;
  busy: 'check' | 'install' | null;
  load(): Promise<void>;
  /** Checks now; null when the check ran (its outcome is in `status`), else the error to show. */
  check(): Promise<AppError | null>;
  /** "Restart to update"; the app quits when it works. */
  install(): Promise<AppError | null>;
  /** "Later", or closing the outcome of a check. */
  later(): Promise<void>;
  openReleasesPage(): Promise<AppError | null>;
}

let listening = false;
const statusPushes = createPushClock();

export const useUpdates = create<UpdatesState>()((set) => {
  async function run<T>(busy: UpdatesState['busy'], call: () => Promise<Result<T>>): Promise<AppError | null> {
    set({ busy });
    try {
      const result = await call();
      return result.ok ? null : result.error;
    } finally {
      set({ busy: null });
    }
  }
  return {
    status: null,
    busy: null,
    async load() {
      if (!listening) {
        listening = true;
        timbre().on('updates.changed', (status) => {
          statusPushes.pushed();
          set({ status });
        });
        // A page that (re)loads records nothing: a recording cut short by a reload must not hold updates forever.
        void timbre().updates.reportRecording({ recording: false });
      }
      const status = await statusPushes.ask(() => timbre().updates.status());
      if (status) set({ status });
    },
    check: () => run('check', () => timbre().updates.check()),
    install: () => run('install', () => timbre().updates.install()),
    async later() {
      const result = await timbre().updates.later();
      if (result.ok) set({ status: result.value });
    },
    openReleasesPage: async () => {
      const result = await timbre().updates.openReleasesPage();
      return result.ok ? null : result.error;
    },
  };
});

/** Tells main while a recording runs (only the page knows): no update is offered or installed meanwhile. */
export function useReportRecording(recording: boolean): void {
  useEffect(() => {
    if (!recording) return;
    void timbre().updates.reportRecording({ recording: true });
    return () => void timbre().updates.reportRecording({ recording: false });
  }, [recording]);
}
