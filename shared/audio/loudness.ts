/**
 * Loudness as broadcasters measure it: ITU-R BS.1770-4 integrated loudness (K-weighting, 400 ms
 * blocks overlapping by 75 %, absolute gate −70 LUFS, relative gate −10 LU; EBU R128 uses the same)
 * and true peak (BS.1770-4 Annex 2: 4× oversampling, so peaks between samples are seen). Pure
 * functions over one mono channel, which is what is uploaded.
 */

export const LOUDNESS = {
  blockSeconds: 0.4,
  stepSeconds: 0.1,
  absoluteGateLufs: -70,
  relativeGateLu: -10,
  oversampling: 4,
  /** Taps per polyphase branch of the true-peak interpolator (48 in all, as Annex 2 suggests). */
  tapsPerPhase: 12,
} as const;

interface Biquad {
  b: [number, number, number];
  a: [number, number];
}

/**
 * BS.1770's two K-weighting stages (a high shelf for the head, a high-pass "RLB" curve), derived
 * for any sample rate from their analogue prototypes by the bilinear transform. At 48 kHz these
 * give the coefficients printed in the recommendation.
 */
function kWeighting(sampleRate: number): [Biquad, Biquad] {
  let f0 = 1681.974450955533;
  const gainDb = 3.999843853973347;
  let q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (gainDb / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b: [(vh + (vb * k) / q + k * k) / a0, (2 * (k * k - vh)) / a0, (vh - (vb * k) / q + k * k) / a0],
    a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0],
  };
  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * f0) / sampleRate);
  a0 = 1 + k / q + k * k;
  const highPass: Biquad = { b: [1, -2, 1], a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0] };
  return [shelf, highPass];
}

const toLufs = (meanSquare: number) => (meanSquare > 0 ? -0.691 + 10 * Math.log10(meanSquare) : -Infinity);

/** Integrated loudness in LUFS; −Infinity when every block is below the absolute gate (or the clip is under one block). */
export function integratedLoudness(samples: Float32Array, sampleRate: number): number {
  const [shelf, highPass] = kWeighting(sampleRate);
  const block = Math.round(LOUDNESS.blockSeconds * sampleRate);
  const step = Math.round(LOUDNESS.stepSeconds * sampleRate);
  if (samples.length < block) return -Infinity;
  const count = Math.floor((samples.length - block) / step) + 1;
  // The running sum of the weighted squares where blocks start and end: every block is then one
  // subtraction, and the weighted signal is never stored (a minute would be 23 MB of it).
  const starts = new Float64Array(count);
  const ends = new Float64Array(count);
  let energy = 0;
  let nextStart = 0;
  let nextEnd = 0;
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0, z1 = 0, z2 = 0;
  const last = (count - 1) * step + block;
  for (let i = 0; i <= last; i++) {
    if (nextStart < count && i === nextStart * step) starts[nextStart++] = energy;
    if (nextEnd < count && i === nextEnd * step + block) ends[nextEnd++] = energy;
    if (i === last) break;
    // The two K-weighting stages, one after the other, sample by sample.
    const x = samples[i];
    const y = shelf.b[0] * x + shelf.b[1] * x1 + shelf.b[2] * x2 - shelf.a[0] * y1 - shelf.a[1] * y2;
    const z = highPass.b[0] * y + highPass.b[1] * y1 + highPass.b[2] * y2 - highPass.a[0] * z1 - highPass.a[1] * z2;
    x2 = x1; x1 = x; y2 = y1; y1 = y; z2 = z1; z1 = z;
    energy += z * z;
  }
  const blocks = Array.from({ length: count }, (_, index) => (ends[index] - starts[index]) / block);
  const gated = (threshold: number) => blocks.filter((meanSquare) => toLufs(meanSquare) > threshold);
  const aboveAbsolute = gated(LOUDNESS.absoluteGateLufs);
  if (aboveAbsolute.length === 0) return -Infinity;
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const relativeGate = toLufs(mean(aboveAbsolute)) + LOUDNESS.relativeGateLu;
  const aboveRelative = aboveAbsolute.filter((meanSquare) => toLufs(meanSquare) > relativeGate);
  return toLufs(mean(aboveRelative));
}

/** Hann-windowed sinc branches of the 4× interpolator, one per fractional position. */
const interpolatorBranches = (() => {
  const { oversampling, tapsPerPhase } = LOUDNESS;
  const length = oversampling * tapsPerPhase;
  return Array.from({ length: oversampling }, (_, phase) => {
    const taps = new Float64Array(tapsPerPhase);
    for (let tap = 0; tap < tapsPerPhase; tap++) {
      const n = tap * oversampling + phase;
      const t = (n - length / 2) / oversampling;
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
      taps[tap] = sinc * (0.5 - 0.5 * Math.cos((2 * Math.PI * (n + 0.5)) / length));
    }
    return taps;
  });
})();

/** The most any branch can gain: no interpolated point exceeds this times the largest sample it is made of. */
const interpolatorGain = Math.max(...interpolatorBranches.map((taps) => taps.reduce((sum, tap) => sum + Math.abs(tap), 0))) * (1 + 1e-9);

/** Samples interpolated at a time, skipped together when none of them can beat the peak so far. */
const TRUE_PEAK_BLOCK = 64;

/**
 * True peak as a linear magnitude (1 = full scale): the highest of the samples and the 4× interpolated
 * points between them. Only where the samples come close enough to the peak for a point between
 * them to pass it are the points worked out: in speech, around the loudest syllables.
 */
export function truePeak(samples: Float32Array): number {
  const { tapsPerPhase } = LOUDNESS;
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const magnitude = Math.abs(samples[i]);
    if (magnitude > peak) peak = magnitude;
  }
  for (let start = tapsPerPhase; start < samples.length; start += TRUE_PEAK_BLOCK) {
    const end = Math.min(samples.length, start + TRUE_PEAK_BLOCK);
    let largest = 0;
    for (let i = start - tapsPerPhase + 1; i < end; i++) largest = Math.max(largest, Math.abs(samples[i]));
    if (largest * interpolatorGain <= peak) continue;
    for (let i = start; i < end; i++) {
      for (const taps of interpolatorBranches) {
        let sum = 0;
        for (let tap = 0; tap < tapsPerPhase; tap++) sum += taps[tap] * samples[i - tap];
        const magnitude = Math.abs(sum);
        if (magnitude > peak) peak = magnitude;
      }
    }
  }
  return peak;
}
