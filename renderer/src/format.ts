/**
 * Numbers, sizes, dates and language names in the interface language, through Intl: one place, so
 * every screen writes "12.4 s" / "12.4秒" and "Jan 10, 2026" / "2026年1月10日" the same way.
 */
import type { TFunction } from 'i18next';

/**
 * Intl formatters cost far more to make than to use (a list of 30 rows made 100 of them per
 * keystroke): each is made once per language and options.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

/** "12.4 s" / "12.4秒". */
export function formatSeconds(language: string, seconds: number, digits = 1): string {
  return cached(`seconds:${language}:${digits}`, () => new Intl.NumberFormat(language, {
    style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: digits, minimumFractionDigits: digits,
  })).format(seconds);
}

/** "830 KB", "1.66 MB" (decimal units, as file managers show them). */
export function formatBytes(t: TFunction, language: string, bytes: number): string {
  const number = (value: number, digits: number) => cached(`number:${language}:${digits}`, () => new Intl.NumberFormat(language, { maximumFractionDigits: digits })).format(value);
  return bytes < 1_000_000 ? t('common:units.kb', { value: number(bytes / 1000, 0) }) : t('common:units.mb', { value: number(bytes / 1_000_000, 2) });
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * Dates in the two interface languages, written by hand exactly as Intl writes them ("medium"
 * date, "short" time; a unit test holds them equal): the first Intl.DateTimeFormat a page makes
 * loads ICU's calendar data, 25-40 ms of launch on a 2-core machine, only to date the first rows.
 * Any other language goes through Intl.
 */
function handWritten(language: string, epochMs: number, withTime: boolean): string | null {
  const at = new Date(epochMs);
  const [year, month, day, hours, minutes] = [at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes()];
  if (Number.isNaN(year) || year < 1000 || year > 9999) return null;
  if (language === 'en') {
    const date = `${EN_MONTHS[month]} ${day}, ${year}`;
    return withTime ? `${date}, ${hours % 12 || 12}:${twoDigits(minutes)} ${hours < 12 ? 'AM' : 'PM'}` : date;
  }
  if (language === 'zh-CN') {
    const date = `${year}年${month + 1}月${day}日`;
    return withTime ? `${date} ${twoDigits(hours)}:${twoDigits(minutes)}` : date;
  }
  return null;
}

/** "Jan 10, 2026, 9:30 AM" / "2026年1月10日 09:30". */
export function formatDate(language: string, epochMs: number): string {
  return handWritten(language, epochMs, true)
    ?? cached(`date:${language}`, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' })).format(epochMs);
}

/** "Jan 10, 2026" / "2026年1月10日": a day, for lists where the time would not fit. */
export function formatDay(language: string, epochMs: number): string {
  return handWritten(language, epochMs, false) ?? cached(`day:${language}`, () => new Intl.DateTimeFormat(language, { dateStyle: 'medium' })).format(epochMs);
}

/** A language code's name in the interface language: "zh" → "Chinese" / "中文". */
export function languageName(uiLanguage: string, code: string): string {
  try {
    return cached(`language:${uiLanguage}`, () => new Intl.DisplayNames([uiLanguage], { type: 'language' })).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * What a sample is called on every screen: the name the user gave it, else "Sample · <date>", so
 * the same take never has one name on Record and another in Clone or Samples.
 */
export function sampleName(t: TFunction, language: string, sample: { displayName: string; createdAt: number }): string {
  return sample.displayName.trim() || t('common:sampleName', { date: formatDate(language, sample.createdAt) });
}
