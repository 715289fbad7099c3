/**
 * Noise reduction off the UI thread: RNNoise (Xiph's recurrent network for speech denoising) as
 * Jitsi builds it for Jitsi Meet (@jitsi/rnnoise-wasm; its synchronous module embeds the .wasm:
 * nothing is fetched). RNNoise works on 48 kHz mono in 480-sample frames at 16-bit scale.
 * Nearly all the time is RNNoise's own (the loop below and its copies in and out of the heap are
 * ~0.5% of it). Measured in V8 on this project's 2-core machine, a minute of audio: this build
 * ~3.5 s of CPU, @shiguredo/rnnoise-wasm (used before) ~7 s, @timephy/rnnoise-wasm (a fork of this
 * one) the same as this; no SIMD build on npm holds RNNoise's weights.
 */
import createRnnoiseModule from '@jitsi/rnnoise-wasm/dist/rnnoise-sync.js';
import { answerRequests, letEventLoopRun } from './worker-call';

export interface DenoiseRequest {
  /** Mono at 48 kHz. */
  samples: Float32Array;
}

const FRAME = 480;
/** About 15 ms of work: a stopped reducer ends within one (`letEventLoopRun`). */
const FRAMES_PER_SLICE = 25;
const PCM16 = 32_768;
const FLOAT_BYTES = 4;

let rnnoise: ReturnType<typeof createRnnoiseModule> | null = null;

answerRequests<DenoiseRequest, Float32Array>(async ({ samples }) => {
  const module = await (rnnoise ??= createRnnoiseModule());
  const state = module._rnnoise_create();
  const frame = module._malloc(FRAME * FLOAT_BYTES);
  const at = frame / FLOAT_BYTES;
  const output = new Float32Array(samples.length);
  const scaled = new Float32Array(FRAME);
  try {
    for (let from = 0; from < samples.length; from += FRAME) {
      if (from % (FRAMES_PER_SLICE * FRAME) === 0 && from > 0) await letEventLoopRun();
      const part = samples.subarray(from, from + FRAME);
      scaled.fill(0);
      for (let i = 0; i < part.length; i++) scaled[i] = part[i] * PCM16;
      // The heap is read anew each frame: a module's memory may grow and replace it.
      module.HEAPF32.set(scaled, at);
      module._rnnoise_process_frame(state, frame, frame);
      const cleaned = module.HEAPF32.subarray(at, at + part.length);
      for (let i = 0; i < part.length; i++) output[from + i] = cleaned[i] / PCM16;
    }
  } finally {
    module._free(frame);
    module._rnnoise_destroy(state);
  }
  return { result: output, transfer: [output.buffer] };
});
