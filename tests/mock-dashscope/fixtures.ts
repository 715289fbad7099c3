/**
 * Test audio made on the fly: a few seconds of an amplitude-modulated tone passes the mock's
 * speech check; silence and the wrong formats do not.
 */
import { encodeWav, wrapPcm16 } from '../../shared/audio/wav';

/** A 180 Hz tone with a 4 Hz syllable-like envelope, loud enough to count as speech. */
export function speechLikeWav(seconds = 4, sampleRate = 24_000): Uint8Array {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++) {
    const t = i / sampleRate;
    samples[i] = 0.3 * (0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t)) * Math.sin(2 * Math.PI * 180 * t);
  }
  return encodeWav(samples, sampleRate);
}

export const silentWav = (seconds = 4, sampleRate = 24_000) => encodeWav(new Float32Array(Math.round(seconds * sampleRate)), sampleRate);

/** The same tone as two identical channels. */
export function stereoWav(seconds = 4, sampleRate = 24_000): Uint8Array {
  const mono = speechLikeWav(seconds, sampleRate).subarray(44);
  const stereo = new Uint8Array(mono.length * 2);
  for (let i = 0; i < mono.length; i += 2) {
    stereo.set(mono.subarray(i, i + 2), i * 2);
    stereo.set(mono.subarray(i, i + 2), i * 2 + 2);
  }
  return wrapPcm16(stereo, sampleRate, 2);
}

/** Minimal MP3 and M4A heads: enough for magic-byte sniffing. */
export const mp3Bytes = () => new Uint8Array([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64]);
export const m4aBytes = () => new Uint8Array([0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x4d, 0x34, 0x41, 0x20, 0, 0, 0, 0]);
