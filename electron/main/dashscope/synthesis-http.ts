/**
 * Synthesis over HTTP for `qwen3-tts-vc-2026-01-22` (§5.a): one request per text chunk, either
 * plain (download `output.audio.url`) or streamed as SSE (base64 PCM chunks, then the URL).
 */
import { parseWav } from '../../../shared/audio/wav';
import type { ClientContext } from './context';
import { DASHSCOPE_ERROR, DashScopeError, badResponseError } from './errors';
import { download, isRecord, postJson, postSse } from './http';
import { STREAM_SAMPLE_RATE, base64Bytes, type ChunkAudio, type ChunkRequest, type DeliveryState } from './synthesis-types';

export const GENERATION_PATH = '/services/aigc/multimodal-generation/generation';

function requestBody(request: ChunkRequest) {
  const input: Record<string, unknown> = { text: request.text, voice: request.voice };
  if (request.languageType) input.language_type = request.languageType;
  return { model: request.model, input };
}

interface GenerationOutput {
  audioUrl?: string;
  audioData?: string;
  finished: boolean;
  characters?: number;
  requestId?: string;
}

function readGeneration(body: Record<string, unknown>): GenerationOutput {
  const output = isRecord(body.output) ? body.output : {};
  const audio = isRecord(output.audio) ? output.audio : {};
  const usage = isRecord(body.usage) ? body.usage : {};
  return {
    audioUrl: typeof audio.url === 'string' && audio.url !== '' ? audio.url : undefined,
    audioData: typeof audio.data === 'string' && audio.data !== '' ? audio.data : undefined,
    finished: output.finish_reason === 'stop',
    characters: typeof usage.characters === 'number' ? usage.characters : undefined,
    requestId: typeof body.request_id === 'string' ? body.request_id : undefined,
  };
}

/** The PCM inside a downloaded result WAV. */
function pcmOfWav(bytes: Uint8Array): { pcm: Uint8Array; sampleRate: number } {
  const info = parseWav(bytes);
  if (!info || info.format !== 1 || info.bitsPerSample !== 16 || info.channels !== 1) {
    throw badResponseError('the synthesized audio is not a 16-bit mono WAV');
  }
  return { pcm: bytes.slice(info.dataOffset, info.dataOffset + info.dataLength), sampleRate: info.sampleRate };
}

async function fetchResult(context: ClientContext, url: string, signal?: AbortSignal) {
  return pcmOfWav(await download(context, url, context.timeouts.synthesisMs, signal));
}

export async function synthesizeHttpChunk(context: ClientContext, request: ChunkRequest, delivery: DeliveryState): Promise<ChunkAudio> {
  const { body } = await postJson(context, {
    action: 'synthesize', path: GENERATION_PATH, body: requestBody(request), timeoutMs: context.timeouts.synthesisMs, signal: request.signal,
  });
  const result = readGeneration(body);
  if (!result.audioUrl) throw badResponseError('synthesis returned no audio URL', { requestId: result.requestId });
  const { pcm, sampleRate } = await fetchResult(context, result.audioUrl, request.signal);
  request.onAudio?.(pcm);
  delivery.delivered = true;
  return { pcm, sampleRate, characters: result.characters, requestId: result.requestId };
}

export async function streamHttpChunk(context: ClientContext, request: ChunkRequest, delivery: DeliveryState): Promise<ChunkAudio> {
  const parts: Uint8Array[] = [];
  let last: GenerationOutput = { finished: false };
  let audioUrl = undefined as string | undefined; // (assigned in the callback; keeps TS from narrowing it to undefined)
  await postSse(context, {
    action: 'synthesize-stream', path: GENERATION_PATH, body: requestBody(request), signal: request.signal,
  }, (body) => {
    last = readGeneration(body);
    audioUrl = last.audioUrl ?? audioUrl;
    if (last.audioData) {
      const chunk = base64Bytes(last.audioData);
      parts.push(chunk);
      request.onAudio?.(chunk);
      delivery.delivered = true;
    }
  });
  if (!last.finished && !audioUrl) {
    throw new DashScopeError(DASHSCOPE_ERROR.streamIncomplete, 'The audio stream ended before it was complete', {
      retryable: true, requestId: last.requestId,
    });
  }
  const meta = { characters: last.characters, requestId: last.requestId };
  const streamed = Buffer.concat(parts);
  if (!audioUrl) {
    if (streamed.length === 0) throw badResponseError('the stream carried no audio', { requestId: last.requestId });
    return { pcm: new Uint8Array(streamed), sampleRate: STREAM_SAMPLE_RATE, ...meta };
  }
  try {
    // The complete file is authoritative (§5.a): the last packet carries its URL.
    return { ...(await fetchResult(context, audioUrl, request.signal)), ...meta };
  } catch (error) {
    if (streamed.length === 0 || request.signal?.aborted) throw error;
    context.log.warn('dashscope synthesize-stream: result download failed, using the streamed audio');
    return { pcm: new Uint8Array(streamed), sampleRate: STREAM_SAMPLE_RATE, ...meta };
  }
}
