import type { AppError, Result } from '../../shared/errors';
import type { TimbreApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Installed by the preload (or the test bridge); the renderer's only way to reach main. */
    timbre: TimbreApi;
  }
}

export const timbre = (): TimbreApi => window.timbre;

/** An AppError as a throwable, for code paths where a failed call should abort the whole action. */
export class CallFailed extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CallFailed(result.error);
  return result.value;
}
