import { z } from 'zod';
import { route } from '../define';

/**
 * self-update: downloads in the background and installs on restart (Windows, macOS, AppImage).
 * notify-only: says a newer version exists and where to get it (the .deb, updated by its owner).
 * unsigned: the same, for a macOS copy without a Developer ID signature, which Squirrel.Mac cannot update.
 * unavailable: running from source or in tests, where there is nothing to update.
 */
export const UPDATE_SUPPORT = ['self-update', 'notify-only', 'unsigned', 'unavailable'] as const;
export const UPDATE_PHASES = ['idle', 'checking', 'up-to-date', 'downloading', 'ready', 'available', 'failed'] as const;
/** Work that a restart would interrupt: while any runs, nothing is offered and nothing restarts. */
export const UPDATE_BLOCKING_WORK = ['recording', 'clone', 'try'] as const;

export const updateStatus = z.object({
  currentVersion: z.string(),
  support: z.enum(UPDATE_SUPPORT),
  phase: z.enum(UPDATE_PHASES),
  /** The newer version found (downloading, ready, available). */
  version: z.string().nullable(),
  /** Its release notes as plain text (taken from CHANGELOG.md when the release was built). */
  releaseNotes: z.string().nullable(),
  /** Download progress 0–100 while downloading. */
  percent: z.number().min(0).max(100).nullable(),
  /** Epoch ms of the last finished check. */
  lastCheckedAt: z.number().nullable(),
  /** What failed last (the details are in the log): shown as a small note, never a dialog. */
  failure: z.enum(['check', 'download', 'install']).nullable(),
  /**
   * Show the offer: a version is ready (or available) and the user did not say "later". A new offer
   * waits while work runs; one already shown stays, and its restart waits for `heldBy` to end.
   */
  offer: z.boolean(),
  /** The work that holds the offer and the restart back, if any. */
  heldBy: z.enum(UPDATE_BLOCKING_WORK).nullable(),
  /** The last check was asked for by the user (menu or Settings), so its outcome is worth telling even when nothing is new. */
  manual: z.boolean(),
});
export type UpdateStatus = z.infer<typeof updateStatus>;

export const updatesRoutes = {
  'updates.status': route({ input: z.void(), output: updateStatus }),
  /** Checks now (the user asked); answers once the check is done, before any download. */
  'updates.check': route({ input: z.void(), output: updateStatus }),
  /** "Restart to update": quits and installs the downloaded version. Refused while work is running. */
  'updates.install': route({ input: z.void(), output: z.void() }),
  /** "Later": the offer is not shown again for this version in this session (a ready update still installs on quit). */
  'updates.later': route({ input: z.void(), output: updateStatus }),
  /** Opens the releases page (where the .deb gets a newer version); main knows the address. */
  'updates.openReleasesPage': route({ input: z.void(), output: z.void() }),
  /** The renderer is recording (only it knows): no offer and no restart until it stops. */
  'updates.reportRecording': route({ input: z.object({ recording: z.boolean() }).strict(), output: z.void() }),
};

export const updatesEvents = {
  'updates.changed': updateStatus,
};
