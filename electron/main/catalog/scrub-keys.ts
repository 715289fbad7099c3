/**
 * Earlier builds stored the service's text as it came (fixed in issue 28): an answer that echoed the
 * Authorization header left the key in a voice's error or request id, in `catalog.json` and the
 * journal. Opening the catalog scrubs every string of every voice record with the log's
 * redactions (key-like tokens, bearer headers); a record that changes is rewritten, so the key
 * leaves the disk with the next write of the snapshot. The keychain's keys are not known yet when
 * the catalog opens: only what looks like a key is caught here (new text is scrubbed with the keys
 * too, where it is read; see dashscope/errors.ts).
 */
import type { VoiceRecord } from '../../../shared/catalog';
import { holdsSecrets, redact } from '../foundation/log';

function scrubbed(value: unknown): unknown {
  if (typeof value === 'string') return holdsSecrets(value) ? redact(value) : value;
  if (Array.isArray(value)) {
    const items = value.map(scrubbed);
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const entries = Object.entries(value).map(([key, field]) => {
      const next = scrubbed(field);
      changed ||= next !== field;
      return [key, next] as const;
    });
    return changed ? Object.fromEntries(entries) : value;
  }
  return value;
}

/**
 * Whether the files as read hold anything to scrub: one scan of the text with the redactions'
 * own patterns, so a clean (or already scrubbed) catalog is not walked at every start.
 */
export const mayHoldKeys = (texts: ReadonlyArray<string | null>) => texts.some((text) => text !== null && holdsSecrets(text));

/** Replaces, in place, the voices whose text held something key-like; says how many. */
export function scrubStoredKeys(voices: Map<string, VoiceRecord>): number {
  let changed = 0;
  for (const [id, voice] of voices) {
    const clean = scrubbed(voice) as VoiceRecord;
    if (clean !== voice) {
      voices.set(id, clean);
      changed++;
    }
  }
  return changed;
}
