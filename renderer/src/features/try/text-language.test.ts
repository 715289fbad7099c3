import { describe, expect, it } from 'vitest';
import { detectScript, languageSuggestion } from './text-language';

describe('text language', () => {
  it('finds the script most of the letters are in', () => {
    expect(detectScript('你好，今天天气很好。')).toBe('Chinese');
    expect(detectScript('今日はいい天気ですね。')).toBe('Japanese');
    expect(detectScript('안녕하세요')).toBe('Korean');
    expect(detectScript('Привет, мир')).toBe('Russian');
    expect(detectScript('Hello there, 小明!')).toBe('Latin');
    expect(detectScript('123 …')).toBeNull();
  });

  it('suggests the language the text is written in when the chosen one does not fit', () => {
    expect(languageSuggestion('你好，今天天气很好。', 'English', 'English')).toBe('Chinese');
    expect(languageSuggestion('你好', 'Chinese', 'English')).toBeNull();
    expect(languageSuggestion('你好', 'Auto', 'English')).toBeNull();
    expect(languageSuggestion('Good morning', 'Chinese', 'Chinese')).toBe('English');
    expect(languageSuggestion('Bonjour à tous', 'Chinese', 'French')).toBe('French');
    expect(languageSuggestion('Bonjour à tous', 'English', 'English')).toBeNull();
  });
});
