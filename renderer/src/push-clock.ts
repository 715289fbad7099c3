import type { Result } from '../../shared/errors';

/**
 * For state main both answers and pushes: the page subscribes, then asks. A push that arrives while
 * the question is in flight is at least as new as the answer (main sent it after answering, or
 * answered with what it had already pushed), so that answer is dropped instead of shown over it.
 */
export function createPushClock() {
  let pushes = 0;
  return {
    /** How many pushes arrived so far. */
    get pushes(): number {
      return pushes;
    },
    /** Call from the push listener. */
    pushed(): void {
      pushes += 1;
    },
    /** The answer's value, or null when it failed or a push came while it was asked. */
    async ask<T>(question: () => Promise<Result<T>>): Promise<T | null> {
      const pushesBefore = pushes;
      const result = await question();
      return result.ok && pushes === pushesBefore ? result.value : null;
    },
  };
}
