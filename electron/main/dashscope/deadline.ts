/**
 * Runs one network exchange under time limits and the caller's AbortSignal, and tells them apart
 * afterwards: a timeout is retryable, a cancellation is not. A request has one limit (no answer in
 * time); a stream has two, an idle limit between chunks and a generous overall cap, so a long text
 * that keeps arriving is never cut, and the error says which one fired.
 */
import { cancelledError, fromTransportError, streamDeadlineError, streamIdleError, timeoutError } from './errors';
import type { DashScopeError } from './errors';

export interface StreamLimits {
  /** Longest silence between two chunks (or before the first). */
  idleMs: number;
  /** Longest the whole stream may run. */
  totalMs: number;
}

async function underLimits<T>(
  limits: Array<{ ms: number; error: () => DashScopeError; restartable: boolean }>,
  signal: AbortSignal | undefined,
  run: (signal: AbortSignal, alive: () => void) => Promise<T>,
): Promise<T> {
  if (signal?.aborted) throw cancelledError();
  const controller = new AbortController();
  let fired: DashScopeError | null = null;
  const timers = limits.map((limit) => {
    const arm = () => setTimeout(() => {
      fired ??= limit.error();
      controller.abort();
    }, limit.ms);
    return { limit, timer: arm(), arm };
  });
  const alive = () => {
    for (const entry of timers) {
      if (!entry.limit.restartable || fired) continue;
      clearTimeout(entry.timer);
      entry.timer = entry.arm();
    }
  };
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await run(controller.signal, alive);
  } catch (error) {
    if (signal?.aborted) throw cancelledError();
    if (fired) throw fired;
    throw fromTransportError(error);
  } finally {
    for (const entry of timers) clearTimeout(entry.timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

export function withDeadline<T>(timeoutMs: number, signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return underLimits([{ ms: timeoutMs, error: () => timeoutError(timeoutMs), restartable: false }], signal, (deadline) => run(deadline));
}

/** `alive()` is called on every chunk that arrives; it restarts the idle limit. */
export function withStreamLimits<T>(
  limits: StreamLimits, signal: AbortSignal | undefined, run: (signal: AbortSignal, alive: () => void) => Promise<T>,
): Promise<T> {
  return underLimits([
    { ms: limits.idleMs, error: () => streamIdleError(limits.idleMs), restartable: true },
    { ms: limits.totalMs, error: () => streamDeadlineError(limits.totalMs), restartable: false },
  ], signal, run);
}
