/**
 * The second-voice analysis on the labelled set's voices (espeak-ng, made at test time) at the
 * upload's 24 kHz: one expressive reader stays one voice, two men are told apart, and the main
 * speaker's stretch holds only them. Here sox resamples and the speech is one span; the E2E holds
 * every labelled sample to its verdict through the app's own path (Chromium's resampler, the speech
 * detector's segments), which is what the threshold is set on.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_SET, sampleSetFile } from '../../tests/fixtures/sample-set';
import { findSpeakers, mainVoiceStretch, speakersIn, VoiceFrames } from './speakers';
import { decodeWavPcm16 } from './wav';

const RATE = 24_000;

/** The labelled file as mono at 24 kHz (sox without dither, so runs agree), and its speech span. */
function at24k(name: string) {
  const out = join(tmpdir(), `timbre-speakers-${name}.wav`);
  execFileSync('sox', [sampleSetFile(SAMPLE_SET.find((sample) => sample.name === name)!), '-D', '-c', '1', '-r', String(RATE), '-b', '16', out]);
  const { samples } = decodeWavPcm16(readFileSync(out))!;
  return { samples, speech: [{ start: 0.3, end: samples.length / RATE - 0.3 }] };
}

describe('speakers in a take', () => {
  it.each(['english-clean', 'chinese-clean', 'pitch-swings', 'whisper-to-loud', 'laughter', 'long-59s'])('hears one voice in %s', (name) => {
    const { samples, speech } = at24k(name);
    const voices = findSpeakers(samples, RATE);
    expect(voices).toMatchObject({ speakers: 1, others: [] });
    expect(mainVoiceStretch(voices, speech)).toEqual(speech[0]);
  });

  it.each(['two-men'])('hears two voices in %s, the main one alone in its stretch', (name) => {
    const { samples, speech } = at24k(name);
    const voices = findSpeakers(samples, RATE);
    const { speakers, others } = voices;
    const mainStretch = mainVoiceStretch(voices, speech);
    expect(speakers).toBe(2);
    // One sentence each, the second starting about 7.5 s in: the stretch is one sentence, not both.
    const stretch = mainStretch!;
    expect(stretch.end - stretch.start).toBeGreaterThan(4);
    expect(stretch.end - stretch.start).toBeLessThan(9);
    for (const other of others) expect(Math.min(other.end, stretch.end) - Math.max(other.start, stretch.start)).toBeLessThan(0.5);
  });

  it('hears a take fed piece by piece, as it is recorded, as it hears the whole take', () => {
    const { samples } = at24k('two-men');
    const whole = findSpeakers(samples, RATE);
    const live = new VoiceFrames(RATE);
    // Pieces as the recorder's tap sends them: 128-sample quanta in uneven groups.
    for (let from = 0, group = 1; from < samples.length; from += 128 * group, group = (group % 7) + 1) live.push(samples.subarray(from, from + 128 * group));
    expect(speakersIn(live)).toEqual(whole);
  });

  it('finds no voice in silence', () => {
    const voices = findSpeakers(new Float32Array(RATE * 5), RATE);
    expect(voices).toEqual({ speakers: 0, distance: 0, main: null, others: [] });
    expect(mainVoiceStretch(voices, [])).toBeNull();
  });
}, 120_000);
