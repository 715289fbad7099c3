/**
 * The mock's in-memory voices, with ids and timestamps in DashScope's formats (§0, §1.2), dated by
 * the server's clock (which MockBehaviour may skew) in the server's timezone.
 */
import { randomBytes } from 'node:crypto';
import { isOmniModel } from '../../shared/models';
import { TEST_BEHAVIOUR, type MockBehaviour } from './behaviour';

export interface MockVoice {
  voice: string;
  preferredName: string;
  targetModel: string;
  language?: string;
  /** Epoch ms on the server's clock. */
  createdAt: number;
  modifiedAt: number;
  /** Real epoch ms from which `list` shows the voice; at once when absent. */
  listedFrom?: number;
}

const HOUR_MS = 60 * 60 * 1000;
const CHINA_OFFSET_HOURS = 8;
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Fields of `ms` at a UTC offset (default China time, UTC+8; §1.2: timezone UNCONFIRMED). */
function wallClock(ms: number, offsetHours: number) {
  const d = new Date(ms + offsetHours * HOUR_MS);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(),
    h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds(),
  };
}

/** `YYYY-MM-DD HH:MM:SS` with no zone, as `gmt_create` looks. */
export function gmtString(ms: number, offsetHours = CHINA_OFFSET_HOURS): string {
  const t = wallClock(ms, offsetHours);
  return `${t.y}-${pad(t.mo)}-${pad(t.d)} ${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}`;
}

/** `qwen-tts-vc-<preferred_name>-voice-<yyyyMMddHHmmssSSS>-<4 hex>`; `qwen-omni-vc-…` for an Omni model (§7). */
export function voiceId(preferredName: string, ms: number, offsetHours = CHINA_OFFSET_HOURS, targetModel = ''): string {
  const t = wallClock(ms, offsetHours);
  const stamp = `${t.y}${pad(t.mo)}${pad(t.d)}${pad(t.h)}${pad(t.mi)}${pad(t.s)}${pad(t.ms, 3)}`;
  const family = isOmniModel(targetModel) ? 'omni' : 'tts';
  return `qwen-${family}-vc-${preferredName}-voice-${stamp}-${randomBytes(2).toString('hex')}`;
}

export function createVoiceStore(now: () => number, behaviour: () => MockBehaviour = () => TEST_BEHAVIOUR) {
  const voices = new Map<string, MockVoice>();
  const serverNow = () => now() + behaviour().clockSkewMs;
  const visible = () => [...voices.values()].filter((voice) => (voice.listedFrom ?? 0) <= now());
  return {
    voices,
    /** A voice made by create: dated by the server clock, listed after the lag. Seeded voices (`createdAt` given) list at once. */
    add(fields: { preferredName: string; targetModel: string; language?: string; createdAt?: number }): MockVoice {
      const { gmtOffsetHours, lowerCaseIds, listLagMs } = behaviour();
      const createdAt = fields.createdAt ?? serverNow();
      const name = lowerCaseIds ? fields.preferredName.toLowerCase() : fields.preferredName;
      const voice: MockVoice = {
        voice: voiceId(name, createdAt, gmtOffsetHours, fields.targetModel),
        preferredName: fields.preferredName,
        targetModel: fields.targetModel,
        ...(fields.language ? { language: fields.language } : {}),
        createdAt,
        modifiedAt: createdAt,
        listedFrom: fields.createdAt === undefined ? now() + listLagMs : 0,
      };
      voices.set(voice.voice, voice);
      return voice;
    },
    /** Voices `list` shows now. */
    get listedCount(): number {
      return visible().length;
    },
    /** Newest first, like a console listing. */
    page(pageIndex: number, pageSize: number): MockVoice[] {
      const all = visible().sort((a, b) => b.createdAt - a.createdAt);
      return all.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize);
    },
    listEntry(voice: MockVoice) {
      const { gmtOffsetHours } = behaviour();
      return {
        voice: voice.voice,
        target_model: voice.targetModel,
        ...(voice.language ? { language: voice.language } : {}),
        gmt_create: gmtString(voice.createdAt, gmtOffsetHours),
        gmt_modified: gmtString(voice.modifiedAt, gmtOffsetHours),
      };
    },
  };
}

export type VoiceStore = ReturnType<typeof createVoiceStore>;
