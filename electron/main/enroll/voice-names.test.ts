import { describe, expect, it } from 'vitest';
import { romanizeName, suggestPreferredName } from './voice-names';

describe('voice names', () => {
  it('gives a Chinese name its pinyin instead of a numbered placeholder', () => {
    expect(suggestPreferredName('小李')).toBe('XiaoLi');
    expect(suggestPreferredName('王小明的声音')).toBe('WangXiaoMingDeSh');
    expect(romanizeName('重庆')).toContain('ChongQing');
  });

  it('transliterates other scripts and drops accents', () => {
    expect(suggestPreferredName('Zoë Li')).toBe('Zoe_Li');
    expect(suggestPreferredName('Зоя')).toBe('Zoya');
    expect(suggestPreferredName('Zoë Li 小李')).toBe('Zoe_Li_XiaoLi');
  });

  it('keeps to 16 letters, digits and underscores and avoids names in use', () => {
    expect(suggestPreferredName('小李', new Set(['XiaoLi']))).toBe('XiaoLi_2');
    expect(suggestPreferredName('!!!')).toBe('voice_1');
    expect(suggestPreferredName('A very long name for a voice')).toMatch(/^[A-Za-z0-9_]{1,16}$/);
    expect(suggestPreferredName('A very long name for a voice')).not.toMatch(/_$/);
  });
});
