/**
 * Plays streamed 16-bit mono PCM with Web Audio as it arrives: each chunk is scheduled right after
 * the previous one, so playback starts on the first chunk and has no gaps while chunks keep up.
 */

/** Headroom before the first chunk (and after a stall) so scheduling never lands in the past. */
const LEAD_SECONDS = 0.05;

/** Little-endian 16-bit samples → floats in [-1, 1). */
export function pcm16ToFloat32(bytes: Uint8Array): Float32Array<ArrayBuffer> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples = new Float32Array(Math.floor(bytes.byteLength / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true) / 0x8000;
  return samples;
}

export class StreamPlayer {
  private context: AudioContext | null = null;
  private nextStart = 0;
  /** An odd trailing byte, completed by the next chunk (chunks need not end on a sample). */
  private carry: Uint8Array | null = null;
  private readonly sources = new Set<AudioBufferSourceNode>();

  constructor(private readonly createContext: () => AudioContext = () => new AudioContext()) {}

  /** Call from the click that starts a run: autoplay rules let a context started by a gesture play. */
  prepare(): void {
    this.stop();
    this.context = this.createContext();
    void this.context.resume();
  }

  push(pcm: Uint8Array, sampleRate: number): void {
    const context = this.context;
    if (!context) return;
    let bytes = pcm;
    if (this.carry) {
      bytes = new Uint8Array(this.carry.length + pcm.length);
      bytes.set(this.carry);
      bytes.set(pcm, this.carry.length);
      this.carry = null;
    }
    if (bytes.length % 2 === 1) {
      this.carry = bytes.slice(-1);
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    if (bytes.length === 0) return;
    const samples = pcm16ToFloat32(bytes);
    const buffer = context.createBuffer(1, samples.length, sampleRate);
    buffer.copyToChannel(samples, 0);
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const startAt = Math.max(this.nextStart, context.currentTime + LEAD_SECONDS);
    source.start(startAt);
    this.nextStart = startAt + buffer.duration;
    this.sources.add(source);
    source.onended = () => this.sources.delete(source);
  }

  /** Silences everything scheduled and releases the audio device. */
  stop(): void {
    for (const source of this.sources) {
      source.onended = null;
      source.stop();
    }
    this.sources.clear();
    void this.context?.close().catch(() => {});
    this.context = null;
    this.nextStart = 0;
    this.carry = null;
  }
}
