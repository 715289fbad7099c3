/**
 * The recorder's tap on the microphone (an AudioWorklet on the audio thread): while the take is
 * recorded, the samples go, in groups of quanta, straight to the take listener's worker through
 * the port it was given, so hearing the take costs the page nothing.
 */

// What the AudioWorklet global scope offers (TypeScript's DOM library does not describe it).
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

/** Render quanta (128 frames each) sent at once: ~21 ms at 48 kHz, few messages, little delay. */
const QUANTA_PER_MESSAGE = 8;

export type TapCommand = { listener: MessagePort } | { record: true } | { stop: true };
/** What the listener's worker gets: a group of samples, one array per channel, or the end of the take. */
export type TapMessage = { channels: Float32Array[] } | { end: true };

class TakeTap extends AudioWorkletProcessor {
  private listener: MessagePort | null = null;
  private recording = false;
  private group: Float32Array[] = [];
  private filled = 0;

  constructor() {
    super();
    this.port.onmessage = ({ data }: MessageEvent<TapCommand>) => {
      if ('listener' in data) this.listener = data.listener;
      else if ('record' in data) this.recording = true;
      else {
        if (this.recording) this.send();
        this.recording = false;
        this.listener?.postMessage({ end: true } satisfies TapMessage);
        this.listener = null;
        // The page asks the listener for its verdict only once the end is on its way.
        this.port.postMessage('stopped');
      }
    };
  }

  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0];
    if (!this.recording || !input?.length) return true;
    const length = input[0].length;
    if (this.group.length !== input.length) {
      this.send();
      this.group = input.map(() => new Float32Array(length * QUANTA_PER_MESSAGE));
    }
    input.forEach((channel, index) => this.group[index].set(channel, this.filled));
    this.filled += length;
    if (this.filled + length > this.group[0].length) this.send();
    return true;
  }

  private send(): void {
    if (this.filled > 0 && this.listener) {
      const channels = this.group.map((channel) => channel.slice(0, this.filled));
      this.listener.postMessage({ channels } satisfies TapMessage, channels.map((channel) => channel.buffer));
    }
    this.filled = 0;
  }
}

registerProcessor('take-tap', TakeTap);
