/** Asks the speakers worker who speaks where in a take (a copy of its mono goes over; the take keeps its own). */
import { CHECK_THRESHOLDS } from '../../../../../shared/audio/checks';
import type { SpeakerAnalysis } from '../../../../../shared/audio/speakers';
import type { SpeakersRequest } from './speakers.worker';
import { workerCall } from './worker-call';

const callSpeakers = workerCall<SpeakersRequest, SpeakerAnalysis>(() => new Worker(new URL('./speakers.worker.ts', import.meta.url), { type: 'module', name: 'speakers' }));

export async function detectSpeakers(mono: Float32Array, sampleRate: number): Promise<SpeakerAnalysis> {
  const samples = mono.slice();
  const started = performance.now();
  const analysis = await callSpeakers({ kind: 'speakers', samples, sampleRate }, [samples.buffer]);
  // Read by `npm run bench`: the speaker check's cost.
  performance.measure('timbre.speakers', { start: started });
  return analysis;
}

/** Starts the worker and runs the analysis once, while the user picks a file, so the first import's runs compiled. */
export function prepareSpeakers(): void {
  callSpeakers({ kind: 'prepare', sampleRate: CHECK_THRESHOLDS.uploadSampleRate }).catch((error: unknown) => console.error('speakers check did not start', error));
}
