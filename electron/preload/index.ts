/**
 * Preload: exposes `window.timbre`. Each channel name becomes a method; events arrive on one
 * channel and never carry Electron's event object. Only the names are imported (no zod, no
 * schemas): main validates every call, so the preload has nothing to check.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../../shared/errors';
import { buildTimbreApi } from '../../shared/ipc/api';
import { CHANNEL_NAMES, EVENT_NAMES, IPC_EVENT_CHANNEL } from '../../shared/ipc/names';

const api = buildTimbreApi(CHANNEL_NAMES, EVENT_NAMES, {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  subscribe(listener) {
    const handler = (_event: Electron.IpcRendererEvent, message: { event: string; payload: unknown }) =>
      listener(message.event, message.payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
});

contextBridge.exposeInMainWorld('timbre', api);
