/**
 * The verdict on a sample before it is cloned: every check, every threshold and where it comes from,
 * in one place. The rule for the status of each check:
 * - block only what the service refuses or what cannot be uploaded (DashScope reference §2/§3.2:
 *   over 60 s → Audio.DurationLimitError, under 3 s of continuous speech → Audio.PreprocessError
 *   "No segments meet minimum duration requirement", data URL over 10 MB);
 * - warn what the service takes but makes a worse clone (§2 "Content": noise, music, a second
 *   speaker (`speakers.ts`), pauses over 2 s; and what a recording engineer would call out: clipping, a quiet level,
 *   a low sample rate, stereo with different channels);
 * - pass otherwise.
 * The checks judge the copy that will be uploaded (after the trim and the fixes); clipping, rate,
 * channels and integrity are facts of the original, which no fix changes.
 */
import type { SampleCheck } from '../catalog';
import { ENROLLMENT_AUDIO } from '../models';
import { integratedLoudness, truePeak } from './loudness';
import { SPEAKERS } from './speakers';
import { summarizeSpeech, type Segment } from './speech';

export const CHECK_THRESHOLDS = {
  /** §2 Duration: 10–20 s recommended, 60 s maximum; §2 Minimum: 3 s. */
  minSeconds: ENROLLMENT_AUDIO.minSeconds,
  recommendedMinSeconds: ENROLLMENT_AUDIO.recommendedMinSeconds,
  recommendedMaxSeconds: ENROLLMENT_AUDIO.recommendedMaxSeconds,
  maxSeconds: ENROLLMENT_AUDIO.maxSeconds,
  /** §2 Minimum: "at least 3 s of continuous, clear speech". */
  minContinuousSpeechSeconds: ENROLLMENT_AUDIO.minSeconds,
  /** Less speech than this in all: the model heard no speech (a cough, a click). */
  noSpeechSeconds: 0.5,
  /** Speech under this share of the upload: mostly silence, which the service cuts anyway. */
  minSpeechRatio: 0.5,
  /** §2 Content: "Pauses inside the clip ≤ 2 s". */
  maxPauseSeconds: ENROLLMENT_AUDIO.maxPauseSeconds,
  /**
   * Speech-to-noise ratio under which the room's noise is heard in the clone. 20 dB is where
   * speech-enhancement literature (and ETSI EG 202 396-3's "noisy" conditions) starts; a quiet room
   * with a decent microphone gives 35 dB or more.
   */
  noisySnrDb: 20,
  /** Integrated loudness under this (EBU R128 targets −23 LUFS; podcasts −16): quiet enough to lose detail to the noise floor. */
  quietLufs: -30,
  /** A sample at or above this magnitude, in a run of `clipRunSamples`, is clipped. */
  clipLevel: 0.99,
  clipRunSamples: 3,
  /** Share of clipped samples that is worth a warning; over `clipHeavyRatio` the advice is firmer. */
  clipWarnRatio: 0.0002,
  clipHeavyRatio: 0.01,
  /**
   * §2 Content: one speaker. Another voice under this much speech in the upload is a word or a
   * laugh from someone else, or a stray second at a trim's edge: not worth a warning.
   */
  otherVoiceSeconds: 1,
  /** §2 Sample rate: ≥ 24 kHz (lower is resampled up, which adds no detail). */
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
  /** §2 File size: keep the encoded data URL under 10 MB. */
  maxDataUrlBytes: ENROLLMENT_AUDIO.maxDataUrlBytes,
} as const;

export const CHECK_NAMES = ['duration', 'speech', 'pauses', 'speakers', 'noise', 'loudness', 'clipping', 'sampleRate', 'channels', 'size', 'integrity'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

const T = CHECK_THRESHOLDS;
const round1 = (value: number) => Math.round(value * 10) / 10;
const round2 = (value: number) => Math.round(value * 100) / 100;

export function toDbfs(linear: number): number {
  return linear > 0 ? 20 * Math.log10(linear) : -Infinity;
}

/** Decibels for display: silence reads as -120 rather than -Infinity (which JSON cannot carry). */
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

export function checkDuration(seconds: number): SampleCheck {
  const values = { seconds: round1(seconds), min: T.minSeconds, max: T.maxSeconds, recommendedMin: T.recommendedMinSeconds, recommendedMax: T.recommendedMaxSeconds };
  if (seconds < T.minSeconds) return check('duration', 'block', { ...values, issue: 'tooShort' });
  if (seconds > T.maxSeconds) return check('duration', 'block', { ...values, issue: 'tooLong', trimSeconds: Math.ceil(seconds - T.maxSeconds) });
  if (seconds < T.recommendedMinSeconds) return check('duration', 'warn', { ...values, issue: 'short' });
  if (seconds > T.recommendedMaxSeconds) return check('duration', 'warn', { ...values, issue: 'long' });
  return check('duration', 'pass', values);
}

/** Speech found by the model: none, no continuous 3 s, mostly silence, or enough. */
export function checkSpeech(segments: readonly Segment[], durationSeconds: number): SampleCheck {
  const summary = summarizeSpeech(segments, durationSeconds);
  const percent = durationSeconds > 0 ? Math.round((summary.speechSeconds / durationSeconds) * 100) : 0;
  const values = { speechSeconds: round1(summary.speechSeconds), longestSeconds: round1(summary.longestRunSeconds), percent, min: T.minContinuousSpeechSeconds };
  if (summary.speechSeconds < T.noSpeechSeconds) return check('speech', 'block', { ...values, issue: 'none' });
  if (summary.longestRunSeconds < T.minContinuousSpeechSeconds) return check('speech', 'block', { ...values, issue: 'noRun' });
  if (percent < T.minSpeechRatio * 100) return check('speech', 'warn', { ...values, issue: 'sparse' });
  return check('speech', 'pass', values);
}

/** The longest silence: between words, or before/after the speech. */
export function checkPauses(segments: readonly Segment[], durationSeconds: number): SampleCheck {
  const values = { max: T.maxPauseSeconds };
  if (segments.length === 0) return check('pauses', 'pass', { ...values, seconds: 0 });
  const summary = summarizeSpeech(segments, durationSeconds);
  const longestInside = summary.pauses.reduce((longest, pause) => (pause.end - pause.start > longest.end - longest.start ? pause : longest), { start: 0, end: 0 });
  const inside = longestInside.end - longestInside.start;
  // The longer silence at either end, so a fix for the ends can be offered alongside one for the middle.
  const ends = round1(Math.max(summary.leadingSeconds, summary.trailingSeconds));
  if (inside > T.maxPauseSeconds) return check('pauses', 'warn', { ...values, issue: 'inside', seconds: round1(inside), at: round1(longestInside.start), ends });
  if (summary.leadingSeconds > T.maxPauseSeconds) return check('pauses', 'warn', { ...values, issue: 'start', seconds: round1(summary.leadingSeconds) });
  if (summary.trailingSeconds > T.maxPauseSeconds) return check('pauses', 'warn', { ...values, issue: 'end', seconds: round1(summary.trailingSeconds) });
  return check('pauses', 'pass', { ...values, seconds: round1(inside) });
}

/** Seconds of `speech` inside `ranges` (both sorted and disjoint). */
function secondsWithin(ranges: readonly Segment[], speech: readonly Segment[]): number {
  let total = 0;
  for (const range of ranges) for (const segment of speech) total += Math.max(0, Math.min(range.end, segment.end) - Math.max(range.start, segment.start));
  return total;
}

/**
 * One speaker, as the service wants: warns while another voice (found on the whole take by
 * `findSpeakers`) still speaks in the upload, and offers the main speaker's longest stretch
 * (`keepStart`–`keepEnd`, the original's seconds) as the trim.
 */
export function checkSpeakers(otherVoices: readonly Segment[], speech: readonly Segment[], mainStretch: Segment | null, distance: number): SampleCheck {
  // The distance is kept with the check (it is saved with the sample) to tune the threshold on real takes.
  const values = { distance: round2(distance), max: SPEAKERS.threshold };
  if (!mainStretch || secondsWithin(otherVoices, speech) < T.otherVoiceSeconds) return check('speakers', 'pass', values);
  return check('speakers', 'warn', { ...values, keepStart: round1(mainStretch.start), keepEnd: round1(mainStretch.end) });
}

/** 20 ms frames: fine enough to separate words from the gaps between them. */
const NOISE_FRAME_SECONDS = 0.02;
/** Frames this close to speech belong to its onset or decay, not to the room. */
const SPEECH_GUARD_SECONDS = 0.1;
/** Under this much non-speech, the quietest tenth of the speech frames stands in for the noise floor. */
const MIN_NOISE_SECONDS = 0.3;

/**
 * Speech-to-noise ratio in dB: the power of the speech parts (less the noise under them) over the
 * power of the parts the model found no speech in. Infinity for digital silence between words.
 */
export function speechToNoiseDb(samples: Float32Array, sampleRate: number, segments: readonly Segment[]): number {
  const frame = Math.max(1, Math.round(NOISE_FRAME_SECONDS * sampleRate));
  const speechPower: number[] = [];
  const noisePower: number[] = [];
  let segment = 0;
  for (let from = 0; from + frame <= samples.length; from += frame) {
    const start = from / sampleRate;
    const end = (from + frame) / sampleRate;
    while (segment < segments.length && segments[segment].end + SPEECH_GUARD_SECONDS < start) segment++;
    const near = segments[segment];
    let sum = 0;
    for (let i = from; i < from + frame; i++) sum += samples[i] * samples[i];
    const power = sum / frame;
    if (near && near.start <= end && start <= near.end) speechPower.push(power);
    else if (!near || end < near.start - SPEECH_GUARD_SECONDS) noisePower.push(power);
  }
  if (speechPower.length === 0) return -Infinity;
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  let noise: number;
  if (noisePower.length * NOISE_FRAME_SECONDS >= MIN_NOISE_SECONDS) {
    noise = mean(noisePower);
  } else {
    const quietest = [...speechPower].sort((a, b) => a - b).slice(0, Math.max(1, Math.floor(speechPower.length / 10)));
    noise = mean(quietest);
  }
  const speech = mean(speechPower) - noise;
  if (noise <= 0) return Infinity;
  return speech > 0 ? 10 * Math.log10(speech / noise) : -Infinity;
}

export function checkNoise(snrDb: number): SampleCheck {
  const values = { snrDb: Number.isFinite(snrDb) ? round1(snrDb) : snrDb > 0 ? 99 : -99, min: T.noisySnrDb };
  return check('noise', snrDb < T.noisySnrDb ? 'warn' : 'pass', values);
}

export function checkLoudness(lufs: number, truePeakDb: number): SampleCheck {
  const values = { lufs: displayDb(lufs), truePeakDb: displayDb(truePeakDb), min: T.quietLufs };
  return check('loudness', lufs < T.quietLufs ? 'warn' : 'pass', lufs < T.quietLufs ? { ...values, issue: 'quiet' } : values);
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

/** Clipping is a warning, never a blocker: the service takes it, and the clone inherits the distortion. */
export function checkClipping(channels: readonly Float32Array[]): SampleCheck {
  const ratio = clippedRatio(channels);
  const values = { percent: round2(ratio * 100) };
  if (ratio >= T.clipHeavyRatio) return check('clipping', 'warn', { ...values, issue: 'heavy' });
  if (ratio >= T.clipWarnRatio) return check('clipping', 'warn', { ...values, issue: 'some' });
  return check('clipping', 'pass', values);
}

export function checkSampleRate(sampleRate: number): SampleCheck {
  const values = { sampleRate, min: T.minSampleRate };
  return check('sampleRate', sampleRate < T.minSampleRate ? 'warn' : 'pass', values);
}

/** Stereo whose channels differ gets downmixed (a warning); stereo carrying one signal twice is mono. */
export function checkChannels(channels: readonly Float32Array[]): SampleCheck {
  if (channels.length <= 1) return check('channels', 'pass', { channels: 1 });
  // The downmix's power against each channel's distance from it, summed over channels, in one pass
  // with no downmix kept: a minute of 48 kHz stereo is 23 MB not to allocate right after Stop.
  const length = Math.min(...channels.map((channel) => channel.length));
  let level = 0;
  let difference = 0;
  if (channels.length === 2) {
    // Stereo, nearly every take: a sample adds (l + r)² / 2 to the one and (l − r)² / 2 to the
    // other, and only their ratio is read. On a minute of 48 kHz stereo the general loop took 40–60 ms
    // of the page at Stop; this one takes about a quarter of that.
    const [left, right] = channels;
    for (let i = 0; i < length; i++) {
      const sum = left[i] + right[i];
      const gap = left[i] - right[i];
      level += sum * sum;
      difference += gap * gap;
    }
  } else {
    const count = channels.length;
    for (let i = 0; i < length; i++) {
      let sum = 0;
      for (let c = 0; c < count; c++) sum += channels[c][i];
      const mono = sum / count;
      level += count * mono * mono;
      for (let c = 0; c < count; c++) difference += (channels[c][i] - mono) ** 2;
    }
  }
  const same = level === 0 ? difference === 0 : 10 * Math.log10(difference / level) < T.sameChannelsDb;
  return check('channels', same ? 'pass' : 'warn', same ? { channels: channels.length, issue: 'same' } : { channels: channels.length });
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
  /** The original's decoded channels, cut to the trim (clipping and channels are judged on them). */
  channels: readonly Float32Array[];
  /** The rate stored in the original file. */
  sourceSampleRate: number;
  /** Duration the original's header promised, when it declares one, and how much it held. */
  expectedSeconds?: number;
  decodedSeconds: number;
  /** What will be uploaded: mono, after the fixes. */
  upload: Float32Array;
  uploadRate: number;
  /** Speech in the upload's timeline. */
  speech: readonly Segment[];
  /** Where another voice than the main speaker's is heard, in the upload's timeline (null: not listened for)… */
  otherVoices: readonly Segment[] | null;
  /** …and where the main speaker alone is heard longest, in the original's (for the trim). */
  mainStretch: Segment | null;
  /** How far the most different stretch sounds from the rest (`findSpeakers`). */
  speakerDistance: number;
}

/** Every check, in the order they are shown. */
export function runChecks(input: CheckInput): SampleCheck[] {
  const seconds = input.upload.length / input.uploadRate;
  const speech = checkSpeech(input.speech, seconds);
  const checks = [
    checkDuration(seconds),
    speech,
    checkPauses(input.speech, seconds),
    // Voices are told apart over runs of speech: when the speech check blocks (none, or never 3 s
    // without stopping) there is too little to tell them by, and the sample is refused anyway.
    // A take too long to be heard for voices (SPEAKERS.maxTakeSeconds) gets no speakers check.
    ...(speech.status === 'block' || !input.otherVoices ? [] : [checkSpeakers(input.otherVoices, input.speech, input.mainStretch, input.speakerDistance)]),
    // Without speech, noise and loudness mean nothing (and would offer fixes): the speech check blocks.
    ...(speech.values.issue === 'none'
      ? []
      : [
        checkNoise(speechToNoiseDb(input.upload, input.uploadRate, input.speech)),
        checkLoudness(integratedLoudness(input.upload, input.uploadRate), toDbfs(truePeak(input.upload))),
      ]),
    checkClipping(input.channels),
    checkSampleRate(input.sourceSampleRate),
    checkChannels(input.channels),
    checkUploadSize(seconds),
  ];
  // 2% slack: encoder padding and header rounding are not truncation.
  if (input.expectedSeconds !== undefined && input.decodedSeconds < input.expectedSeconds * 0.98 - 0.1) {
    checks.push(checkIntegrity(input.expectedSeconds, input.decodedSeconds));
  }
  return checks;
}

export type Verdict = 'pass' | 'warn' | 'block';

/** The one-line verdict: the worst status, and the checks that set it (blockers first). */
export function verdictOf(checks: readonly SampleCheck[]): { verdict: Verdict; because: SampleCheck[] } {
  const blockers = checks.filter((item) => item.status === 'block');
  if (blockers.length) return { verdict: 'block', because: blockers };
  const warnings = checks.filter((item) => item.status === 'warn');
  return warnings.length ? { verdict: 'warn', because: warnings } : { verdict: 'pass', because: [] };
}

export const hasBlocker = (checks: readonly SampleCheck[]) => checks.some((item) => item.status === 'block');
