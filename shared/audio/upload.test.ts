import { describe, expect, it } from 'vitest';
import { concat, mix, noise, silence, tone } from '../../tests/support/signals';
import { verdictOf } from './checks';
import { FIX_SETTINGS, NO_FIXES } from './fixes';
import { integratedLoudness } from './loudness';
import { prepareUpload, type UploadSource } from './upload';

const RATE = 24_000;

/** A quiet take with a 3 s pause and 3 s of silence at the end, and the speech the model found in it. */
function quietTakeWithLongPause(): UploadSource {
  const mono = mix(concat(tone(5, RATE, 0.01), silence(3, RATE), tone(5, RATE, 0.01), silence(3, RATE)), noise(16, RATE, 0.00002));
  return { channels: [mono], sampleRate: RATE, sourceSampleRate: 48_000, mono, monoRate: RATE, speech: [{ start: 0, end: 5 }, { start: 8, end: 13 }], speakers: { others: [], mainStretch: { start: 0, end: 13 }, distance: 0.5 } };
}
const statusOf = (checks: ReturnType<typeof prepareUpload>['checks'], name: string) => checks.find((check) => check.name === name)?.status;

describe('the uploaded copy', () => {
  it('is the original as it is without fixes, and the checks say what is wrong', () => {
    const source = quietTakeWithLongPause();
    const upload = prepareUpload(source, null, NO_FIXES);
    expect(upload.samples.length).toBe(source.mono.length);
    expect(upload.samples.every((value, i) => value === source.mono[i])).toBe(true);
    expect(statusOf(upload.checks, 'loudness')).toBe('warn');
    expect(statusOf(upload.checks, 'pauses')).toBe('warn');
  });

  it('is re-checked after the fixes: pauses shortened, silence trimmed, level raised, all pass', () => {
    const source = quietTakeWithLongPause();
    const upload = prepareUpload(source, null, { trimSilence: true, shortenPauses: true, denoise: false, normalize: true });
    expect(upload.kept).toEqual([{ start: 0, end: 5.4 }, { start: 7.6, end: 13.25 }]);
    expect(upload.samples.length / RATE).toBeCloseTo(11.05, 1);
    expect(integratedLoudness(upload.samples, RATE)).toBeCloseTo(FIX_SETTINGS.targetLufs, 0);
    expect(verdictOf(upload.checks).verdict).toBe('pass');
    // The original is untouched.
    expect(source.mono.length).toBe(16 * RATE);
  });

  it('uses the noise-reduced copy only when that fix is on', () => {
    const source = { ...quietTakeWithLongPause(), denoised: new Float32Array(16 * RATE) };
    expect(prepareUpload(source, null, NO_FIXES).samples.some((value) => value !== 0)).toBe(true);
    expect(prepareUpload(source, null, { ...NO_FIXES, denoise: true }).samples.every((value) => value === 0)).toBe(true);
  });

  it('has a speakers check only when the take was listened to for voices', () => {
    expect(statusOf(prepareUpload(quietTakeWithLongPause(), null, NO_FIXES).checks, 'speakers')).toBe('pass');
    // A take over SPEAKERS.maxTakeSeconds is not analysed (too slow): no check, rather than a pass it did not earn.
    expect(statusOf(prepareUpload({ ...quietTakeWithLongPause(), speakers: null }, null, NO_FIXES).checks, 'speakers')).toBeUndefined();
  });

  it('applies the fixes inside the user’s trim', () => {
    const upload = prepareUpload(quietTakeWithLongPause(), { start: 0, end: 6 }, { ...NO_FIXES, trimSilence: true });
    expect(upload.kept).toEqual([{ start: 0, end: 5.25 }]);
  });

  it('warns of a second voice until the trim keeps only the main speaker', () => {
    const source = { ...quietTakeWithLongPause(), speakers: { others: [{ start: 8, end: 13 }], mainStretch: { start: 0, end: 5 }, distance: 1.6 } };
    expect(statusOf(prepareUpload(source, null, NO_FIXES).checks, 'speakers')).toBe('warn');
    expect(statusOf(prepareUpload(source, { start: 0, end: 5.5 }, NO_FIXES).checks, 'speakers')).toBe('pass');
  });
});
