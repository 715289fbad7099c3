/**
 * Every channel and event name of the contract, without zod: the sandboxed preload needs only
 * these strings, and importing the contract would bundle zod and every schema into it (207 KB).
 * The type checks below fail the build when a name is missing or unknown, and the contract test
 * compares the lists with the contract at run time.
 */
import type { Channel, EventName } from './contract';

export const CHANNEL_NAMES = [
  'app.info', 'app.openDataFolder',
  'settings.get', 'settings.update',
  'keys.status', 'keys.save', 'keys.saveEnvironmentKey', 'keys.pasteFromClipboard', 'keys.remove', 'keys.testConnection',
  'samples.saveRecording', 'samples.import', 'samples.saveConverted', 'samples.update', 'samples.get', 'samples.list',
  'samples.readAudio', 'samples.delete', 'samples.microphoneAccess',
  'synth.voices', 'synth.start', 'synth.cancel', 'synth.history', 'synth.readAudio', 'synth.setFavourite', 'synth.deleteHistory', 'synth.export',
  'library.list', 'library.rows', 'library.overview', 'library.progress', 'library.details', 'library.cloneCounts', 'library.sync', 'library.dismissNotice',
  'voices.update', 'voices.delete', 'voices.restore',
  'enroll.context', 'enroll.suggestName', 'enroll.start', 'enroll.retry', 'enroll.sendNow',
  'catalog.export', 'catalog.showExport', 'catalog.import',
  'updates.status', 'updates.check', 'updates.install', 'updates.later', 'updates.openReleasesPage', 'updates.reportRecording',
] as const satisfies readonly Channel[];

export const EVENT_NAMES = [
  'app.online', 'settings.changed', 'keys.changed', 'synth.chunk', 'synth.part', 'library.changed', 'library.rowsChanged', 'enroll.progress',
  'updates.changed',
] as const satisfies readonly EventName[];

/** The single Electron channel that carries every main → renderer event. */
export const IPC_EVENT_CHANNEL = 'timbre:event';

// A channel or event added to the contract but not listed here stops the type check.
type Unlisted = Exclude<Channel, (typeof CHANNEL_NAMES)[number]> | Exclude<EventName, (typeof EVENT_NAMES)[number]>;
export const ALL_NAMES_LISTED: [Unlisted] extends [never] ? true : Unlisted = true;
