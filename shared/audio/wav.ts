/**
 * 16-bit PCM WAV: the format every sample is uploaded in and every synthesis result is saved in.
 * Pure functions over bytes, usable in the renderer, main and tests alike.
 */

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 1 = integer PCM, 3 = IEEE float. */
  format: number;
  /** Byte offset and length of the `data` chunk. */
  dataOffset: number;
  dataLength: number;
  durationSeconds: number;
}

const ascii = (bytes: Uint8Array, offset: number, length: number) =>
  String.fromCharCode(...bytes.subarray(offset, offset + length));

/**
 * Chunks read before `data` at most: real files have a handful (fmt, LIST, fact, bext, JUNK); a
 * crafted one made of millions of empty chunks is refused instead of read to its end.
 */
const MAX_CHUNKS_BEFORE_DATA = 256;

/** Reads a RIFF/WAVE header; returns null for anything that is not a well-formed WAV. */
export function parseWav(bytes: Uint8Array): WavInfo | null {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WAVE') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 12;
  let fmt: Pick<WavInfo, 'format' | 'channels' | 'sampleRate' | 'bitsPerSample'> | null = null;
  for (let chunks = 0; offset + 8 <= bytes.length && chunks < MAX_CHUNKS_BEFORE_DATA; chunks++) {
    const id = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ' && body + 16 <= bytes.length) {
      fmt = {
        format: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
      if (fmt.format === 0xfffe && size >= 40 && body + 26 <= bytes.length) fmt.format = view.getUint16(body + 24, true);
    } else if (id === 'data') {
      if (!fmt || fmt.channels === 0 || fmt.sampleRate === 0 || fmt.bitsPerSample === 0) return null;
      // Streaming writers leave the size as 0 or 0xFFFFFFFF; trust the file length then.
      const available = bytes.length - body;
      const dataLength = size === 0 || size > available ? available : size;
      const bytesPerSecond = fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8);
      return { ...fmt, dataOffset: body, dataLength, durationSeconds: dataLength / bytesPerSecond };
    }
    offset = body + size + (size % 2);
  }
  return null;
}

const HEADER_BYTES = 44;

/**
 * Encodes mono float samples in [-1, 1] as a 16-bit PCM WAV, written straight into the file's
 * bytes (an Int16Array is little-endian on every platform Electron runs on, as WAV is).
 */
export function encodeWav(samples: Float32Array, sampleRate: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(HEADER_BYTES + 2 * samples.length);
  writeHeader(out, 2 * samples.length, sampleRate, 1);
  const pcm = new Int16Array(out.buffer, HEADER_BYTES, samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    pcm[i] = s < 0 ? Math.round(s * 0x8000) : Math.round(s * 0x7fff);
  }
  return out;
}

/** Puts a WAV header in front of little-endian 16-bit PCM bytes (e.g. realtime synthesis deltas). */
export function wrapPcm16(pcm: Uint8Array, sampleRate: number, channels = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(HEADER_BYTES + pcm.length);
  writeHeader(out, pcm.length, sampleRate, channels);
  out.set(pcm, HEADER_BYTES);
  return out;
}

function writeHeader(out: Uint8Array, dataBytes: number, sampleRate: number, channels: number): void {
  const view = new DataView(out.buffer, out.byteOffset);
  const writeAscii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
  };
  writeAscii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  writeAscii(8, 'WAVE');
  writeAscii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  writeAscii(36, 'data');
  view.setUint32(40, dataBytes, true);
}

/** Decodes the samples of a 16-bit PCM WAV into mono floats (channels averaged). */
export function decodeWavPcm16(bytes: Uint8Array): { samples: Float32Array; sampleRate: number } | null {
  const info = parseWav(bytes);
  if (!info || info.format !== 1 || info.bitsPerSample !== 16) return null;
  const frameCount = Math.floor(info.dataLength / (2 * info.channels));
  const view = new DataView(bytes.buffer, bytes.byteOffset + info.dataOffset, frameCount * 2 * info.channels);
  const samples = new Float32Array(frameCount);
  for (let frame = 0; frame < frameCount; frame++) {
    let sum = 0;
    for (let ch = 0; ch < info.channels; ch++) sum += view.getInt16((frame * info.channels + ch) * 2, true) / 0x8000;
    samples[frame] = sum / info.channels;
  }
  return { samples, sampleRate: info.sampleRate };
}
