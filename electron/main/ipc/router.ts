import { IPC_ERROR, TimbreError, type AppError, type Result } from '../../../shared/errors';
import { contract, type Channel, type Handlers } from '../../../shared/ipc/contract';
import type { Logger } from '../foundation/log';

export interface Router {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
}

function failure(error: AppError): Result<never> {
  return { ok: false, error };
}

/**
 * The one entry point for renderer calls: looks the channel up in the contract, validates the
 * input with its zod schema, runs the handler and turns every failure into a typed AppError.
 * Nothing thrown here ever crosses the bridge raw.
 */
export function createRouter(handlers: Handlers, log: Logger): Router {
  return {
    async invoke(channel, input) {
      if (!Object.hasOwn(contract, channel)) {
        return failure({ code: IPC_ERROR.unknownChannel, message: `Unknown channel "${channel}".` });
      }
      const name = channel as Channel;
      const parsed = contract[name].input.safeParse(input);
      if (!parsed.success) {
        return failure({
          code: IPC_ERROR.validation,
          message: `Invalid input for ${name}.`,
          details: { issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) },
        });
      }
      try {
        const handler = handlers[name] as (input: unknown) => unknown;
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        if (error instanceof TimbreError) return failure(error.toAppError());
        log.error(`handler ${name} failed`, error);
        return failure({ code: IPC_ERROR.internal, message: 'Something went wrong inside Timbre. Details are in the log.' });
      }
    },
  };
}
