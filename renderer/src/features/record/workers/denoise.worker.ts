/**
 * Noise reduction off the UI thread: RNNoise (Xiph's recurrent network for speech denoising),
 * compiled to WebAssembly by @shiguredo/rnnoise-wasm, which embeds the .wasm in its module: nothing
 * is fetched. RNNoise works on 48 kHz mono in 480-sample frames at 16-bit scale.
 * Nearly all the time is RNNoise's own: of 2.8 s for 10 s of audio, the loop below and its copies
 * in and out of the module's heap took 12 ms. This build (no SIMD) takes 6.8 s of CPU a minute in
 * V8; another RNNoise build on npm (@timephy/rnnoise-wasm 1.0.0: RNNoise 0.2, -Os, no SIMD) took
 * 2.9 s, its output −26 dB from this one's, but its package does not export that module (and it
 * is not installed). The one SIMD build found on npm
 * (@sapphi-red/web-noise-suppressor) is 157 KB, too small to hold this model's weights.
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
