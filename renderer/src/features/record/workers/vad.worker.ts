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
import { madeUpVoice } from './made-up-voice';
import { VAD_SAMPLE_RATE, type VadRequest } from './vad-protocol';
import { answerRequests } from './worker-call';

/** Long enough for the runtime to tier its WebAssembly up before the first take. */
const WARM_UP_SECONDS = 3;

answerRequests<VadRequest, Float32Array[]>(async (request) => {
  const silero = await loadBundledSilero();
  if (request.kind === 'prepare') {
    await hearStreams(silero, [madeUpVoice(WARM_UP_SECONDS, VAD_SAMPLE_RATE)], 1);
    return { result: [] };
  }
  const heard = await hearStreams(silero, request.parts, request.gain);
  return { result: heard, transfer: heard.map((frames) => frames.buffer) };
});
