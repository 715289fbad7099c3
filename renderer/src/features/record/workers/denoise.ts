/**
 * The take with its background noise reduced, as mono at the upload rate: rendered at RNNoise's
 * 48 kHz, denoised in workers, and brought back to 24 kHz by the same resampler.
 *
 * RNNoise runs about ten times faster than real time in WebAssembly, on one core: a minute took
 * 6.5 s. A long take is cut into parts denoised side by side, one worker per core (up to four;
 * `parts.ts`). Each part after the first starts half a second early and that lead-in is dropped, so
 * RNNoise's state has settled by the part's first sample (measured on speech in noise: the joined
 * parts differ from one pass by about −42 dB, below what anyone hears); the last 10 ms before each
 * join fade from one part into the next, so no step is left where they meet.
 */
import { CHECK_THRESHOLDS } from '../../../../../shared/audio/checks';
import { renderMono, resampleMono } from '../audio-pipeline';
import type { DenoiseRequest } from './denoise.worker';
import { cutParts, type Part } from './parts';
import { workerCall } from './worker-call';

const RNNOISE_RATE = 48_000;
/** RNNoise's frame at 48 kHz: parts start on a frame, as one pass's frames do. */
const FRAME = 480;
const LEAD_IN = 50 * FRAME;
/** Below this a part is not worth a worker's start (loading RNNoise takes ~0.1 s). */
const MIN_PART = 5 * RNNOISE_RATE;
const MAX_WORKERS = 4;

/** Noise reduction is occasional: a reducer lets go of RNNoise a minute after its last part. */
const IDLE_MS = 60_000;

const reducers = Array.from({ length: MAX_WORKERS }, (_, index) =>
  workerCall<DenoiseRequest, Float32Array<ArrayBuffer>>(
    () => new Worker(new URL('./denoise.worker.ts', import.meta.url), { type: 'module', name: `noise-reducer-${index + 1}` }),
    { idleMs: IDLE_MS },
  ));

/** Cuts `length` samples into at most `workers` parts of at least 5 s, each but the first with half a second of lead-in. */
export const denoiseParts = (length: number, workers: number): Part[] =>
  cutParts(length, workers, { frame: FRAME, leadIn: LEAD_IN, minPart: MIN_PART, maxParts: MAX_WORKERS });

/** Joins the parts' outputs (each with its lead-in) into one take, fading across each join. */
export function joinParts(length: number, parts: readonly Part[], outputs: readonly Float32Array[]): Float32Array<ArrayBuffer> {
  const joined = new Float32Array(length);
  parts.forEach(({ from, leadIn }, index) => joined.set(outputs[index].subarray(leadIn), from + leadIn));
  parts.forEach(({ from, leadIn }, index) => {
    const start = from + leadIn;
    const fade = Math.min(FRAME, leadIn);
    for (let i = start - fade; i < start; i++) {
      const weight = (i - (start - fade) + 0.5) / fade;
      joined[i] = joined[i] * (1 - weight) + outputs[index][i - from] * weight;
    }
  });
  return joined;
}

/**
 * The take's noise-reduced copy. `signal` stops the work (its take was left): the reducers are
 * ended mid-part, since a minute's copy would hold both cores for seconds.
 */
export async function denoiseTake(buffer: AudioBuffer, signal: AbortSignal): Promise<Float32Array> {
  const started = performance.now();
  const samples = await renderMono(buffer, RNNOISE_RATE);
  signal.throwIfAborted();
  const stopReducers = () => reducers.forEach((reducer) => reducer.stop());
  signal.addEventListener('abort', stopReducers, { once: true });
  try {
    const parts = denoiseParts(samples.length, navigator.hardwareConcurrency || 1);
    const outputs = await Promise.all(parts.map(({ from, to }, index) => {
      const piece = samples.slice(from, to);
      return reducers[index]({ samples: piece }, [piece.buffer]);
    }));
    const denoised = await resampleMono(joinParts(samples.length, parts, outputs), RNNOISE_RATE, CHECK_THRESHOLDS.uploadSampleRate);
    // Read by `npm run bench`: the work itself, wherever it was started from.
    performance.measure('timbre.denoise', { start: started });
    return denoised;
  } finally {
    signal.removeEventListener('abort', stopReducers);
  }
}
