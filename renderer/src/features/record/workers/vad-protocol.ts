/** What the speech-detector worker takes and gives. */
export const VAD_SAMPLE_RATE = 16_000;
/** Silero v5 takes 512 samples at 16 kHz per call. */
export const VAD_FRAME_SAMPLES = 512;

/** Peak level a take is brought to before the model hears it, so a quiet take is judged like a loud one. */
const MODEL_PEAK = 0.7;

/** The gain that brings a take whose peak is `peak` to the model's level (the whole take's and the take listener's rule). */
export const modelGainFor = (peak: number) => (peak > 0 ? MODEL_PEAK / peak : 1);

export type VadRequest =
  /** Loads the model and has it hear a few seconds of made-up voice, ahead of the first take (`made-up-voice.ts`). */
  | { kind: 'prepare' }
  | {
    kind: 'hear';
    /** Parts of the take, each heard from a fresh state. */
    parts: Float32Array[];
    /** Gain that brings the whole take (not only these parts) to the model's level. */
    gain: number;
  };
