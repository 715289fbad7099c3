import type { Result } from '../errors';
import type { TimbreApi } from './contract';

/** How a bridge reaches main: Electron's ipcRenderer in the preload, a Playwright binding in tests. */
export interface Transport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/**
 * Builds `window.timbre` from the contract's channel and event names. Only declared names become
 * methods, so renderer code cannot reach an undeclared channel. Shared by the preload and the
 * test bridge so both expose exactly the same API.
 */
export function buildTimbreApi(channels: readonly string[], eventNames: readonly string[], transport: Transport): TimbreApi {
  const api: Record<string, unknown> = {};
  for (const channel of channels) {
    const [namespace, method] = channel.split('.');
    const group = (api[namespace] ??= {}) as Record<string, unknown>;
    group[method] = (input?: unknown) => transport.invoke(channel, input);
  }
  const known = new Set(eventNames);
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!known.has(event)) throw new Error(`Unknown event: ${event}`);
    return transport.subscribe((name, payload) => {
      if (name === event) listener(payload);
    });
  };
  return api as TimbreApi;
}
