/**
 * The language a text's own script points to, so Try can catch Chinese text about to be spoken
 * as English (the voice then reads it badly or not at all), and Record a transcript in another
 * script than the sample's language (the service's speech recognition then rejects the sample).
 * Latin script is ambiguous (English, French, German…), so it only says "Latin" and never picks
 * one of them.
 */
import type { LanguageType } from '../../shared/models';

export type TextScript = 'Chinese' | 'Japanese' | 'Korean' | 'Russian' | 'Latin';

const SCRIPTS: Array<[TextScript, RegExp]> = [
  ['Japanese', /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['Korean', /\p{Script=Hangul}/gu],
  ['Chinese', /\p{Script=Han}/gu],
  ['Russian', /\p{Script=Cyrillic}/gu],
  ['Latin', /\p{Script=Latin}/gu],
];

/** The script most of the text's letters are in (kana anywhere means Japanese: it mixes in Han); null for no letters. */
export function detectScript(text: string): TextScript | null {
  const counts = SCRIPTS.map(([script, pattern]) => [script, text.match(pattern)?.length ?? 0] as const);
  if ((counts[0][1] ?? 0) > 0) return 'Japanese';
  const [script, count] = counts.slice(1).reduce((best, current) => (current[1] > best[1] ? current : best));
  return count > 0 ? script : null;
}

const LATIN_LANGUAGES: readonly LanguageType[] = ['English', 'German', 'Italian', 'Portuguese', 'Spanish', 'French'];

/**
 * The language to suggest when the chosen one does not fit the text's script, else null. `Auto`
 * always fits; Latin text under a non-Latin language gets the voice's own Latin language or English.
 */
export function languageSuggestion(text: string, chosen: LanguageType, voiceLanguage: LanguageType | null): LanguageType | null {
  const script = detectScript(text);
  if (!script || chosen === 'Auto') return null;
  if (script === 'Latin') {
    if (LATIN_LANGUAGES.includes(chosen)) return null;
    return voiceLanguage && LATIN_LANGUAGES.includes(voiceLanguage) ? voiceLanguage : 'English';
  }
  return chosen === script ? null : script;
}

/**
 * The script `text` is written in when `language` is not written in it, else null (also for no
 * letters). Japanese is written in kana and Han, so Han alone fits it too.
 */
export function scriptMismatch(text: string, language: LanguageType): TextScript | null {
  const script = detectScript(text);
  if (!script || language === 'Auto') return null;
  if (script === 'Latin') return LATIN_LANGUAGES.includes(language) ? null : script;
  if (language === 'Japanese' && script === 'Chinese') return null;
  return script === language ? null : script;
}
