import { describe, expect, it } from 'vitest';
import { decodeWavPcm16, encodeWav, parseWav } from './wav';

describe('encodeWav', () => {
  it('writes a 16-bit mono PCM WAV whose header describes it', () => {
    const samples = new Float32Array(24_000 * 2).map((_, i) => 0.5 * Math.sin(i / 10));
    const wav = encodeWav(samples, 24_000);
    expect(wav.length).toBe(44 + samples.length * 2);
    expect(parseWav(wav)).toEqual({
      sampleRate: 24_000, channels: 1, bitsPerSample: 16, format: 1, dataOffset: 44, dataLength: samples.length * 2, durationSeconds: 2,
    });
  });

  it('round-trips samples within 16-bit precision and clamps out-of-range values', () => {
    const samples = Float32Array.of(0, 0.25, -0.25, 1, -1, 1.7, -3);
    const decoded = decodeWavPcm16(encodeWav(samples, 8000))!;
    expect(decoded.sampleRate).toBe(8000);
    const expected = [0, 0.25, -0.25, 1, -1, 1, -1];
    decoded.samples.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 3));
  });
});
