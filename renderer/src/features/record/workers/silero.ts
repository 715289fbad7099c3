/**
 * Silero VAD v5 (the model and its wrapper ship in @ricky0123/vad-web) on onnxruntime-web's
 * single-threaded WebAssembly backend, for the workers that hear speech. The model and the
 * runtime's .wasm are bundled with the app and loaded from it, never from the network.
 */
import { Silero, type Model } from '@ricky0123/vad-web/dist/models';
import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import modelUrl from '@ricky0123/vad-web/dist/silero_vad_v5.onnx?url';

// One thread: threads need cross-origin isolation and would start more workers from blob: URLs.
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, self.location.href).href };

let model: Promise<Model> | null = null;

/** The worker's one model, loaded (14 MB of WebAssembly compiled) on first use. */
export const loadSilero = (): Promise<Model> =>
  (model ??= Silero.new(ort, () => fetch(new URL(modelUrl, self.location.href)).then((response) => response.arrayBuffer())));
