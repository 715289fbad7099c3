import { describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../../../shared/ipc/routes/updates';

const status = (manual: boolean): UpdateStatus => ({
  currentVersion: '1.0.0', support: 'unavailable', phase: 'idle', version: null, releaseNotes: null,
  percent: null, lastCheckedAt: null, failure: null, offer: false, heldBy: null, manual,
});

/** The part of `window.timbre` the updates store uses: statuses answered when the test says, pushes sent by the test. */
function installTimbre() {
  const answers: Array<(value: UpdateStatus) => void> = [];
  const listeners = new Set<(payload: UpdateStatus) => void>();
  window.timbre = {
    updates: {
      status: () => new Promise((resolve) => answers.push((value) => resolve({ ok: true, value }))),
      reportRecording: () => Promise.resolve({ ok: true, value: undefined }),
    },
    on: (_event: string, listener: (payload: UpdateStatus) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as never;
  return { answers, push: (payload: UpdateStatus) => listeners.forEach((listener) => listener(payload)) };
}

describe('the updates store', () => {
  it('keeps a status pushed while its own question was in flight (the menu answered at launch stays shown)', async () => {
    vi.resetModules();
    const { answers, push } = installTimbre();
    const { useUpdates } = await import('./update-store');
    const loaded = useUpdates.getState().load();
    push(status(true));
    answers[0](status(false));
    await loaded;
    expect(useUpdates.getState().status?.manual).toBe(true);
  });

  it('takes the answer when nothing was pushed meanwhile', async () => {
    vi.resetModules();
    const { answers } = installTimbre();
    const { useUpdates } = await import('./update-store');
    const loaded = useUpdates.getState().load();
    answers[0](status(true));
    await loaded;
    expect(useUpdates.getState().status?.manual).toBe(true);
  });
});
