import { describe, expect, it } from 'vitest';
import { denoiseParts, joinParts } from './denoise';

const SECOND = 48_000;

/** Every sample's output comes from exactly one part, after that part's lead-in. */
function covered(length: number, parts: ReturnType<typeof denoiseParts>): number[] {
  const owners = new Array<number>(length).fill(0);
  for (const { from, to, leadIn } of parts) for (let i = from + leadIn; i < to; i++) owners[i]++;
  return [...new Set(owners)];
}

describe('cutting a take for the noise reducers', () => {
  it('keeps a short take, or one machine core, in one pass', () => {
    expect(denoiseParts(8 * SECOND, 4)).toEqual([{ from: 0, to: 8 * SECOND, leadIn: 0 }]);
    expect(denoiseParts(60 * SECOND, 1)).toEqual([{ from: 0, to: 60 * SECOND, leadIn: 0 }]);
    expect(denoiseParts(0, 2)).toEqual([{ from: 0, to: 0, leadIn: 0 }]);
  });

  it('gives each core a part of at least 5 s, up to four, each after the first with half a second of lead-in', () => {
    const minute = 60 * SECOND + 123;
    const parts = denoiseParts(minute, 2);
    expect(parts).toHaveLength(2);
    expect(parts[1].leadIn).toBe(SECOND / 2);
    expect(covered(minute, parts)).toEqual([1]);
    // Parts start on RNNoise's 480-sample frames, where one pass's frames start.
    for (const { from, leadIn } of parts) expect((from + leadIn) % 480).toBe(0);

    expect(denoiseParts(minute, 16)).toHaveLength(4);
    expect(denoiseParts(12 * SECOND, 8)).toHaveLength(2);
    expect(covered(12 * SECOND, denoiseParts(12 * SECOND, 8))).toEqual([1]);
  });

  it('joins the parts in place, fading from one into the next over the 10 ms before each join', () => {
    const length = 12 * SECOND;
    const parts = denoiseParts(length, 2);
    // Each part's output is its number, lead-in included.
    const joined = joinParts(length, parts, parts.map(({ from, to }, index) => new Float32Array(to - from).fill(index + 1)));
    const join = parts[1].from + parts[1].leadIn;
    expect(joined[0]).toBe(1);
    expect(joined[join - 481]).toBe(1);
    expect(joined[join]).toBe(2);
    expect(joined[length - 1]).toBe(2);
    const fade = [...joined.subarray(join - 480, join)];
    expect(fade.every((value, i) => value > 1 && value < 2 && (i === 0 || value > fade[i - 1]))).toBe(true);
  });
});
