/**
 * Asks the speech-detector worker which parts of a take are speech. The take is resampled to the
 * model's 16 kHz mono by an OfflineAudioContext (Chromium's resampler, off the UI thread), then
 * handed to the worker without a copy.
 */
import type { SpeechActivity } from '../../../../../shared/audio/speech';
import { renderMono } from '../audio-pipeline';
import { VAD_FRAME_SAMPLES, VAD_SAMPLE_RATE, type VadRequest } from './vad-protocol';
import { workerCall } from './worker-call';

const callVad = workerCall<VadRequest, Float32Array>(() => new Worker(new URL('./vad.worker.ts', import.meta.url), { type: 'module', name: 'speech-detector' }));

export async function detectSpeech(buffer: AudioBuffer): Promise<SpeechActivity> {
  const samples = await renderMono(buffer, VAD_SAMPLE_RATE);
  const started = performance.now();
  const probabilities = await callVad({ samples }, [samples.buffer]);
  // Read by `npm run bench`, like the other timbre.* measures.
  performance.measure('timbre.speech', { start: started });
  return { frameSeconds: VAD_FRAME_SAMPLES / VAD_SAMPLE_RATE, probabilities };
}

/**
 * Starts the worker and loads the model (14 MB of WebAssembly to compile) ahead of the first take,
 * while the user reads or picks a file, so the first review does not wait for it.
 */
export function prepareSpeechDetector(): void {
  callVad({ samples: new Float32Array(0) }).catch((error: unknown) => console.error('speech detector did not start', error));
}
