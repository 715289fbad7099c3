/**
 * The take listener (`take-listener.ts`) in a worker: the recorder's tap sends it the take's
 * samples as they are recorded; at Stop it hears the rest and answers with the speech and voices.
 */
import { CHECK_THRESHOLDS } from '../../../../../shared/audio/checks';
import { findSpeakers } from '../../../../../shared/audio/speakers';
import type { TapMessage } from './take-tap.worklet';
import { loadBundledSilero } from './silero-bundled';
import { frameByFrame } from './silero-stream';
import { TakeListener, type HeardTake } from './take-listener';
import { answerRequests } from './worker-call';

export type ListenerRequest =
  /** Loads the model ahead of the take. */
  | { kind: 'prepare' }
  /** A new take at `sampleRate`, whose samples come through `tap`. */
  | { kind: 'listen'; sampleRate: number; tap: MessagePort }
  /** What was heard, once the tap has sent the end of the take. */
  | { kind: 'finish' };

let take: { listener: TakeListener; ended: Promise<void> } | null = null;

/**
 * Five seconds of a buzzy vowel gliding in pitch, told apart for voices once ahead of the first
 * take: the second-voice analysis then runs compiled at Stop (its first, cold run took twice as long).
 */
function warmUpVoices(): void {
  const rate = CHECK_THRESHOLDS.uploadSampleRate;
  const samples = new Float32Array(5 * rate);
  let phase = 0;
  for (let i = 0; i < samples.length; i++) {
    phase += (2 * Math.PI * (120 + 40 * Math.sin(i / rate))) / rate;
    for (let harmonic = 1; harmonic <= 20; harmonic++) samples[i] += Math.sin(harmonic * phase) / harmonic / 4;
  }
  findSpeakers(samples, rate);
}

let warm = false;

answerRequests<ListenerRequest, HeardTake | null>(async (request) => {
  const silero = await loadBundledSilero();
  if (request.kind === 'prepare') {
    if (!warm) warmUpVoices();
    warm = true;
    return { result: null };
  }
  if (request.kind === 'listen') {
    const listener = new TakeListener(request.sampleRate, CHECK_THRESHOLDS.uploadSampleRate, frameByFrame(silero));
    const ended = new Promise<void>((resolve) => {
      request.tap.onmessage = ({ data }: MessageEvent<TapMessage>) => {
        if ('end' in data) resolve();
        else listener.push(data.channels);
      };
    });
    take = { listener, ended };
    return { result: null };
  }
  const current = take;
  take = null;
  if (!current) throw new Error('no take is being heard');
  await current.ended;
  const heard = await current.listener.finish();
  return { result: heard, transfer: [heard.activity.probabilities.buffer] };
});
