/**
 * Voice-activity detection off the UI thread: Silero VAD v5 (the model and its wrapper ship in
 * @ricky0123/vad-web) on onnxruntime-web's single-threaded WebAssembly backend. The model and the
 * runtime's .wasm are bundled with the app and loaded from it, never from the network.
 * In: 16 kHz mono samples and the gain to the model's level. Out: one speech probability per
 * 512-sample (32 ms) frame.
 */
import { Silero, type Model } from '@ricky0123/vad-web/dist/models';
import * as ort from 'onnxruntime-web/wasm';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import modelUrl from '@ricky0123/vad-web/dist/silero_vad_v5.onnx?url';
import { VAD_FRAME_SAMPLES, type VadRequest } from './vad-protocol';
import { answerRequests } from './worker-call';

// One thread: threads need cross-origin isolation and would start more workers from blob: URLs.
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = { wasm: new URL(wasmUrl, self.location.href).href };

let model: Promise<Model> | null = null;
const loadModel = () =>
  (model ??= Silero.new(ort, () => fetch(new URL(modelUrl, self.location.href)).then((response) => response.arrayBuffer())));

async function detect(input: Float32Array, gain: number): Promise<Float32Array> {
  const silero = await loadModel();
  silero.reset_state();
  const samples = gain === 1 ? input : input.map((value) => value * gain);
  const frames = Math.floor(samples.length / VAD_FRAME_SAMPLES);
  const probabilities = new Float32Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    const { isSpeech } = await silero.process(samples.subarray(frame * VAD_FRAME_SAMPLES, (frame + 1) * VAD_FRAME_SAMPLES));
    probabilities[frame] = isSpeech;
  }
  return probabilities;
}

answerRequests<VadRequest, Float32Array>(async ({ samples, gain }) => {
  const probabilities = await detect(samples, gain);
  return { result: probabilities, transfer: [probabilities.buffer] };
});
