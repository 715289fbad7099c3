import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWavPcm16 } from '../../shared/audio/wav';

const CACHE = join(tmpdir(), 'timbre-fixtures');

export interface SpeechOptions {
  text: string;
  /** espeak-ng voice: "en-us", "cmn" (Mandarin)… */
  voice?: string;
  sampleRate?: number;
  channels?: number;
  /** Pad with silence at the end (seconds), e.g. so a fake mic has something after the speech. */
  padSeconds?: number;
}

/**
 * Real speech as a WAV file, made with espeak-ng and sox (Debian packages installed by .ci/run),
 * cached by its parameters so repeated runs do not pay for it again.
 */
export function speechWav(options: SpeechOptions): string {
  const { text, voice = 'en-us', sampleRate = 48_000, channels = 1, padSeconds = 0 } = options;
  const id = createHash('sha1').update(JSON.stringify([text, voice, sampleRate, channels, padSeconds])).digest('hex').slice(0, 16);
  const out = join(CACHE, `speech-${id}.wav`);
  if (existsSync(out)) return out;
  mkdirSync(CACHE, { recursive: true });
  const raw = join(CACHE, `raw-${id}.wav`);
  execFileSync('espeak-ng', ['-v', voice, '-s', '150', '-w', raw, text]);
  const pad = padSeconds > 0 ? ['pad', '0', String(padSeconds)] : [];
  execFileSync('sox', [raw, '-r', String(sampleRate), '-c', String(channels), '-b', '16', out, ...pad]);
  return out;
}

/** Runs sox to make any other test file (e.g. `soxMake(['-n', '-r', '8000', out, 'synth', '3', 'sine', '440'])`). */
export function sox(args: string[]): void {
  execFileSync('sox', args);
}

export const ENGLISH_SCRIPT =
  'The north wind and the sun were disputing which was the stronger, when a traveller came along wrapped in a warm cloak.';

/** Loudness every 10 ms on a log scale, standardised: the outline of speech, whatever its level or sample rate. */
function loudnessOutline(samples: Float32Array, sampleRate: number): Float64Array {
  const frame = Math.round(sampleRate / 100);
  const outline = new Float64Array(Math.floor(samples.length / frame));
  for (let index = 0; index < outline.length; index++) {
    let power = 0;
    for (let at = index * frame; at < (index + 1) * frame; at++) power += samples[at] * samples[at];
    outline[index] = Math.log(Math.sqrt(power / frame) + 3e-5); // about the quietest step of 16-bit audio
  }
  const mean = outline.reduce((sum, value) => sum + value, 0) / outline.length;
  const deviation = Math.sqrt(outline.reduce((sum, value) => sum + (value - mean) ** 2, 0) / outline.length) || 1;
  return outline.map((value) => (value - mean) / deviation);
}

/**
 * How closely a take follows a WAV file played in a loop, as Chromium's fake microphone plays it:
 * the correlation of their loudness outlines at the best offset. About 0.9 or more for a take of
 * that file; espeak-ng speech of another text scores about 0.5 (speech and pauses alike).
 */
export function loopSimilarity(take: { samples: Float32Array; sampleRate: number }, loopedWav: string): number {
  const source = decodeWavPcm16(new Uint8Array(readFileSync(loopedWav)));
  if (!source) throw new Error(`${loopedWav} is not a 16-bit PCM WAV file`);
  const heard = loudnessOutline(take.samples, take.sampleRate);
  const played = loudnessOutline(source.samples, source.sampleRate);
  let best = -1;
  for (let offset = 0; offset < played.length; offset++) {
    let sum = 0;
    for (let index = 0; index < heard.length; index++) sum += heard[index] * played[(offset + index) % played.length];
    best = Math.max(best, sum / heard.length);
  }
  return best;
}
