import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { workerCall } from './worker-call';

/** Stands in for a Worker: keeps what it was sent, answers when told, and says whether it was stopped. */
class FakeWorker {
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  sent: Array<{ id: number }> = [];
  terminated = false;
  postMessage(message: { id: number }) {
    this.sent.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  answer(result: unknown) {
    const { id } = this.sent.shift()!;
    this.onmessage?.({ data: { id, result } } as MessageEvent);
  }
}

describe('a worker asked now and then', () => {
  let started: FakeWorker[];
  const start = () => {
    const worker = new FakeWorker();
    started.push(worker);
    return worker as unknown as Worker;
  };
  beforeEach(() => {
    started = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('is stopped once it has been idle for idleMs, and started again when next asked', async () => {
    const call = workerCall<{ n: number }, number>(start, { idleMs: 60_000 });
    const first = call({ n: 1 });
    const second = call({ n: 2 });
    started[0].answer(1);
    await expect(first).resolves.toBe(1);
    // Still working on the second request: not idle.
    vi.advanceTimersByTime(120_000);
    expect(started[0].terminated).toBe(false);
    started[0].answer(2);
    await expect(second).resolves.toBe(2);
    vi.advanceTimersByTime(59_999);
    expect(started[0].terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(started[0].terminated).toBe(true);

    const third = call({ n: 3 });
    expect(started).toHaveLength(2);
    started[1].answer(3);
    await expect(third).resolves.toBe(3);
  });

  it('a request in the idle time keeps it; without idleMs it is never stopped', async () => {
    const call = workerCall<{ n: number }, number>(start, { idleMs: 1_000 });
    const first = call({ n: 1 });
    started[0].answer(1);
    await first;
    vi.advanceTimersByTime(900);
    const again = call({ n: 2 });
    vi.advanceTimersByTime(5_000);
    expect(started[0].terminated).toBe(false);
    started[0].answer(2);
    await again;

    const kept = workerCall<{ n: number }, number>(start);
    const answer = kept({ n: 1 });
    started[1].answer(1);
    await answer;
    vi.advanceTimersByTime(3_600_000);
    expect(started[1].terminated).toBe(false);
  });

  it('is ended at once by stop, failing what was waiting, and started again when next asked', async () => {
    const call = workerCall<{ n: number }, number>(start, { idleMs: 60_000 });
    const waiting = call({ n: 1 });
    call.stop();
    expect(started[0].terminated).toBe(true);
    await expect(waiting).rejects.toThrow('stopped');
    // A stopped worker's idle timer does not end the next one.
    const next = call({ n: 2 });
    expect(started).toHaveLength(2);
    vi.advanceTimersByTime(120_000);
    expect(started[1].terminated).toBe(false);
    started[1].answer(2);
    await expect(next).resolves.toBe(2);
    // Stopping with nothing started does nothing.
    workerCall<{ n: number }, number>(start).stop();
    expect(started).toHaveLength(2);
  });
});
