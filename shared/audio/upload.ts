/**
 * The copy that gets uploaded, from the original: the trim, then the fixes (cuts, then level), and
 * the checks run on that result. Pure, so the renderer, the tests and the bench share one path.
 */
import type { SampleCheck } from '../catalog';
import { runChecks } from './checks';
import { keptRanges, normalizeLoudness, spliceRanges, type FixSet } from './fixes';
import type { SpeakerAnalysis } from './speakers';
import { remapSegments, type Segment } from './speech';

export interface UploadSource {
  /** The original's decoded channels and their rate. */
  channels: readonly Float32Array[];
  sampleRate: number;
  /** The rate stored in the original file, and the duration its header promised, when known. */
  sourceSampleRate: number;
  expectedSeconds?: number;
  /** The whole original as mono at the upload rate… */
  mono: Float32Array;
  /** …and the same with its noise reduced, once the user asked for it. */
  denoised?: Float32Array;
  monoRate: number;
  /** Speech in the original's timeline. */
  speech: readonly Segment[];
  /**
   * Who speaks where, in the original's timeline, and the main speaker's stretch as a trim
   * (`mainVoiceStretch`); null when the take was too long to hear them (`SPEAKERS.maxTakeSeconds`).
   */
  speakers: (Pick<SpeakerAnalysis, 'others' | 'distance'> & { mainStretch: Segment | null }) | null;
}

export interface PreparedUpload {
  samples: Float32Array;
  rate: number;
  /** The parts of the original (seconds) the upload is made of. */
  kept: Segment[];
  checks: SampleCheck[];
}

export function prepareUpload(source: UploadSource, trim: Segment | null, fixes: FixSet): PreparedUpload {
  const duration = source.mono.length / source.monoRate;
  const range = trim ?? { start: 0, end: duration };
  const kept = keptRanges(source.speech, range, fixes);
  const spliced = spliceRanges(fixes.denoise && source.denoised ? source.denoised : source.mono, source.monoRate, kept);
  const samples = fixes.normalize ? normalizeLoudness(spliced, source.monoRate) : spliced;
  const from = Math.floor(range.start * source.sampleRate);
  const to = Math.ceil(range.end * source.sampleRate);
  const checks = runChecks({
    channels: source.channels.map((channel) => channel.subarray(from, Math.max(from, Math.min(channel.length, to)))),
    sourceSampleRate: source.sourceSampleRate,
    expectedSeconds: source.expectedSeconds,
    decodedSeconds: (source.channels[0]?.length ?? 0) / source.sampleRate,
    upload: samples,
    uploadRate: source.monoRate,
    speech: remapSegments(source.speech, kept),
    otherVoices: source.speakers && remapSegments(source.speakers.others, kept),
    mainStretch: source.speakers?.mainStretch ?? null,
    speakerDistance: source.speakers?.distance ?? 0,
  });
  return { samples, rate: source.monoRate, kept, checks };
}
