/**
 * Asks the speech-detector worker which parts of a take are speech. The take is resampled to the
 * model's 16 kHz mono by an OfflineAudioContext (Chromium's resampler, on the audio thread), then
 * handed to the worker without a copy.
 */
import type { SpeechActivity } from '../../../../../shared/audio/speech';
import type { CreateOfflineContext } from '../audio-pipeline';
import { VAD_FRAME_SAMPLES, VAD_SAMPLE_RATE, type VadReply, type VadRequest } from './vad-protocol';

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve(value: Float32Array): void; reject(error: Error): void }>();

export class SpeechDetectionFailed extends Error {}

function vadWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./vad.worker.ts', import.meta.url), { type: 'module', name: 'speech-detector' });
  worker.onmessage = (event: MessageEvent<VadReply>) => {
    const reply = event.data;
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ('error' in reply) waiting?.reject(new SpeechDetectionFailed(reply.error));
    else waiting?.resolve(reply.probabilities);
  };
  worker.onerror = (event) => {
    for (const waiting of pending.values()) waiting.reject(new SpeechDetectionFailed(event.message));
    pending.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

const defaultContext: CreateOfflineContext = (channels, length, sampleRate) => new OfflineAudioContext(channels, length, sampleRate);

/** Mono at 16 kHz: the source's channels averaged by Web Audio's downmix. */
async function toModelRate(buffer: AudioBuffer, createContext: CreateOfflineContext): Promise<Float32Array> {
  const context = createContext(1, Math.max(1, Math.ceil(buffer.duration * VAD_SAMPLE_RATE)), VAD_SAMPLE_RATE);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  source.start();
  return (await context.startRendering()).getChannelData(0);
}

export async function detectSpeech(buffer: AudioBuffer, createContext: CreateOfflineContext = defaultContext): Promise<SpeechActivity> {
  const samples = await toModelRate(buffer, createContext);
  const id = nextId++;
  const started = performance.now();
  const probabilities = await new Promise<Float32Array>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: VadRequest = { id, samples };
    vadWorker().postMessage(request, [samples.buffer]);
  });
  // Read by `npm run bench`, like the other timbre.* measures.
  performance.measure('timbre.speech', { start: started });
  return { frameSeconds: VAD_FRAME_SAMPLES / VAD_SAMPLE_RATE, probabilities };
}
