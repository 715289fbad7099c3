/** Synthesis constants and helpers both processes use, without zod (the schemas are in ipc/routes/synthesis.ts). */
import type { VoiceRecord } from './catalog';
import { isTargetModel, type TargetModel } from './models';

/** Error codes of these channels (translated in the `errors` namespace). */
export const SYNTH_ERROR = {
  /** details: id */
  voiceNotFound: 'synth.voice_not_found',
  /** The voice is not enrolled (yet): it has no service id or its status is not `ready`. details: status */
  voiceNotReady: 'synth.voice_not_ready',
  /** Voices and keys are bound to a region. details: voiceRegion, activeRegion */
  regionMismatch: 'synth.region_mismatch',
  /** A voice found on the account for a model this version cannot speak. details: model */
  modelUnsupported: 'synth.model_unsupported',
  /** details: id */
  entryNotFound: 'synth.entry_not_found',
  /** A run with this id is already going. */
  duplicateRun: 'synth.duplicate_run',
  /** This build has no save dialog (only the Electron app has one). */
  exportUnavailable: 'synth.export_unavailable',
  /** details: reason */
  exportFailed: 'synth.export_failed',
} as const;

/** What one Try accepts; longer text is split into requests of at most SYNTHESIS_MAX_CHARS. */
/**
 * Voices the Try screen lists at once (newest first, or those matching what the user typed): a
 * picker of a few hundred is usable, and what crosses to the page stays the same at any size.
 */
export const TRY_VOICES_SHOWN = 200;

export const MAX_TRY_TEXT_CHARS = 5000;

/** Session options of the realtime models (§5.b); the HTTP model documents none. */
export const REALTIME_OPTION_RANGES = {
  speechRate: { min: 0.5, max: 2, step: 0.1, default: 1 },
  volume: { min: 0, max: 100, step: 1, default: 50 },
  pitchRate: { min: 0.5, max: 2, step: 0.1, default: 1 },
} as const;

/** Whether a voice can speak: enrolled (`ready`), known to the service by its id, for a model Timbre speaks. */
export const canSpeak = <T extends Pick<VoiceRecord, 'status' | 'voice' | 'targetModel'>>(voice: T): voice is T & { voice: string; targetModel: TargetModel } =>
  voice.status === 'ready' && Boolean(voice.voice) && isTargetModel(voice.targetModel);
