import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import { createPushClock } from './push-clock';

/** A question main answers when the test says. */
function question<T>() {
  let answer!: (value: T) => void;
  const asked = new Promise<Result<T>>((resolve) => {
    answer = (value) => resolve({ ok: true, value });
  });
  return { ask: () => asked, answer };
}

describe('a push clock', () => {
  it('drops an answer that a push crossed, since the push is at least as new', async () => {
    const clock = createPushClock();
    const status = question<string>();
    const answered = clock.ask(status.ask);
    clock.pushed();
    status.answer('before the push');
    expect(await answered).toBeNull();
    expect(clock.pushes).toBe(1);
  });

  it('keeps an answer no push crossed, even after earlier pushes', async () => {
    const clock = createPushClock();
    clock.pushed();
    const status = question<string>();
    const answered = clock.ask(status.ask);
    status.answer('current');
    expect(await answered).toBe('current');
  });

  it('gives null for a failed answer', async () => {
    const clock = createPushClock();
    expect(await clock.ask(() => Promise.resolve({ ok: false, error: { code: 'internal', message: 'x' } } as never))).toBeNull();
  });
});
