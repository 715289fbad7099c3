/**
 * Noise reduction off the UI thread: RNNoise (Xiph's recurrent network for speech denoising),
 * compiled to WebAssembly by @shiguredo/rnnoise-wasm, which embeds the .wasm in its module: nothing
 * is fetched. RNNoise works on 48 kHz mono in 480-sample frames at 16-bit scale.
 */
import { Rnnoise } from '@shiguredo/rnnoise-wasm';
import { answerRequests } from './worker-call';

export interface DenoiseRequest {
  /** Mono at 48 kHz. */
  samples: Float32Array;
}

let rnnoise: Promise<Rnnoise> | null = null;
const PCM16 = 32_768;

answerRequests<DenoiseRequest, Float32Array>(async ({ samples }) => {
  const module = await (rnnoise ??= Rnnoise.load());
  const state = module.createDenoiseState();
  const { frameSize } = module;
  const output = new Float32Array(samples.length);
  const frame = new Float32Array(frameSize);
  try {
    for (let from = 0; from < samples.length; from += frameSize) {
      frame.fill(0);
      const part = samples.subarray(from, from + frameSize);
      for (let i = 0; i < part.length; i++) frame[i] = part[i] * PCM16;
      state.processFrame(frame);
      for (let i = 0; i < part.length; i++) output[from + i] = frame[i] / PCM16;
    }
  } finally {
    state.destroy();
  }
  return { result: output, transfer: [output.buffer] };
});
