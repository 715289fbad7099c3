import { describe, expect, it } from 'vitest';
import { concat, mix, noise, silence, tone } from '../../tests/support/signals';
import {
  CHECK_THRESHOLDS, checkChannels, checkClipping, checkDuration, checkLoudness, checkNoise, checkPauses, checkSampleRate, checkSpeech,
  checkSpeakers, checkUploadSize, downmix, hasBlocker, runChecks, speechToNoiseDb, uploadDataUrlBytes, verdictOf, type CheckInput,
} from './checks';

const RATE = 24_000;
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

describe('speech (from the model’s segments)', () => {
  it('blocks a sample with no speech at all, whatever its level', () => {
    expect(checkSpeech([], 12)).toMatchObject({ status: 'block', values: { issue: 'none', speechSeconds: 0 } });
  });

  it('blocks when no 3 s run is continuous, though the total is more than 3 s', () => {
    const bursts = [0, 2, 4, 6, 8].map((start) => ({ start, end: start + 1.2 }));
    expect(checkSpeech(bursts, 10)).toMatchObject({ status: 'block', values: { issue: 'noRun', speechSeconds: 6, longestSeconds: 1.2 } });
  });

  it('warns when most of the sample is silence, passes otherwise', () => {
    expect(checkSpeech([{ start: 1, end: 5 }], 12)).toMatchObject({ status: 'warn', values: { issue: 'sparse', percent: 33 } });
    expect(checkSpeech([{ start: 0.3, end: 5 }, { start: 5.4, end: 11.5 }], 12)).toMatchObject({ status: 'pass', values: { longestSeconds: 10.8 } });
  });
});

describe('pauses', () => {
  it('passes short pauses and says the limit (no raw placeholder)', () => {
    expect(checkPauses([{ start: 0, end: 3 }, { start: 4.5, end: 8 }], 8)).toMatchObject({ status: 'pass', values: { seconds: 1.5, max: 2 } });
    expect(checkPauses([], 8).values.max).toBe(2);
  });

  it('warns on a pause over 2 s inside the speech, with where it is', () => {
    expect(checkPauses([{ start: 0, end: 3 }, { start: 5.6, end: 8 }], 8)).toMatchObject({ status: 'warn', values: { issue: 'inside', seconds: 2.6, at: 3, ends: 0 } });
    expect(checkPauses([{ start: 2.5, end: 3 }, { start: 5.6, end: 8 }], 8).values.ends).toBe(2.5);
  });

  it('warns on long silence before or after the speech', () => {
    expect(checkPauses([{ start: 3, end: 7 }], 7).values).toMatchObject({ issue: 'start', seconds: 3 });
    expect(checkPauses([{ start: 0, end: 4 }], 8).values).toMatchObject({ issue: 'end', seconds: 4 });
  });
});

describe('speakers', () => {
  const speech = [{ start: 0.3, end: 6 }, { start: 6.4, end: 12 }];
  it('passes one voice', () => {
    expect(checkSpeakers([], speech, { start: 0.3, end: 12 }, 0.5)).toEqual({ name: 'speakers', status: 'pass', values: { distance: 0.5, max: 1.25 } });
  });

  it('warns while another voice speaks in the upload, offering the main speaker’s stretch as the trim', () => {
    expect(checkSpeakers([{ start: 6.2, end: 12 }], speech, { start: 0.3, end: 6 }, 1.6)).toEqual({ name: 'speakers', status: 'warn', values: { distance: 1.6, max: 1.25, keepStart: 0.3, keepEnd: 6 } });
  });

  it('lets a stray moment of the other voice pass (a trim’s edge, a word from someone else)', () => {
    expect(checkSpeakers([{ start: 5.5, end: 6.2 }], speech, { start: 0.3, end: 5.5 }, 1.6).status).toBe('pass');
  });
});

describe('noise', () => {
  const speechThenPause = [{ start: 0, end: 4 }, { start: 5, end: 9 }];
  const voice = (level: number) => concat(tone(4, RATE, level), silence(1, RATE), tone(4, RATE, level));

  it('measures speech over the noise in the pauses', () => {
    const snr = speechToNoiseDb(mix(voice(0.3), noise(9, RATE, 0.003)), RATE, speechThenPause);
    // Tone RMS 0.3/√2 ≈ 0.212 over noise RMS 0.003: 37 dB.
    expect(snr).toBeGreaterThan(35);
    expect(snr).toBeLessThan(39);
    expect(checkNoise(snr).status).toBe('pass');
  });

  it('warns when loud white noise sits under the speech', () => {
    const snr = speechToNoiseDb(mix(voice(0.3), noise(9, RATE, 0.05)), RATE, speechThenPause);
    expect(snr).toBeLessThan(CHECK_THRESHOLDS.noisySnrDb);
    expect(checkNoise(snr)).toMatchObject({ status: 'warn' });
  });

  it('falls back to the quietest speech frames when there are no pauses to measure', () => {
    const snr = speechToNoiseDb(mix(tone(9, RATE, 0.3), noise(9, RATE, 0.003)), RATE, [{ start: 0, end: 9 }]);
    expect(Number.isFinite(snr)).toBe(true);
  });
});

describe('loudness', () => {
  it('warns below −30 LUFS and passes normal levels, never blocks', () => {
    expect(checkLoudness(-38.2, -20)).toMatchObject({ status: 'warn', values: { issue: 'quiet', lufs: -38.2, truePeakDb: -20 } });
    expect(checkLoudness(-19, -1.5)).toMatchObject({ status: 'pass', values: { lufs: -19 } });
    expect(checkLoudness(-Infinity, -Infinity)).toMatchObject({ status: 'warn', values: { lufs: -120 } });
  });
});

describe('clipping', () => {
  it('passes a signal that peaks below full scale', () => {
    expect(checkClipping([tone(2, RATE, 0.95)]).status).toBe('pass');
  });

  it('warns, not blocks, on a hard-clipped signal: the service takes it', () => {
    const clipped = tone(2, RATE, 3).map((value) => Math.max(-1, Math.min(1, value)));
    const result = checkClipping([clipped]);
    expect(result).toMatchObject({ status: 'warn', values: { issue: 'heavy' } });
    expect(Number(result.values.percent)).toBeGreaterThan(50);
  });

  it('warns on a few clipped peaks and ignores single full-scale samples', () => {
    const signal = tone(10, RATE, 0.5);
    signal[100] = 1;
    expect(checkClipping([signal]).status).toBe('pass');
    for (let burst = 0; burst < 20; burst++) signal.fill(1, 1000 + burst * 5000, 1000 + burst * 5000 + 4);
    expect(checkClipping([signal])).toMatchObject({ status: 'warn', values: { issue: 'some' } });
    expect(checkClipping([tone(10, RATE, 0.5), signal]).status).toBe('warn');
  });
});

describe('format', () => {
  it('warns below 24 kHz: it will be resampled', () => {
    expect(checkSampleRate(8_000)).toMatchObject({ status: 'warn', values: { sampleRate: 8000, min: 24000 } });
    expect(checkSampleRate(48_000).status).toBe('pass');
  });

  it('warns on real stereo, passes mono and the same signal on both channels', () => {
    expect(checkChannels([tone(1, RATE)]).status).toBe('pass');
    expect(checkChannels([tone(1, RATE), tone(1, RATE)])).toMatchObject({ status: 'pass', values: { channels: 2, issue: 'same' } });
    expect(checkChannels([tone(1, RATE, 0.3, 200), tone(1, RATE, 0.3, 330)])).toMatchObject({ status: 'warn', values: { channels: 2 } });
  });

  it('downmixes by averaging', () => {
    expect(Array.from(downmix([Float32Array.of(1, 0.5), Float32Array.of(0, 0.5)]))).toEqual([0.5, 0.5]);
  });

  it('computes the data-URL size of the converted WAV and says how much to trim when over the limit', () => {
    expect(uploadDataUrlBytes(10)).toBe('data:audio/wav;base64,'.length + 640_060);
    expect(checkUploadSize(60)).toMatchObject({ status: 'pass', values: { sizeMb: 3.84 } });
    const over = checkUploadSize(200);
    expect(over.status).toBe('block');
    const seconds = 200 - Number(over.values.trimSeconds);
    expect(uploadDataUrlBytes(seconds)).toBeLessThanOrEqual(CHECK_THRESHOLDS.maxDataUrlBytes);
    expect(uploadDataUrlBytes(seconds + 1)).toBeGreaterThan(CHECK_THRESHOLDS.maxDataUrlBytes);
  });
});

describe('runChecks and the verdict', () => {
  const take = (upload: Float32Array, speech: CheckInput['speech'], extra: Partial<CheckInput> = {}): CheckInput => ({
    channels: [upload], sourceSampleRate: 48_000, decodedSeconds: upload.length / RATE, upload, uploadRate: RATE, speech, otherVoices: [], speakerDistance: 0.5, mainStretch: speech.length ? { start: speech[0].start, end: speech[speech.length - 1].end } : null, ...extra,
  });

  it('passes a clean 12 s take: "Ready to clone"', () => {
    const clip = mix(concat(silence(0.3, RATE), tone(5, RATE, 0.1), silence(0.8, RATE), tone(6, RATE, 0.1), silence(0.2, RATE)), noise(12.3, RATE, 0.0005));
    const checks = runChecks(take(clip, [{ start: 0.3, end: 5.3 }, { start: 6.1, end: 12.1 }]));
    expect(checks.map((item) => item.name)).toEqual(['duration', 'speech', 'pauses', 'speakers', 'noise', 'loudness', 'clipping', 'sampleRate', 'channels', 'size']);
    expect(checks.filter((item) => item.status !== 'pass')).toEqual([]);
    expect(verdictOf(checks)).toEqual({ verdict: 'pass', because: [] });
  });

  it('blocks noise alone as "no speech" and leaves out the noise and loudness lines', () => {
    const pink = noise(12, RATE, 0.2);
    const checks = byName(runChecks(take(pink, [])));
    expect(checks.speech).toMatchObject({ status: 'block', values: { issue: 'none' } });
    expect(checks.noise).toBeUndefined();
    expect(checks.loudness).toBeUndefined();
    expect(verdictOf(Object.values(checks))).toMatchObject({ verdict: 'block', because: [{ name: 'speech' }] });
  });

  it('leaves out the speakers line when the speech is too broken up to tell voices by', () => {
    const words = concat(...Array.from({ length: 6 }, () => [tone(0.8, RATE, 0.1), silence(1.5, RATE)]).flat());
    const speech = Array.from({ length: 6 }, (_, index) => ({ start: index * 2.3, end: index * 2.3 + 0.8 }));
    const checks = byName(runChecks(take(words, speech, { otherVoices: [{ start: 4.6, end: 13.8 }], speakerDistance: 1.5 })));
    expect(checks.speech).toMatchObject({ status: 'block', values: { issue: 'noRun' } });
    expect(checks.speakers).toBeUndefined();
  });

  it('only warns on a quiet take: the level can be raised before upload', () => {
    const quiet = concat(tone(6, RATE, 0.005), silence(1, RATE), tone(6, RATE, 0.005));
    const checks = runChecks(take(quiet, [{ start: 0, end: 6 }, { start: 7, end: 13 }]));
    expect(hasBlocker(checks)).toBe(false);
    expect(verdictOf(checks)).toMatchObject({ verdict: 'warn', because: [{ name: 'loudness', values: { issue: 'quiet' } }] });
  });

  it('adds an integrity warning when the header promised more audio than was decoded', () => {
    const clip = tone(6, RATE);
    const checks = byName(runChecks(take(clip, [{ start: 0, end: 6 }], { expectedSeconds: 12 })));
    expect(checks.integrity).toMatchObject({ status: 'warn', values: { expectedSeconds: 12, seconds: 6 } });
    expect(byName(runChecks(take(clip, [{ start: 0, end: 6 }], { expectedSeconds: 6.05 }))).integrity).toBeUndefined();
  });
});
