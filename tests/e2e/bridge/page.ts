/**
 * Runs inside the page before the renderer: installs `window.timbre` exactly as the preload does
 * (same builder, same generated names, no zod), but over Playwright bindings instead of Electron
 * IPC. Bundled to one script by the harness.
 */
import type { Result } from '../../../shared/errors';
import { buildTimbreApi } from '../../../shared/ipc/api';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../shared/ipc/names';
import { decodeFromBridge, encodeForBridge } from './codec';

declare global {
  interface Window {
    __timbreInvoke(channel: string, input: unknown): Promise<unknown>;
    __timbreEmit(event: string, payload: unknown): void;
  }
}

const listeners = new Set<(event: string, payload: unknown) => void>();
window.__timbreEmit = (event, payload) => {
  const decoded = decodeFromBridge(payload);
  for (const listener of listeners) listener(event, decoded);
};

window.timbre = buildTimbreApi(CHANNEL_NAMES, EVENT_NAMES, {
  invoke: async (channel, input) => decodeFromBridge(await window.__timbreInvoke(channel, encodeForBridge(input))) as Result<unknown>,
  subscribe(listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});
