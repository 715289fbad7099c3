// @vitest-environment node
// (onnxruntime-web loads its WebAssembly from disk in Node; jsdom would make it fetch.)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Silero as SileroWrapper } from '@ricky0123/vad-web/dist/models';
import * as ort from 'onnxruntime-web/wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { speechSegments } from '../../../../../shared/audio/speech';
import { SAMPLE_SET, sampleSetFile } from '../../../../../tests/fixtures/sample-set';
import { joinFrames, partsByWorker, VAD_PARTS } from './detect-speech';
import { cutParts } from './parts';
import { framesOf, hearStreams, layFrame, loadSilero, SILERO_CONTEXT, type Silero } from './silero';
import { VAD_FRAME_SAMPLES, VAD_SAMPLE_RATE } from './vad-protocol';

const ROW = SILERO_CONTEXT + VAD_FRAME_SAMPLES;
const MODEL = join(import.meta.dirname, '../../../../../node_modules/@ricky0123/vad-web/dist/silero_vad_v5.onnx');
ort.env.wasm.numThreads = 1;

/** A labelled sample as the model hears it: 16 kHz mono floats (sox resamples). */
function speech16k(name: string): Float32Array {
  const out = join(tmpdir(), `timbre-silero-${name}.f32`);
  execFileSync('sox', [sampleSetFile(SAMPLE_SET.find((sample) => sample.name === name)!), '-c', '1', '-r', String(VAD_SAMPLE_RATE), '-e', 'floating-point', '-b', '32', '-t', 'raw', out]);
  const bytes = readFileSync(out);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

describe('laying frames out for the model', () => {
  it('gives each stream a row: the 64 samples before the frame (zeros at its start), the frame, zeros past its end', () => {
    const first = Float32Array.from({ length: 3 * VAD_FRAME_SAMPLES + 100 }, (_, i) => i + 1);
    const second = Float32Array.from({ length: VAD_FRAME_SAMPLES }, (_, i) => -(i + 1));
    const input = new Float32Array(2 * ROW).fill(Number.NaN);

    layFrame([first, second], 0, 2, input);
    expect([...input.subarray(0, SILERO_CONTEXT)].every((value) => value === 0)).toBe(true);
    expect(input[SILERO_CONTEXT]).toBe(2);
    expect(input[ROW - 1]).toBe(2 * VAD_FRAME_SAMPLES);
    expect(input[ROW + SILERO_CONTEXT]).toBe(-2);

    layFrame([first, second], 2, 1, input);
    // The context is the previous frame's last 64 samples, the frame follows on.
    expect(input[0]).toBe(2 * VAD_FRAME_SAMPLES - SILERO_CONTEXT + 1);
    expect(input[SILERO_CONTEXT]).toBe(2 * VAD_FRAME_SAMPLES + 1);
    expect(input[ROW - 1]).toBe(3 * VAD_FRAME_SAMPLES);
    // The second stream has one frame: past it, its row is silence.
    expect([...input.subarray(ROW)].every((value) => value === 0)).toBe(true);

    // The first stream's 100 samples after its last whole frame are never heard (one pass drops them too).
    layFrame([first], 3, 1, input);
    expect(input[SILERO_CONTEXT - 1]).toBe(3 * VAD_FRAME_SAMPLES);
    expect([...input.subarray(SILERO_CONTEXT, ROW)].every((value) => value === 0)).toBe(true);
  });
});

describe('Silero on several parts at once', () => {
  let silero: Silero;
  let take: Float32Array;
  beforeAll(async () => {
    silero = await loadSilero(ort, readFileSync(MODEL));
    take = speech16k('english-clean').map((value) => value * 2);
  });

  it('hears one part as Silero’s own wrapper does, frame by frame', async () => {
    const piece = take.subarray(0, 160 * VAD_FRAME_SAMPLES + 37);
    const [heard] = await hearStreams(silero, [piece], 1);
    const wrapper = await SileroWrapper.new(ort, async () => readFileSync(MODEL).buffer as ArrayBuffer);
    const expected = new Float32Array(framesOf(piece));
    for (let frame = 0; frame < expected.length; frame++) {
      expected[frame] = (await wrapper.process(piece.slice(frame * VAD_FRAME_SAMPLES, (frame + 1) * VAD_FRAME_SAMPLES))).isSpeech;
    }
    expect(heard).toHaveLength(160);
    expect(heard.some((probability) => probability > 0.9)).toBe(true);
    expect(heard).toEqual(expected);
  });

  it('hears parts side by side exactly as each alone, and the joined take keeps its speech', async () => {
    // The plan the app uses on two cores: two parts a worker, each after the first with its lead-in.
    const parts = cutParts(take.length, 4, { ...VAD_PARTS, minPart: 2 * VAD_SAMPLE_RATE });
    expect(parts).toHaveLength(4);
    const pieces = parts.map(({ from, to }) => take.subarray(from, to));
    const byWorker = partsByWorker(parts, 2);
    expect(byWorker.map((mine) => mine.length)).toEqual([2, 2]);

    const together = (await Promise.all(byWorker.map((mine) => hearStreams(silero, mine.map(({ from, to }) => take.subarray(from, to)), 1)))).flat();
    const alone = await Promise.all(pieces.map(async (piece) => (await hearStreams(silero, [piece], 1))[0]));
    expect(together).toEqual(alone);

    // Joined, the parts find the sentences one pass finds (the model's state after a lead-in is
    // not one pass's, so a boundary may move by a frame or two, but no speech is lost at a seam).
    const seconds = take.length / VAD_SAMPLE_RATE;
    const frameSeconds = VAD_FRAME_SAMPLES / VAD_SAMPLE_RATE;
    const joined = speechSegments({ frameSeconds, probabilities: joinFrames(take.length, parts, together) }, seconds);
    const [whole] = await hearStreams(silero, [take], 1);
    const onePass = speechSegments({ frameSeconds, probabilities: whole }, seconds);
    const speechIn = (segments: typeof onePass) => segments.reduce((sum, { start, end }) => sum + end - start, 0);
    expect(joined[0].start).toBeCloseTo(onePass[0].start, 1);
    expect(joined.at(-1)!.end).toBeCloseTo(onePass.at(-1)!.end, 1);
    expect(Math.abs(speechIn(joined) - speechIn(onePass))).toBeLessThan(0.5);
  }, 60_000);
});
