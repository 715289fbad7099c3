import { z } from 'zod';
import { route } from '../define';

/** Errors of the data folder itself (translated in the `errors` namespace). */
export const DATA_ERROR = {
  /** The disk is full; nothing was changed. details: file */
  diskFull: 'data.disk_full',
  /** The data folder cannot be written (read-only disk or permissions). details: file */
  readOnly: 'data.read_only',
  /** Any other failed write. details: file, reason */
  writeFailed: 'data.write_failed',
  /** A link in the data folder points outside it; Timbre does not write through it. details: file */
  linkOutside: 'data.link_outside',
  /** Another Timbre process has this data folder open. details: dataDir, pid */
  inUse: 'data.in_use',
} as const;

export const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['darwin', 'win32', 'linux', 'other']),
  /** Folder that holds the catalog, settings and audio files. */
  dataDir: z.string(),
  /** The data folder cannot be written: Timbre shows what is there and changes nothing. */
  readOnly: z.boolean(),
  /** OS locale as reported by the main process, e.g. "zh-CN". */
  systemLocale: z.string(),
  /**
   * False when Chromium runs without its sandbox: electron-builder's AppImage launcher adds
   * `--no-sandbox` where the system forbids user namespaces (Ubuntu 24.04+). Timbre says so.
   */
  sandboxed: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfo>;

export const appRoutes = {
  'app.info': route({ input: z.void(), output: appInfo }),
  'app.openDataFolder': route({ input: z.void(), output: z.void() }),
};

export const appEvents = {
  /** OS network state changed (the outbox waits while offline). */
  'app.online': z.object({ online: z.boolean() }),
};
