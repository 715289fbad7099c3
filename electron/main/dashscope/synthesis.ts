/**
 * Speaking text with a cloned voice: checks the request, splits long text at sentence ends,
 * synthesizes the chunks in order over HTTP or the realtime WebSocket, and joins them into one WAV.
 */
import { wrapPcm16 } from '../../../shared/audio/wav';
import { LANGUAGE_TYPES, SYNTHESIS_MAX_CHARS, isOmniModel, isRealtimeModel, type LanguageType, type TargetModel } from '../../../shared/models';
import type { ClientContext } from './context';
import { checkTargetModel } from './enrollment-input';
import { DASHSCOPE_ERROR, DashScopeError, badResponseError } from './errors';
import { synthesizeOmniRealtimeChunk } from './omni-realtime';
import { synthesizeRealtimeChunk } from './realtime';
import { withRetry } from './retry';
import { streamHttpChunk, synthesizeHttpChunk } from './synthesis-http';
import { streamOmniChunk } from './synthesis-omni';
import type { ChunkAudio, ChunkRequest, DeliveryState } from './synthesis-types';
import { splitForSynthesis } from './text-split';

export interface SynthesisRequest {
  voice: string;
  /** The `target_model` the voice was created for; must equal `model`. */
  voiceTargetModel: string;
  model: TargetModel;
  text: string;
  languageType?: LanguageType;
  /** HTTP model only: stream the audio as SSE (realtime models always stream). */
  stream?: boolean;
  /**
   * Receives 16-bit mono PCM as it arrives, chunk after chunk, in order. Plain HTTP synthesis
   * delivers each text chunk's audio once it is downloaded.
   */
  onAudio?: (pcmChunk: Uint8Array) => void;
  /** Called as each part of a long text (split at sentence ends) starts: 0-based index, how many, its text. */
  onPart?: (index: number, total: number, text: string) => void;
  /** Qwen-TTS realtime models only (the HTTP and Omni models document no such options): 0.5–2.0. */
  speechRate?: number;
  /** Realtime models only: 0–100. */
  volume?: number;
  /** Realtime models only: 0.5–2.0. */
  pitchRate?: number;
  signal?: AbortSignal;
}

export interface SynthesisResult {
  wav: Uint8Array;
  sampleRate: number;
  /** Billable characters summed over the chunks, when DashScope reported them. */
  characters?: number;
  /** The last request's id. */
  requestId?: string;
  /** Omni models: what the model actually said, all parts together. */
  spokenText?: string;
}

const RANGES = { speechRate: [0.5, 2], volume: [0, 100], pitchRate: [0.5, 2] } as const;

function invalid(field: string, message: string): DashScopeError {
  return new DashScopeError(DASHSCOPE_ERROR.invalidRequest, message, { details: { field } });
}

function checkRequest(request: SynthesisRequest): string[] {
  checkTargetModel(request.model);
  if (request.model !== request.voiceTargetModel) {
    throw new DashScopeError(DASHSCOPE_ERROR.modelMismatch,
      `The voice was made for ${request.voiceTargetModel} and cannot be used with ${request.model}`,
      { details: { model: request.model, voiceTargetModel: request.voiceTargetModel } });
  }
  if (!request.voice?.trim()) throw invalid('voice', 'No voice id given');
  if (request.languageType !== undefined && !(LANGUAGE_TYPES as readonly string[]).includes(request.languageType)) {
    throw invalid('languageType', `Unknown language type "${request.languageType}"`);
  }
  for (const [field, [min, max]] of Object.entries(RANGES)) {
    const value = request[field as keyof typeof RANGES];
    if (value !== undefined && !(value >= min && value <= max)) throw invalid(field, `${field} must be between ${min} and ${max}`);
  }
  const chunks = splitForSynthesis(request.text ?? '', SYNTHESIS_MAX_CHARS);
  if (chunks.length === 0) throw invalid('text', 'There is no text to speak');
  return chunks;
}

export function createSynthesis(context: ClientContext) {
  function chunkSynthesizer(request: SynthesisRequest): (chunk: ChunkRequest, delivery: DeliveryState) => Promise<ChunkAudio> {
    // Omni only streams (§7), whatever `stream` says; its realtime models speak their own session protocol.
    if (isOmniModel(request.model)) {
      return isRealtimeModel(request.model)
        ? (chunk, delivery) => synthesizeOmniRealtimeChunk(context, chunk, delivery)
        : (chunk, delivery) => streamOmniChunk(context, chunk, delivery);
    }
    if (isRealtimeModel(request.model)) {
      const options = { speechRate: request.speechRate, volume: request.volume, pitchRate: request.pitchRate };
      return (chunk, delivery) => synthesizeRealtimeChunk(context, { ...chunk, ...options }, delivery);
    }
    return request.stream
      ? (chunk, delivery) => streamHttpChunk(context, chunk, delivery)
      : (chunk, delivery) => synthesizeHttpChunk(context, chunk, delivery);
  }

  async function synthesize(request: SynthesisRequest): Promise<SynthesisResult> {
    const chunks = checkRequest(request);
    const synthesizeChunk = chunkSynthesizer(request);
    const results: ChunkAudio[] = [];
    for (const [index, text] of chunks.entries()) {
      request.onPart?.(index, chunks.length, text);
      const delivery: DeliveryState = { delivered: false };
      const chunk: ChunkRequest = {
        voice: request.voice, model: request.model, text, languageType: request.languageType, onAudio: request.onAudio, signal: request.signal,
      };
      results.push(await withRetry(context, { label: 'synthesize', signal: request.signal, canRetry: () => !delivery.delivered },
        () => synthesizeChunk(chunk, delivery)));
    }
    const sampleRate = results[0].sampleRate;
    if (results.some((result) => result.sampleRate !== sampleRate)) throw badResponseError('the chunks came back at different sample rates');
    const counted = results.filter((result) => result.characters !== undefined);
    const spoken = results.filter((result) => result.spokenText !== undefined);
    return {
      wav: wrapPcm16(new Uint8Array(Buffer.concat(results.map((result) => result.pcm))), sampleRate),
      sampleRate,
      ...(counted.length > 0 ? { characters: counted.reduce((sum, result) => sum + (result.characters ?? 0), 0) } : {}),
      ...(results.at(-1)?.requestId ? { requestId: results.at(-1)?.requestId } : {}),
      ...(spoken.length > 0 ? { spokenText: spoken.map((result) => result.spokenText).join('\n') } : {}),
    };
  }

  return { synthesize };
}
