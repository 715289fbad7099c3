/**
 * `POST /compatible-mode/v1/chat/completions` for voices cloned for Qwen-Omni (§7, S33): the
 * OpenAI-compatible chat endpoint, streamed only, answering with text deltas and base64 audio.
 * The "model" here follows the instruction it is given: it says the text after the last `---`
 * line of the user's message (or all of it), unless MockBehaviour.omniSays makes it add words.
 */
import { randomUUID } from 'node:crypto';
import { TARGET_MODELS, isOmniModel } from '../../shared/models';
import { pcmChunks, tonePcm } from './audio';
import type { MockBehaviour } from './behaviour';
import { isRecord, newRequestId, type JsonReply } from './replies';
import type { VoiceStore } from './voices';

/** Documented by the official sample (S33): for `format: "wav"` the chunks are raw int16 PCM, written at 24 kHz mono. */
const OMNI_SAMPLE_RATE = 24_000;

/** GUESS beyond the docs' sample: what an assistant adds when it does not read word for word. */
export const OMNI_PREAMBLE = 'Sure, here it is: ';

export type ChatReply = { kind: 'json'; reply: JsonReply } | { kind: 'sse'; events: Array<Record<string, unknown>> };

/**
 * The OpenAI-compatible error body. GUESS: the shape is OpenAI's (`error.{code,message,type,param}`)
 * with DashScope's `request_id`; §7 documents only that the requests fail.
 */
export function chatError(status: number, code: string, message: string): JsonReply {
  return {
    status,
    body: { error: { code, message, type: 'invalid_request_error', param: null }, request_id: newRequestId() },
  };
}

const invalidRequest = (message: string) => chatError(400, 'invalid_parameter_error', message);

function textToSay(messages: unknown): string | null {
  if (!Array.isArray(messages)) return null;
  const user = [...messages].reverse().find((message) => isRecord(message) && message.role === 'user');
  if (!isRecord(user) || typeof user.content !== 'string') return null;
  const parts = user.content.split(/\n---\n/);
  const text = parts[parts.length - 1].trim();
  return text === '' ? null : text;
}

function validate(voices: VoiceStore, body: unknown): JsonReply | { model: string; voice: string; text: string } {
  if (!isRecord(body)) return invalidRequest('The request body is not a JSON object.');
  const { model, audio } = body;
  if (typeof model !== 'string' || model === '') return invalidRequest('Required parameter "model" missing.');
  if (!isOmniModel(model) || !(TARGET_MODELS as readonly string[]).includes(model)) {
    return chatError(404, 'model_not_found', `The model \`${model}\` does not exist or you do not have access to it.`);
  }
  // Documented (§7, S33): "Qwen-Omni supports only streaming output … otherwise an error occurs". The wording is a GUESS.
  if (body.stream !== true) {
    return invalidRequest('This model only support stream mode, please enable the stream parameter to access the model.');
  }
  const text = textToSay(body.messages);
  if (text === null) return invalidRequest('Required parameter "messages" missing or empty.');
  const modalities = Array.isArray(body.modalities) ? body.modalities : [];
  if (!modalities.includes('audio') || !isRecord(audio) || typeof audio.voice !== 'string' || audio.voice === '') {
    return invalidRequest('Audio output needs modalities ["text","audio"] and audio.voice.');
  }
  if (audio.format !== 'wav' && audio.format !== 'pcm') return invalidRequest(`Unsupported audio format ${String(audio.format)}.`);
  const known = voices.voices.get(audio.voice);
  // GUESS: the TTS endpoints' code for a voice that is not there (§3.2), in this endpoint's shape.
  if (!known) return chatError(400, 'BadRequest.VoiceNotFound', `Voice '${audio.voice}' not found.`);
  // §0, §5 (S28): a voice works only with the model it was made for; "Invalid voice specified" is its message.
  if (known.targetModel !== model) return invalidRequest('Invalid voice specified.');
  return { model, voice: audio.voice, text };
}

function chunk(id: string, model: string, created: number, choice: Record<string, unknown> | null, usage?: Record<string, unknown>) {
  return {
    id, object: 'chat.completion.chunk', created, model,
    choices: choice ? [{ index: 0, ...choice }] : [],
    ...(usage ? { usage } : {}),
  };
}

export function handleChat(voices: VoiceStore, body: unknown, now: number, behaviour: MockBehaviour): ChatReply {
  const valid = validate(voices, body);
  if ('status' in valid) return { kind: 'json', reply: valid };
  const said = behaviour.omniSays === 'adds-preamble' ? `${OMNI_PREAMBLE}${valid.text}` : valid.text;
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(now / 1000);
  const audioId = `audio_${randomUUID()}`;
  // The words arrive a few at a time, the audio beside them.
  const words = said.match(/\S+\s*|\s+/gu) ?? [said];
  const audio = pcmChunks(tonePcm(said, OMNI_SAMPLE_RATE), OMNI_SAMPLE_RATE);
  const events: Array<Record<string, unknown>> = [chunk(id, valid.model, created, { delta: { role: 'assistant', content: '' }, finish_reason: null })];
  for (let index = 0; index < Math.max(words.length, audio.length); index++) {
    if (index < words.length) events.push(chunk(id, valid.model, created, { delta: { content: words[index] }, finish_reason: null }));
    if (index < audio.length) {
      const data = Buffer.from(audio[index]).toString('base64');
      events.push(chunk(id, valid.model, created, { delta: { audio: { data, expires_at: created + 3600, id: audioId } }, finish_reason: null }));
    }
  }
  events.push(chunk(id, valid.model, created, { delta: {}, finish_reason: 'stop' }));
  const textTokens = words.length;
  const audioTokens = Math.ceil(audio.length * 2.5);
  events.push(chunk(id, valid.model, created, null, {
    prompt_tokens: valid.text.length, completion_tokens: textTokens + audioTokens, total_tokens: valid.text.length + textTokens + audioTokens,
    completion_tokens_details: { audio_tokens: audioTokens, text_tokens: textTokens },
  }));
  return { kind: 'sse', events };
}
