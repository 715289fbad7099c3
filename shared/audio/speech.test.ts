import { describe, expect, it } from 'vitest';
import { remapSegments, speechSegments, summarizeSpeech, type SpeechActivity } from './speech';

const FRAME = 0.032;
/** Probabilities from a pattern of seconds: [[probability, seconds], …]. */
function activity(...parts: Array<[number, number]>): SpeechActivity {
  const values: number[] = [];
  for (const [probability, seconds] of parts) values.push(...Array<number>(Math.round(seconds / FRAME)).fill(probability));
  return { frameSeconds: FRAME, probabilities: Float32Array.from(values) };
}
const round = (segments: Array<{ start: number; end: number }>) => segments.map(({ start, end }) => [Math.round(start * 10) / 10, Math.round(end * 10) / 10]);

describe('speech segments from the model', () => {
  it('enters speech at 0.5, stays in it down to 0.35, and drops blips and bridges tiny gaps', () => {
    const segments = speechSegments(activity([0.1, 1], [0.9, 2], [0.4, 0.5], [0.9, 1], [0.1, 0.064], [0.9, 1], [0.1, 2], [0.8, 0.1], [0.1, 1]), 20);
    // 0.4 keeps the first run going; a 64 ms gap is bridged; a 0.1 s blip is not speech.
    expect(round(segments)).toEqual([[1, 5.6]]);
  });

  it('finds nothing in noise the model scores low, however loud', () => {
    expect(speechSegments(activity([0.2, 12]), 12)).toEqual([]);
  });
});

describe('speech summary', () => {
  it('measures speech, the longest continuous run, pauses and the silence around it', () => {
    const summary = summarizeSpeech([{ start: 1, end: 2.5 }, { start: 2.8, end: 4 }, { start: 5, end: 6 }], 8);
    expect(summary.speechSeconds).toBeCloseTo(3.7);
    // 0.3 s between the first two is a breath: one run of 2.7 s of speech. The 1 s pause starts a new run.
    expect(summary.longestRunSeconds).toBeCloseTo(2.7);
    expect(round(summary.pauses)).toEqual([[2.5, 2.8], [4, 5]]);
    expect(summary).toMatchObject({ leadingSeconds: 1, trailingSeconds: 2 });
  });

  it('counts short bursts separated by gaps as no continuous run', () => {
    const bursts = [0, 2, 4, 6, 8].map((start) => ({ start, end: start + 1.2 }));
    expect(summarizeSpeech(bursts, 10).longestRunSeconds).toBeCloseTo(1.2);
    expect(summarizeSpeech(bursts, 10).speechSeconds).toBeCloseTo(6);
  });
});

describe('remapping speech onto an edited copy', () => {
  it('shifts segments by what was cut before them', () => {
    const segments = [{ start: 1, end: 3 }, { start: 6, end: 8 }];
    const kept = [{ start: 0.75, end: 3.4 }, { start: 5.6, end: 8.25 }];
    expect(round(remapSegments(segments, kept))).toEqual([[0.3, 2.3], [3.1, 5.1]]);
  });
});
