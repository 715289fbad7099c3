import { describe, expect, it } from 'vitest';
import { detectScript, languageSuggestion, scriptMismatch } from './text-language';

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

  it('names the script a text is in when the language is not written in it', () => {
    expect(scriptMismatch('Guten Morgen', 'German')).toBeNull();
    expect(scriptMismatch('Guten Morgen', 'Japanese')).toBe('Latin');
    expect(scriptMismatch('おはようございます', 'German')).toBe('Japanese');
    expect(scriptMismatch('今日は晴れ', 'Japanese')).toBeNull();
    expect(scriptMismatch('天気', 'Japanese')).toBeNull(); // kanji alone are Japanese too
    expect(scriptMismatch('天气很好', 'Korean')).toBe('Chinese');
    expect(scriptMismatch('안녕하세요', 'Korean')).toBeNull();
    expect(scriptMismatch('Доброе утро', 'Spanish')).toBe('Russian');
    expect(scriptMismatch('你好', 'Chinese')).toBeNull();
    expect(scriptMismatch('…', 'German')).toBeNull();
  });
});
