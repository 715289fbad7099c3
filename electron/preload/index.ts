/**
 * Preload: exposes `window.timbre`, built from the IPC contract. Each declared channel becomes a
 * method; events arrive on one channel and never carry Electron's event object.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../../shared/errors';
import { buildTimbreApi } from '../../shared/ipc/api';
import { CHANNELS, EVENT_NAMES, IPC_EVENT_CHANNEL } from '../../shared/ipc/contract';

const api = buildTimbreApi(CHANNELS, EVENT_NAMES, {
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  subscribe(listener) {
    const handler = (_event: Electron.IpcRendererEvent, message: { event: string; payload: unknown }) =>
      listener(message.event, message.payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
});

contextBridge.exposeInMainWorld('timbre', api);
