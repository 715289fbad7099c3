/**
 * Whether a second person speaks in a sample, without a model. The speech is described frame by
 * frame by mel-frequency cepstral coefficients (the spectral envelope: the shape of the vocal
 * tract), and the frames are sorted into a few kinds of sound by a Gaussian mixture fitted to the
 * take itself. The stretch of the take whose kinds of sound sit furthest from the same kinds in the
 * rest of it (vowel against vowel, nasal against nasal, so what is said cancels out) is the other
 * voice, when it is far enough. Chen & Gopalakrishnan's BIC test with one Gaussian per side ("Speaker,
 * environment and channel change detection and clustering via the Bayesian information criterion",
 * 1998) was tried first: on ten-second takes it heard the change of words more than the change of
 * voice. Comparing like sounds with like (a per-class Hotelling distance, as GMM-supervector speaker
 * systems do) told them apart.
 *
 * Only voiced frames count: whispers, breaths and hiss have no vocal-fold tone, and their envelope
 * says more about the air than about the speaker (a whisper next to a loud passage would otherwise
 * read as two people). Loudness is left out too (the zeroth coefficient), so near and far, quiet
 * and loud sound like the same person, and so is what the pitch explains, so a voice that leaps
 * an octave stays one voice. Tuned on the upload's 24 kHz mono.
 */
import type { Segment } from './speech';

export const SPEAKERS = {
  /**
   * The longest take listened to for voices: the mixtures grow with the take and the search for
   * the other voice's stretch faster, and a take over twice the longest the service accepts (60 s)
   * must lose more than half anyway. A longer one gets no speakers check rather than a long wait.
   */
  maxTakeSeconds: 120,
  /** Analysis runs at about this rate: the envelope above 5.5 kHz adds little about who speaks. */
  analysisRate: 12_000,
  frameSeconds: 0.025,
  hopSeconds: 0.01,
  melBands: 16,
  /** Under 300 Hz the bands are narrower than the spacing of a voice's harmonics, so pitch would move them. */
  melLowHz: 300,
  melHighHz: 5_500,
  /** Cepstral coefficients 1…12 (the zeroth, loudness, is left out). */
  coefficients: 12,
  /** Pitch range searched for voicing: low male to high female and child voices. */
  minPitchHz: 70,
  maxPitchHz: 400,
  /** A frame is voiced when its autocorrelation at the pitch period reaches this (0–1). */
  voicing: 0.5,
  /** Frames this far under the loud speech are breath or room, not voice. */
  floorDb: 35,
  /**
   * Kinds of sound the voiced frames are sorted into, so like is compared with like. One fit starts
   * from one guess and settles where a hair of noise sends it; the distance is averaged over eight.
   */
  components: [4, 5, 6, 7, 8, 9, 10, 11],
  iterations: 15,
  /** The mixture is fitted on every this-many-th frame (frames 10 ms apart repeat each other), then every frame is sorted. */
  fitStride: 2,
  /** A sound class with fewer frames than this on either side says nothing about that side. */
  minClassFrames: 5,
  /** Each voice must hold this much voiced speech to count: a cough or a word is not a speaker. */
  minVoiceSeconds: 2,
  /** Change points are searched every this many voiced frames (0.1 s, a mark)… */
  searchStep: 10,
  /** …first every this many marks, then mark by mark around the best few stretches found so. */
  coarseMarks: 4,
  refinedStretches: 10,
  /**
   * Distance over which the stretch is another voice. Set on the labelled set as the app hears it:
   * one expressive reader (pitch swings, whisper to loud, laughter, Mandarin tones) measured up to
   * 1.14, two voices (a man and a woman; two men of similar pitch) from 1.36.
   */
  threshold: 1.25,
} as const;

const S = SPEAKERS;

export interface SpeakerAnalysis {
  /** Voices heard: 0 (no voiced speech), 1, or 2 (two or more). */
  speakers: number;
  /** How unlike the rest the most different stretch sounds (see `distance`). */
  distance: number;
  /** With two voices, the main speaker's (the one heard longest) longest stretch alone, in voiced frames' times. */
  main: Segment | null;
  /** Where the other voice is heard, in the take's seconds. */
  others: Segment[];
}

/** An in-place iterative radix-2 FFT over `re`/`im` of one length (a power of two), twiddles computed once. */
function fftOf(n: number): (re: Float64Array, im: Float64Array) => void {
  const cos = Float64Array.from({ length: n / 2 }, (_, k) => Math.cos((-2 * Math.PI * k) / n));
  const sin = Float64Array.from({ length: n / 2 }, (_, k) => Math.sin((-2 * Math.PI * k) / n));
  return (re, im) => {
    for (let i = 1, j = 0; i < n; i++) {
      let bit = n >> 1;
      for (; j & bit; bit >>= 1) j ^= bit;
      j ^= bit;
      if (i < j) {
        [re[i], re[j]] = [re[j], re[i]];
        [im[i], im[j]] = [im[j], im[i]];
      }
    }
    for (let size = 2; size <= n; size <<= 1) {
      const half = size / 2;
      const stride = n / size;
      for (let start = 0; start < n; start += size) {
        for (let k = 0; k < half; k++) {
          const c = cos[k * stride];
          const s = sin[k * stride];
          const a = start + k;
          const b = a + half;
          const tr = re[b] * c - im[b] * s;
          const ti = re[b] * s + im[b] * c;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
  };
}

const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

/** Triangular mel filters over the bins of an `fftSize`-point spectrum at `rate`. */
function melFilters(fftSize: number, rate: number): Array<{ from: number; weights: Float64Array }> {
  const high = Math.min(S.melHighHz, rate / 2);
  const edges = Array.from({ length: S.melBands + 2 }, (_, i) => melToHz(hzToMel(S.melLowHz) + ((hzToMel(high) - hzToMel(S.melLowHz)) * i) / (S.melBands + 1)));
  const bin = (hz: number) => (hz * fftSize) / rate;
  return Array.from({ length: S.melBands }, (_, band) => {
    const [low, centre, top] = [bin(edges[band]), bin(edges[band + 1]), bin(edges[band + 2])];
    const from = Math.ceil(low);
    const weights = new Float64Array(Math.max(0, Math.floor(top) - from + 1));
    for (let k = from; k <= Math.floor(top); k++) weights[k - from] = k <= centre ? (k - low) / (centre - low) : (top - k) / (top - centre);
    return { from, weights };
  });
}

interface Frame {
  time: number;
  energyDb: number;
  voiced: boolean;
  /** Natural log of the pitch (Hz) at the autocorrelation's peak; meaningful for voiced frames. */
  logPitch: number;
  cepstrum: Float64Array;
}

/**
 * Cepstra, voicing, pitch and level of every frame, worked out as the audio arrives: `push` takes
 * the take in pieces of any size (while it is recorded) and gives the very frames one pass over the
 * whole take would. The input is first averaged in groups of `factor` samples down to about
 * `analysisRate`, a crude low-pass that keeps what the mel bands look at.
 */
export class VoiceFrames {
  readonly frames: Frame[] = [];
  private readonly factor: number;
  private readonly rate: number;
  private readonly length: number;
  private readonly hop: number;
  private readonly minLag: number;
  private readonly maxLag: number;
  private readonly fftSize: number;
  private readonly fft: (re: Float64Array, im: Float64Array) => void;
  private readonly window: Float64Array;
  private readonly windowCorrelation: Float64Array;
  private readonly filters: Array<{ from: number; weights: Float64Array }>;
  private readonly dct: Float64Array[];
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly power: Float64Array;
  private readonly logMel = new Float64Array(S.melBands);
  /** Input samples not yet averaged into a decimated one (fewer than `factor`). */
  private readonly pending: Float64Array;
  private pendingCount = 0;
  /** Decimated samples from `bufferStart` on; what lies before it no frame needs any more. */
  private buffer = new Float32Array(4096);
  private bufferStart = 0;
  private bufferEnd = 0;
  /** Where the next frame starts, in decimated samples from the take's start. */
  private next = 0;

  constructor(inputRate: number) {
    this.factor = Math.max(1, Math.floor(inputRate / S.analysisRate));
    const rate = (this.rate = inputRate / this.factor);
    const length = (this.length = Math.round(S.frameSeconds * rate));
    this.hop = Math.round(S.hopSeconds * rate);
    this.minLag = Math.floor(rate / S.maxPitchHz);
    this.maxLag = Math.min(length - 1, Math.ceil(rate / S.minPitchHz));
    this.pending = new Float64Array(this.factor);
    // Zero-padded to twice the frame: the autocorrelation does not wrap around, and the mel bands
    // (set on the labelled set at this resolution) see a finely sampled spectrum.
    let fftSize = 1;
    while (fftSize < 2 * length) fftSize <<= 1;
    this.fftSize = fftSize;
    const fft = (this.fft = fftOf(fftSize));
    this.window = Float64Array.from({ length }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / length));
    // The window's own autocorrelation, divided out so a steady tone scores 1 at its period (Boersma 1993).
    const windowRe = new Float64Array(fftSize);
    const windowIm = new Float64Array(fftSize);
    windowRe.set(this.window);
    fft(windowRe, windowIm);
    for (let k = 0; k < fftSize; k++) {
      windowRe[k] = windowRe[k] ** 2 + windowIm[k] ** 2;
      windowIm[k] = 0;
    }
    fft(windowRe, windowIm);
    this.windowCorrelation = windowRe.map((value) => value / windowRe[0]);
    this.filters = melFilters(fftSize, rate);
    this.dct = Array.from({ length: S.coefficients }, (_, c) => Float64Array.from({ length: S.melBands }, (_, m) => Math.cos((Math.PI * (c + 1) * (m + 0.5)) / S.melBands)));
    this.re = new Float64Array(fftSize);
    this.im = new Float64Array(fftSize);
    this.power = new Float64Array(fftSize / 2 + 1);
  }

  /** The next piece of the take (mono at the input rate); frames complete in it are worked out now. */
  push(samples: Float32Array): void {
    const { factor, pending } = this;
    this.reserve(Math.floor((this.pendingCount + samples.length) / factor));
    for (let i = 0; i < samples.length; i++) {
      pending[this.pendingCount++] = samples[i];
      if (this.pendingCount < factor) continue;
      let sum = 0;
      for (let j = 0; j < factor; j++) sum += pending[j];
      this.buffer[this.bufferEnd++ - this.bufferStart] = sum / factor;
      this.pendingCount = 0;
    }
    for (; this.next + this.length <= this.bufferEnd; this.next += this.hop) this.frames.push(this.frame(this.next));
  }

  /** Room for `more` decimated samples, dropping those before the next frame. */
  private reserve(more: number): void {
    const keep = this.bufferEnd - this.next;
    if (keep + more > this.buffer.length || this.next - this.bufferStart > this.buffer.length / 2) {
      const buffer = new Float32Array(Math.max(this.buffer.length, 2 * (keep + more)));
      buffer.set(this.buffer.subarray(this.next - this.bufferStart, this.bufferEnd - this.bufferStart));
      this.buffer = buffer;
      this.bufferStart = this.next;
    }
  }

  private frame(start: number): Frame {
    const { length, fftSize, re, im, power, window, filters, dct, logMel, windowCorrelation } = this;
    const from = start - this.bufferStart;
    const samples = this.buffer;
    re.fill(0);
    im.fill(0);
    let mean = 0;
    for (let i = 0; i < length; i++) mean += samples[from + i];
    mean /= length;
    let energy = 0;
    for (let i = 0; i < length; i++) {
      // Pre-emphasis would tilt the voicing measure; the mean is taken out so hum does not count.
      const value = samples[from + i] - mean;
      energy += value * value;
      re[i] = value * window[i];
    }
    this.fft(re, im);
    for (let k = 0; k < power.length; k++) power[k] = re[k] * re[k] + im[k] * im[k];
    for (let band = 0; band < S.melBands; band++) {
      const { from: first, weights } = filters[band];
      let sum = 1e-12;
      // +6 dB/octave over the bands: the pre-emphasis MFCCs are usually taken with.
      for (let k = 0; k < weights.length; k++) sum += weights[k] * power[first + k] * (first + k);
      logMel[band] = Math.log(sum);
    }
    const cepstrum = new Float64Array(S.coefficients);
    for (let c = 0; c < S.coefficients; c++) {
      let sum = 0;
      for (let m = 0; m < S.melBands; m++) sum += dct[c][m] * logMel[m];
      cepstrum[c] = sum;
    }
    // Autocorrelation is the inverse transform of the power spectrum.
    for (let k = 0; k < fftSize; k++) {
      re[k] = power[k <= fftSize / 2 ? k : fftSize - k];
      im[k] = 0;
    }
    this.fft(re, im);
    let best = 0;
    let period = this.maxLag;
    if (re[0] > 0) {
      for (let lag = this.minLag; lag <= this.maxLag; lag++) {
        const correlation = re[lag] / re[0] / windowCorrelation[lag];
        if (correlation > best) [best, period] = [correlation, lag];
      }
    }
    return { time: start / this.rate, energyDb: 10 * Math.log10(energy / length + 1e-20), voiced: best >= S.voicing, logPitch: Math.log(this.rate / period), cepstrum };
  }
}

/** Mean and variance of each cepstral coefficient over the frames. */
function moments(frames: readonly Float64Array[]): { mean: Float64Array; variance: Float64Array } {
  const mean = new Float64Array(S.coefficients);
  const variance = new Float64Array(S.coefficients);
  for (const frame of frames) for (let d = 0; d < S.coefficients; d++) mean[d] += frame[d] / frames.length;
  for (const frame of frames) for (let d = 0; d < S.coefficients; d++) variance[d] += (frame[d] - mean[d]) ** 2 / frames.length;
  return { mean, variance };
}

/**
 * A diagonal Gaussian mixture fitted to the take's own voiced frames by EM: each component ends up
 * holding one kind of sound (open vowels, front vowels, nasals…). Returns each frame's share in
 * each component (frame-major, `K` a frame) and the components' variances (`D` a component).
 * Flat arrays, as everything after the frames: this runs when the user presses Stop.
 */
function soundClasses(frames: readonly Float64Array[], K: number): { shares: Float64Array; variances: Float64Array } {
  const D = S.coefficients;
  const N = frames.length;
  const overall = moments(frames);
  const data = new Float64Array(N * D);
  frames.forEach((frame, i) => data.set(frame, i * D));
  // Deterministic start: components spread along the first coefficient (spectral tilt).
  const sorted = [...frames].sort((a, b) => a[0] - b[0]);
  const means = new Float64Array(K * D);
  for (let k = 0; k < K; k++) means.set(sorted[Math.floor(((k + 0.5) * N) / K)], k * D);
  const variances = new Float64Array(K * D);
  for (let k = 0; k < K; k++) variances.set(overall.variance, k * D);
  const weights = new Float64Array(K).fill(1 / K);
  const shares = new Float64Array(N * K);
  const logScale = new Float64Array(K);
  const halfPrecision = new Float64Array(K * D);
  const n = new Float64Array(K);
  const sum = new Float64Array(K * D);
  const squares = new Float64Array(K * D);
  const updateScale = () => {
    for (let k = 0; k < K; k++) {
      let logDet = 0;
      for (let d = 0; d < D; d++) logDet += Math.log(variances[k * D + d]);
      logScale[k] = Math.log(weights[k]) - 0.5 * logDet;
    }
    for (let kd = 0; kd < K * D; kd++) halfPrecision[kd] = 0.5 / variances[kd];
  };
  const fitted = Math.ceil(N / S.fitStride);
  /** Each frame's share in each component, for every `stride`-th frame, from the current fit. */
  const expect = (stride: number) => {
    for (let i = 0; i < N; i += stride) {
      const x = i * D;
      const row = i * K;
      let top = -Infinity;
      for (let k = 0; k < K; k++) {
        let log = logScale[k];
        for (let d = 0; d < D; d++) {
          const offset = data[x + d] - means[k * D + d];
          log -= offset * offset * halfPrecision[k * D + d];
        }
        shares[row + k] = log;
        if (log > top) top = log;
      }
      let total = 0;
      for (let k = 0; k < K; k++) total += (shares[row + k] = Math.exp(shares[row + k] - top));
      for (let k = 0; k < K; k++) shares[row + k] /= total;
    }
  };
  for (let iteration = 0; iteration < S.iterations; iteration++) {
    updateScale();
    expect(S.fitStride);
    n.fill(0);
    sum.fill(0);
    squares.fill(0);
    for (let i = 0; i < N; i += S.fitStride) {
      const x = i * D;
      for (let k = 0; k < K; k++) {
        const p = shares[i * K + k];
        n[k] += p;
        for (let d = 0; d < D; d++) {
          sum[k * D + d] += p * data[x + d];
          squares[k * D + d] += p * (data[x + d] * data[x + d]);
        }
      }
    }
    for (let k = 0; k < K; k++) {
      weights[k] = Math.max(n[k], 1e-3) / fitted;
      for (let d = 0; d < D; d++) {
        const kd = k * D + d;
        means[kd] = n[k] > 0 ? sum[kd] / n[k] : means[kd];
        // A floor keeps a component that caught a handful of frames from collapsing onto them.
        variances[kd] = Math.max(n[k] > 0 ? squares[kd] / n[k] - means[kd] ** 2 : 0, 0.01 * overall.variance[d]);
      }
    }
  }
  updateScale();
  expect(1);
  return { shares, variances };
}

/** A fitted mixture's running sums: `counts` (`K` a mark) and `sums` (`K·D` a mark) from the take's start. */
interface RunningSums {
  K: number;
  counts: Float64Array;
  sums: Float64Array;
  /** 1 / each component's variance. */
  precisions: Float64Array;
  /** Voiced frames in all. */
  frames: number;
}

/**
 * Per sound class, running sums of frame shares and share-weighted cepstra, sampled every `step`
 * frames (the marks), so any stretch's class-wise means are a subtraction away.
 */
function runningSums(frames: readonly Float64Array[], { shares, variances }: ReturnType<typeof soundClasses>, step: number): RunningSums {
  const K = variances.length / S.coefficients;
  const D = S.coefficients;
  const marks = Math.ceil(frames.length / step);
  const counts = new Float64Array((marks + 1) * K);
  const sums = new Float64Array((marks + 1) * K * D);
  const count = new Float64Array(K);
  const sum = new Float64Array(K * D);
  let mark = 0;
  frames.forEach((frame, i) => {
    for (let k = 0; k < K; k++) {
      const p = shares[i * K + k];
      count[k] += p;
      for (let d = 0; d < D; d++) sum[k * D + d] += p * frame[d];
    }
    if ((i + 1) % step === 0 || i === frames.length - 1) {
      mark++;
      counts.set(count, mark * K);
      sums.set(sum, mark * K * D);
    }
  });
  let total = 0;
  for (let k = 0; k < K; k++) total += counts[marks * K + k];
  return { K, counts, sums, precisions: variances.map((variance) => 1 / variance), frames: total };
}

/**
 * How far apart the voice inside marks [a, b) is from the voice outside it, per voiced frame: for
 * each sound class, the squared difference of its mean inside and outside, in units of its variance
 * and weighted by how much of it each side holds (Hotelling's two-sample statistic), comparing an
 * "a" with an "a" so what was said drops out; plus how differently the two sides fill the classes
 * (Pearson's χ²), since a very different voice gets classes of its own.
 */
function distance({ K, counts, sums, precisions, frames }: RunningSums, last: number, a: number, b: number): number {
  const D = S.coefficients;
  let framesInside = 0;
  for (let k = 0; k < K; k++) framesInside += counts[b * K + k] - counts[a * K + k];
  const framesOutside = frames - framesInside;
  let total = 0;
  for (let k = 0; k < K; k++) {
    const all = counts[last * K + k];
    const inside = counts[b * K + k] - counts[a * K + k];
    const outside = all - inside;
    // Kinds of sound one side has and the other lacks (Pearson's χ² on the class counts)…
    total += ((inside / framesInside - outside / framesOutside) ** 2 * framesInside * framesOutside) / all;
    if (inside < S.minClassFrames || outside < S.minClassFrames) continue;
    // …and, for the kinds both have, how differently each side says them.
    const weight = (inside * outside) / all;
    const perInside = 1 / inside;
    const perOutside = 1 / outside;
    const atA = (a * K + k) * D;
    const atB = (b * K + k) * D;
    const atLast = (last * K + k) * D;
    let apartSquared = 0;
    for (let d = 0; d < D; d++) {
      const sumInside = sums[atB + d] - sums[atA + d];
      const apart = sumInside * perInside - (sums[atLast + d] - sumInside) * perOutside;
      apartSquared += apart * apart * precisions[k * D + d];
    }
    total += weight * apartSquared;
  }
  return total / frames;
}

/**
 * The cepstra with what pitch explains taken out: each coefficient's straight-line fit on log pitch
 * over the take is subtracted. A voice that rises and falls moves its harmonics across the bands,
 * which shifts the coefficients in step with the pitch; a different vocal tract shifts them whatever
 * the pitch.
 */
function withoutPitch(frames: readonly Frame[]): Float64Array[] {
  const n = frames.length;
  const meanPitch = frames.reduce((sum, frame) => sum + frame.logPitch, 0) / n;
  const pitchVariance = frames.reduce((sum, frame) => sum + (frame.logPitch - meanPitch) ** 2, 0) / n;
  const slopes = new Float64Array(S.coefficients);
  if (pitchVariance > 0) {
    for (const frame of frames) for (let d = 0; d < S.coefficients; d++) slopes[d] += ((frame.logPitch - meanPitch) * frame.cepstrum[d]) / n / pitchVariance;
  }
  return frames.map((frame) => frame.cepstrum.map((value, d) => value - slopes[d] * (frame.logPitch - meanPitch)));
}

/**
 * Who speaks where in `samples` (mono at `sampleRate`). Every voiced frame of the take counts, not
 * only those in the speech detector's segments: the verdict must not move with where a segment's
 * edge falls, and it can be worked out while the speech detector listens.
 */
export function findSpeakers(samples: Float32Array, sampleRate: number): SpeakerAnalysis {
  const frames = new VoiceFrames(sampleRate);
  frames.push(samples);
  return speakersIn(frames);
}

/** Who speaks where, from the frames of a whole take (`VoiceFrames`, filled at once or as it was recorded). */
export function speakersIn({ frames }: VoiceFrames): SpeakerAnalysis {
  const loudest = frames.reduce((top, frame) => Math.max(top, frame.energyDb), -Infinity);
  const voiced = frames.filter((frame) => frame.voiced && frame.energyDb > loudest - S.floorDb);
  const minFrames = Math.round(S.minVoiceSeconds / S.hopSeconds);
  const one: SpeakerAnalysis = { speakers: voiced.length ? 1 : 0, distance: 0, main: null, others: [] };
  if (voiced.length < 2 * minFrames) return one;
  const cepstra = withoutPitch(voiced);
  const fits = S.components.map((count) => runningSums(cepstra, soundClasses(cepstra, count), S.searchStep));
  const marks = Math.ceil(cepstra.length / S.searchStep);
  const minMarks = Math.ceil(minFrames / S.searchStep);
  // The stretch [a, b) most unlike the rest: a second voice at the start, the end or in between.
  // Searched on a coarse grid first, then mark by mark around the best few coarse stretches: the
  // distance changes smoothly with the ends, and every pair of marks would grow with the square of
  // the take (a minute: 60,000 pairs, each over every fit).
  const apartAt = (a: number, b: number) => {
    let apart = 0;
    for (const fit of fits) apart += distance(fit, marks, a, b) / fits.length;
    return apart;
  };
  const allowed = (a: number, b: number) => a >= 0 && b >= a + minMarks && b <= marks - Math.max(0, minMarks - a);
  const coarse = Array.from({ length: Math.floor(marks / S.coarseMarks) + 1 }, (_, i) => i * S.coarseMarks);
  if (coarse.at(-1) !== marks) coarse.push(marks);
  const candidates: Array<{ distance: number; a: number; b: number }> = [];
  for (const a of coarse) for (const b of coarse) if (allowed(a, b)) candidates.push({ distance: apartAt(a, b), a, b });
  candidates.sort((x, y) => y.distance - x.distance);
  let best = { distance: 0, a: 0, b: 0 };
  const seen = new Set<number>();
  for (const around of candidates.slice(0, S.refinedStretches)) {
    for (let a = around.a - S.coarseMarks; a <= around.a + S.coarseMarks; a++) {
      for (let b = around.b - S.coarseMarks; b <= around.b + S.coarseMarks; b++) {
        if (!allowed(a, b) || seen.has(a * (marks + 1) + b)) continue;
        seen.add(a * (marks + 1) + b);
        const apart = apartAt(a, b);
        if (apart > best.distance) best = { distance: apart, a, b };
      }
    }
  }
  if (best.distance < S.threshold) return { ...one, distance: best.distance };
  const frameAt = (mark: number) => Math.min(voiced.length, mark * S.searchStep);
  const timeAt = (mark: number) => (frameAt(mark) >= voiced.length ? voiced[voiced.length - 1].time + S.hopSeconds : voiced[frameAt(mark)].time);
  const inside = { start: timeAt(best.a), end: timeAt(best.b) };
  const outside = [{ start: voiced[0].time, end: inside.start }, { start: inside.end, end: timeAt(marks) }].filter((range) => range.end > range.start);
  const insideFrames = frameAt(best.b) - frameAt(best.a);
  const insideIsMain = insideFrames >= voiced.length - insideFrames;
  // Outside the stretch, the longer side is the main speaker's longest stretch.
  const [longer] = [...outside].sort((x, y) => y.end - y.start - (x.end - x.start));
  const others = insideIsMain ? outside : [inside];
  return { speakers: 2, distance: best.distance, main: insideIsMain ? inside : longer, others };
}

/**
 * Where the main speaker alone is heard longest, as a trim: with one voice the whole speech; with
 * two, the main one's stretch widened to the speech segments it starts and ends in, so a trim to it
 * keeps whole words, but never into the other voice's stretches. Null without speech.
 */
export function mainVoiceStretch({ main, others }: SpeakerAnalysis, segments: readonly Segment[]): Segment | null {
  if (segments.length === 0) return null;
  if (!main) return { start: segments[0].start, end: segments[segments.length - 1].end };
  const first = segments.find((segment) => segment.end > main.start);
  const last = [...segments].reverse().find((segment) => segment.start < main.end);
  const earliest = Math.max(0, ...others.filter((other) => other.end <= main.start).map((other) => other.end));
  const latest = Math.min(Infinity, ...others.filter((other) => other.start >= main.end).map((other) => other.start));
  return {
    start: Math.max(earliest, first && first.start <= main.start ? first.start : main.start),
    end: Math.min(latest, last && last.end >= main.end ? last.end : main.end),
  };
}

