/**
 * The take listener (`take-listener.ts`) in a worker: the recorder's tap sends it the take's
 * samples as they are recorded; at Stop it hears the rest and answers with the speech and voices.
 */
import { CHECK_THRESHOLDS } from '../../../../../shared/audio/checks';
import type { TapMessage } from './take-tap.worklet';
import { warmUpSpeakers } from './made-up-voice';
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

let warm = false;

answerRequests<ListenerRequest, HeardTake | null>(async (request) => {
  const silero = await loadBundledSilero();
  if (request.kind === 'prepare') {
    if (!warm) warmUpSpeakers(CHECK_THRESHOLDS.uploadSampleRate);
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
