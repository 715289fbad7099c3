/**
 * The voice catalog's channels: the library (`library.*`), single voices (`voices.*`), the
 * enrollment queue (`enroll.*`) and moving the catalog between computers (`catalog.*`).
 */
import { z } from 'zod';
import { VOICE_PROGRESS, VOICE_STATUSES } from '../../catalog';
import { catalogNotice, sampleRecord, sampleSummary, voiceRecord } from '../../catalog-schema';
import { LIBRARY_MAX_PAGE, SORT_KEYS } from '../../library';
import { PREFERRED_NAME_PATTERN, REGIONS, SAMPLE_LANGUAGES, TARGET_MODELS } from '../../models';
import { route } from '../define';

/** Error codes of these channels (translated in the `errors` namespace). */
export const CATALOG_ERROR = {
  /** details: id */
  voiceNotFound: 'catalog.voice_not_found',
  /** details: id */
  sampleNotFound: 'catalog.sample_not_found',
  /** The sample has no converted audio file or link to send. */
  sampleAudioMissing: 'catalog.sample_audio_missing',
  /** details: model — this sample already has a voice (or a job) for that model. */
  alreadyEnrolled: 'catalog.already_enrolled',
  /** Only a failed voice can be edited and sent again. */
  notRetryable: 'catalog.not_retryable',
  /** The file is not a Timbre catalog export. details: reason */
  importInvalid: 'catalog.import_invalid',
  /** details: version, supported */
  importTooNew: 'catalog.import_too_new',
  /** A job was interrupted before its result was known (e.g. restored from a backup). */
  interrupted: 'catalog.interrupted',
  /** details: region — the voice lives in another region than the one the app talks to now. */
  wrongRegion: 'catalog.wrong_region',
  /** The voice is no longer among the recently removed ones. details: id */
  notRemoved: 'catalog.not_removed',
  /** The export could not be written. details: reason */
  exportFailed: 'catalog.export_failed',
  /** This build has no save dialog. */
  exportUnavailable: 'catalog.export_unavailable',
  /** The voice is being sent to DashScope right now; deleting it could leave a paid voice on the account. */
  voiceSending: 'catalog.voice_sending',
} as const;

/** Where an enrollment job is; `done` is only ever announced (the job then leaves the outbox). */
export const JOB_STATES = ['queued', 'waiting-network', 'sending', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

const jobError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  retryable: z.boolean().optional(),
});

export const enrollProgress = z.object({
  voiceId: z.string(),
  state: z.enum(JOB_STATES),
  /** Sends tried so far (each may include the client's own retries). */
  attempts: z.number().int().nonnegative(),
  /** Why the last send failed, when it did. */
  error: jobError.nullable(),
  /** When the next automatic attempt is due (ms epoch), if one is scheduled. */
  nextAttemptAt: z.number().nullable(),
});
export type EnrollProgress = z.infer<typeof enrollProgress>;

const preferredName = z.string().regex(PREFERRED_NAME_PATTERN);
/** Ids are UUIDs; the bound keeps error details (which name the id) short whatever is sent. */
const recordId = z.string().min(1).max(100);
const voiceIds = z.array(recordId).min(1).max(20_000);

export const syncSummary = z.object({
  region: z.enum(REGIONS),
  /** Voices on the account that were new to this computer. */
  imported: z.number().int().nonnegative(),
  /** Local voices the account no longer has. */
  missing: z.number().int().nonnegative(),
  /** Voices marked missing earlier that are back. */
  restored: z.number().int().nonnegative(),
  /** Account voices for a model this version does not know: listed, searchable, deletable, not spoken. */
  unknownModel: z.number().int().nonnegative(),
  /** Voices the account holds in this region (`total_count`), against ACCOUNT_VOICE_LIMIT. */
  remoteTotal: z.number().int().nonnegative(),
});
export type SyncSummary = z.infer<typeof syncSummary>;

export const importSummary = z.object({
  addedVoices: z.number().int().nonnegative(),
  updatedVoices: z.number().int().nonnegative(),
  addedSamples: z.number().int().nonnegative(),
  /** Records already here and not older than the ones in the file. */
  unchanged: z.number().int().nonnegative(),
  audioFiles: z.number().int().nonnegative(),
  /**
   * Voices whose own fields (name, notes, tags, consent, sample) in the file differ from newer
   * ones here: this computer's were kept, and the user is told which voices.
   */
  conflicts: z.array(z.object({ voiceId: z.string(), displayName: z.string() })),
});
export type ImportSummary = z.infer<typeof importSummary>;

export const libraryChange = z.object({
  voices: z.array(voiceRecord),
  removedVoiceIds: z.array(z.string()),
  samples: z.array(sampleSummary),
  removedSampleIds: z.array(z.string()),
});
export type LibraryChange = z.infer<typeof libraryChange>;

/** One clone of a Library row: what its line inside the row shows. */
export const libraryClone = z.object({
  id: z.string(),
  /** The service's voice id, once enrolled. */
  voice: z.string().nullable(),
  /** May be a model this version does not know (a voice found on the account). */
  targetModel: z.string(),
  status: z.enum(VOICE_STATUSES),
  /** The service built it in a degraded mode (`fallbackReason`). */
  degraded: z.boolean(),
});
export type LibraryClone = z.infer<typeof libraryClone>;

/** What one Library row shows, and nothing more: a few hundred bytes whatever the voice holds. */
export const libraryRow = z.object({
  /** The sample's id, or `voice:<id>` for a voice found on the account without a local sample. */
  id: z.string(),
  name: z.string(),
  sampleId: z.string().nullable(),
  sampleName: z.string(),
  durationSeconds: z.number().nullable(),
  hasAudio: z.boolean(),
  language: z.enum(SAMPLE_LANGUAGES).nullable(),
  tags: z.array(z.string()),
  createdAt: z.number(),
  clones: z.array(libraryClone),
});
export type LibraryRow = z.infer<typeof libraryRow>;

const allOr = <T extends z.ZodType>(schema: T) => z.union([z.literal('all'), schema]);

export const libraryRowsQuery = z.object({
  query: z.string().max(500),
  model: allOr(z.enum(TARGET_MODELS)),
  language: allOr(z.enum(SAMPLE_LANGUAGES)),
  status: allOr(z.enum(VOICE_STATUSES)),
  tag: z.string().max(50),
  sort: z.enum(SORT_KEYS),
  offset: z.number().int().nonnegative(),
  limit: z.number().int().positive().max(LIBRARY_MAX_PAGE),
});
export type LibraryRowsQuery = z.input<typeof libraryRowsQuery>;

/** Rows that changed: the Library patches the rows it holds and asks again only when the set changed. */
export const libraryRowsChange = z.object({ rows: z.array(libraryRow), removedRowIds: z.array(z.string()) });

/** A voice removed from this computer, kept so it can come back (Undo, or later from the list). */
export const removedVoice = z.object({ id: z.string(), name: z.string(), removedAt: z.number(), targetModel: z.string() });
export type RemovedVoice = z.infer<typeof removedVoice>;

export const catalogRoutes = {
  /** Everything the Library shows; later changes arrive as `library.changed`. */
  'library.list': route({
    input: z.void(),
    output: z.object({
      voices: z.array(voiceRecord),
      samples: z.array(sampleSummary),
      jobs: z.array(enrollProgress),
      notices: z.array(catalogNotice),
    }),
  }),
  /**
   * One window of the Library, searched, filtered and sorted in main where the catalog lives:
   * the first paint moves a screenful of rows, not the catalog.
   */
  'library.rows': route({
    input: libraryRowsQuery,
    output: z.object({ rows: z.array(libraryRow), offset: z.number(), total: z.number(), catalogTotal: z.number() }),
  }),
  /** What the Library shows around its rows: notices, tags for the filter, samples waiting to be cloned. */
  'library.overview': route({
    input: z.void(),
    output: z.object({
      notices: z.array(catalogNotice),
      tags: z.array(z.string()),
      uncloned: z.object({ count: z.number(), samples: z.array(sampleSummary) }),
      removed: z.array(removedVoice),
      /** Ready voices of the active region Timbre has not spoken with for 11 months (the service deletes them after a year). */
      unused: z.number().int().nonnegative(),
      /**
       * Voices the account holds in the active region (`total_count` of the last listing, moved by the
       * clones and account deletions made here since), against ACCOUNT_VOICE_LIMIT; null before the first sync.
       */
      account: z.object({ region: z.enum(REGIONS), count: z.number().int().nonnegative(), listedAt: z.number() }).nullable(),
    }),
  }),
  /**
   * The first-run guide's progress, counted where the catalog lives so that it costs the same
   * with 10 voices or 100,000: the samples, the newest one with audio and no voice yet (what
   * "Clone it" opens), and how far the voices are.
   */
  'library.progress': route({
    input: z.void(),
    output: z.object({ samples: z.number().int().nonnegative(), sampleToClone: recordId.nullable(), voice: z.enum(VOICE_PROGRESS) }),
  }),
  /** A row's full records, asked when it is opened. */
  'library.details': route({
    input: z.object({ rowId: z.string() }),
    output: z.object({ voices: z.array(voiceRecord), sample: sampleSummary.nullable(), jobs: z.array(enrollProgress) }),
  }),
  /** How many clones each of the samples the Samples view lists has (samples without any are left out). */
  'library.cloneCounts': route({ input: z.object({ sampleIds: z.array(recordId).max(100_000) }), output: z.record(z.string(), z.number().int().nonnegative()) }),
  /** Compares the active region's account with the catalog (see sync.ts for the rules). */
  'library.sync': route({ input: z.void(), output: syncSummary }),
  'library.dismissNotice': route({ input: z.object({ id: recordId }), output: z.void() }),

  /** Local label, notes and tags; nothing is sent to the service. */
  'voices.update': route({
    input: z.object({
      id: recordId,
      displayName: z.string().trim().min(1).max(200).optional(),
      notes: z.string().max(10_000).optional(),
      tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
    }),
    output: voiceRecord,
  }),
  /**
   * Deletes voices from this computer, and with `remote` from the account first (a voice the
   * account cannot delete stays, with the reason). Pending jobs are cancelled.
   */
  'voices.delete': route({
    input: z.object({ ids: voiceIds, remote: z.boolean() }),
    output: z.object({
      deleted: z.array(z.string()),
      failed: z.array(z.object({ id: z.string(), error: jobError })),
    }),
  }),

  /** What the enrollment form needs about one sample: the sample, its voices, names in use. */
  'enroll.context': route({
    input: z.object({ sampleId: recordId }),
    output: z.object({ sample: sampleRecord, voices: z.array(voiceRecord), takenNames: z.array(z.string()) }),
  }),
  /** The id part (`preferred_name`) Timbre would give a voice of this name: pinyin for Chinese, transliterated otherwise, not in use yet. */
  'enroll.suggestName': route({
    input: z.object({ displayName: z.string().max(200) }),
    output: z.object({ preferredName }),
  }),
  /** Puts one job per target model in the outbox and returns at once; progress follows as `enroll.progress`. */
  'enroll.start': route({
    input: z.object({
      sampleId: recordId,
      displayName: z.string().trim().min(1).max(200),
      preferredName,
      targetModels: z.array(z.enum(TARGET_MODELS)).min(1).max(TARGET_MODELS.length),
      language: z.enum(SAMPLE_LANGUAGES),
      transcript: z.string().max(5000),
      /** The user confirmed they own this voice or have the right to use it. */
      consent: z.literal(true),
    }),
    output: z.array(voiceRecord),
  }),
  /** Puts voices removed from this computer back, as they were (a pending clone comes back as failed, to send again). */
  'voices.restore': route({
    input: z.object({ ids: voiceIds }),
    output: z.object({ restored: z.array(z.string()) }),
  }),
  /** Sends a failed voice again, optionally with corrected fields. */
  'enroll.retry': route({
    input: z.object({
      voiceId: recordId,
      preferredName: preferredName.optional(),
      language: z.enum(SAMPLE_LANGUAGES).optional(),
      transcript: z.string().max(5000).optional(),
    }),
    output: voiceRecord,
  }),
  /** Tries every waiting job now instead of at its scheduled time. */
  'enroll.sendNow': route({ input: z.void(), output: z.void() }),

  /**
   * A zip with a versioned manifest and the audio files; all voices, or these and their samples.
   * Main asks where to save it; `path` is null when the user cancelled.
   */
  'catalog.export': route({
    input: z.object({ voiceIds: voiceIds.optional() }).default({}),
    output: z.object({ path: z.string().nullable(), fileName: z.string(), voices: z.number(), samples: z.number() }),
  }),
  /** Opens the folder of a file this session exported, with the OS file manager. */
  'catalog.showExport': route({ input: z.object({ path: z.string() }), output: z.void() }),
  /** Merges an export into this catalog without duplicates. */
  'catalog.import': route({ input: z.object({ zip: z.instanceof(Uint8Array) }), output: importSummary }),
};

export const catalogEvents = {
  /** Records that were added, changed or removed (incremental: the Library never reloads 10,000 voices). */
  'library.changed': libraryChange,
  /** The same changes as Library rows, for the Library screen. */
  'library.rowsChanged': libraryRowsChange,
  'enroll.progress': enrollProgress,
};
