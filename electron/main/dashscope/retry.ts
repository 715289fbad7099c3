/**
 * Retry policy: only retryable failures, bounded attempts, exponential backoff with jitter, and
 * the server's Retry-After when it sends one. Waits are cancellable through the AbortSignal.
 */
import type { ClientContext, RetryPolicy } from './context';
import { cancelledError, isDashScopeError, type DashScopeError } from './errors';

/** How long to wait after failed attempt number `attempt` (1-based), or null to give up. */
export function retryDelay(error: DashScopeError, attempt: number, policy: RetryPolicy, random: () => number): number | null {
  if (!error.retryable || attempt >= policy.maxAttempts) return null;
  if (error.retryAfterMs !== undefined) return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  // "Equal jitter": never less than half the ceiling, so retries still back off.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RetryOptions {
  label: string;
  signal?: AbortSignal;
  /** Extra veto, e.g. a stream that already delivered audio must not be replayed. */
  canRetry?: (error: DashScopeError) => boolean;
}

export async function withRetry<T>(
  context: Pick<ClientContext, 'retry' | 'sleep' | 'random' | 'log'>,
  options: RetryOptions,
  attempt: (attemptNumber: number) => Promise<T>,
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!isDashScopeError(error)) throw error;
      const delay = options.canRetry && !options.canRetry(error) ? null : retryDelay(error, attemptNumber, context.retry, context.random);
      if (delay === null) throw error;
      context.log.warn(`dashscope ${options.label}: retrying`, { code: error.code, attempt: attemptNumber, delayMs: delay });
      try {
        await context.sleep(delay, options.signal);
      } catch {
        throw cancelledError();
      }
      if (options.signal?.aborted) throw cancelledError();
    }
  }
}
