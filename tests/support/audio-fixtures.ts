import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
