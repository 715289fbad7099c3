// @vitest-environment node
// (The worker module runs as it would in a worker: its `self` is stood in for.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerReply } from './worker-call';

const RATE = 48_000;
const replies: Array<WorkerReply<Float32Array>> = [];
const scope = { onmessage: null as ((event: MessageEvent) => Promise<void>) | null, postMessage: (reply: WorkerReply<Float32Array>) => replies.push(reply) };

beforeAll(async () => {
  (globalThis as { self?: unknown }).self = scope;
  await import('./denoise.worker');
});
afterAll(() => {
  delete (globalThis as { self?: unknown }).self;
});

describe('a noise reducer at work', () => {
  it('lets its event loop run between slices, so a stop ends it without Chromium\'s two-second grace', async () => {
    const samples = Float32Array.from({ length: 5 * RATE }, (_, i) => 0.3 * Math.sin(i / 7) + 0.01 * Math.sin(i * 1.3));
    const turns: number[] = [];
    let turnsTaken = 0;
    // A task queued from outside, as Blink queues a termination: each one runs while the work goes on.
    const tick = () => {
      turns.push(replies.length);
      if (++turnsTaken < 5) setTimeout(tick, 0);
    };
    const working = scope.onmessage!({ data: { id: 1, samples } } as MessageEvent);
    setTimeout(tick, 0);
    await working;
    expect(replies).toHaveLength(1);
    const reply = replies[0];
    expect('result' in reply && reply.result.length).toBe(samples.length);
    // Every turn ran before the answer: the work was not one task.
    expect(turns).toEqual([0, 0, 0, 0, 0]);
  });
});
