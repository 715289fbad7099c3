import { describe, expect, it } from 'vitest';
import { SYNTHESIS_MAX_CHARS, synthesisTextCost, utf8Length, weightedLength } from '../../../shared/models';
import { splitForSynthesis as splitBy } from './text-split';

const length = (text: string) => [...text].length;
/** The cutting rules, measured in code points so the cases stay readable. */
const splitForSynthesis = (text: string, max: number) => splitBy(text, max, length);

describe('splitForSynthesis', () => {
  it('keeps short text whole and drops blank text', () => {
    expect(splitForSynthesis('  Hello there.  ', 600)).toEqual(['Hello there.']);
    expect(splitForSynthesis(' \n\t ', 600)).toEqual([]);
  });

  it('cuts at sentence ends and packs sentences up to the limit', () => {
    const text = 'One two three. Four five six! Seven eight nine? Ten.';
    expect(splitForSynthesis(text, 30)).toEqual(['One two three. Four five six!', 'Seven eight nine? Ten.']);
  });

  it('cuts Chinese text at full-width punctuation without spaces', () => {
    const text = '今天天气很好。我们去公园散步吧！你觉得怎么样？';
    expect(splitForSynthesis(text, 10)).toEqual(['今天天气很好。', '我们去公园散步吧！', '你觉得怎么样？']);
  });

  it('does not treat decimal points or abbreviations without a space as sentence ends', () => {
    const chunks = splitForSynthesis('Pi is 3.14159 and e is 2.71828. Next sentence here.', 35);
    expect(chunks).toEqual(['Pi is 3.14159 and e is 2.71828.', 'Next sentence here.']);
  });

  it('keeps closing quotes with their sentence', () => {
    expect(splitForSynthesis('He said "stop." Then he left.', 18)).toEqual(['He said "stop."', 'Then he left.']);
  });

  it('falls back to clause marks, then spaces, then a hard cut', () => {
    expect(splitForSynthesis('alpha beta, gamma delta, epsilon zeta', 14)).toEqual(['alpha beta,', 'gamma delta,', 'epsilon zeta']);
    expect(splitForSynthesis('aaaa bbbb cccc dddd', 10)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(splitForSynthesis('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('never exceeds the limit, never loses text and never splits a surrogate pair', () => {
    const sentence = '这是一个测试句子，包含表情😀和English words. ';
    const text = sentence.repeat(80);
    const chunks = splitForSynthesis(text, 600);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(length(chunk)).toBeLessThanOrEqual(600);
    expect(chunks.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    expect(chunks.join('')).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(splitForSynthesis('😀'.repeat(5), 2)).toEqual(['😀😀', '😀😀', '😀']);
  });

  it('by default fits every request under both readings of the limit: 600 weighted characters (CJK = 2) and 600 UTF-8 bytes', () => {
    const chinese = '我们今天一起去公园散步，看看湖边的风景和花草树木。'.repeat(20);
    const mixed = `${'Ünïcödé façade, naïve café; '.repeat(15)}${'混合文本😀测试。'.repeat(30)}`;
    for (const text of [chinese, mixed]) {
      const chunks = splitBy(text, SYNTHESIS_MAX_CHARS);
      for (const chunk of chunks) {
        expect(utf8Length(chunk)).toBeLessThanOrEqual(600);
        expect(weightedLength(chunk)).toBeLessThanOrEqual(600);
      }
      expect(chunks.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
    // 500 hanzi are 1,000 weighted characters and 1,500 bytes: never one request.
    expect(splitBy('字'.repeat(500), SYNTHESIS_MAX_CHARS).length).toBeGreaterThanOrEqual(3);
    // Plain ASCII still fills a request.
    expect(synthesisTextCost('a'.repeat(600))).toBe(600);
    expect(splitBy(`${'word '.repeat(119)}word`, SYNTHESIS_MAX_CHARS)).toHaveLength(1);
  });

  it('cuts Chinese at clause marks before it cuts inside a clause', () => {
    const clause = '这是一个比较长的分句内容';
    const chunks = splitBy(`${clause}，`.repeat(40), SYNTHESIS_MAX_CHARS);
    for (const chunk of chunks) expect(chunk.endsWith('，')).toBe(true);
  });

  it('rejects a nonsensical limit', () => {
    expect(() => splitForSynthesis('text', 0)).toThrow(RangeError);
  });
});
