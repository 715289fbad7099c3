import { describe, expect, it } from 'vitest';
import { encodeWav } from '../../../../shared/audio/wav';
import { decodeSample, renderUploadMono, DecodeFailed, type CreateOfflineContext } from './audio-pipeline';

/** Stands in for Web Audio in jsdom: records how the graph is wired and renders a known signal. */
function fakeAudio(options: { decoded?: { length: number; duration: number }; decodeError?: Error } = {}) {
  const calls: { contexts: Array<[number, number, number]>; start?: [number, number, number]; connected: boolean; decodedBytes?: number } = { contexts: [], connected: false };
  const create: CreateOfflineContext = (channels, length, sampleRate) => {
    calls.contexts.push([channels, length, sampleRate]);
    const destination = {};
    return {
      destination,
      decodeAudioData: async (data: ArrayBuffer) => {
        calls.decodedBytes = data.byteLength;
        if (options.decodeError) throw options.decodeError;
        return { ...options.decoded, numberOfChannels: 1, sampleRate } as unknown as AudioBuffer;
      },
      createBufferSource: () => ({
        buffer: null,
        connect: (node: unknown) => {
          calls.connected = node === destination;
        },
        start: (when: number, offset: number, duration: number) => {
          calls.start = [when, offset, duration];
        },
      }),
      startRendering: async () => ({ getChannelData: () => new Float32Array(length).fill(0.5) }),
    } as unknown as OfflineAudioContext;
  };
  return { create, calls };
}

const buffer = { duration: 12.5, numberOfChannels: 2, sampleRate: 48_000, length: 600_000 } as AudioBuffer;

describe('renderUploadMono', () => {
  it('renders the whole take through a mono 24 kHz context', async () => {
    const { create, calls } = fakeAudio();
    const mono = await renderUploadMono(buffer, create);
    expect(calls.contexts).toEqual([[1, 300_000, 24_000]]);
    expect(calls.start).toEqual([0, undefined, undefined]);
    expect(calls.connected).toBe(true);
    expect(mono.length).toBe(300_000);
  });
});

describe('decodeSample', () => {
  it('decodes at the rate the file declares, from a copy of the bytes', async () => {
    const { create, calls } = fakeAudio({ decoded: { length: 8000, duration: 1 } });
    const wav = encodeWav(new Float32Array(8000), 8000);
    const decoded = await decodeSample(wav, create);
    expect(calls.contexts).toEqual([[1, 1, 8000]]);
    expect(calls.decodedBytes).toBe(wav.length);
    expect(wav.byteLength).toBe(16_044); // the caller's bytes are not detached
    expect(decoded.probe).toMatchObject({ container: 'wav', sampleRate: 8000 });
  });

  it('falls back to 48 kHz when the format does not say, and reports undecodable audio', async () => {
    const { create, calls } = fakeAudio({ decodeError: new Error('Unable to decode audio data') });
    await expect(decodeSample(Uint8Array.of(0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4, 5, 6, 7, 8), create)).rejects.toBeInstanceOf(DecodeFailed);
    expect(calls.contexts).toEqual([[1, 1, 48_000]]);
    const empty = fakeAudio({ decoded: { length: 0, duration: 0 } });
    await expect(decodeSample(encodeWav(new Float32Array(0), 24_000), empty.create)).rejects.toThrow('no audio frames');
  });
});
