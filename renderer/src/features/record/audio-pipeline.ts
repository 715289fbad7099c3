/**
 * Decoding and conversion in the renderer (main has no audio decoder): decode any format Chromium
 * reads, then render it through an OfflineAudioContext at 24 kHz with one output channel (Web Audio
 * downmixes and resamples). `upload.ts` cuts and fixes that and encodes the 16-bit PCM WAV.
 */
import { CHECK_THRESHOLDS } from '../../../../shared/audio/checks';
import { probeAudio, type AudioProbe } from '../../../../shared/audio/probe';

export interface Trim {
  start: number;
  end: number;
}

export interface DecodedSample {
  buffer: AudioBuffer;
  /** What the file's header says (rate before decoding, declared duration), when recognised. */
  probe: AudioProbe | null;
}

/** Chromium's OfflineAudioContext accepts 3 kHz – 768 kHz. */
const supportedRate = (rate: number | undefined) => (rate && rate >= 3000 && rate <= 768_000 ? rate : 48_000);

export type CreateOfflineContext = (channels: number, length: number, sampleRate: number) => OfflineAudioContext;
const defaultContext: CreateOfflineContext = (channels, length, sampleRate) => new OfflineAudioContext(channels, length, sampleRate);

export class DecodeFailed extends Error {}

/** Decodes at the file's own rate when known, so checks see the samples as recorded. */
export async function decodeSample(bytes: Uint8Array, createContext: CreateOfflineContext = defaultContext): Promise<DecodedSample> {
  const probe = probeAudio(bytes);
  const context = createContext(1, 1, supportedRate(probe?.sampleRate));
  try {
    // decodeAudioData detaches its input: give it a copy.
    const buffer = await context.decodeAudioData(bytes.slice().buffer);
    if (buffer.length === 0) throw new DecodeFailed('no audio frames');
    return { buffer, probe };
  } catch (error) {
    throw error instanceof DecodeFailed ? error : new DecodeFailed(error instanceof Error ? error.message : String(error));
  }
}

export function channelsOf(buffer: AudioBuffer): Float32Array[] {
  return Array.from({ length: buffer.numberOfChannels }, (_, channel) => buffer.getChannelData(channel));
}

/** The range to upload: the trim, or the whole buffer. */
export function rangeOf(buffer: AudioBuffer, trim: Trim | null): Trim {
  return trim ?? { start: 0, end: buffer.duration };
}

/** The whole take as mono at `sampleRate`: Web Audio's "speakers" downmix averages the channels and resamples. */
export async function renderMono(buffer: AudioBuffer, sampleRate: number, createContext: CreateOfflineContext = defaultContext): Promise<Float32Array> {
  const context = createContext(1, Math.max(1, Math.round(buffer.duration * sampleRate)), sampleRate);
  const source = context.createBufferSource();
  source.buffer = buffer;
  source.connect(context.destination);
  source.start(0);
  const rendered = await context.startRendering();
  return rendered.getChannelData(0);
}

/** The whole take as mono at the upload's 24 kHz, rendered once; trims and fixes cut from it. */
export const renderUploadMono = (buffer: AudioBuffer, createContext: CreateOfflineContext = defaultContext) =>
  renderMono(buffer, CHECK_THRESHOLDS.uploadSampleRate, createContext);

/** Mono samples at another rate, through the same resampler. */
export function resampleMono(samples: Float32Array<ArrayBuffer>, fromRate: number, toRate: number, createContext: CreateOfflineContext = defaultContext): Promise<Float32Array> {
  const buffer = createContext(1, 1, fromRate).createBuffer(1, samples.length, fromRate);
  buffer.copyToChannel(samples, 0);
  return renderMono(buffer, toRate, createContext);
}
