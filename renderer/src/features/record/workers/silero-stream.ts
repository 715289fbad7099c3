/**
 * Silero (`silero.ts`) hearing one stream a frame at a time, its state carried from call to call:
 * the take listener hears a take as it arrives. Each call hears the frame after the last 64 samples
 * of the one before (zeros at the start), as `hearStreams` lays them, so a stream heard frame by
 * frame gets the probabilities `hearStreams` gives it whole.
 */
import type * as Ort from 'onnxruntime-web/wasm';
import { SILERO_CONTEXT, type Silero } from './silero';
import type { SpeechModel } from './take-listener';
import { VAD_FRAME_SAMPLES, VAD_SAMPLE_RATE } from './vad-protocol';

export function frameByFrame({ ort, session }: Silero): SpeechModel {
  const sampleRate = new ort.Tensor('int64', BigInt64Array.from([BigInt(VAD_SAMPLE_RATE)]));
  const input = new Float32Array(SILERO_CONTEXT + VAD_FRAME_SAMPLES);
  let state: Ort.Tensor | null = null;
  const reset = () => {
    state?.dispose();
    state = new ort.Tensor('float32', new Float32Array(2 * 128), [2, 1, 128]);
    input.fill(0);
  };
  reset();
  return {
    reset,
    async hear(frame) {
      input.set(frame, SILERO_CONTEXT);
      const out = await session.run({ input: new ort.Tensor('float32', input, [1, input.length]), state: state!, sr: sampleRate });
      state!.dispose();
      state = out.stateN;
      const probability = (out.output.data as Float32Array)[0];
      out.output.dispose();
      // The next call hears this frame's last 64 samples before its own.
      input.copyWithin(0, VAD_FRAME_SAMPLES);
      return probability;
    },
  };
}
