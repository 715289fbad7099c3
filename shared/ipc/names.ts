/**
 * Every channel and event name of the contract, without zod: the sandboxed preload needs only
 * these strings, and importing the contract would bundle zod and every schema into it (207 KB).
 * This file imports nothing: the contract checks these lists against itself (a missing or unknown
 * name stops the type check there), and the contract test compares them at run time.
 */

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
] as const;

export const EVENT_NAMES = [
  'app.online', 'settings.changed', 'keys.changed', 'synth.chunk', 'synth.part', 'library.changed', 'library.rowsChanged', 'enroll.progress',
  'updates.changed',
] as const;

/** The single Electron channel that carries every main → renderer event. */
export const IPC_EVENT_CHANNEL = 'timbre:event';
