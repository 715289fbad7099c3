import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeAudio } from './probe';
import { encodeWav } from './wav';

const dir = mkdtempSync(join(tmpdir(), 'timbre-probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A real file made by ffmpeg from a 3 s tone (the formats users bring). */
function ffmpegFile(name: string, args: string[]): Uint8Array {
  const out = join(dir, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=220:duration=3', ...args, out]);
  return new Uint8Array(readFileSync(out));
}

describe('probeAudio', () => {
  it('reads WAV headers', () => {
    const wav = encodeWav(new Float32Array(8000), 8000);
    expect(probeAudio(wav)).toEqual({ container: 'wav', mime: 'audio/wav', sampleRate: 8000, channels: 1 });
  });

  it('reads MP3 rate, channels and the Xing frame count', () => {
    const mp3 = ffmpegFile('a.mp3', ['-ar', '22050', '-ac', '2', '-c:a', 'libmp3lame', '-b:a', '64k']);
    const result = probeAudio(mp3);
    expect(result).toMatchObject({ container: 'mp3', mime: 'audio/mpeg', sampleRate: 22050, channels: 2 });
    expect(result?.declaredSeconds).toBeCloseTo(3, 0);
  });

  it('finds an MP3 frame after an ID3 tag', () => {
    const mp3 = ffmpegFile('tagged.mp3', ['-ar', '44100', '-ac', '1', '-c:a', 'libmp3lame', '-metadata', 'title=Reading', '-id3v2_version', '3']);
    expect(String.fromCharCode(...mp3.subarray(0, 3))).toBe('ID3');
    expect(probeAudio(mp3)).toMatchObject({ container: 'mp3', sampleRate: 44100, channels: 1 });
  });

  it('reads M4A (AAC in MP4) from its sound track', () => {
    const m4a = ffmpegFile('a.m4a', ['-ar', '32000', '-ac', '1', '-c:a', 'aac']);
    const result = probeAudio(m4a);
    expect(result).toMatchObject({ container: 'mp4', mime: 'audio/mp4', sampleRate: 32000 });
    expect(result?.declaredSeconds).toBeCloseTo(3, 0);
  });

  it('reads Ogg Vorbis and Ogg Opus identification headers', () => {
    expect(probeAudio(ffmpegFile('a.ogg', ['-ar', '16000', '-ac', '1', '-c:a', 'libvorbis']))).toMatchObject({ container: 'ogg', sampleRate: 16000, channels: 1 });
    expect(probeAudio(ffmpegFile('b.opus', ['-ar', '48000', '-ac', '2', '-c:a', 'libopus', '-f', 'ogg']))).toMatchObject({ container: 'ogg', sampleRate: 48000, channels: 2 });
  });

  it('recognises WebM and FLAC', () => {
    expect(probeAudio(ffmpegFile('a.webm', ['-c:a', 'libopus']))).toMatchObject({ container: 'webm', mime: 'audio/webm' });
    const flac = probeAudio(ffmpegFile('a.flac', ['-ar', '24000', '-ac', '1']));
    expect(flac).toMatchObject({ container: 'flac', sampleRate: 24000, channels: 1 });
    expect(flac?.declaredSeconds).toBeCloseTo(3, 1);
  });

  it('refuses text, empty, truncated-header and random bytes', () => {
    expect(probeAudio(new TextEncoder().encode('This is a text file renamed to .wav, not audio at all.'))).toBeNull();
    expect(probeAudio(new Uint8Array(0))).toBeNull();
    expect(probeAudio(encodeWav(new Float32Array(100), 24000).subarray(0, 30))).toBeNull();
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect(probeAudio(noise)).toBeNull();
  });

  it('reads only a bounded part of a crafted file, whatever its size', () => {
    // A WAV made of 2 million empty chunks before any audio: refused without walking all of them.
    const chunks = 2_000_000;
    const wav = new Uint8Array(12 + chunks * 8);
    wav.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0);
    wav.set([...'WAVE'].map((c) => c.charCodeAt(0)), 8);
    for (let offset = 12; offset < wav.length; offset += 8) wav.set([0x4a, 0x55, 0x4e, 0x4b], offset); // "JUNK", size 0
    expect(probeAudio(wav)).toBeNull();

    // An M4A whose atoms nest 300,000 deep: recognised as MP4, without running out of stack.
    const depth = 300_000;
    const mp4 = new Uint8Array(16 + depth * 8);
    const view = new DataView(mp4.buffer);
    view.setUint32(0, 16);
    mp4.set([...'ftypM4A '].map((c) => c.charCodeAt(0)), 4);
    for (let level = 0; level < depth; level++) {
      const offset = 16 + level * 8;
      view.setUint32(offset, mp4.length - offset);
      mp4.set([...'moov'].map((c) => c.charCodeAt(0)), offset + 4);
    }
    expect(probeAudio(mp4)).toEqual({ container: 'mp4', mime: 'audio/mp4' });
  });
});
