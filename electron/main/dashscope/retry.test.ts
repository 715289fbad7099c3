import { describe, expect, it } from 'vitest';
import { DASHSCOPE_ERROR, DashScopeError } from './errors';
import { DEFAULT_RETRY_POLICY } from './context';
import { parseRetryAfter, retryDelay } from './retry';

const retryable = (retryAfterMs?: number) => new DashScopeError(DASHSCOPE_ERROR.serverError, 'x', { retryable: true, retryAfterMs });
const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000, maxAttempts: 6 };

describe('retryDelay', () => {
  it('backs off exponentially with jitter between half and all of the ceiling', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(retryable(), attempt, policy, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay(retryable(), attempt, policy, () => 1))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('gives up on non-retryable errors and after the last attempt', () => {
    expect(retryDelay(new DashScopeError(DASHSCOPE_ERROR.invalidKey, 'x'), 1, policy, () => 0)).toBeNull();
    expect(retryDelay(retryable(), 6, policy, () => 0)).toBeNull();
  });

  it('uses Retry-After as given, unless it is longer than the policy allows', () => {
    expect(retryDelay(retryable(7_000), 1, policy, () => 0)).toBe(7_000);
    expect(retryDelay(retryable(policy.maxRetryAfterMs + 1), 1, policy, () => 0)).toBeNull();
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3', 0)).toBe(3_000);
    expect(parseRetryAfter('1.5', 0)).toBe(1_500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined();
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});
