import { describe, expect, it } from 'vitest';
import { formatDate, formatDay } from './format';

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
