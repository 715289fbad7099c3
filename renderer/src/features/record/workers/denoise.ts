/**
 * The take with its background noise reduced, as mono at the upload rate: rendered at RNNoise's
 * 48 kHz, denoised in the worker, and brought back to 24 kHz by the same resampler.
 */
import { CHECK_THRESHOLDS } from '../../../../../shared/audio/checks';
import { renderMono, resampleMono } from '../audio-pipeline';
import type { DenoiseRequest } from './denoise.worker';
import { workerCall } from './worker-call';

const RNNOISE_RATE = 48_000;
const callDenoise = workerCall<DenoiseRequest, Float32Array<ArrayBuffer>>(() => new Worker(new URL('./denoise.worker.ts', import.meta.url), { type: 'module', name: 'noise-reducer' }));

export async function denoiseTake(buffer: AudioBuffer): Promise<Float32Array> {
  const samples = await renderMono(buffer, RNNOISE_RATE);
  const denoised = await callDenoise({ samples }, [samples.buffer]);
  return resampleMono(denoised, RNNOISE_RATE, CHECK_THRESHOLDS.uploadSampleRate);
}
