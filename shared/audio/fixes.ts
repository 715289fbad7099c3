/**
 * Fixes applied to the copy that gets uploaded (the original file is never changed): which parts of
 * the audio to keep (silence trimmed, long pauses shortened) and the level to bring the speech to.
 * Pure functions over mono samples, so the renderer runs them and tests feed synthetic signals.
 */
import type { SampleCheck } from '../catalog';
import { ENROLLMENT_AUDIO } from '../models';
import { integratedLoudness, truePeak } from './loudness';
import type { Segment } from './speech';

/** In the order they apply: cuts, then noise reduction (RNNoise, in the renderer's worker), then level. */
export const FIX_NAMES = ['trimSilence', 'shortenPauses', 'denoise', 'normalize'] as const;
export type FixName = (typeof FIX_NAMES)[number];
export type FixSet = Readonly<Record<FixName, boolean>>;
export const NO_FIXES: FixSet = { trimSilence: false, shortenPauses: false, denoise: false, normalize: false };

export const FIX_SETTINGS = {
  /**
   * Loudness to bring speech to. −20 LUFS sits between EBU R128's −23 (broadcast) and the −16 of
   * podcast platforms: loud enough for the service's level-based steps, with room under the peak limit.
   */
  targetLufs: -20,
  /** True-peak ceiling after gain, as EBU R128 s1 and AES TD1004 recommend for delivery (−1 dBTP). */
  truePeakCeilingDbtp: -1,
  /** The peak limiter reaches full reduction over 5 ms before a peak and lets go over 80 ms. */
  limiterAttackSeconds: 0.005,
  limiterReleaseSeconds: 0.08,
  /** Air kept around the speech when silence is trimmed. */
  edgeMarginSeconds: 0.25,
  /** A pause over the service's 2 s is shortened to this: a natural break, far under the limit. */
  shortenedPauseSeconds: 0.8,
  maxPauseSeconds: ENROLLMENT_AUDIO.maxPauseSeconds,
  /** Cuts are joined with a short crossfade so they do not click. */
  crossfadeSeconds: 0.01,
} as const;

const S = FIX_SETTINGS;

/**
 * The ranges of the source (seconds) that make up the uploaded copy, in order: the trim, minus the
 * leading/trailing silence and minus the middle of every pause over the limit.
 */
export function keptRanges(segments: readonly Segment[], range: Segment, fixes: FixSet): Segment[] {
  const inside = segments
    .map((segment) => ({ start: Math.max(segment.start, range.start), end: Math.min(segment.end, range.end) }))
    .filter((segment) => segment.end > segment.start);
  if (inside.length === 0) return [range];
  let start = range.start;
  let end = range.end;
  if (fixes.trimSilence) {
    start = Math.max(start, inside[0].start - S.edgeMarginSeconds);
    end = Math.min(end, inside[inside.length - 1].end + S.edgeMarginSeconds);
  }
  const kept: Segment[] = [];
  let from = start;
  if (fixes.shortenPauses) {
    // Leading/trailing silence is a pause too when it is not trimmed away.
    const gaps: Segment[] = [{ start, end: inside[0].start }];
    for (let i = 1; i < inside.length; i++) gaps.push({ start: inside[i - 1].end, end: inside[i].start });
    gaps.push({ start: inside[inside.length - 1].end, end });
    for (const gap of gaps) {
      if (gap.end - gap.start <= S.maxPauseSeconds) continue;
      const half = S.shortenedPauseSeconds / 2;
      const cutStart = gap.start === start ? start : gap.start + half;
      const cutEnd = gap.end === end ? end : gap.end - half;
      if (cutStart > from) kept.push({ start: from, end: cutStart });
      from = cutEnd;
    }
  }
  if (end > from) kept.push({ start: from, end });
  return kept.length ? kept : [range];
}

/** Joins the kept ranges of `samples` (at `sampleRate`) with short equal-power crossfades. */
export function spliceRanges(samples: Float32Array, sampleRate: number, kept: readonly Segment[]): Float32Array {
  const pieces = kept.map(({ start, end }) => samples.subarray(Math.max(0, Math.round(start * sampleRate)), Math.min(samples.length, Math.round(end * sampleRate))));
  if (pieces.length === 1) return pieces[0].slice();
  const fade = Math.round(S.crossfadeSeconds * sampleRate);
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const output = new Float32Array(total);
  let at = 0;
  pieces.forEach((piece, index) => {
    output.set(piece, at);
    if (index > 0) {
      // Fade the end of the previous piece out and this one in over the first `fade` samples.
      const length = Math.min(fade, piece.length, at);
      for (let i = 0; i < length; i++) {
        const t = (i + 0.5) / length;
        const fadeIn = Math.sin((t * Math.PI) / 2);
        const fadeOut = Math.cos((t * Math.PI) / 2);
        output[at + i] = piece[i] * fadeIn + samples[Math.round(kept[index - 1].end * sampleRate) - length + i] * fadeOut;
      }
    }
    at += piece.length;
  });
  return output;
}

/**
 * Gain that brings the integrated loudness to the target, with a look-ahead peak limiter so the true
 * peak stays under the ceiling. Returns new samples; silence (no measurable loudness) is left alone.
 */
export function normalizeLoudness(samples: Float32Array, sampleRate: number): Float32Array {
  const loudness = integratedLoudness(samples, sampleRate);
  if (!Number.isFinite(loudness)) return samples.slice();
  const gain = 10 ** ((S.targetLufs - loudness) / 20);
  // Limit sample peaks 0.5 dB under the ceiling, which leaves room for the peaks between samples.
  const ceiling = 10 ** ((S.truePeakCeilingDbtp - 0.5) / 20);
  const needed = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const level = Math.abs(samples[i]) * gain;
    needed[i] = level > ceiling ? ceiling / level : 1;
  }
  // Gain may fall no faster than the attack ramp allows before a peak (backward pass) and rise no
  // faster than the release ramp after it (forward pass): smooth, and never above what any sample needs.
  const attackStep = 1 / Math.max(1, S.limiterAttackSeconds * sampleRate);
  const releaseStep = 1 / Math.max(1, S.limiterReleaseSeconds * sampleRate);
  for (let i = samples.length - 2; i >= 0; i--) needed[i] = Math.min(needed[i], needed[i + 1] + attackStep);
  for (let i = 1; i < samples.length; i++) needed[i] = Math.min(needed[i], needed[i - 1] + releaseStep);
  const output = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) output[i] = samples[i] * gain * needed[i];
  const peak = truePeak(output);
  const limit = 10 ** (S.truePeakCeilingDbtp / 20);
  if (peak > limit) for (let i = 0; i < output.length; i++) output[i] *= limit / peak;
  return output;
}

/** The fixes that can turn this check's warning into a pass (none for what only a new take mends). */
export function fixesFor(check: SampleCheck): FixName[] {
  if (check.status === 'pass') return [];
  const issue = check.values.issue;
  switch (check.name) {
    case 'loudness':
      return ['normalize'];
    case 'noise':
      return ['denoise'];
    case 'pauses':
      if (issue !== 'inside') return ['trimSilence'];
      return Number(check.values.ends) > S.maxPauseSeconds ? ['trimSilence', 'shortenPauses'] : ['shortenPauses'];
    case 'speech':
      return issue === 'sparse' ? ['trimSilence', 'shortenPauses'] : [];
    case 'duration':
      // Over 60 s, cutting silence may be enough; 20–60 s is a choice of what to keep, left to the user.
      return issue === 'tooLong' ? ['trimSilence', 'shortenPauses'] : [];
    default:
      return [];
  }
}

const lengthOf = (ranges: readonly Segment[]) => ranges.reduce((sum, range) => sum + range.end - range.start, 0);

/** Seconds each cutting fix removes from the upload, as applied on top of the others. */
export function cutSeconds(segments: readonly Segment[], range: Segment, fixes: FixSet): Record<'trimSilence' | 'shortenPauses', number> {
  const withAll = lengthOf(keptRanges(segments, range, fixes));
  return {
    trimSilence: lengthOf(keptRanges(segments, range, { ...fixes, trimSilence: false })) - withAll,
    shortenPauses: lengthOf(keptRanges(segments, range, { ...fixes, shortenPauses: false })) - withAll,
  };
}
