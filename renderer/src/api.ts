import type { TimbreApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Installed by the preload (or the test bridge); the renderer's only way to reach main. */
    timbre: TimbreApi;
  }
}

export const timbre = (): TimbreApi => window.timbre;
