/** Asks the speakers worker who speaks where in a take (a copy of its mono goes over; the take keeps its own). */
import type { SpeakerAnalysis } from '../../../../../shared/audio/speakers';
import type { SpeakersRequest } from './speakers.worker';
import { workerCall } from './worker-call';

const callSpeakers = workerCall<SpeakersRequest, SpeakerAnalysis>(() => new Worker(new URL('./speakers.worker.ts', import.meta.url), { type: 'module', name: 'speakers' }));

export async function detectSpeakers(mono: Float32Array, sampleRate: number): Promise<SpeakerAnalysis> {
  const samples = mono.slice();
  const started = performance.now();
  const analysis = await callSpeakers({ samples, sampleRate }, [samples.buffer]);
  // Read by `npm run bench`: the speaker check's cost.
  performance.measure('timbre.speakers', { start: started });
  return analysis;
}
