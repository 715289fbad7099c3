/**
 * Speaking with a voice cloned for a Qwen-Omni model (§7, S33): Omni is an assistant, not a
 * text-to-speech model, so it is asked to read the text verbatim through the OpenAI-compatible chat
 * endpoint, streamed (non-streaming calls are refused). Its answer has two parts that arrive
 * side by side: base64 audio in `choices[0].delta.audio.data` and the text it actually said.
 */
import { READ_VERBATIM_INSTRUCTION } from '../../../shared/models';
import type { ClientContext } from './context';
import { DASHSCOPE_ERROR, DashScopeError, badResponseError } from './errors';
import { isRecord, postSse } from './http';
import { STREAM_SAMPLE_RATE, base64Bytes, type ChunkAudio, type ChunkRequest, type DeliveryState } from './synthesis-types';

export const CHAT_COMPLETIONS_PATH = '/chat/completions';

export function omniRequestBody(request: Pick<ChunkRequest, 'model' | 'voice' | 'text'>) {
  return {
    model: request.model,
    messages: [{ role: 'user', content: `${READ_VERBATIM_INSTRUCTION}${request.text}` }],
    modalities: ['text', 'audio'],
    audio: { voice: request.voice, format: 'wav' },
    stream: true,
    stream_options: { include_usage: true },
  };
}

interface OmniDelta {
  audio?: string;
  /** `delta.content` (§7). */
  content?: string;
  finished: boolean;
}

function readDelta(body: Record<string, unknown>): OmniDelta {
  const choice = Array.isArray(body.choices) && isRecord(body.choices[0]) ? body.choices[0] : {};
  const delta = isRecord(choice.delta) ? choice.delta : {};
  const audio = isRecord(delta.audio) ? delta.audio : {};
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  return {
    audio: text(audio.data),
    content: text(delta.content),
    finished: typeof choice.finish_reason === 'string' && choice.finish_reason !== '',
  };
}

export async function streamOmniChunk(context: ClientContext, request: ChunkRequest, delivery: DeliveryState): Promise<ChunkAudio> {
  const parts: Uint8Array[] = [];
  const content: string[] = [];
  let finished = false;
  let requestId: string | undefined;
  await postSse(context, {
    action: 'synthesize-omni', api: 'compatible-mode', path: CHAT_COMPLETIONS_PATH, body: omniRequestBody(request), signal: request.signal,
  }, (body) => {
    if (typeof body.id === 'string' && body.id !== '') requestId = body.id;
    const delta = readDelta(body);
    finished ||= delta.finished;
    if (delta.content) content.push(delta.content);
    if (delta.audio) {
      const chunk = base64Bytes(delta.audio);
      parts.push(chunk);
      request.onAudio?.(chunk);
      delivery.delivered = true;
    }
  });
  if (!finished) {
    throw new DashScopeError(DASHSCOPE_ERROR.streamIncomplete, 'The audio stream ended before it was complete', { retryable: true, requestId });
  }
  if (parts.length === 0) throw badResponseError('the model answered without audio', { requestId });
  return {
    pcm: new Uint8Array(Buffer.concat(parts)),
    // For `format: "wav"` the official sample (S33) joins the chunks, reads them as raw int16
    // samples (no header) and writes them at 24 kHz mono.
    sampleRate: STREAM_SAMPLE_RATE,
    spokenText: content.join(''),
    requestId,
  };
}
