/**
 * Voice-activity detection off the UI thread: Silero VAD v5 (the model ships in @ricky0123/vad-web)
 * on onnxruntime-web's single-threaded WebAssembly backend, its parts heard side by side
 * (`silero.ts`). The model and the runtime's .wasm are bundled with the app and loaded from it,
 * never from the network.
 * In: parts of 16 kHz mono and the gain to the model's level. Out: for each part, one speech
 * probability per 512-sample (32 ms) frame.
 */
import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import modelUrl from '@ricky0123/vad-web/dist/silero_vad_v5.onnx?url';
import { hearStreams, loadSilero, type Silero } from './silero';
import type { VadRequest } from './vad-protocol';
import { answerRequests } from './worker-call';

// One thread: threads need cross-origin isolation and would start more workers from blob: URLs.
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, self.location.href).href };

let model: Promise<Silero> | null = null;
const loadModel = () =>
  (model ??= fetch(new URL(modelUrl, self.location.href)).then((response) => response.arrayBuffer()).then((bytes) => loadSilero(ort, new Uint8Array(bytes))));

answerRequests<VadRequest, Float32Array[]>(async ({ parts, gain }) => {
  const heard = await hearStreams(await loadModel(), parts, gain);
  return { result: heard, transfer: heard.map((frames) => frames.buffer) };
});
