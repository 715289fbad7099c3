/**
 * Voice-activity detection off the UI thread: Silero VAD v5 (the model ships in @ricky0123/vad-web)
 * on onnxruntime-web's single-threaded WebAssembly backend, its parts heard side by side
 * (`silero.ts`). The model and the runtime's .wasm are bundled with the app and loaded from it,
 * never from the network.
 * In: parts of 16 kHz mono and the gain to the model's level. Out: for each part, one speech
 * probability per 512-sample (32 ms) frame.
 */
import { loadBundledSilero } from './silero-bundled';
import { hearStreams } from './silero';
import type { VadRequest } from './vad-protocol';
import { answerRequests } from './worker-call';

answerRequests<VadRequest, Float32Array[]>(async ({ parts, gain }) => {
  const heard = await hearStreams(await loadBundledSilero(), parts, gain);
  return { result: heard, transfer: heard.map((frames) => frames.buffer) };
});
