/**
 * The typed error a call failed with, for asserting on its code and details. Fails the test when
 * the call succeeds or throws something of another kind.
 */
export async function rejectionOf<E extends Error>(kind: abstract new (...args: never[]) => E, promise: Promise<unknown> | unknown): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof kind) return error;
    throw error;
  }
  throw new Error(`expected the call to fail with ${kind.name}`);
}
