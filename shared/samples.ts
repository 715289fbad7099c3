/** Sample constants both processes use, without zod (the schemas are in ipc/routes/samples.ts). */

/** Error codes of the samples channels (translated in the `errors` namespace). */
export const SAMPLE_ERROR = {
  empty: 'SAMPLE_EMPTY',
  tooLarge: 'SAMPLE_TOO_LARGE',
  notAudio: 'SAMPLE_NOT_AUDIO',
  urlInvalid: 'SAMPLE_URL_INVALID',
  saveFailed: 'SAMPLE_SAVE_FAILED',
  notFound: 'SAMPLE_NOT_FOUND',
  audioMissing: 'SAMPLE_AUDIO_MISSING',
  conversionInvalid: 'SAMPLE_CONVERSION_INVALID',
  uploadTooLarge: 'SAMPLE_UPLOAD_TOO_LARGE',
} as const;

/** Largest file Timbre takes in (a long podcast episode to trim a sample out of is fine; a film is not). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;
