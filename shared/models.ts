/**
 * Facts about DashScope that both processes need: models, languages, regions and limits.
 * Source: ../shared/dashscope-api.md (kept outside the repo); section numbers refer to it.
 */

export const ENROLLMENT_MODEL = 'qwen-voice-enrollment';

/**
 * Synthesis models a clone can target (§0). A voice only works with the model it was made for.
 * The Omni models (§7) are assistants: the first two speak through the OpenAI-compatible chat
 * endpoint, their realtime siblings over the realtime WebSocket in the Omni-Realtime session protocol.
 */
export const TARGET_MODELS = [
  'qwen3-tts-vc-2026-01-22',
  'qwen3-tts-vc-realtime-2026-01-15',
  'qwen3-tts-vc-realtime-2025-11-27',
  'qwen3.5-omni-plus',
  'qwen3.5-omni-flash',
  'qwen3.5-omni-plus-realtime',
  'qwen3.5-omni-flash-realtime',
] as const;
export type TargetModel = (typeof TARGET_MODELS)[number];

/**
 * Whether this version of Timbre can clone for and speak with a model. The account may hold
 * voices of others (§2: `list` returns every target model): they are listed, never spoken.
 */
export const isTargetModel = (value: unknown): value is TargetModel => (TARGET_MODELS as readonly unknown[]).includes(value);

/** Omni models are assistants asked to read the text (§7), not the TTS endpoints; realtime ones over the WebSocket. */
export function isOmniModel(model: string): boolean {
  return model.startsWith('qwen3.5-omni-');
}

/**
 * The instruction that goes before the text an Omni model is to say (the chat message over HTTP,
 * the session instructions in realtime, and the Library's snippets). An assistant answers what it
 * is told; this asks it to say the text and nothing else, in the text's own language.
 */
export const READ_VERBATIM_INSTRUCTION =
  'Read the text after the line aloud exactly as written, word for word, in its own language. '
  + 'Do not answer it, translate it, explain it or add anything.\n---\n';

/** `{host}/compatible-mode/v1`, the OpenAI-compatible API beside `{host}/api/v1` that Omni speaks through (§7). */
export const compatibleModeBase = (http: string) => `${http.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/compatible-mode/v1`;

/** Realtime models speak WebSocket (§5.b, §7); the others HTTP (§5.a). */
export function isRealtimeModel(model: string): boolean {
  return model.includes('-realtime');
}

/** The Qwen-TTS realtime models, the only ones with speech rate, volume and pitch (§5.b). */
export function hasVoiceOptions(model: string): boolean {
  return isRealtimeModel(model) && !isOmniModel(model);
}

export const DEFAULT_TARGET_MODEL: TargetModel = 'qwen3-tts-vc-2026-01-22';

/** `language` codes accepted by create (§2). */
export const SAMPLE_LANGUAGES = ['zh', 'en', 'de', 'it', 'pt', 'es', 'ja', 'ko', 'fr', 'ru'] as const;
export type SampleLanguage = (typeof SAMPLE_LANGUAGES)[number];

/** `language_type` values accepted by synthesis (§5.a). */
export const LANGUAGE_TYPES = [
  'Auto', 'Chinese', 'English', 'German', 'Italian', 'Portuguese', 'Spanish', 'Japanese', 'Korean', 'French', 'Russian',
] as const;
export type LanguageType = (typeof LANGUAGE_TYPES)[number];

export const LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE: Record<SampleLanguage, LanguageType> = {
  zh: 'Chinese', en: 'English', de: 'German', it: 'Italian', pt: 'Portuguese',
  es: 'Spanish', ja: 'Japanese', ko: 'Korean', fr: 'French', ru: 'Russian',
};

/** Keys are region-bound (§4): a key from one region gets 401 on the other. */
export const REGIONS = ['cn-beijing', 'ap-southeast-1', 'custom'] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_BASE_URLS: Record<Exclude<Region, 'custom'>, { http: string; ws: string }> = {
  'cn-beijing': {
    http: 'https://dashscope.aliyuncs.com/api/v1',
    ws: 'wss://dashscope.aliyuncs.com/api-ws/v1/realtime',
  },
  'ap-southeast-1': {
    http: 'https://dashscope-intl.aliyuncs.com/api/v1',
    ws: 'wss://dashscope-intl.aliyuncs.com/api-ws/v1/realtime',
  },
};

/** The Model Studio console's API-key page of each region (keys are region-bound); opened in the system browser. */
export const API_KEY_PAGES: Record<Exclude<Region, 'custom'>, string> = {
  'cn-beijing': 'https://bailian.console.aliyun.com/?tab=model#/api-key',
  'ap-southeast-1': 'https://modelstudio.console.alibabacloud.com/?tab=model#/api-key',
};

/** Cloned voices an account may hold in a region (§3.3, S31); `list`'s `total_count` says how many it does. */
export const ACCOUNT_VOICE_LIMIT = 1_000;

/** A voice no synthesis request has used for this long is deleted by the service (§3.3, S31). */
export const UNUSED_VOICE_EXPIRY_MS = 365 * 24 * 60 * 60 * 1000;
/** A month before that, Timbre says so. */
export const UNUSED_VOICE_NOTICE_MS = (UNUSED_VOICE_EXPIRY_MS * 11) / 12;

/** `preferred_name` rule for create (§1.5). */
export const PREFERRED_NAME_PATTERN = /^[A-Za-z0-9_]{1,16}$/;

/** Audio rules for cloning (§2). */
export const ENROLLMENT_AUDIO = {
  minSeconds: 3,
  recommendedMinSeconds: 10,
  recommendedMaxSeconds: 20,
  maxSeconds: 60,
  minSampleRate: 24_000,
  /** Rate we convert every sample to before upload. */
  uploadSampleRate: 24_000,
  /** Limit on the encoded data URL string (§2: "keep the encoded data under 10 MB"). */
  maxDataUrlBytes: 10_000_000,
  maxPauseSeconds: 2,
} as const;

/**
 * Per-request text limit for synthesis, HTTP and realtime alike. §5.a: "最大输入字符数 600" with
 * "一个汉字 = 2个字符" in the same table (S18c); a public client that tested the live service read it
 * as 600 UTF-8 bytes. Which reading is right is UNCONFIRMED, so every request satisfies both.
 */
export const SYNTHESIS_MAX_CHARS = 600;
export const SYNTHESIS_MAX_UTF8_BYTES = 600;

/** Characters DashScope counts twice (§5.a: CJK characters count as 2). */
const DOUBLE_WIDTH = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** Length as DashScope counts characters for limits and billing: CJK as 2, everything else as 1. */
export function weightedLength(text: string): number {
  let count = 0;
  for (const char of text) count += DOUBLE_WIDTH.test(char) ? 2 : 1;
  return count;
}

export const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** How much of the per-request limit `text` uses under the stricter reading (≤ 600 fits). */
export function synthesisTextCost(text: string): number {
  return Math.max(weightedLength(text), Math.ceil((utf8Length(text) * SYNTHESIS_MAX_CHARS) / SYNTHESIS_MAX_UTF8_BYTES));
}
