/**
 * `POST /api/v1/services/aigc/multimodal-generation/generation` for `qwen3-tts-vc-2026-01-22`
 * (§5.a): a URL to a WAV, or with `X-DashScope-SSE: enable` base64 PCM chunks then the URL.
 */
import { randomUUID } from 'node:crypto';
import { wrapPcm16 } from '../../shared/audio/wav';
import { LANGUAGE_TYPES, TARGET_MODELS, isOmniModel, isRealtimeModel, weightedLength, type TargetModel } from '../../shared/models';
import { pcmChunks, tonePcm, textLimitProblem } from './audio';
import type { MockBehaviour } from './behaviour';
import type { Fault } from './faults';
import { errorReply, invalidParameter, isRecord, newRequestId, type JsonReply } from './replies';
import type { VoiceStore } from './voices';

const HTTP_SAMPLE_RATE = 24_000;
const RESULT_LIFETIME_SECONDS = 24 * 60 * 60;

export type GenerationReply =
  | { kind: 'json'; reply: JsonReply }
  | { kind: 'sse'; requestId: string; audioEvents: Array<Record<string, unknown>>; finalEvent: Record<string, unknown> };

export interface ResultStore {
  /** Keeps a WAV and returns the URL it is served at. */
  put(wav: Uint8Array): { id: string; url: string };
}

/** The voice and text, or the refusal the real service would give. */
function validate(voices: VoiceStore, body: unknown, behaviour: MockBehaviour): JsonReply | { voice: string; text: string } {
  if (!isRecord(body)) return invalidParameter('The request body is not a JSON object.');
  const model = body.model;
  if (model === undefined || model === '') return errorReply(400, 'BadRequest.EmptyModel', 'Required parameter "model" missing.');
  if (!(TARGET_MODELS as readonly unknown[]).includes(model)) return errorReply(404, 'ModelNotFound', 'Model not exist.');
  if (isRealtimeModel(model as TargetModel)) return invalidParameter(`Model ${String(model)} only supports the realtime WebSocket API.`);
  // GUESS: Omni answers only on the OpenAI-compatible endpoint (§7: the docs show no other).
  if (isOmniModel(model as string)) return invalidParameter(`Model ${String(model)} is only served at /compatible-mode/v1/chat/completions.`);
  if (!isRecord(body.input)) return errorReply(400, 'BadRequest.EmptyInput', 'Required parameter "input" missing.');
  const { text, voice, language_type: languageType } = body.input;
  if (typeof text !== 'string' || text.trim() === '') return errorReply(400, 'BadRequest.EmptyInput', 'Required parameter "input.text" missing.');
  const tooLong = textLimitProblem(text, behaviour.textLimit);
  if (tooLong) return invalidParameter(tooLong);
  if (languageType !== undefined && !(LANGUAGE_TYPES as readonly unknown[]).includes(languageType)) {
    return invalidParameter(`Unsupported language_type ${String(languageType)}.`);
  }
  if (typeof voice !== 'string' || voice === '') return invalidParameter('Required parameter "input.voice" missing.');
  const known = voices.voices.get(voice);
  if (!known) return errorReply(400, 'BadRequest.VoiceNotFound', `Voice '${voice}' not found.`);
  // §5: a voice works only with the model it was enrolled for.
  if (known.targetModel !== model) return invalidParameter('Invalid voice specified.');
  return { voice, text };
}

function output(audio: Record<string, unknown>, finishReason: string | null) {
  return { output: { audio, finish_reason: finishReason } };
}

export function handleGeneration(
  voices: VoiceStore, results: ResultStore, body: unknown, stream: boolean, fault: Fault | undefined, now: number, behaviour: MockBehaviour,
): GenerationReply {
  const valid = validate(voices, body, behaviour);
  if ('status' in valid) return { kind: 'json', reply: valid };
  const pcm = tonePcm(valid.text, HTTP_SAMPLE_RATE);
  const stored = results.put(wrapPcm16(pcm, HTTP_SAMPLE_RATE));
  const requestId = newRequestId();
  const usage = { characters: weightedLength(valid.text) };
  const finalAudio = fault?.kind === 'omit-audio-url'
    ? { data: '', id: stored.id }
    : { data: '', url: stored.url, id: stored.id, expires_at: Math.floor(now / 1000) + RESULT_LIFETIME_SECONDS };
  if (!stream) return { kind: 'json', reply: { status: 200, body: { ...output(finalAudio, 'stop'), usage, request_id: requestId } } };
  const audioId = `audio_${randomUUID()}`;
  return {
    kind: 'sse',
    requestId,
    audioEvents: pcmChunks(pcm, HTTP_SAMPLE_RATE).map((chunk) => ({
      ...output({ data: Buffer.from(chunk).toString('base64'), id: audioId, expires_at: 0 }, null), usage, request_id: requestId,
    })),
    finalEvent: { ...output(finalAudio, 'stop'), usage, request_id: requestId },
  };
}
