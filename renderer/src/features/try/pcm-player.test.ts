import { describe, expect, it } from 'vitest';
import { pcm16ToFloat32, StreamPlayer } from './pcm-player';

/** Just enough of Web Audio to see what the player schedules (jsdom has none). */
function fakeContext() {
  const started: Array<{ at: number; samples: Float32Array; sampleRate: number }> = [];
  const stopped: number[] = [];
  const state = { currentTime: 0, closed: false, resumed: false };
  const context = {
    get currentTime() {
      return state.currentTime;
    },
    resume: async () => {
      state.resumed = true;
    },
    close: async () => {
      state.closed = true;
    },
    destination: {},
    createBuffer: (_channels: number, length: number, sampleRate: number) => {
      const data = new Float32Array(length);
      return { duration: length / sampleRate, sampleRate, copyToChannel: (samples: Float32Array) => data.set(samples), data };
    },
    createBufferSource() {
      const source = {
        buffer: null as null | { data: Float32Array; sampleRate: number },
        onended: null as null | (() => void),
        connect: () => {},
        start: (at: number) => started.push({ at, samples: source.buffer!.data, sampleRate: source.buffer!.sampleRate }),
        stop: () => stopped.push(started.length),
      };
      return source;
    },
  };
  return { context: context as unknown as AudioContext, started, stopped, state };
}

const pcm = (...values: number[]) => new Uint8Array(new Int16Array(values).buffer);

describe('pcm16ToFloat32', () => {
  it('reads little-endian 16-bit samples into [-1, 1)', () => {
    expect([...pcm16ToFloat32(pcm(0, 16384, -32768, 32767))]).toEqual([0, 0.5, -1, 32767 / 32768]);
  });
});

describe('StreamPlayer', () => {
  it('starts on the first chunk and schedules each next chunk right after the previous one', () => {
    const fake = fakeContext();
    const player = new StreamPlayer(() => fake.context);
    player.prepare();
    expect(fake.state.resumed).toBe(true);
    player.push(new Uint8Array(2 * 2400), 24_000); // 0.1 s
    player.push(new Uint8Array(2 * 1200), 24_000); // 0.05 s
    expect(fake.started.map((item) => item.at)).toEqual([0.05, 0.05 + 0.1]);
    expect(fake.started.map((item) => item.samples.length)).toEqual([2400, 1200]);
  });

  it('after a stall, the next chunk starts from now instead of in the past', () => {
    const fake = fakeContext();
    const player = new StreamPlayer(() => fake.context);
    player.prepare();
    player.push(new Uint8Array(2 * 2400), 24_000);
    fake.state.currentTime = 1;
    player.push(new Uint8Array(2 * 2400), 24_000);
    expect(fake.started[1].at).toBeCloseTo(1.05, 10);
  });

  it('keeps an odd trailing byte for the next chunk, so no sample is split or lost', () => {
    const fake = fakeContext();
    const player = new StreamPlayer(() => fake.context);
    player.prepare();
    const bytes = pcm(1000, -2000, 3000);
    player.push(bytes.subarray(0, 3), 24_000);
    player.push(bytes.subarray(3), 24_000);
    const played = fake.started.flatMap((item) => [...item.samples]);
    expect(played).toEqual([1000 / 32768, -2000 / 32768, 3000 / 32768]);
  });

  it('stop silences what is scheduled and releases the context; pushes after that are ignored', () => {
    const fake = fakeContext();
    const player = new StreamPlayer(() => fake.context);
    player.prepare();
    player.push(new Uint8Array(4800), 24_000);
    player.push(new Uint8Array(4800), 24_000);
    player.stop();
    expect(fake.stopped).toHaveLength(2);
    expect(fake.state.closed).toBe(true);
    player.push(new Uint8Array(4800), 24_000);
    expect(fake.started).toHaveLength(2);
  });
});
