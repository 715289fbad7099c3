/**
 * The `preferred_name` part of a voice id, derived from whatever the user calls the voice. It lives
 * in main because the pinyin dictionary is large and the renderer bundle is not.
 */
import anyAscii from 'any-ascii';
import { pinyin } from 'pinyin-pro';
import { PREFERRED_NAME_PATTERN } from '../../../shared/models';

const PREFERRED_NAME_MAX = 16;

/**
 * Latin letters for any name: Chinese characters become pinyin, one capitalised syllable each
 * (小李 → XiaoLi, so a polyphone reads as in names: 重庆 → ChongQing); every other script is
 * transliterated (Zoë → Zoe, Зоя → Zoya).
 */
export function romanizeName(displayName: string): string {
  const withPinyin = displayName.replace(/\p{Script=Han}+/gu, (run) =>
    ` ${pinyin(run, { toneType: 'none', type: 'array', v: true }).map((syllable) => syllable.charAt(0).toUpperCase() + syllable.slice(1)).join('')} `);
  return anyAscii(withPinyin);
}

/**
 * A valid `preferred_name` (letters, digits, `_`, at most 16) for a display name, avoiding names in
 * `taken` so each voice id stays recognisable. Falls back to `voice_<n>` when nothing usable is left.
 */
export function suggestPreferredName(displayName: string, taken: ReadonlySet<string> = new Set()): string {
  const base = romanizeName(displayName).replace(/[^A-Za-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '').slice(0, PREFERRED_NAME_MAX).replace(/_$/, '');
  if (base !== '' && !taken.has(base) && PREFERRED_NAME_PATTERN.test(base)) return base;
  for (let n = base === '' ? 1 : 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = base === '' ? `voice${suffix}` : `${base.slice(0, PREFERRED_NAME_MAX - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
