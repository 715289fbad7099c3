/**
 * Asks the speech-detector workers which parts of a take are speech. The take is resampled to the
 * model's 16 kHz mono by an OfflineAudioContext (Chromium's resampler, off the UI thread), brought
 * to the model's level as a whole, then cut into parts: one worker per core but one (up to four),
 * each hearing its parts side by side (`silero.ts`, `parts.ts`). Each part after the first starts a
 * second early and the model's verdicts on that lead-in are dropped: Silero carries state from
 * frame to frame, and a second of speech before the part's first frame lets it settle enough that
 * no speech at a seam is heard late or cut. (Not to the bit: a frame near the thresholds may still
 * differ from one pass seconds after a seam, enough to join two phrases across a 0.1 s gap.)
 */
import type { SpeechActivity } from '../../../../../shared/audio/speech';
import { renderMono } from '../audio-pipeline';
import { cutParts, type Part } from './parts';
import { modelGainFor, VAD_FRAME_SAMPLES, VAD_SAMPLE_RATE, type VadRequest } from './vad-protocol';
import { workerCall } from './worker-call';

const MAX_WORKERS = 4;
/**
 * Parts each worker hears side by side (`silero.ts`). More parts share a call's fixed cost among
 * more rows, but each part after the first hears its second of lead-in again.
 */
const PARTS_PER_WORKER = 2;
export const VAD_PARTS = { frame: VAD_FRAME_SAMPLES, leadIn: 31 * VAD_FRAME_SAMPLES, minPart: 5 * VAD_SAMPLE_RATE, maxParts: MAX_WORKERS * PARTS_PER_WORKER };

const detectors = Array.from({ length: MAX_WORKERS }, (_, index) =>
  workerCall<VadRequest, Float32Array[]>(() => new Worker(new URL('./vad.worker.ts', import.meta.url), { type: 'module', name: `speech-detector-${index + 1}` })));

/**
 * One worker per core but one: the speakers check runs beside the speech detector in its own
 * worker and takes longer, so on two cores the detector hearing both parts in one worker (a call
 * per frame for both) leaves that check a core of its own instead of three threads sharing two.
 */
const workers = () => Math.max(1, Math.min(MAX_WORKERS, (navigator.hardwareConcurrency || 1) - 1));

/** The take's parts, one run of neighbours per worker, as even as the count allows. */
export function partsByWorker(parts: readonly Part[], workers: number): Part[][] {
  const used = Math.min(workers, parts.length);
  return Array.from({ length: used }, (_, worker) => parts.slice(Math.floor((worker * parts.length) / used), Math.floor(((worker + 1) * parts.length) / used)));
}

function modelGain(samples: Float32Array): number {
  let peak = 0;
  for (const value of samples) peak = Math.max(peak, Math.abs(value));
  return modelGainFor(peak);
}

/** The parts' per-frame verdicts as one pass's, each part's lead-in dropped. */
export function joinFrames(length: number, parts: readonly Part[], heard: readonly Float32Array[]): Float32Array {
  const joined = new Float32Array(Math.floor(length / VAD_FRAME_SAMPLES));
  parts.forEach(({ from, leadIn }, index) => joined.set(heard[index].subarray(leadIn / VAD_FRAME_SAMPLES), (from + leadIn) / VAD_FRAME_SAMPLES));
  return joined;
}

export async function detectSpeech(buffer: AudioBuffer): Promise<SpeechActivity> {
  const rendering = performance.now();
  const samples = await renderMono(buffer, VAD_SAMPLE_RATE);
  // Read by `npm run bench`, like the other timbre.* measures.
  performance.measure('timbre.speech.render', { start: rendering });
  const started = performance.now();
  const gain = modelGain(samples);
  const parts = cutParts(samples.length, workers() * PARTS_PER_WORKER, VAD_PARTS);
  const heard = await Promise.all(partsByWorker(parts, workers()).map((mine, index) => {
    const pieces = mine.map(({ from, to }) => samples.slice(from, to));
    return detectors[index]({ kind: 'hear', parts: pieces, gain }, pieces.map((piece) => piece.buffer));
  }));
  const probabilities = joinFrames(samples.length, parts, heard.flat());
  performance.measure('timbre.speech', { start: started });
  return { frameSeconds: VAD_FRAME_SAMPLES / VAD_SAMPLE_RATE, probabilities };
}

/**
 * Starts the workers, loads the model (14 MB of WebAssembly to compile) and has it hear a few
 * seconds of made-up voice (`made-up-voice.ts`), ahead of the first take, while the user reads or
 * picks a file: the first review neither waits for the model nor runs it uncompiled.
 */
export function prepareSpeechDetector(): void {
  for (const detector of detectors.slice(0, workers())) {
    detector({ kind: 'prepare' }).catch((error: unknown) => console.error('speech detector did not start', error));
  }
}
