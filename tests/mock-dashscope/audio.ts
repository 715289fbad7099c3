/**
 * Audio on both sides of the mock: checking an enrollment sample the way the reference says
 * DashScope does (§2), and making the quiet tone it "synthesizes".
 */
import { decodeWavPcm16, parseWav } from '../../shared/audio/wav';
import { ENROLLMENT_AUDIO, utf8Length, weightedLength } from '../../shared/models';
import type { MockBehaviour } from './behaviour';

export interface AudioProblem {
  code: string;
  message: string;
}

const WINDOW_SECONDS = 0.05;
/** About -40 dBFS: a voice is well above it, silence and hiss below. */
const VOICED_RMS = 0.01;
/** Short gaps between syllables do not break a stretch of speech. */
const MAX_GAP_SECONDS = 0.5;

/** Longest stretch (seconds) of windows with speech-like energy, bridging short gaps. */
function longestVoicedStretch(samples: Float32Array, sampleRate: number): number {
  const window = Math.max(1, Math.round(sampleRate * WINDOW_SECONDS));
  let best = 0;
  let runStart = -1;
  let lastVoicedEnd = -1;
  for (let start = 0; start < samples.length; start += window) {
    const end = Math.min(samples.length, start + window);
    let sum = 0;
    for (let i = start; i < end; i++) sum += samples[i] * samples[i];
    if (Math.sqrt(sum / (end - start)) < VOICED_RMS) continue;
    if (runStart === -1 || (start - lastVoicedEnd) / sampleRate > MAX_GAP_SECONDS) runStart = start;
    lastVoicedEnd = end;
    best = Math.max(best, (end - runStart) / sampleRate);
  }
  return best;
}

const ascii = (bytes: Uint8Array, offset: number, length: number) => String.fromCharCode(...bytes.subarray(offset, offset + length));

function isMp3(bytes: Uint8Array): boolean {
  return ascii(bytes, 0, 3) === 'ID3' || (bytes.length > 1 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0);
}

const isM4a = (bytes: Uint8Array) => bytes.length >= 12 && ascii(bytes, 4, 4) === 'ftyp';

/**
 * Null when the sample would be accepted. WAV gets the full check (format, rate, length, speech);
 * MP3 and M4A are recognised by their magic bytes only (the mock has no decoder for them).
 */
export function checkSample(bytes: Uint8Array): AudioProblem | null {
  if (isMp3(bytes) || isM4a(bytes)) return null;
  const info = parseWav(bytes);
  if (!info) return { code: 'Audio.DecoderError', message: 'Failed to decode the audio: unsupported or corrupt file.' };
  if (info.format !== 1 || info.bitsPerSample !== 16 || info.channels !== 1) {
    return { code: 'Audio.DecoderError', message: `Unsupported audio format: mono 16-bit PCM required (got ${info.channels} ch, ${info.bitsPerSample} bit).` };
  }
  if (info.sampleRate < ENROLLMENT_AUDIO.minSampleRate) {
    return { code: 'Audio.AudioRateError', message: `Audio sample rate ${info.sampleRate} is not supported; at least 24000 Hz is required.` };
  }
  if (info.durationSeconds > ENROLLMENT_AUDIO.maxSeconds) {
    return { code: 'Audio.DurationLimitError', message: `Audio duration ${info.durationSeconds.toFixed(1)}s exceeds the limit of 60s.` };
  }
  const decoded = decodeWavPcm16(bytes);
  if (!decoded || longestVoicedStretch(decoded.samples, decoded.sampleRate) < ENROLLMENT_AUDIO.minSeconds) {
    return { code: 'Audio.PreprocessError', message: 'No segments meet minimum duration requirement' };
  }
  return null;
}

/**
 * Why `text` is refused under the behaviour's per-request limit (weighted characters with CJK as 2,
 * and UTF-8 bytes: §5.a), or null when it fits. The message is DashScope's range wording (GUESS:
 * the exact message for this case is not documented).
 */
export function textLimitProblem(text: string, limit: MockBehaviour['textLimit']): string | null {
  if (!limit) return null;
  if (weightedLength(text) > limit.maxWeightedChars || utf8Length(text) > limit.maxUtf8Bytes) {
    return `Range of input length should be [1, ${limit.maxWeightedChars}].`;
  }
  return null;
}

/** A quiet 220 Hz tone whose length grows with the text: 16-bit mono PCM at `sampleRate`. */
export function tonePcm(text: string, sampleRate = 24_000): Uint8Array {
  const seconds = Math.max(0.3, [...text].length * 0.06);
  const pcm = new Int16Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(Math.sin((2 * Math.PI * 220 * i) / sampleRate) * 0.05 * 0x7fff);
  return new Uint8Array(pcm.buffer);
}

/** Splits PCM into pieces of `seconds` (whole samples) for streaming. */
export function pcmChunks(pcm: Uint8Array, sampleRate: number, seconds = 0.1): Uint8Array[] {
  const size = Math.max(2, Math.round(sampleRate * seconds) * 2);
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < pcm.length; offset += size) chunks.push(pcm.subarray(offset, offset + size));
  return chunks;
}
