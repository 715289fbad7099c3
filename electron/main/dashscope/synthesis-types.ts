/** What one synthesis request (one text chunk) yields, whichever transport produced it. */
export interface ChunkAudio {
  /** 16-bit little-endian mono PCM. */
  pcm: Uint8Array;
  sampleRate: number;
  characters?: number;
  requestId?: string;
  /** Omni models: the text the model actually said (it may not follow the text word for word). */
  spokenText?: string;
}

export interface ChunkRequest {
  voice: string;
  model: string;
  text: string;
  languageType?: string;
  onAudio?: (pcmChunk: Uint8Array) => void;
  signal?: AbortSignal;
}

/** Set once audio has reached `onAudio`: from then on a retry would play the start twice. */
export interface DeliveryState {
  delivered: boolean;
}

/** Realtime and streamed PCM is 24 kHz, 16-bit, mono unless a WAV header says otherwise (§5). */
export const STREAM_SAMPLE_RATE = 24_000;

export const base64Bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));
