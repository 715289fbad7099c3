/** What the speech-detector worker takes and gives. */
export const VAD_SAMPLE_RATE = 16_000;
/** Silero v5 takes 512 samples at 16 kHz per call. */
export const VAD_FRAME_SAMPLES = 512;

export interface VadRequest {
  /** Parts of the take, each heard from a fresh state. */
  parts: Float32Array[];
  /** Gain that brings the whole take (not only these parts) to the model's level. */
  gain: number;
}
