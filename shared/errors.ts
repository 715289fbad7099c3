/**
 * The one error shape that crosses the IPC boundary. `code` is stable and is what the renderer
 * translates (i18n namespace `errors`); `message` is a plain English fallback, never a stack trace.
 */
export interface AppError {
  code: string;
  message: string;
  /** Values the translated message may interpolate (e.g. `{ seconds: 70 }`); never secrets. */
  details?: Record<string, unknown>;
  /** True when trying the same thing again later may succeed (network, 429, 5xx). */
  retryable?: boolean;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Codes produced by the IPC layer itself; features add their own (see `errors` locale files). */
export const IPC_ERROR = {
  validation: 'VALIDATION_FAILED',
  unknownChannel: 'UNKNOWN_CHANNEL',
  forbiddenSender: 'FORBIDDEN_SENDER',
  internal: 'INTERNAL',
} as const;

/** Thrown inside the main process by services when they know what went wrong; the router turns it into an AppError. */
export class TimbreError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { details?: Record<string, unknown>; retryable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'TimbreError';
    this.code = code;
    this.details = options.details;
    this.retryable = options.retryable ?? false;
  }

  toAppError(): AppError {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.retryable ? { retryable: true } : {}),
    };
  }
}
