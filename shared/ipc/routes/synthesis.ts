/**
 * Trying a cloned voice (`synth.*`): speak text with a voice on its own target model, stream the
 * audio to the renderer as it arrives (`synth.chunk`), keep every result in a per-voice history.
 */
import { z } from 'zod';
import { audioFileRef, voiceRecord } from '../../catalog-schema';
import { LANGUAGE_TYPES, REGIONS, TARGET_MODELS } from '../../models';
import { route } from '../define';
import { MAX_TRY_TEXT_CHARS, REALTIME_OPTION_RANGES, TRY_VOICES_SHOWN } from '../../synthesis';

const option = (range: { min: number; max: number }) => z.number().min(range.min).max(range.max).optional();

export const synthesisSettings = z.object({
  languageType: z.enum(LANGUAGE_TYPES),
  /** Realtime models only; ignored (and not stored) for the HTTP model. */
  speechRate: option(REALTIME_OPTION_RANGES.speechRate),
  volume: option(REALTIME_OPTION_RANGES.volume),
  pitchRate: option(REALTIME_OPTION_RANGES.pitchRate),
});
export type SynthesisSettings = z.infer<typeof synthesisSettings>;

/** One synthesized result, kept until the user deletes it (the service's own URL expires after 24 h). */
export const historyEntry = z.object({
  id: z.string(),
  /** Local voice id (VoiceRecord.id). */
  voiceId: z.string(),
  /** The service voice id and the model it was spoken with (always the voice's target model). */
  voice: z.string(),
  model: z.enum(TARGET_MODELS),
  region: z.enum(REGIONS),
  text: z.string(),
  settings: synthesisSettings,
  /** The WAV in `<dataDir>/audio/`. */
  audio: audioFileRef,
  createdAt: z.number(),
  /** From pressing Speak to the first audio chunk, ms; null when no chunk came before the end. */
  firstAudioMs: z.number().nonnegative().nullable(),
  totalMs: z.number().nonnegative(),
  /** How many requests the text was split into. */
  parts: z.number().int().positive(),
  /** Billable characters as DashScope reported them. */
  characters: z.number().int().nonnegative().nullable(),
  requestId: z.string().nullable(),
  /**
   * Omni models only: the text the model actually said. An assistant asked to read a text verbatim
   * may not (§7), so Try shows it beside the audio. Absent for the TTS models, which read the text.
   */
  spokenText: z.string().optional(),
  /** Starred by the user: listed first and kept in view. Absent in entries from before favourites. */
  favourite: z.boolean().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

/** A voice the Try screen can use, with what it needs to play the sample it was cloned from. */
export const tryVoice = z.object({
  voice: voiceRecord,
  /** Which file of the voice's sample can be played for comparison (`samples.readAudio`), if any. */
  sampleAudio: z.enum(['upload', 'original']).nullable(),
});
export type TryVoice = z.infer<typeof tryVoice>;

const runId = z.string().min(8).max(100);
const entryId = z.object({ entryId: z.string().min(1).max(100) });

export const synthesisRoutes = {
  /**
   * Voices that can speak now (enrolled: `ready`, with a service id), newest first: the first
   * `limit` whose name, voice id or tags contain `query`, then those of `include` (the voice in
   * use, one asked for by the Library) that are not among them. `matching` and `speakable` count
   * all of them, so the picker can say how many it does not show.
   */
  'synth.voices': route({
    input: z.object({
      query: z.string().max(200),
      limit: z.number().int().min(1).max(TRY_VOICES_SHOWN),
      include: z.array(z.string().min(1).max(100)).max(50),
    }),
    output: z.object({ voices: z.array(tryVoice), matching: z.number().int().nonnegative(), speakable: z.number().int().nonnegative() }),
  }),
  /**
   * Speaks `text` with the voice on its target model. Audio streams as `synth.chunk` events tagged
   * with the caller's `runId`; resolves once the WAV is saved and in the history. A failure or a
   * cancellation rejects and keeps nothing (details.partialSeconds tells how much had played).
   */
  'synth.start': route({
    input: z.object({
      runId,
      voiceId: z.string().min(1).max(100),
      text: z.string().trim().min(1).max(MAX_TRY_TEXT_CHARS),
      settings: synthesisSettings,
    }),
    output: historyEntry,
  }),
  /** Stops a run; `cancelled` is false when it had already ended. */
  'synth.cancel': route({ input: z.object({ runId }), output: z.object({ cancelled: z.boolean() }) }),
  /** A voice's results, newest first. */
  'synth.history': route({ input: z.object({ voiceId: z.string().min(1).max(100) }), output: z.array(historyEntry) }),
  /** The saved WAV of a result. */
  'synth.readAudio': route({ input: entryId, output: z.object({ bytes: z.instanceof(Uint8Array), mime: z.string() }) }),
  /** Stars or unstars a result; returns it as stored. */
  'synth.setFavourite': route({ input: entryId.extend({ favourite: z.boolean() }).strict(), output: historyEntry }),
  /** Removes a result and its WAV. */
  'synth.deleteHistory': route({ input: entryId, output: z.void() }),
  /** Asks where to save the result's WAV and writes it there; `path` is null when the user cancelled. */
  'synth.export': route({ input: entryId, output: z.object({ path: z.string().nullable() }) }),
};

export const synthesisEvents = {
  /** A part of a long text starts (text is split at sentence ends, one request each); `part` is 0-based. */
  'synth.part': z.object({ runId: z.string(), part: z.number().int().nonnegative(), parts: z.number().int().positive(), text: z.string() }),
  /** 16-bit mono little-endian PCM of a running synthesis, in order. */
  'synth.chunk': z.object({
    runId: z.string(),
    seq: z.number().int().nonnegative(),
    pcm: z.instanceof(Uint8Array),
    sampleRate: z.number().int().positive(),
    /** Since the run started, ms. */
    elapsedMs: z.number().nonnegative(),
  }),
};
