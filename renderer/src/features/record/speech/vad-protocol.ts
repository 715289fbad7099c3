/** Messages between the page and the speech-detector worker. */
export const VAD_SAMPLE_RATE = 16_000;
/** Silero v5 takes 512 samples at 16 kHz per call. */
export const VAD_FRAME_SAMPLES = 512;

export interface VadRequest {
  id: number;
  samples: Float32Array;
}

export type VadReply = { id: number; probabilities: Float32Array } | { id: number; error: string };
