import { describe, expect, it } from 'vitest';
import { LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE, SAMPLE_LANGUAGES } from '../../../../shared/models';
import { scriptMismatch } from '../../text-language';
import { readingSeconds, scriptsFor } from './reading-scripts';

describe('reading scripts', () => {
  it('offers three scripts in every language the service clones, each with its own id', () => {
    for (const language of SAMPLE_LANGUAGES) expect(scriptsFor(language), language).toHaveLength(3);
    const ids = SAMPLE_LANGUAGES.flatMap((language) => scriptsFor(language).map((script) => script.id));
    expect(new Set(ids).size).toBe(30);
  });

  it('every script reads in 10 to 20 seconds at its language\'s pace, inside the range the screen recommends', () => {
    for (const language of SAMPLE_LANGUAGES) {
      for (const script of scriptsFor(language)) {
        const seconds = readingSeconds(script.text, language);
        expect(seconds, `${script.id}: ${seconds} s`).toBeGreaterThanOrEqual(10);
        expect(seconds, `${script.id}: ${seconds} s`).toBeLessThanOrEqual(20);
      }
    }
  });

  it('writes every script, and its title, in its language\'s own script', () => {
    for (const language of SAMPLE_LANGUAGES) {
      for (const script of scriptsFor(language)) {
        expect(scriptMismatch(script.text, LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE[language]), script.id).toBeNull();
        expect(scriptMismatch(script.title, LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE[language]), script.id).toBeNull();
      }
    }
  });

  it('reads each language at its own pace: forty words take longer in German than in Spanish', () => {
    const fortyWords = 'Wort '.repeat(40);
    expect(readingSeconds(fortyWords, 'de')).toBe(13); // 179 words a minute (IReST)
    expect(readingSeconds(fortyWords, 'es')).toBe(11); // 218
    // Ninety kana at Japanese's pace (357 a minute, IReST) against ninety Han at Chinese's (255).
    expect(readingSeconds('あ'.repeat(90), 'ja')).toBe(15);
    expect(readingSeconds('好'.repeat(90), 'zh')).toBe(21);
    // Japanese's long-vowel mark is read as a sound of its own, not as a word.
    expect(readingSeconds('コーヒー', 'ja')).toBe(readingSeconds('コオヒイ', 'ja'));
  });

  it('does not count punctuation as words', () => {
    expect(readingSeconds('北风，太阳。', 'zh')).toBe(readingSeconds('北风太阳', 'zh'));
    expect(readingSeconds('one two three four five — six!', 'en')).toBe(readingSeconds('one two three four five six', 'en'));
    expect(readingSeconds('Bonjour ! Ça va ?', 'fr')).toBe(readingSeconds('Bonjour Ça va', 'fr'));
  });
});
