import { describe, expect, it } from 'vitest';
import { concat, silence, tone } from '../../tests/support/signals';
import { integratedLoudness, truePeak } from './loudness';

const db = (linear: number) => 20 * Math.log10(linear);

describe('integrated loudness (ITU-R BS.1770-4)', () => {
  it('reads a 1 kHz sine at −20 dBFS on one channel as −23 LUFS, at 48 kHz and at 24 kHz', () => {
    // BS.1770's calibration: a full-scale 997 Hz sine on one channel reads −3.01 LUFS.
    for (const rate of [48_000, 24_000]) {
      const sine = tone(10, rate, 10 ** (-20 / 20), 1000);
      expect(integratedLoudness(sine, rate)).toBeCloseTo(-23.0, 0);
    }
  });

  it('moves by exactly the gain applied', () => {
    const rate = 48_000;
    const loud = integratedLoudness(tone(5, rate, 0.5, 440), rate);
    const quiet = integratedLoudness(tone(5, rate, 0.05, 440), rate);
    expect(loud - quiet).toBeCloseTo(20, 1);
  });

  it('ignores silence through its gates, and is −Infinity for silence alone', () => {
    const rate = 48_000;
    const speechOnly = integratedLoudness(tone(5, rate, 0.2, 440), rate);
    const withPauses = integratedLoudness(concat(tone(5, rate, 0.2, 440), silence(10, rate)), rate);
    expect(withPauses).toBeCloseTo(speechOnly, 0);
    expect(integratedLoudness(silence(5, rate), rate)).toBe(-Infinity);
  });
});

describe('true peak (BS.1770-4 Annex 2)', () => {
  it('finds the peak between samples that the samples miss', () => {
    // A sine at a quarter of the rate, sampled 45° off its crests: samples reach 0.707, the wave 1.0.
    const rate = 48_000;
    const samples = new Float32Array(4800).map((_, i) => Math.sin((Math.PI / 2) * i + Math.PI / 4));
    const samplePeak = Math.max(...samples.map(Math.abs));
    expect(db(samplePeak)).toBeCloseTo(-3, 0);
    expect(db(truePeak(samples))).toBeGreaterThan(-0.6);
    expect(truePeak(tone(1, rate, 0.5, 440))).toBeCloseTo(0.5, 2);
  });

  it('finds a peak between samples lower than a louder sample elsewhere in a long take', () => {
    // A minute of quiet noise, a click of 0.8 early on, and 10 ms of the 45°-off sine 50 s in:
    // its samples (0.707) stay under the click, the wave between them (1.0) does not.
    const rate = 24_000;
    const samples = new Float32Array(60 * rate).map((_, i) => 0.01 * Math.sin(i * 1.7) * Math.sin(i * 0.013));
    samples[rate] = 0.8;
    for (let i = 50 * rate; i < 50 * rate + 240; i++) samples[i] = Math.sin((Math.PI / 2) * i + Math.PI / 4);
    expect(truePeak(samples)).toBeGreaterThan(0.93);
    samples.fill(0, 50 * rate, 50 * rate + 240);
    expect(truePeak(samples)).toBeCloseTo(0.8, 1);
  });
});
