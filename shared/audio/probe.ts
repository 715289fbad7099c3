/**
 * Recognises audio files by their bytes (never by name or MIME type, which lie) and reads what
 * their headers declare: sample rate, channels and, where the format records it, the duration.
 * Main uses it to refuse non-audio before saving; the renderer to judge the sample rate, which
 * decoding hides (decodeAudioData resamples to the context's rate).
 */
import { parseWav } from './wav';

export const AUDIO_CONTAINERS = {
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  mp4: 'audio/mp4',
  ogg: 'audio/ogg',
  webm: 'audio/webm',
  flac: 'audio/flac',
} as const;
export type AudioContainer = keyof typeof AUDIO_CONTAINERS;

export interface AudioProbe {
  container: AudioContainer;
  mime: (typeof AUDIO_CONTAINERS)[AudioContainer];
  sampleRate?: number;
  channels?: number;
  /** Duration the header promises (MP3 Xing/VBRI, MP4 mdhd, FLAC STREAMINFO); decoded audio may be shorter if the file is cut off. */
  declaredSeconds?: number;
}

const ascii = (bytes: Uint8Array, offset: number, length: number) =>
  offset + length <= bytes.length ? String.fromCharCode(...bytes.subarray(offset, offset + length)) : '';

const probe = (container: AudioContainer, facts: Omit<AudioProbe, 'container' | 'mime'> = {}): AudioProbe => {
  const defined = Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined && Number.isFinite(value) && value > 0));
  return { container, mime: AUDIO_CONTAINERS[container], ...defined };
};

export function probeAudio(bytes: Uint8Array): AudioProbe | null {
  if (bytes.length < 12) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WAVE') {
    const wav = parseWav(bytes);
    return wav ? probe('wav', { sampleRate: wav.sampleRate, channels: wav.channels }) : null;
  }
  if (ascii(bytes, 0, 4) === 'fLaC') return probeFlac(bytes, view);
  if (ascii(bytes, 0, 4) === 'OggS') return probeOgg(bytes, view);
  if (view.getUint32(0) === 0x1a45dfa3) return probe('webm');
  if (ascii(bytes, 4, 4) === 'ftyp') return probeMp4(bytes, view);
  return probeMp3(bytes, view);
}

function probeFlac(bytes: Uint8Array, view: DataView): AudioProbe {
  if (bytes.length < 26 || (bytes[4] & 0x7f) !== 0) return probe('flac');
  const sampleRate = (bytes[18] << 12) | (bytes[19] << 4) | (bytes[20] >> 4);
  const channels = ((bytes[20] >> 1) & 7) + 1;
  const totalSamples = (bytes[21] & 0x0f) * 2 ** 32 + view.getUint32(22);
  return probe('flac', { sampleRate, channels, declaredSeconds: sampleRate ? totalSamples / sampleRate : undefined });
}

function probeOgg(bytes: Uint8Array, view: DataView): AudioProbe {
  const payload = 27 + (bytes[26] ?? 0);
  if (ascii(bytes, payload + 1, 6) === 'vorbis' && payload + 16 <= bytes.length) {
    return probe('ogg', { channels: bytes[payload + 11], sampleRate: view.getUint32(payload + 12, true) });
  }
  if (ascii(bytes, payload, 8) === 'OpusHead' && payload + 16 <= bytes.length) {
    // Opus always decodes at 48 kHz; the header keeps the rate of what was encoded.
    return probe('ogg', { channels: bytes[payload + 9], sampleRate: view.getUint32(payload + 12, true) });
  }
  return probe('ogg');
}

const MP4_CONTAINER_ATOMS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);
/**
 * The probe's work is bounded by these, not by the file's size: real files nest atoms 5 deep and
 * have a few dozen; a crafted one with millions of tiny or deeply nested atoms is only partly read.
 */
const MP4_MAX_DEPTH = 12;
const MP4_MAX_ATOMS = 5_000;

/** Walks the atom tree to the first sound track's sample entry and media header. */
function probeMp4(bytes: Uint8Array, view: DataView): AudioProbe {
  const found: { sampleRate?: number; declaredSeconds?: number } = {};
  const budget = { atoms: MP4_MAX_ATOMS };
  const walk = (from: number, to: number, inSoundTrack: boolean, depth = 0): boolean => {
    if (depth > MP4_MAX_DEPTH) return false;
    let offset = from;
    while (offset + 8 <= to && budget.atoms-- > 0) {
      let size = view.getUint32(offset);
      const type = ascii(bytes, offset + 4, 4);
      let header = 8;
      if (size === 1 && offset + 16 <= to) {
        size = Number(view.getBigUint64(offset + 8));
        header = 16;
      } else if (size === 0) {
        size = to - offset;
      }
      if (size < header) return false;
      const body = offset + header;
      const end = Math.min(to, offset + size);
      if (type === 'trak') {
        // A track is audio when its handler says 'soun'; look inside once that is known.
        const isSound = findHandler(bytes, view, body, end, budget) === 'soun';
        if (isSound && walk(body, end, true, depth + 1)) return true;
      } else if (MP4_CONTAINER_ATOMS.has(type)) {
        if (walk(body, end, inSoundTrack, depth + 1)) return true;
      } else if (inSoundTrack && type === 'mdhd' && body + 24 <= end) {
        const version = bytes[body];
        const timescale = view.getUint32(body + (version === 1 ? 20 : 12));
        const duration = version === 1 ? Number(view.getBigUint64(body + 24)) : view.getUint32(body + 16);
        if (timescale > 0) found.declaredSeconds = duration / timescale;
      } else if (inSoundTrack && type === 'stsd' && body + 8 + 36 <= end) {
        // The entry's channel count is a fixed 2 in MP4 files; decoding tells the real one.
        found.sampleRate = view.getUint16(body + 8 + 32);
        return true;
      }
      offset += size;
    }
    return false;
  };
  walk(0, bytes.length, false);
  return probe('mp4', found);
}

function findHandler(bytes: Uint8Array, view: DataView, from: number, to: number, budget: { atoms: number }, depth = 0): string | null {
  if (depth > MP4_MAX_DEPTH) return null;
  let offset = from;
  while (offset + 8 <= to && budget.atoms-- > 0) {
    const size = view.getUint32(offset);
    const type = ascii(bytes, offset + 4, 4);
    if (size < 8) return null;
    if (type === 'hdlr') return ascii(bytes, offset + 16, 4);
    if (type === 'mdia') return findHandler(bytes, view, offset + 8, Math.min(to, offset + size), budget, depth + 1);
    offset += size;
  }
  return null;
}

const MP3_RATES = [[11_025, 12_000, 8_000], null, [22_050, 24_000, 16_000], [44_100, 48_000, 32_000]] as const;
const MP3_BITRATES: Record<string, readonly number[]> = {
  v1l1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  v1l2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  v1l3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  v2l2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

interface Mp3Frame {
  sampleRate: number;
  channels: number;
  length: number;
  samplesPerFrame: number;
  mpeg1: boolean;
}

function mp3Frame(bytes: Uint8Array, offset: number): Mp3Frame | null {
  if (offset + 4 > bytes.length || bytes[offset] !== 0xff || (bytes[offset + 1] & 0xe0) !== 0xe0) return null;
  const version = (bytes[offset + 1] >> 3) & 3;
  const layer = 4 - ((bytes[offset + 1] >> 1) & 3);
  const bitrateIndex = bytes[offset + 2] >> 4;
  const rateIndex = (bytes[offset + 2] >> 2) & 3;
  const rates = MP3_RATES[version];
  if (!rates || layer === 4 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const mpeg1 = version === 3;
  const table = mpeg1 ? `v1l${layer}` : layer === 1 ? 'v2l1' : 'v2l2';
  const bitrate = MP3_BITRATES[table][bitrateIndex] * 1000;
  const sampleRate = rates[rateIndex];
  const padding = (bytes[offset + 2] >> 1) & 1;
  const samplesPerFrame = layer === 1 ? 384 : layer === 2 || mpeg1 ? 1152 : 576;
  const length = layer === 1
    ? (Math.floor((12 * bitrate) / sampleRate) + padding) * 4
    : Math.floor(((samplesPerFrame / 8) * bitrate) / sampleRate) + padding;
  const channels = bytes[offset + 3] >> 6 === 3 ? 1 : 2;
  return { sampleRate, channels, length, samplesPerFrame, mpeg1 };
}

/** MP3 (with or without an ID3v2 tag): the first frame that is followed by another valid frame. */
function probeMp3(bytes: Uint8Array, view: DataView): AudioProbe | null {
  let start = 0;
  if (ascii(bytes, 0, 3) === 'ID3' && bytes.length >= 10) {
    const size = ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
    start = 10 + size + (bytes[5] & 0x10 ? 10 : 0);
  }
  const searchEnd = Math.min(bytes.length - 4, start + 64 * 1024);
  for (let offset = start; offset < searchEnd; offset++) {
    const frame = mp3Frame(bytes, offset);
    if (!frame) continue;
    const next = offset + frame.length;
    if (next + 4 <= bytes.length && !mp3Frame(bytes, next)) continue;
    return probe('mp3', { sampleRate: frame.sampleRate, channels: frame.channels, declaredSeconds: mp3DeclaredSeconds(bytes, view, offset, frame) });
  }
  return null;
}

/** Frame count from a Xing/Info or VBRI header (what LAME and ffmpeg write) × samples per frame. */
function mp3DeclaredSeconds(bytes: Uint8Array, view: DataView, offset: number, frame: Mp3Frame): number | undefined {
  const sideInfo = frame.mpeg1 ? (frame.channels === 1 ? 17 : 32) : frame.channels === 1 ? 9 : 17;
  const xing = offset + 4 + sideInfo;
  let frames: number | undefined;
  const tag = ascii(bytes, xing, 4);
  if ((tag === 'Xing' || tag === 'Info') && xing + 12 <= bytes.length && view.getUint32(xing + 4) & 1) {
    frames = view.getUint32(xing + 8);
  } else if (ascii(bytes, offset + 36, 4) === 'VBRI' && offset + 54 <= bytes.length) {
    frames = view.getUint32(offset + 50);
  }
  return frames ? (frames * frame.samplesPerFrame) / frame.sampleRate : undefined;
}
