/**
 * Hearing a take while it is recorded: an AudioWorklet taps the microphone's source node and
 * sends the samples, from the moment recording starts, to the take listener's worker
 * (`take-listener.worker.ts`), which at Stop has only the last moments left to hear.
 */
import type { HeardTake } from './take-listener';
import type { ListenerRequest } from './take-listener.worker';
import type { TapCommand } from './take-tap.worklet';
import tapUrl from './take-tap.worklet.ts?worker&url';
import { workerCall } from './worker-call';

/** The tap answers a stop within a few render quanta; a closed audio graph never does. */
const TAP_STOP_MS = 1000;

const callListener = workerCall<ListenerRequest, HeardTake | null>(() => new Worker(new URL('./take-listener.worker.ts', import.meta.url), { type: 'module', name: 'take-listener' }));

/** A take being heard: `stop` says what was heard; `cancel` drops it. */
export interface Hearing {
  stop(): Promise<HeardTake>;
  cancel(): void;
}

export interface Tap {
  /** Starts hearing; call it as the recorder starts, so both begin with the same sample. */
  record(): Hearing;
}

/** Loads the speech model in the listener's worker ahead of the take (while the count-in runs). */
export function prepareTakeListener(): void {
  callListener({ kind: 'prepare' }).catch((error: unknown) => console.error('take listener did not start', error));
}

/** Taps `source` (the microphone in `context`); rejects where AudioWorklet is unavailable. */
export async function tapMicrophone(context: AudioContext, source: AudioNode): Promise<Tap> {
  await context.audioWorklet.addModule(tapUrl);
  // No outputs: Chromium still runs a worklet node with none, and nothing reaches the speakers.
  const node = new AudioWorkletNode(context, 'take-tap', { numberOfInputs: 1, numberOfOutputs: 0 });
  source.connect(node);
  const command = (message: TapCommand, transfer: Transferable[] = []) => node.port.postMessage(message, transfer);
  let stopped: (() => void) | null = null;
  node.port.onmessage = () => stopped?.();
  /** Stops the tap; rejects when it does not answer (its audio graph closed first). */
  const stopTap = () =>
    new Promise<void>((resolve, reject) => {
      stopped = resolve;
      setTimeout(() => reject(new Error('the tap did not stop')), TAP_STOP_MS);
      command({ stop: true });
    });
  return {
    record() {
      const { port1, port2 } = new MessageChannel();
      command({ listener: port1 }, [port1]);
      const listening = callListener({ kind: 'listen', sampleRate: context.sampleRate, tap: port2 }, [port2]);
      command({ record: true });
      return {
        async stop() {
          await stopTap();
          await listening;
          const heard = await callListener({ kind: 'finish' });
          if (!heard) throw new Error('the take listener heard nothing');
          return heard;
        },
        cancel: () => command({ stop: true }),
      };
    },
  };
}
