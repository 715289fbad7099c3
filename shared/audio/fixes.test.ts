import { describe, expect, it } from 'vitest';
import { concat, silence, tone } from '../../tests/support/signals';
import { FIX_SETTINGS, NO_FIXES, cutSeconds, fixesFor, keptRanges, normalizeLoudness, spliceRanges } from './fixes';
import { integratedLoudness, truePeak } from './loudness';

const RATE = 24_000;
const speech = [{ start: 3, end: 6 }, { start: 9.5, end: 13 }];
const whole = { start: 0, end: 16 };
const db = (linear: number) => 20 * Math.log10(linear);

describe('cutting fixes', () => {
  it('keeps everything without fixes', () => {
    expect(keptRanges(speech, whole, NO_FIXES)).toEqual([whole]);
  });

  it('trims the silence before and after the speech, keeping a margin', () => {
    expect(keptRanges(speech, whole, { ...NO_FIXES, trimSilence: true })).toEqual([{ start: 2.75, end: 13.25 }]);
  });

  it('shortens every pause over 2 s to 0.8 s, the ends too when they are not trimmed', () => {
    const kept = keptRanges(speech, whole, { ...NO_FIXES, shortenPauses: true });
    expect(kept).toEqual([{ start: 2.6, end: 6.4 }, { start: 9.1, end: 13.4 }]);
    const both = keptRanges(speech, whole, { ...NO_FIXES, shortenPauses: true, trimSilence: true });
    expect(both).toEqual([{ start: 2.75, end: 6.4 }, { start: 9.1, end: 13.25 }]);
    expect(cutSeconds(speech, whole, { ...NO_FIXES, shortenPauses: true, trimSilence: true })).toEqual({ trimSilence: expect.closeTo(0.3), shortenPauses: expect.closeTo(2.7) });
  });

  it('works inside the user’s trim and leaves short pauses alone', () => {
    expect(keptRanges([{ start: 1, end: 2 }, { start: 3, end: 4 }], { start: 0.5, end: 4.5 }, { ...NO_FIXES, shortenPauses: true })).toEqual([{ start: 0.5, end: 4.5 }]);
  });

  it('joins the kept parts without a click', () => {
    const signal = concat(tone(1, RATE, 0.5), silence(3, RATE), tone(1, RATE, 0.5));
    const joined = spliceRanges(signal, RATE, [{ start: 0, end: 1.4 }, { start: 3.6, end: 5 }]);
    expect(joined.length).toBe(Math.round(2.8 * RATE));
    let jump = 0;
    for (let i = 1; i < joined.length; i++) jump = Math.max(jump, Math.abs(joined[i] - joined[i - 1]));
    expect(jump).toBeLessThan(0.05);
  });
});

describe('loudness normalisation', () => {
  it('brings quiet speech to −20 LUFS', () => {
    const quiet = concat(tone(4, RATE, 0.01, 300), silence(1, RATE), tone(4, RATE, 0.01, 300));
    expect(integratedLoudness(quiet, RATE)).toBeLessThan(-40);
    expect(integratedLoudness(normalizeLoudness(quiet, RATE), RATE)).toBeCloseTo(FIX_SETTINGS.targetLufs, 0);
  });

  it('limits the true peak to −1 dBTP when the gain would push peaks over', () => {
    // Mostly quiet with a loud burst: the gain the loudness asks for would clip the burst.
    const signal = concat(tone(8, RATE, 0.02, 300), tone(0.2, RATE, 0.9, 300), tone(2, RATE, 0.02, 300));
    const normalized = normalizeLoudness(signal, RATE);
    expect(db(truePeak(normalized))).toBeLessThanOrEqual(FIX_SETTINGS.truePeakCeilingDbtp + 0.01);
    expect(integratedLoudness(normalized, RATE)).toBeCloseTo(FIX_SETTINGS.targetLufs, 0);
  });

  it('leaves silence alone', () => {
    expect(Array.from(normalizeLoudness(silence(1, RATE), RATE)).every((value) => value === 0)).toBe(true);
  });
});

describe('which fix mends which check', () => {
  it('points each fixable warning at its fix and the rest at none', () => {
    expect(fixesFor({ name: 'loudness', status: 'warn', values: { issue: 'quiet' } })).toEqual(['normalize']);
    expect(fixesFor({ name: 'pauses', status: 'warn', values: { issue: 'inside', ends: 0.3 } })).toEqual(['shortenPauses']);
    expect(fixesFor({ name: 'pauses', status: 'warn', values: { issue: 'inside', ends: 3 } })).toEqual(['trimSilence', 'shortenPauses']);
    expect(fixesFor({ name: 'pauses', status: 'warn', values: { issue: 'end' } })).toEqual(['trimSilence']);
    expect(fixesFor({ name: 'noise', status: 'warn', values: {} })).toEqual(['denoise']);
    expect(fixesFor({ name: 'clipping', status: 'warn', values: { issue: 'heavy' } })).toEqual([]);
    expect(fixesFor({ name: 'speech', status: 'block', values: { issue: 'none' } })).toEqual([]);
    expect(fixesFor({ name: 'loudness', status: 'pass', values: {} })).toEqual([]);
  });
});
