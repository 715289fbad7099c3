import { describe, expect, it } from 'vitest';
import { joinFrames, partsByWorker, VAD_PARTS } from './detect-speech';
import { cutParts } from './parts';
import { VAD_FRAME_SAMPLES, VAD_SAMPLE_RATE } from './vad-protocol';

describe('hearing a take in parts', () => {
  it('cuts a minute into one part per core, each after the first a second early, on the model’s frames', () => {
    const minute = 60 * VAD_SAMPLE_RATE + 100;
    const parts = cutParts(minute, 2, VAD_PARTS);
    expect(parts).toHaveLength(2);
    expect(parts[1].leadIn).toBe(31 * VAD_FRAME_SAMPLES);
    for (const { from, leadIn } of parts) expect((from + leadIn) % VAD_FRAME_SAMPLES).toBe(0);
    expect(cutParts(4 * VAD_SAMPLE_RATE, 4, VAD_PARTS)).toEqual([{ from: 0, to: 4 * VAD_SAMPLE_RATE, leadIn: 0 }]);
  });

  it('joins the parts’ verdicts into one pass’s frames, the lead-ins dropped', () => {
    const length = 20 * VAD_SAMPLE_RATE + 300;
    const parts = cutParts(length, 3, VAD_PARTS);
    // Each part's verdicts are its number, lead-in frames included.
    const heard = parts.map(({ from, to }, index) => new Float32Array(Math.floor((to - from) / VAD_FRAME_SAMPLES)).fill(index + 1));
    const joined = joinFrames(length, parts, heard);
    expect(joined).toHaveLength(Math.floor(length / VAD_FRAME_SAMPLES));
    const owners = parts.map(({ from, leadIn }) => (from + leadIn) / VAD_FRAME_SAMPLES);
    joined.forEach((value, frame) => expect(value).toBe(owners.filter((start) => start <= frame).length));
  });

  it('gives each worker a run of neighbouring parts, as even as the count allows', () => {
    const parts = cutParts(60 * VAD_SAMPLE_RATE, 4, VAD_PARTS);
    expect(partsByWorker(parts, 2)).toEqual([parts.slice(0, 2), parts.slice(2)]);
    expect(partsByWorker(parts.slice(0, 3), 2)).toEqual([parts.slice(0, 1), parts.slice(1, 3)]);
    expect(partsByWorker(parts.slice(0, 1), 4)).toEqual([parts.slice(0, 1)]);
    expect(partsByWorker(parts, 1)).toEqual([parts]);
  });
});
