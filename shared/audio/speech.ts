/**
 * Speech and pauses from a voice-activity model's per-frame speech probabilities (Silero VAD in
 * the renderer's worker; any probabilities in tests). Hysteresis and minimum lengths follow the
 * Silero reference `get_speech_timestamps`: enter speech at 0.5, leave it below 0.35, ignore blips
 * shorter than 250 ms and gaps shorter than 100 ms.
 */

export interface SpeechActivity {
  /** Seconds each probability covers. */
  frameSeconds: number;
  /** Per frame, the model's probability that it holds speech (0–1). */
  probabilities: Float32Array;
}

export interface Segment {
  start: number;
  end: number;
}

export const SPEECH = {
  enterProbability: 0.5,
  leaveProbability: 0.35,
  minSpeechSeconds: 0.25,
  minGapSeconds: 0.1,
} as const;

/** Speech segments in seconds, sorted and disjoint. */
export function speechSegments(activity: SpeechActivity, durationSeconds: number): Segment[] {
  const { frameSeconds, probabilities } = activity;
  const raw: Segment[] = [];
  let start = -1;
  probabilities.forEach((probability, frame) => {
    if (start < 0 && probability >= SPEECH.enterProbability) start = frame;
    else if (start >= 0 && probability < SPEECH.leaveProbability) {
      raw.push({ start: start * frameSeconds, end: frame * frameSeconds });
      start = -1;
    }
  });
  if (start >= 0) raw.push({ start: start * frameSeconds, end: probabilities.length * frameSeconds });
  const merged: Segment[] = [];
  for (const segment of raw) {
    const previous = merged.at(-1);
    if (previous && segment.start - previous.end < SPEECH.minGapSeconds) previous.end = segment.end;
    else merged.push({ ...segment });
  }
  return merged
    .filter((segment) => segment.end - segment.start >= SPEECH.minSpeechSeconds)
    .map((segment) => ({ start: segment.start, end: Math.min(segment.end, durationSeconds) }))
    .filter((segment) => segment.end > segment.start);
}

export interface SpeechSummary {
  speechSeconds: number;
  /** Speech in the longest stretch without a pause of `RUN_GAP_SECONDS` or more (the breaths in it not counted). */
  longestRunSeconds: number;
  /** Silences between speech segments. */
  pauses: Segment[];
  leadingSeconds: number;
  trailingSeconds: number;
}

/**
 * Pauses shorter than this still count as one continuous run: breaths and stops between words.
 * The service's "3 s of continuous speech" is not documented further; 0.5 s is the gap its sister
 * service's preprocessing (and most ASR segmenters) splits on.
 */
export const RUN_GAP_SECONDS = 0.5;

export function summarizeSpeech(segments: readonly Segment[], durationSeconds: number): SpeechSummary {
  const pauses: Segment[] = [];
  let longestRun = 0;
  /** Speech (breaths left out) in the run the current segment belongs to. */
  let run = 0;
  segments.forEach((segment, index) => {
    const previous = segments[index - 1];
    if (previous) {
      pauses.push({ start: previous.end, end: segment.start });
      if (segment.start - previous.end >= RUN_GAP_SECONDS) run = 0;
    }
    run += segment.end - segment.start;
    longestRun = Math.max(longestRun, run);
  });
  return {
    speechSeconds: segments.reduce((sum, segment) => sum + segment.end - segment.start, 0),
    longestRunSeconds: longestRun,
    pauses,
    leadingSeconds: segments.length ? segments[0].start : durationSeconds,
    trailingSeconds: segments.length ? durationSeconds - segments[segments.length - 1].end : 0,
  };
}

/**
 * The same segments after the audio is cut down to `kept` ranges (in the original's seconds) and
 * the ranges are joined end to end: what the checks of the edited copy see.
 */
export function remapSegments(segments: readonly Segment[], kept: readonly Segment[]): Segment[] {
  const result: Segment[] = [];
  let offset = 0;
  for (const range of kept) {
    for (const segment of segments) {
      const start = Math.max(segment.start, range.start);
      const end = Math.min(segment.end, range.end);
      if (end <= start) continue;
      const mapped = { start: offset + start - range.start, end: offset + end - range.start };
      const previous = result.at(-1);
      // A speech segment cut by a shortened pause stays one segment when its parts touch.
      if (previous && mapped.start - previous.end < 1e-6) previous.end = mapped.end;
      else result.push(mapped);
    }
    offset += range.end - range.start;
  }
  return result;
}
