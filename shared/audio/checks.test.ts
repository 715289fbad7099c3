import { describe, expect, it } from 'vitest';
import {
  CHECK_THRESHOLDS, analyzeSpeech, checkChannels, checkClipping, checkDuration, checkLoudness, checkPauses, checkSampleRate,
  checkSilence, checkUploadSize, downmix, hasBlocker, runChecks, suggestTrim, uploadDataUrlBytes,
} from './checks';

const RATE = 16_000;

/** A 200 Hz tone standing in for speech: `amplitude` for `seconds`. */
function tone(seconds: number, amplitude = 0.3, frequency = 200, rate = RATE): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate);
  return out;
}
const silence = (seconds: number, rate = RATE) => new Float32Array(Math.round(seconds * rate));
function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
const byName = (checks: ReturnType<typeof runChecks>) => Object.fromEntries(checks.map((item) => [item.name, item]));

describe('duration', () => {
  it.each([
    [2.9, 'block', 'tooShort'],
    [3, 'warn', 'short'],
    [9.9, 'warn', 'short'],
    [10, 'pass', undefined],
    [20, 'pass', undefined],
    [20.5, 'warn', 'long'],
    [60, 'warn', 'long'],
    [61.2, 'block', 'tooLong'],
  ])('%s s is %s', (seconds, status, issue) => {
    const result = checkDuration(seconds);
    expect(result.status).toBe(status);
    expect(result.values.issue).toBe(issue);
  });

  it('says how much to cut from a long file', () => {
    expect(checkDuration(8 * 60).values.trimSeconds).toBe(420);
  });
});

describe('loudness', () => {
  it('passes normal speech level', () => {
    const result = checkLoudness(analyzeSpeech(tone(5, 0.3), RATE));
    expect(result.status).toBe('pass');
    expect(result.values.peakDb).toBeCloseTo(-10.5, 0);
  });

  it('warns when speech is audible but quiet', () => {
    // 0.01 peak = -40 dBFS peak, -43 dBFS RMS
    const result = checkLoudness(analyzeSpeech(tone(5, 0.012), RATE));
    expect(result).toMatchObject({ status: 'warn', values: { issue: 'quiet' } });
  });

  it('blocks a silent or near-silent signal', () => {
    expect(checkLoudness(analyzeSpeech(silence(5), RATE))).toMatchObject({ status: 'block', values: { issue: 'inaudible', peakDb: -120 } });
    expect(checkLoudness(analyzeSpeech(tone(5, 0.004), RATE)).status).toBe('block');
  });
});

describe('clipping', () => {
  it('passes a signal that peaks below full scale', () => {
    expect(checkClipping([tone(2, 0.95)]).status).toBe('pass');
  });

  it('blocks a hard-clipped signal and reports the share', () => {
    const clipped = tone(2, 3).map((value) => Math.max(-1, Math.min(1, value)));
    const result = checkClipping([clipped]);
    expect(result.status).toBe('block');
    expect(Number(result.values.percent)).toBeGreaterThan(50);
  });

  it('warns on a few clipped peaks and ignores single full-scale samples', () => {
    const signal = tone(10, 0.5);
    signal[100] = 1; // one sample at full scale is not a clipped run
    expect(checkClipping([signal]).status).toBe('pass');
    for (let burst = 0; burst < 20; burst++) signal.fill(1, 1000 + burst * 5000, 1000 + burst * 5000 + 4);
    const result = checkClipping([signal]);
    expect(result.status).toBe('warn');
    expect(checkClipping([tone(10, 0.5), signal]).status).toBe('warn'); // worst channel counts
  });
});

describe('pauses and silence', () => {
  it('passes speech with short pauses', () => {
    const clip = concat(tone(3), silence(1.5), tone(3));
    const analysis = analyzeSpeech(clip, RATE);
    expect(checkPauses(analysis)).toMatchObject({ status: 'pass', values: { seconds: 1.5, where: 'inside' } });
    expect(checkSilence(analysis).status).toBe('pass');
  });

  it('warns on a pause over 2 s inside the speech, with where it is', () => {
    const result = checkPauses(analyzeSpeech(concat(tone(3), silence(2.6), tone(3)), RATE));
    expect(result).toMatchObject({ status: 'warn', values: { seconds: 2.6, at: 3, where: 'inside' } });
  });

  it('warns on long silence before or after the speech', () => {
    expect(checkPauses(analyzeSpeech(concat(silence(3), tone(4)), RATE)).values).toMatchObject({ where: 'start', seconds: 3 });
    expect(checkPauses(analyzeSpeech(concat(tone(4), silence(4)), RATE)).values).toMatchObject({ where: 'end', seconds: 4 });
  });

  it('finds pauses under room noise by level relative to the speech', () => {
    const noise = silence(2.5).map(() => (Math.random() - 0.5) * 0.004); // about -55 dBFS
    const clip = concat(tone(3, 0.4), noise, tone(3, 0.4));
    expect(checkPauses(analyzeSpeech(clip, RATE)).status).toBe('warn');
  });

  it('warns when most of the clip is silence, blocks under 3 s of speech', () => {
    expect(checkSilence(analyzeSpeech(concat(tone(4), silence(6)), RATE))).toMatchObject({ status: 'warn', values: { percent: 40 } });
    expect(checkSilence(analyzeSpeech(concat(tone(2), silence(10)), RATE)).status).toBe('block');
    expect(checkSilence(analyzeSpeech(silence(12), RATE))).toMatchObject({ status: 'block', values: { speechSeconds: 0 } });
  });

  it('suggests a trim that keeps the speech with a margin', () => {
    const analysis = analyzeSpeech(concat(silence(2), tone(5), silence(3)), RATE);
    expect(suggestTrim(analysis)).toEqual({ start: 1.75, end: 7.25 });
    expect(suggestTrim(analyzeSpeech(tone(5), RATE))).toBeNull();
  });
});

describe('format', () => {
  it('warns below 24 kHz: it will be resampled', () => {
    expect(checkSampleRate(8_000)).toMatchObject({ status: 'warn', values: { sampleRate: 8000, min: 24000 } });
    expect(checkSampleRate(24_000).status).toBe('pass');
    expect(checkSampleRate(48_000).status).toBe('pass');
  });

  it('warns on real stereo, passes mono and the same signal on both channels', () => {
    expect(checkChannels([tone(1)]).status).toBe('pass');
    expect(checkChannels([tone(1), tone(1)])).toMatchObject({ status: 'pass', values: { channels: 2, same: 'yes' } });
    expect(checkChannels([tone(1, 0.3, 200), tone(1, 0.3, 330)])).toMatchObject({ status: 'warn', values: { channels: 2, same: 'no' } });
  });

  it('downmixes by averaging', () => {
    expect(Array.from(downmix([Float32Array.of(1, 0.5), Float32Array.of(0, 0.5)]))).toEqual([0.5, 0.5]);
  });

  it('computes the data-URL size of the converted WAV and says how much to trim when over the limit', () => {
    // 10 s at 24 kHz, 16-bit: 480 044 bytes of WAV → 640 060 base64 characters + the prefix
    expect(uploadDataUrlBytes(10)).toBe('data:audio/wav;base64,'.length + 640_060);
    expect(checkUploadSize(60)).toMatchObject({ status: 'pass', values: { sizeMb: 3.84 } });
    const over = checkUploadSize(200);
    expect(over.status).toBe('block');
    const seconds = 200 - Number(over.values.trimSeconds);
    expect(uploadDataUrlBytes(seconds)).toBeLessThanOrEqual(CHECK_THRESHOLDS.maxDataUrlBytes);
    expect(uploadDataUrlBytes(seconds + 1)).toBeGreaterThan(CHECK_THRESHOLDS.maxDataUrlBytes);
  });
});

describe('runChecks', () => {
  it('passes a clean 12 s take', () => {
    const clip = concat(silence(0.3), tone(5), silence(0.8), tone(6), silence(0.2));
    const checks = runChecks({ channels: [clip], sampleRate: RATE, sourceSampleRate: 48_000 });
    expect(checks.map((item) => item.name)).toEqual(['duration', 'loudness', 'silence', 'pauses', 'clipping', 'sampleRate', 'channels', 'size']);
    expect(checks.every((item) => item.status === 'pass')).toBe(true);
  });

  it('judges only the trimmed part', () => {
    const clip = concat(silence(6), tone(12), silence(6));
    expect(byName(runChecks({ channels: [clip], sampleRate: RATE })).duration.status).toBe('warn');
    const trimmed = byName(runChecks({ channels: [clip], sampleRate: RATE, trim: { start: 5.5, end: 18.5 } }));
    expect(trimmed.duration).toMatchObject({ status: 'pass', values: { seconds: 13 } });
    expect(trimmed.pauses.status).toBe('pass');
  });

  it('blocks a silent file and an 8-minute file', () => {
    expect(hasBlocker(runChecks({ channels: [silence(12)], sampleRate: RATE }))).toBe(true);
    const long = byName(runChecks({ channels: [tone(8 * 60, 0.3, 200, 8000)], sampleRate: 8000 }));
    expect(long.duration).toMatchObject({ status: 'block', values: { issue: 'tooLong' } });
    expect(long.sampleRate.status).toBe('warn');
  });

  it('adds an integrity warning when the header promised more audio than was decoded', () => {
    const checks = byName(runChecks({ channels: [tone(6)], sampleRate: RATE, expectedSeconds: 12 }));
    expect(checks.integrity).toMatchObject({ status: 'warn', values: { expectedSeconds: 12, seconds: 6 } });
    expect(byName(runChecks({ channels: [tone(12)], sampleRate: RATE, expectedSeconds: 12.05 })).integrity).toBeUndefined();
  });
});
