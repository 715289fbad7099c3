import { describe, expect, it } from 'vitest';
import { SAMPLE_LANGUAGES } from '../../shared/models';
import { formatDate, formatDay, formatNumber, formatSeconds, languageName } from './format';

/** Every hour of a leap year, and instants around midnight and noon, in the local time zone. */
const INSTANTS = [
  ...Array.from({ length: 366 * 24 }, (_, hour) => new Date(2028, 0, 1, hour, (hour * 7) % 60).getTime()),
  new Date(1999, 11, 31, 23, 59).getTime(),
  new Date(2026, 5, 1, 0, 0).getTime(),
  new Date(2026, 5, 1, 12, 0).getTime(),
  new Date(2026, 5, 1, 12, 59).getTime(),
];

describe('dates', () => {
  it.each(['en', 'zh-CN'])('are written in %s exactly as Intl writes them', (language) => {
    const day = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    expect(INSTANTS.filter((at) => formatDay(language, at) !== day.format(at))).toEqual([]);
    expect(INSTANTS.filter((at) => formatDate(language, at) !== date.format(at))).toEqual([]);
    expect(formatDate(language, INSTANTS[9])).toMatch(language === 'en' ? /^Jan 1, 2028, 9:03 AM$/ : /^2028年1月1日 09:03$/);
  });

  it('go through Intl for any other language', () => {
    const at = new Date(2026, 0, 10, 9, 30).getTime();
    expect(formatDay('de', at)).toBe(new Intl.DateTimeFormat('de', { dateStyle: 'medium' }).format(at));
    expect(formatDate('fr', at)).toBe(new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeStyle: 'short' }).format(at));
  });
});

/** Counts, sizes and durations as the app writes them, and the halfway cases rounding has to get right. */
const NUMBERS = [
  0, -0, 1, 7, 999, 1000, 9999.5, 10_000, 123_456, 1_234_567.891, 100_000_000, -1234.5, 0.5, 0.05, 0.005, 0.0005, 1.005, 2.675,
  12.45, 12.35, 12.25, 9.95, 99.95, 999.9995, 0.1 + 0.2, 59.52, 3.14159, 1e21, 1e-7, 2 ** 53,
  ...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 100_003 / (i % 4 === 0 ? 1 : i % 4 === 1 ? 10 : i % 4 === 2 ? 1000 : 7)),
];

describe('numbers', () => {
  it.each(['en', 'zh-CN'])('are written in %s exactly as Intl writes them', (language) => {
    for (const [max, min] of [[3, 0], [0, 0], [1, 0], [2, 0], [1, 1], [2, 2]]) {
      const intl = new Intl.NumberFormat(language, { maximumFractionDigits: max, minimumFractionDigits: min });
      expect(NUMBERS.filter((value) => formatNumber(language, value, max, min) !== intl.format(value)), `${max}/${min}`).toEqual([]);
    }
    for (const digits of [1, 2]) {
      const intl = new Intl.NumberFormat(language, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: digits, minimumFractionDigits: digits });
      expect(NUMBERS.filter((value) => formatSeconds(language, value, digits) !== intl.format(value))).toEqual([]);
    }
    expect(formatNumber(language, 10_000)).toBe('10,000');
    expect(formatSeconds(language, 12.45)).toBe(language === 'en' ? '12.5s' : '12.5秒');
  });

  it('go through Intl for any other language', () => {
    expect(formatNumber('de', 1234.5)).toBe(new Intl.NumberFormat('de').format(1234.5));
    expect(formatSeconds('fr', 12.4)).toBe(new Intl.NumberFormat('fr', { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(12.4));
  });
});

describe('language names', () => {
  it.each(['en', 'zh-CN'])('of every sample language are written in %s exactly as Intl writes them', (language) => {
    const intl = new Intl.DisplayNames([language], { type: 'language' });
    expect(Object.fromEntries(SAMPLE_LANGUAGES.map((code) => [code, languageName(language, code)]))).toEqual(Object.fromEntries(SAMPLE_LANGUAGES.map((code) => [code, intl.of(code)])));
  });

  it('go through Intl for other codes and languages', () => {
    expect(languageName('en', 'yue')).toBe(new Intl.DisplayNames(['en'], { type: 'language' }).of('yue'));
    expect(languageName('de', 'zh')).toBe('Chinesisch');
  });
});
