/**
 * `POST /api/v1/services/audio/tts/customization` with `model: qwen-voice-enrollment` (§1):
 * create, list and delete, validated the way the reference describes the real service.
 */
import { ENROLLMENT_AUDIO, ENROLLMENT_MODEL, PREFERRED_NAME_PATTERN, SAMPLE_LANGUAGES, TARGET_MODELS } from '../../shared/models';
import { checkSample } from './audio';
import { VOICE_QUOTA_ERROR, type MockBehaviour } from './behaviour';
import type { Fault } from './faults';
import { errorReply, invalidParameter, isRecord, newRequestId, type JsonReply } from './replies';
import type { VoiceStore } from './voices';

const MEDIA_TYPES = ['audio/wav', 'audio/mpeg', 'audio/mp4'];
const DATA_URL = /^data:([^;,]+)((?:;[^;,]*)*);base64,(.*)$/s;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The decoded sample, or the reply refusing it. */
function readAudio(data: unknown): Uint8Array | 'url' | JsonReply {
  if (typeof data !== 'string' || data === '') return invalidParameter('Required parameter input.audio.data missing.');
  if (/^https?:\/\//i.test(data)) return 'url'; // the mock cannot download; a reachable URL is assumed to hold good audio
  const match = DATA_URL.exec(data);
  if (!match) return errorReply(400, 'InvalidURL', 'input.audio.data must be a data URL or a URL.');
  if (!MEDIA_TYPES.includes(match[1].toLowerCase())) return invalidParameter(`Unsupported audio media type ${match[1]}.`);
  if (data.length > ENROLLMENT_AUDIO.maxDataUrlBytes) return invalidParameter('The audio data exceeds the 10MB limit.');
  const base64 = match[3];
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) return invalidParameter('input.audio.data is not valid base64.');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

function create(voices: VoiceStore, input: Record<string, unknown>, fault: Fault | undefined, behaviour: MockBehaviour): JsonReply {
  const { preferred_name: preferredName, target_model: targetModel, language, text } = input;
  if (typeof preferredName !== 'string' || !PREFERRED_NAME_PATTERN.test(preferredName)) {
    return invalidParameter('preferred_name must be 1-16 characters of [A-Za-z0-9_].');
  }
  if (typeof targetModel !== 'string' || !(TARGET_MODELS as readonly string[]).includes(targetModel)) {
    return invalidParameter(`Unsupported target_model ${String(targetModel)}.`);
  }
  if (language !== undefined && !(SAMPLE_LANGUAGES as readonly unknown[]).includes(language)) return invalidParameter(`Unsupported language ${String(language)}.`);
  if (text !== undefined && typeof text !== 'string') return invalidParameter('text must be a string.');
  const audio = readAudio(isRecord(input.audio) ? input.audio.data : undefined);
  if (!(audio instanceof Uint8Array) && audio !== 'url') return audio;
  if (audio instanceof Uint8Array) {
    const problem = checkSample(audio);
    if (problem) return errorReply(400, problem.code, problem.message);
  }
  if (behaviour.maxVoices !== null && voices.voices.size >= behaviour.maxVoices) {
    return errorReply(VOICE_QUOTA_ERROR.status, VOICE_QUOTA_ERROR.code, VOICE_QUOTA_ERROR.message);
  }
  const voice = voices.add({ preferredName, targetModel, language: typeof language === 'string' ? language : undefined });
  const fallback = fault?.kind === 'fallback' ? { fallback_mode: true, fallback_reason: fault.reason } : {};
  return {
    status: 200,
    body: { output: { voice: voice.voice, target_model: targetModel, ...fallback }, usage: { count: 1 }, request_id: newRequestId() },
  };
}

function list(voices: VoiceStore, input: Record<string, unknown>, fault: Fault | undefined, behaviour: MockBehaviour): JsonReply {
  const pageIndex = input.page_index ?? 0;
  const pageSize = input.page_size ?? 10;
  if (!Number.isInteger(pageIndex) || (pageIndex as number) < 0) return invalidParameter('page_index must be a non-negative integer.');
  if (!Number.isInteger(pageSize) || (pageSize as number) < 1) return invalidParameter('page_size must be a positive integer.');
  const limit = behaviour.pageSizeLimit;
  if (limit?.over === 'refuse' && (pageSize as number) > limit.max) return invalidParameter(`page_size should be in range [1, ${limit.max}].`);
  const served = limit?.over === 'cap' ? Math.min(pageSize as number, limit.max) : (pageSize as number);
  // GUESS: a degraded answer without the list; the client must not read it as an empty account.
  const listed = fault?.kind === 'omit-list' ? {} : {
    total_count: voices.listedCount,
    voice_list: voices.page(pageIndex as number, served).map(voices.listEntry),
  };
  return {
    status: 200,
    body: {
      output: { page_index: pageIndex, page_size: pageSize, ...listed },
      usage: { count: 0 },
      request_id: newRequestId(),
    },
  };
}

function remove(voices: VoiceStore, input: Record<string, unknown>, fault: Fault | undefined): JsonReply {
  const { voice } = input;
  if (typeof voice !== 'string' || voice === '') return invalidParameter('Required parameter input.voice missing.');
  if (!voices.voices.delete(voice)) return errorReply(400, 'BadRequest.VoiceNotFound', `Voice '${voice}' not found.`);
  const output = fault?.kind === 'omit-output' ? {} : { output: { voice } };
  return { status: 200, body: { ...output, usage: { count: 0 }, request_id: newRequestId() } };
}

export function handleCustomization(voices: VoiceStore, body: unknown, fault: Fault | undefined, behaviour: MockBehaviour): JsonReply {
  if (!isRecord(body)) return invalidParameter('The request body is not a JSON object.');
  if (body.model === undefined || body.model === '') return errorReply(400, 'BadRequest.EmptyModel', 'Required parameter "model" missing.');
  if (body.model !== ENROLLMENT_MODEL) return errorReply(404, 'ModelNotFound', 'Model not exist.');
  if (!isRecord(body.input)) return errorReply(400, 'BadRequest.EmptyInput', 'Required parameter "input" missing.');
  switch (body.input.action) {
    case 'create':
      return create(voices, body.input, fault, behaviour);
    case 'list':
      return list(voices, body.input, fault, behaviour);
    case 'delete':
      return remove(voices, body.input, fault);
    default:
      return invalidParameter(`Unsupported action ${String(body.input.action)}.`);
  }
}
