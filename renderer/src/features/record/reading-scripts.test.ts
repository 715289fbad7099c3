import { describe, expect, it } from 'vitest';
import { SAMPLE_LANGUAGES } from '../../../../shared/models';
import { readingSeconds, scriptsFor } from './reading-scripts';

describe('reading scripts', () => {
  it('every script reads in 10 to 20 seconds at a normal pace, inside the range the screen recommends', () => {
    const scripts = SAMPLE_LANGUAGES.flatMap((language) => scriptsFor(language));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      const seconds = readingSeconds(script.text);
      expect(seconds, `${script.id}: ${seconds} s`).toBeGreaterThanOrEqual(10);
      expect(seconds, `${script.id}: ${seconds} s`).toBeLessThanOrEqual(20);
    }
  });

  it('does not count punctuation as words', () => {
    expect(readingSeconds('北风，太阳。')).toBe(readingSeconds('北风太阳'));
    expect(readingSeconds('one two three four five — six!')).toBe(readingSeconds('one two three four five six'));
  });
});
