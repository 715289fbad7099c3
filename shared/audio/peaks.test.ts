import { describe, expect, it } from 'vitest';
import { downmix } from './checks';
import { waveformPeaks } from './peaks';

const wave = (length: number, frequency: number, amplitude: number) =>
  Float32Array.from({ length }, (_, i) => Math.sin(i * frequency) * amplitude);

describe('waveformPeaks', () => {
  it('gives each column the min and max of its samples', () => {
    const samples = Float32Array.from([0.1, -0.4, 0.3, 0.9, -0.2, 0.05]);
    expect([...waveformPeaks([samples], 2)].map((value) => Math.round(value * 100) / 100)).toEqual([-0.4, 0.3, -0.2, 0.9]);
  });

  it('draws several channels as their average, as a downmixed copy would, without making one', () => {
    const left = wave(48_000, 0.01, 0.8);
    const right = wave(48_000, 0.037, 0.3);
    expect(waveformPeaks([left, right], 700)).toEqual(waveformPeaks([downmix([left, right])], 700));
    const third = wave(48_000, 0.002, 0.5);
    const three = waveformPeaks([left, right, third], 700);
    const reference = waveformPeaks([downmix([left, right, third])], 700);
    three.forEach((value, i) => expect(value).toBeCloseTo(reference[i], 6));
  });

  it('has nothing to draw for no samples', () => {
    expect([...waveformPeaks([], 4)]).toEqual(new Array(8).fill(0));
    expect([...waveformPeaks([new Float32Array(0)], 2)]).toEqual([0, 0, 0, 0]);
  });
});
