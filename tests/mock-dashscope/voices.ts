/**
 * The mock's in-memory voices, with ids and timestamps in DashScope's formats (§0, §1.2).
 */
import { randomBytes } from 'node:crypto';

export interface MockVoice {
  voice: string;
  preferredName: string;
  targetModel: string;
  language?: string;
  /** Epoch ms. */
  createdAt: number;
  modifiedAt: number;
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Fields of `ms` in China time (UTC+8), which is how the mock dates voices (§1.2: timezone UNCONFIRMED). */
function chinaTime(ms: number) {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(),
    h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds(),
  };
}

/** `YYYY-MM-DD HH:MM:SS` in China time, as `gmt_create` looks. */
export function gmtString(ms: number): string {
  const t = chinaTime(ms);
  return `${t.y}-${pad(t.mo)}-${pad(t.d)} ${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}`;
}

/** `qwen-tts-vc-<preferred_name>-voice-<yyyyMMddHHmmssSSS>-<4 hex>`. */
export function voiceId(preferredName: string, ms: number): string {
  const t = chinaTime(ms);
  const stamp = `${t.y}${pad(t.mo)}${pad(t.d)}${pad(t.h)}${pad(t.mi)}${pad(t.s)}${pad(t.ms, 3)}`;
  return `qwen-tts-vc-${preferredName}-voice-${stamp}-${randomBytes(2).toString('hex')}`;
}

export function createVoiceStore(now: () => number) {
  const voices = new Map<string, MockVoice>();
  return {
    voices,
    add(fields: { preferredName: string; targetModel: string; language?: string; createdAt?: number }): MockVoice {
      const createdAt = fields.createdAt ?? now();
      const voice: MockVoice = {
        voice: voiceId(fields.preferredName, createdAt),
        preferredName: fields.preferredName,
        targetModel: fields.targetModel,
        ...(fields.language ? { language: fields.language } : {}),
        createdAt,
        modifiedAt: createdAt,
      };
      voices.set(voice.voice, voice);
      return voice;
    },
    /** Newest first, like a console listing. */
    page(pageIndex: number, pageSize: number): MockVoice[] {
      const all = [...voices.values()].sort((a, b) => b.createdAt - a.createdAt);
      return all.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
    },
  };
}

export type VoiceStore = ReturnType<typeof createVoiceStore>;

export function listEntry(voice: MockVoice) {
  return {
    voice: voice.voice,
    target_model: voice.targetModel,
    ...(voice.language ? { language: voice.language } : {}),
    gmt_create: gmtString(voice.createdAt),
    gmt_modified: gmtString(voice.modifiedAt),
  };
}
