import { z } from 'zod';
import { route } from '../define';

export const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['darwin', 'win32', 'linux', 'other']),
  /** Folder that holds the catalog, settings and audio files. */
  dataDir: z.string(),
  /** OS locale as reported by the main process, e.g. "zh-CN". */
  systemLocale: z.string(),
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
