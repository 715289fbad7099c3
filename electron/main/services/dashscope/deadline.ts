/**
 * Runs one network exchange under a per-request timeout and the caller's AbortSignal, and tells
 * the two apart afterwards: a timeout is retryable, a cancellation is not.
 */
import { cancelledError, fromTransportError, timeoutError } from './errors';

export async function withDeadline<T>(
  timeoutMs: number,
  signal: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  if (signal?.aborted) throw cancelledError();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await run(controller.signal);
  } catch (error) {
    if (signal?.aborted) throw cancelledError();
    if (timedOut) throw timeoutError(timeoutMs);
    throw fromTransportError(error);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

