/** What the speech-detector worker takes and gives. */
export const VAD_SAMPLE_RATE = 16_000;
/** Silero v5 takes 512 samples at 16 kHz per call. */
export const VAD_FRAME_SAMPLES = 512;

export interface VadRequest {
  samples: Float32Array;
  /** Gain that brings the whole take (not only this part) to the model's level. */
  gain: number;
}
