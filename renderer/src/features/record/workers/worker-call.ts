/**
 * Request/reply over a dedicated worker: one worker per kind, started on first use, each request
 * tagged so replies find their caller; a crashed worker fails what was waiting and is started
 * again next time. With `idleMs`, a worker that has had nothing to do for that long is stopped
 * (it holds its module and memory until then) and started again when next asked. `stop` ends
 * the worker at once, failing what was waiting: work nobody wants any more stops taking a core.
 */
export type WorkerReply<T> = { id: number; result: T } | { id: number; error: string };

export class WorkerFailed extends Error {}

export function workerCall<Request extends object, Result>(start: () => Worker, options: { idleMs?: number } = {}) {
  let worker: Worker | null = null;
  let nextId = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<number, { resolve(value: Result): void; reject(error: Error): void }>();

  const stopWhenIdle = () => {
    if (options.idleMs === undefined || pending.size > 0) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      worker?.terminate();
      worker = null;
    }, options.idleMs);
  };

  const running = (): Worker => {
    if (worker) return worker;
    worker = start();
    worker.onmessage = (event: MessageEvent<WorkerReply<Result>>) => {
      const reply = event.data;
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if ('error' in reply) waiting?.reject(new WorkerFailed(reply.error));
      else waiting?.resolve(reply.result);
      stopWhenIdle();
    };
    worker.onerror = (event) => end(event.message);
    return worker;
  };

  /** Ends the worker, failing what was waiting with `reason`; the next request starts another. */
  const end = (reason: string): void => {
    clearTimeout(idleTimer);
    worker?.terminate();
    worker = null;
    for (const waiting of pending.values()) waiting.reject(new WorkerFailed(reason));
    pending.clear();
  };

  /** Sends `request` (moving `transfer` to the worker, no copy) and resolves with its result. */
  const call = (request: Request, transfer: Transferable[] = []): Promise<Result> =>
    new Promise<Result>((resolve, reject) => {
      const id = nextId++;
      clearTimeout(idleTimer);
      pending.set(id, { resolve, reject });
      running().postMessage({ ...request, id }, transfer);
    });

  return Object.assign(call, { stop: () => end('stopped') });
}

/**
 * For a worker's long work, between slices of it: lets the worker's event loop run a turn. Chromium
 * gives a worker still running a task two seconds before `terminate()` ends it by force (Blink's
 * `kForcibleTerminationDelay`), so work that never lets the loop run keeps a core that long after
 * `stop`; sliced, it ends at the next slice. A message, not a timer: nested timers wait 4 ms each.
 */
export const letEventLoopRun = (): Promise<void> =>
  new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });

/** The worker side: answers each request with `handle`'s result, or its error as text. */
export function answerRequests<Request, Result>(handle: (request: Request) => Promise<{ result: Result; transfer?: Transferable[] }>): void {
  const scope = self as unknown as Worker;
  scope.onmessage = async (event: MessageEvent<Request & { id: number }>) => {
    const { id } = event.data;
    try {
      const { result, transfer = [] } = await handle(event.data);
      scope.postMessage({ id, result } satisfies WorkerReply<Result>, transfer);
    } catch (error) {
      scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply<Result>);
    }
  };
}
