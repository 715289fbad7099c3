/**
 * Silero VAD v5 on onnxruntime-web, called directly, with several parts of a take in each call.
 * The model's first dimension is a batch of independent streams, each row with its own state (a
 * row's output depends on that row's input only: measured equal, to the bit, to hearing each part
 * alone), so a worker hears its parts side by side in one call per frame instead of one call per
 * part per frame. On this machine's V8 that cut the model's work on a minute's two parts by about
 * an eighth (522 against 593 ms of CPU): a call's fixed cost is shared by the rows. Session options
 * (graph optimisation level, memory arena and patterns) changed nothing measurable.
 */
import type * as Ort from 'onnxruntime-web/wasm';
import { VAD_FRAME_SAMPLES, VAD_SAMPLE_RATE } from './vad-protocol';

/** Each call also hears the last 64 samples of the frame before (zeros at a stream's start), as Silero's own wrapper does. */
export const SILERO_CONTEXT = 64;
const ROW = SILERO_CONTEXT + VAD_FRAME_SAMPLES;
/** Silero v5's recurrent state: 2 × batch × 128. */
const STATE_SIZE = 2 * 128;

export const framesOf = (samples: Float32Array) => Math.floor(samples.length / VAD_FRAME_SAMPLES);

/**
 * Writes the model's input for `frame` into `into`, one row a stream: the stream's samples from 64
 * before the frame to its end, times `gain`; zeros before the stream's start and after its last
 * whole frame (a stream shorter than the others is done, its rows' outputs are not read).
 */
export function layFrame(streams: readonly Float32Array[], frame: number, gain: number, into: Float32Array): void {
  streams.forEach((samples, row) => {
    const rowStart = row * ROW;
    const frameStart = frame * VAD_FRAME_SAMPLES;
    const end = framesOf(samples) * VAD_FRAME_SAMPLES;
    for (let i = 0; i < ROW; i++) {
      const at = frameStart - SILERO_CONTEXT + i;
      into[rowStart + i] = at >= 0 && at < end ? samples[at] * gain : 0;
    }
  });
}

export interface Silero {
  ort: typeof Ort;
  session: Ort.InferenceSession;
}

export async function loadSilero(ort: typeof Ort, model: Uint8Array): Promise<Silero> {
  return { ort, session: await ort.InferenceSession.create(model) };
}

/** Each stream's speech probability per whole frame, every stream heard from a fresh state. */
export async function hearStreams({ ort, session }: Silero, streams: readonly Float32Array[], gain: number): Promise<Float32Array[]> {
  const heard = streams.map((samples) => new Float32Array(framesOf(samples)));
  const rows = streams.length;
  const steps = Math.max(0, ...heard.map((frames) => frames.length));
  if (steps === 0) return heard;
  const input = new Float32Array(rows * ROW);
  const sampleRate = new ort.Tensor('int64', BigInt64Array.from([BigInt(VAD_SAMPLE_RATE)]));
  let state: Ort.Tensor = new ort.Tensor('float32', new Float32Array(rows * STATE_SIZE), [2, rows, 128]);
  for (let frame = 0; frame < steps; frame++) {
    layFrame(streams, frame, gain, input);
    // The input is copied into the runtime's memory when the call starts, so one buffer serves every frame.
    const out = await session.run({ input: new ort.Tensor('float32', input, [rows, ROW]), state, sr: sampleRate });
    state.dispose();
    state = out.stateN;
    const probabilities = out.output.data as Float32Array;
    heard.forEach((frames, row) => {
      if (frame < frames.length) frames[frame] = probabilities[row];
    });
    out.output.dispose();
  }
  state.dispose();
  return heard;
}
