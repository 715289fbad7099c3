/**
 * Reading what `list` returns: voice ids (§0: `qwen-tts-vc-<preferred_name>-voice-<17 digits>-<4 hex>`,
 * `qwen-omni-vc-…` for the Omni models, §7; the name keeps its case)
 * and the `gmt_create`/`gmt_modified` strings, which carry no timezone (§1.2).
 */

const VOICE_ID = /^qwen-(?:tts|omni)-vc-(.+)-voice-\d+-[0-9a-z]+$/i;

/** The preferred name inside a voice id, or null for an id in another format. */
export function preferredNameFromVoiceId(voice: string): string | null {
  return VOICE_ID.exec(voice)?.[1] ?? null;
}

/** China Standard Time, which has no daylight saving. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Parses `YYYY-MM-DD HH:MM:SS` as China time (UTC+8) into epoch milliseconds.
 * ASSUMPTION: the reference marks the timezone UNCONFIRMED ("probably China time"); DashScope is
 * run from China and its timestamps elsewhere are Beijing time. Strings that name their own
 * offset (ISO 8601 with `Z` or `+hh:mm`) are honoured as written. Returns null when unreadable.
 * Shown to the user only: no decision depends on it (the server's clock and zone are not ours).
 */
export function parseGmtTimestamp(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const plain = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(text);
  if (plain) {
    const [, y, mo, d, h, mi, s, ms] = plain;
    const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, ms ? Number(ms.padEnd(3, '0')) : 0);
    return utc - CHINA_OFFSET_MS;
  }
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const parsed = Date.parse(text);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}
