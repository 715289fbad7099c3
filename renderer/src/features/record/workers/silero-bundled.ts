/**
 * Silero (`silero.ts`) loaded in a worker from the model and onnxruntime-web's .wasm bundled with
 * the app, never from the network; one per worker (the speech detectors' and the take listener's).
 */
import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import modelUrl from '@ricky0123/vad-web/dist/silero_vad_v5.onnx?url';
import { loadSilero, type Silero } from './silero';

// One thread: threads need cross-origin isolation and would start more workers from blob: URLs.
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, self.location.href).href };

let model: Promise<Silero> | null = null;

/** The worker's one model, loaded (14 MB of WebAssembly compiled) on first use. */
export const loadBundledSilero = (): Promise<Silero> =>
  (model ??= fetch(new URL(modelUrl, self.location.href)).then((response) => response.arrayBuffer()).then((bytes) => loadSilero(ort, new Uint8Array(bytes))));
