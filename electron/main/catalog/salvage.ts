/**
 * Recovers records from a catalog file that is no longer valid JSON (truncated by a full disk,
 * damaged by a crash or a bad edit). Every record object starts with its `"id"` key, so each such
 * start is tried on its own: damage in one place costs only the records it touches.
 */
import { type SampleRecord, type VoiceRecord } from '../../../shared/catalog';
import { sampleRecord, voiceRecord } from '../../../shared/catalog-schema';

const RECORD_START = /\{\s*"id"\s*:/g;

/** Index of the `}` that closes the object opening at `start`, or -1 if it never closes. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === '{') {
      depth++;
    } else if (c === '}' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

export function salvageRecords(text: string): { samples: SampleRecord[]; voices: VoiceRecord[] } {
  const samples = new Map<string, SampleRecord>();
  const voices = new Map<string, VoiceRecord>();
  for (const match of text.matchAll(RECORD_START)) {
    const end = closingBrace(text, match.index);
    if (end < 0) continue;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(match.index, end + 1));
    } catch {
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    if ('targetModel' in value) {
      const parsed = voiceRecord.safeParse(value);
      if (parsed.success) voices.set(parsed.data.id, parsed.data);
    } else {
      const parsed = sampleRecord.safeParse(value);
      if (parsed.success) samples.set(parsed.data.id, parsed.data);
    }
  }
  return { samples: [...samples.values()], voices: [...voices.values()] };
}
