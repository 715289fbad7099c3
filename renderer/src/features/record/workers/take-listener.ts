/**
 * Hears a take while it is recorded, so that at Stop only its last moments remain: the speech
 * detector (Silero, frame by frame, carrying its state) and the second-voice frames
 * (`VoiceFrames`). Pure TypeScript with the model handed in, so Node tests run it too; in the app
 * it runs in `take-listener.worker.ts` on the microphone's samples as an AudioWorklet taps them.
 *
 * It gives what the whole-take analysis gives (`analyzeTake`: `detectSpeech` and `findSpeakers`
 * on Chromium's renders of the decoded take), not an approximation of it:
 * - Resampling: Chromium renders an AudioBufferSourceNode at another rate by averaging the
 *   channels and interpolating linearly between samples (at 48 kHz to 16 or 24 kHz that is every
 *   3rd or 2nd sample, exactly); `Resampler` does the same piece by piece.
 * - Level: the detector hears the take brought to `MODEL_PEAK` by one gain, from the whole take's
 *   peak, which nobody knows before Stop. The listener hears the frames so far at the gain of the
 *   loudest peak so far; when a louder one comes, it starts again from the first frame at the new
 *   gain (a minute of frames takes the model about half a second, and the peak of a take stops
 *   rising after its first loud words). So its last pass is the whole-take pass.
 */
import { SPEAKERS, speakersIn, VoiceFrames, type SpeakerAnalysis } from '../../../../../shared/audio/speakers';
import type { SpeechActivity } from '../../../../../shared/audio/speech';
import { modelGainFor, VAD_FRAME_SAMPLES, VAD_SAMPLE_RATE } from './vad-protocol';

/** Silero as the listener uses it: one frame of `VAD_FRAME_SAMPLES` at a time, state carried until `reset`. */
export interface SpeechModel {
  reset(): void;
  /** The probability that the frame holds speech. */
  hear(frame: Float32Array): Promise<number>;
}

export interface HeardTake {
  /** Seconds of audio heard. */
  seconds: number;
  activity: SpeechActivity;
  /** Null when the take is longer than the speakers check listens to (`SPEAKERS.maxTakeSeconds`). */
  voices: SpeakerAnalysis | null;
  /** Milliseconds `finish` took (what was left to hear at Stop), and the second-voice analysis's share of it. */
  finishMs: number;
  voicesMs: number;
}

/**
 * Mono at another rate, as Chromium's OfflineAudioContext renders a buffer: position i × from/to
 * in the input, interpolated linearly between its neighbours; past the last input sample, that
 * sample, then silence. Fed in pieces; `finish` gives the rest for a take of the length fed.
 */
export class Resampler {
  private readonly ratio: number;
  /** Input samples taken so far, and the last of them. */
  private taken = 0;
  private last = 0;
  /** Output samples given so far. */
  private given = 0;

  constructor(private readonly fromRate: number, private readonly toRate: number) {
    this.ratio = fromRate / toRate;
  }

  push(input: Float32Array): Float32Array {
    const base = this.taken;
    const end = base + input.length;
    const at = (index: number) => (index < base ? this.last : input[index - base]);
    // Outputs whose right neighbour has arrived.
    const count = Math.max(0, Math.ceil((end - 1) / this.ratio) - this.given);
    const output = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      const position = (this.given + i) * this.ratio;
      const index = Math.floor(position);
      const fraction = position - index;
      const left = at(index);
      output[i] = fraction === 0 ? left : left + fraction * (at(index + 1) - left);
    }
    this.given += count;
    this.taken = end;
    if (input.length > 0) this.last = input[input.length - 1];
    return output;
  }

  /** What is left for a take of the samples fed so far (Chromium renders round(duration × rate) samples). */
  finish(): Float32Array {
    const length = Math.max(1, Math.round((this.taken / this.fromRate) * this.toRate));
    const output = new Float32Array(Math.max(0, length - this.given));
    for (let i = 0; i < output.length; i++) {
      const index = Math.floor((this.given + i) * this.ratio);
      output[i] = index === this.taken - 1 ? this.last : 0;
    }
    this.given += output.length;
    return output;
  }
}

/** A Float32Array that grows as samples are appended. */
class Samples {
  data = new Float32Array(1 << 16);
  length = 0;

  append(values: Float32Array): void {
    if (this.length + values.length > this.data.length) {
      const grown = new Float32Array(Math.max(2 * this.data.length, this.length + values.length));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(values, this.length);
    this.length += values.length;
  }
}

export class TakeListener {
  private readonly toSpeech: Resampler;
  private readonly toUpload: Resampler;
  private readonly speech = new Samples();
  private readonly voices: VoiceFrames;
  private readonly probabilities = new Samples();
  private taken = 0;
  private peak = 0;
  /** The peak whose gain the current pass hears at (−1: no pass yet). */
  private passPeak = -1;
  /** Frames the current pass has heard. */
  private heard = 0;
  private listening: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(private readonly sampleRate: number, uploadRate: number, private readonly model: SpeechModel) {
    this.toSpeech = new Resampler(sampleRate, VAD_SAMPLE_RATE);
    this.toUpload = new Resampler(sampleRate, uploadRate);
    this.voices = new VoiceFrames(uploadRate);
  }

  /** The next piece of the take: one array per channel, of equal lengths. */
  push(channels: readonly Float32Array[]): void {
    const length = channels[0]?.length ?? 0;
    if (length === 0) return;
    // Chromium's downmix to one channel: their average, in single precision.
    const mono = channels.length === 1 ? channels[0] : new Float32Array(length);
    if (channels.length > 1) {
      for (const channel of channels) for (let i = 0; i < length; i++) mono[i] += channel[i];
      for (let i = 0; i < length; i++) mono[i] /= channels.length;
    }
    this.taken += length;
    this.hearSpeech(this.toSpeech.push(mono));
    this.voices.push(this.toUpload.push(mono));
  }

  /** Resolves when the model has heard every whole frame fed so far (at the gain of the peak so far). */
  async caughtUp(): Promise<void> {
    while (this.listening) await this.listening;
    if (this.failure) throw this.failure;
  }

  /** Frames not yet heard at the current peak's gain. */
  private behind(): boolean {
    return this.passPeak !== this.peak || this.heard < Math.floor(this.speech.length / VAD_FRAME_SAMPLES);
  }

  private keepListening(): void {
    if (this.listening || this.failure || !this.behind()) return;
    this.listening = this.listen()
      .catch((error: unknown) => {
        this.failure = error;
      })
      .finally(() => {
        this.listening = null;
        // Samples that came while the last frame was heard.
        this.keepListening();
      });
  }

  /** The take is over: hears its end and says what was heard. */
  async finish(): Promise<HeardTake> {
    const started = performance.now();
    this.hearSpeech(this.toSpeech.finish());
    this.voices.push(this.toUpload.finish());
    const seconds = this.taken / this.sampleRate;
    const voicesStarted = performance.now();
    const voices = seconds <= SPEAKERS.maxTakeSeconds ? speakersIn(this.voices) : null;
    const voicesMs = performance.now() - voicesStarted;
    await this.caughtUp();
    const frames = Math.floor(this.speech.length / VAD_FRAME_SAMPLES);
    return {
      seconds,
      activity: { frameSeconds: VAD_FRAME_SAMPLES / VAD_SAMPLE_RATE, probabilities: this.probabilities.data.slice(0, frames) },
      voices,
      finishMs: performance.now() - started,
      voicesMs,
    };
  }

  private hearSpeech(samples: Float32Array): void {
    for (const value of samples) this.peak = Math.max(this.peak, Math.abs(value));
    this.speech.append(samples);
    this.probabilities.append(new Float32Array(Math.floor(this.speech.length / VAD_FRAME_SAMPLES) - this.probabilities.length));
    this.keepListening();
  }

  /** Feeds the model every whole frame not yet heard at the current peak's gain, from the first again when the peak rose. */
  private async listen(): Promise<void> {
    for (;;) {
      if (this.passPeak !== this.peak) {
        this.passPeak = this.peak;
        this.heard = 0;
        this.model.reset();
      }
      const frames = Math.floor(this.speech.length / VAD_FRAME_SAMPLES);
      if (this.heard >= frames) return;
      const gain = modelGainFor(this.passPeak);
      const frame = this.speech.data.subarray(this.heard * VAD_FRAME_SAMPLES, (this.heard + 1) * VAD_FRAME_SAMPLES);
      this.probabilities.data[this.heard] = await this.model.hear(gain === 1 ? frame : frame.map((value) => value * gain));
      this.heard++;
    }
  }
}
