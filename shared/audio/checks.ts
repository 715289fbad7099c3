/**
 * Quality checks on a sample before it is cloned, and every threshold they use. The numbers come
 * from the DashScope audio rules (shared/models.ts, ENROLLMENT_AUDIO) plus what makes a clone sound
 * like its speaker. Pure functions over Float32 samples, so the renderer runs them and tests can
 * feed synthetic signals.
 */
import type { SampleCheck } from '../catalog';
import { ENROLLMENT_AUDIO } from '../models';

export const CHECK_THRESHOLDS = {
  minSeconds: ENROLLMENT_AUDIO.minSeconds,
  recommendedMinSeconds: ENROLLMENT_AUDIO.recommendedMinSeconds,
  recommendedMaxSeconds: ENROLLMENT_AUDIO.recommendedMaxSeconds,
  maxSeconds: ENROLLMENT_AUDIO.maxSeconds,
  /** Loudness and silence are judged on 20 ms frames. */
  frameSeconds: 0.02,
  /** A frame is silence when it is this much quieter than the loudest frame… */
  silenceBelowLoudestDb: 30,
  /** …clamped to this range, so a noisy room or a whisper still separates speech from pauses. */
  silenceFloorDbfs: -60,
  silenceCeilingDbfs: -40,
  /** Peak below this: nothing audible was captured (muted input, wrong device). */
  inaudiblePeakDbfs: -45,
  /** Average level of the speech below this: audible but too quiet for a good clone. */
  quietSpeechRmsDbfs: -35,
  /** A sample at or above this magnitude, in a run of `clipRunSamples`, is clipped. */
  clipLevel: 0.99,
  clipRunSamples: 3,
  /** Share of clipped samples that gives a warning / a blocker. */
  clipWarnRatio: 0.0002,
  clipBlockRatio: 0.01,
  /** The API wants pauses of at most 2 s inside the clip. */
  maxPauseSeconds: ENROLLMENT_AUDIO.maxPauseSeconds,
  /** The API needs at least 3 s of speech. */
  minSpeechSeconds: ENROLLMENT_AUDIO.minSeconds,
  /** Speech under this share of the clip: mostly silence. */
  minSpeechRatio: 0.5,
  minSampleRate: ENROLLMENT_AUDIO.minSampleRate,
  /** Channels whose difference is this far below their level carry the same signal (mono in stereo). */
  sameChannelsDb: -40,
  /**
   * While recording: a stream that stays under this peak for `silentStreamSeconds` delivers no sound
   * at all (OS-level mic switch off, muted input). Real microphones hiss well above it; Chromium
   * itself adds noise near −86 dBFS to a digitally silent input.
   */
  silentStreamPeakDbfs: -80,
  silentStreamSeconds: 2,
  uploadSampleRate: ENROLLMENT_AUDIO.uploadSampleRate,
  maxDataUrlBytes: ENROLLMENT_AUDIO.maxDataUrlBytes,
} as const;

export const CHECK_NAMES = ['duration', 'loudness', 'clipping', 'pauses', 'silence', 'sampleRate', 'channels', 'size', 'integrity'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

const T = CHECK_THRESHOLDS;
const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

export function toDbfs(linear: number): number {
  return linear > 0 ? 20 * Math.log10(linear) : -Infinity;
}

/** dBFS for display: silence reads as -120 rather than -Infinity (which JSON cannot carry). */
const displayDb = (db: number) => round1(Math.max(-120, db));

function check(name: CheckName, status: SampleCheck['status'], values: SampleCheck['values'] = {}): SampleCheck {
  return { name, status, values };
}

/** Averages channels into one (what the converter and the API end up with). */
export function downmix(channels: readonly Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const length = Math.min(...channels.map((channel) => channel.length));
  const mono = new Float32Array(length);
  for (const channel of channels) for (let i = 0; i < length; i++) mono[i] += channel[i];
  for (let i = 0; i < length; i++) mono[i] /= channels.length;
  return mono;
}

export interface SpeechAnalysis {
  durationSeconds: number;
  peakDb: number;
  /** RMS over the frames that hold speech (-Infinity when there are none). */
  speechRmsDb: number;
  speechSeconds: number;
  /** Per frame: does it hold speech? */
  speechFrames: boolean[];
  frameSeconds: number;
  /** First and last speech frame, or null when the clip is all silence. */
  speechSpan: { start: number; end: number } | null;
}

/** Splits mono audio into speech and silence frames (level relative to the loudest frame). */
export function analyzeSpeech(samples: Float32Array, sampleRate: number): SpeechAnalysis {
  const frameLength = Math.max(1, Math.round(T.frameSeconds * sampleRate));
  const frameCount = Math.ceil(samples.length / frameLength);
  const frameRms = new Float64Array(frameCount);
  let peak = 0;
  for (let frame = 0; frame < frameCount; frame++) {
    const from = frame * frameLength;
    const to = Math.min(samples.length, from + frameLength);
    let sum = 0;
    for (let i = from; i < to; i++) {
      const value = samples[i];
      sum += value * value;
      const magnitude = Math.abs(value);
      if (magnitude > peak) peak = magnitude;
    }
    frameRms[frame] = Math.sqrt(sum / (to - from));
  }
  let loudest = 0;
  for (const rms of frameRms) if (rms > loudest) loudest = rms;
  const loudestDb = toDbfs(loudest);
  const thresholdDb = Math.min(T.silenceCeilingDbfs, Math.max(T.silenceFloorDbfs, loudestDb - T.silenceBelowLoudestDb));
  const threshold = 10 ** (thresholdDb / 20);
  const speechFrames = Array.from(frameRms, (rms) => rms >= threshold && rms > 0);

  let speechEnergy = 0;
  let speechSamples = 0;
  let first = -1;
  let last = -1;
  speechFrames.forEach((speech, frame) => {
    if (!speech) return;
    if (first < 0) first = frame;
    last = frame;
    const length = Math.min(frameLength, samples.length - frame * frameLength);
    speechEnergy += frameRms[frame] ** 2 * length;
    speechSamples += length;
  });
  const frameSeconds = frameLength / sampleRate;
  return {
    durationSeconds: samples.length / sampleRate,
    peakDb: toDbfs(peak),
    speechRmsDb: speechSamples > 0 ? toDbfs(Math.sqrt(speechEnergy / speechSamples)) : -Infinity,
    speechSeconds: speechSamples / sampleRate,
    speechFrames,
    frameSeconds,
    speechSpan: first < 0 ? null : { start: first * frameSeconds, end: Math.min((last + 1) * frameSeconds, samples.length / sampleRate) },
  };
}

/** A trim that keeps the speech with a little air around it; null when there is nothing to cut. */
export function suggestTrim(analysis: SpeechAnalysis, marginSeconds = 0.25): { start: number; end: number } | null {
  if (!analysis.speechSpan) return null;
  const start = round2(Math.max(0, analysis.speechSpan.start - marginSeconds));
  const end = round2(Math.min(analysis.durationSeconds, analysis.speechSpan.end + marginSeconds));
  if (start <= 0.05 && end >= analysis.durationSeconds - 0.05) return null;
  return { start, end };
}

export function checkDuration(seconds: number): SampleCheck {
  const values = { seconds: round1(seconds), min: T.minSeconds, max: T.maxSeconds, recommendedMin: T.recommendedMinSeconds, recommendedMax: T.recommendedMaxSeconds };
  if (seconds < T.minSeconds) return check('duration', 'block', { ...values, issue: 'tooShort' });
  if (seconds > T.maxSeconds) return check('duration', 'block', { ...values, issue: 'tooLong', trimSeconds: Math.ceil(seconds - T.maxSeconds) });
  if (seconds < T.recommendedMinSeconds) return check('duration', 'warn', { ...values, issue: 'short' });
  if (seconds > T.recommendedMaxSeconds) return check('duration', 'warn', { ...values, issue: 'long' });
  return check('duration', 'pass', values);
}

export function checkLoudness(analysis: SpeechAnalysis): SampleCheck {
  const values = { peakDb: displayDb(analysis.peakDb), rmsDb: displayDb(analysis.speechRmsDb) };
  if (analysis.peakDb < T.inaudiblePeakDbfs) return check('loudness', 'block', { ...values, issue: 'inaudible' });
  if (analysis.speechRmsDb < T.quietSpeechRmsDbfs) return check('loudness', 'warn', { ...values, issue: 'quiet' });
  return check('loudness', 'pass', values);
}

/** Share of samples in flat-topped runs at full scale, worst channel. */
export function clippedRatio(channels: readonly Float32Array[]): number {
  let worst = 0;
  for (const channel of channels) {
    let clipped = 0;
    let run = 0;
    for (let i = 0; i <= channel.length; i++) {
      if (i < channel.length && Math.abs(channel[i]) >= T.clipLevel) {
        run++;
      } else {
        if (run >= T.clipRunSamples) clipped += run;
        run = 0;
      }
    }
    if (channel.length > 0) worst = Math.max(worst, clipped / channel.length);
  }
  return worst;
}

export function checkClipping(channels: readonly Float32Array[]): SampleCheck {
  const ratio = clippedRatio(channels);
  const values = { percent: round2(ratio * 100) };
  if (ratio >= T.clipBlockRatio) return check('clipping', 'block', values);
  if (ratio >= T.clipWarnRatio) return check('clipping', 'warn', values);
  return check('clipping', 'pass', values);
}

/** The longest stretch of silence: inside the speech, or before/after it. */
export function checkPauses(analysis: SpeechAnalysis): SampleCheck {
  const { speechFrames, frameSeconds, speechSpan, durationSeconds } = analysis;
  if (!speechSpan) return check('pauses', 'pass', { seconds: 0 });
  let longest = { seconds: 0, at: 0, where: 'inside' };
  let runStart = -1;
  speechFrames.forEach((speech, frame) => {
    if (!speech && runStart < 0) runStart = frame;
    if (speech && runStart >= 0) {
      const seconds = (frame - runStart) * frameSeconds;
      if (seconds > longest.seconds) longest = { seconds, at: runStart * frameSeconds, where: runStart === 0 ? 'start' : 'inside' };
      runStart = -1;
    }
  });
  const trailing = durationSeconds - speechSpan.end;
  if (trailing > longest.seconds) longest = { seconds: trailing, at: speechSpan.end, where: 'end' };
  const values = { seconds: round1(longest.seconds), at: round1(longest.at), where: longest.where, max: T.maxPauseSeconds };
  return check('pauses', longest.seconds > T.maxPauseSeconds ? 'warn' : 'pass', values);
}

export function checkSilence(analysis: SpeechAnalysis): SampleCheck {
  const ratio = analysis.durationSeconds > 0 ? analysis.speechSeconds / analysis.durationSeconds : 0;
  const values = { speechSeconds: round1(analysis.speechSeconds), percent: Math.round(ratio * 100), min: T.minSpeechSeconds };
  if (analysis.speechSeconds < T.minSpeechSeconds) return check('silence', 'block', values);
  if (ratio < T.minSpeechRatio) return check('silence', 'warn', values);
  return check('silence', 'pass', values);
}

export function checkSampleRate(sampleRate: number): SampleCheck {
  const values = { sampleRate, min: T.minSampleRate };
  return check('sampleRate', sampleRate < T.minSampleRate ? 'warn' : 'pass', values);
}

/** Stereo whose channels differ gets downmixed (a warning); stereo carrying one signal twice is mono. */
export function checkChannels(channels: readonly Float32Array[]): SampleCheck {
  if (channels.length <= 1) return check('channels', 'pass', { channels: 1 });
  const mono = downmix(channels);
  let level = 0;
  let difference = 0;
  for (const channel of channels) {
    for (let i = 0; i < mono.length; i++) {
      level += mono[i] * mono[i];
      difference += (channel[i] - mono[i]) ** 2;
    }
  }
  const same = level === 0 ? difference === 0 : 10 * Math.log10(difference / level) < T.sameChannelsDb;
  return check('channels', same ? 'pass' : 'warn', { channels: channels.length, same: same ? 'yes' : 'no' });
}

/** Bytes of the `data:audio/wav;base64,…` string that carries a WAV file of this size. */
export const wavDataUrlBytes = (wavBytes: number) => 'data:audio/wav;base64,'.length + 4 * Math.ceil(wavBytes / 3);

/** Bytes of that data URL for a converted sample (24 kHz, 16-bit mono) of this length. */
export function uploadDataUrlBytes(seconds: number): number {
  return wavDataUrlBytes(44 + Math.round(seconds * T.uploadSampleRate) * 2);
}

export function checkUploadSize(seconds: number): SampleCheck {
  const bytes = uploadDataUrlBytes(seconds);
  const values = { sizeMb: round2(bytes / 1_000_000), maxMb: T.maxDataUrlBytes / 1_000_000 };
  if (bytes <= T.maxDataUrlBytes) return check('size', 'pass', values);
  const encodedBytesPerSecond = (T.uploadSampleRate * 2 * 4) / 3;
  return check('size', 'block', { ...values, trimSeconds: Math.ceil((bytes - T.maxDataUrlBytes) / encodedBytesPerSecond) });
}

/** The container promised more audio than the file holds (an interrupted download or copy). */
export function checkIntegrity(expectedSeconds: number, decodedSeconds: number): SampleCheck {
  return check('integrity', 'warn', { expectedSeconds: round1(expectedSeconds), seconds: round1(decodedSeconds) });
}

export interface CheckInput {
  /** Decoded channels at `sampleRate`. */
  channels: readonly Float32Array[];
  sampleRate: number;
  /** The rate stored in the file, when known (decoding may resample). */
  sourceSampleRate?: number;
  /** Seconds to keep; the checks judge what will be uploaded. */
  trim?: { start: number; end: number } | null;
  /** Duration the file's header promised, when it declares one. */
  expectedSeconds?: number;
}

export function trimChannels(channels: readonly Float32Array[], sampleRate: number, trim: { start: number; end: number } | null | undefined): Float32Array[] {
  if (!trim) return [...channels];
  const from = Math.max(0, Math.floor(trim.start * sampleRate));
  return channels.map((channel) => channel.subarray(from, Math.max(from, Math.min(channel.length, Math.ceil(trim.end * sampleRate)))));
}

/** Every check, in the order they are shown. */
export function runChecks(input: CheckInput): SampleCheck[] {
  const fullSeconds = (input.channels[0]?.length ?? 0) / input.sampleRate;
  const channels = trimChannels(input.channels, input.sampleRate, input.trim);
  const mono = downmix(channels);
  const analysis = analyzeSpeech(mono, input.sampleRate);
  const checks = [
    checkDuration(analysis.durationSeconds),
    checkLoudness(analysis),
    checkSilence(analysis),
    checkPauses(analysis),
    checkClipping(channels),
    checkSampleRate(input.sourceSampleRate ?? input.sampleRate),
    checkChannels(channels),
    checkUploadSize(analysis.durationSeconds),
  ];
  // 2% slack: encoder padding and header rounding are not truncation.
  if (input.expectedSeconds !== undefined && fullSeconds < input.expectedSeconds * 0.98 - 0.1) {
    checks.push(checkIntegrity(input.expectedSeconds, fullSeconds));
  }
  return checks;
}

export const hasBlocker = (checks: readonly SampleCheck[]) => checks.some((item) => item.status === 'block');
