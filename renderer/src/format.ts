/**
 * Numbers, sizes, dates and language names in the interface language: one place, so every screen
 * writes "12.4s" / "12.4秒" and "Jan 10, 2026" / "2026年1月10日" the same way.
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

/**
 * Numbers in the two interface languages, written by hand exactly as Intl writes them (a unit
 * test holds them equal): the first Intl.NumberFormat a page makes loads ICU's number data, 12-25
 * ms of launch here, only to write "10,000 voices" and "12.4s" in the first rows. Both languages
 * group thousands with "," and round half away from zero on the number's shortest decimal form,
 * as ICU does. Any other language, or a number written with an exponent, goes through Intl.
 */
function handWrittenNumber(language: string, value: number, maxDigits: number, minDigits: number): string | null {
  if (language !== 'en' && language !== 'zh-CN') return null;
  const shortest = String(Math.abs(value));
  if (!Number.isFinite(value) || shortest.includes('e')) return null;
  const [whole, fraction = ''] = shortest.split('.');
  let digits = whole + fraction.slice(0, maxDigits).padEnd(maxDigits, '0');
  if (fraction.length > maxDigits && fraction[maxDigits] >= '5') digits = addOne(digits);
  let wholePart = digits.slice(0, digits.length - maxDigits) || '0';
  let fractionPart = digits.slice(digits.length - maxDigits);
  while (fractionPart.length > minDigits && fractionPart.endsWith('0')) fractionPart = fractionPart.slice(0, -1);
  wholePart = wholePart.replace(/\B(?=(\d{3})+$)/g, ',');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return sign + wholePart + (fractionPart ? `.${fractionPart}` : '');
}

/** A string of decimal digits, plus one ("0999" → "1000"). */
function addOne(digits: string): string {
  const place = digits.search(/9*$/);
  if (place === 0) return `1${'0'.repeat(digits.length)}`;
  return digits.slice(0, place - 1) + String(Number(digits[place - 1]) + 1) + '0'.repeat(digits.length - place);
}

/** "10,000", "12.35": at most `maxDigits` decimals (Intl's default 3), at least `minDigits`. */
export function formatNumber(language: string, value: number, maxDigits = 3, minDigits = 0): string {
  return handWrittenNumber(language, value, maxDigits, minDigits)
    ?? cached(`number:${language}:${maxDigits}:${minDigits}`, () => new Intl.NumberFormat(language, { maximumFractionDigits: maxDigits, minimumFractionDigits: minDigits })).format(value);
}

/** "12.4s" / "12.4秒". */
export function formatSeconds(language: string, seconds: number, digits = 1): string {
  const number = handWrittenNumber(language, seconds, digits, digits);
  if (number !== null) return language === 'en' ? `${number}s` : `${number}秒`;
  return cached(`seconds:${language}:${digits}`, () => new Intl.NumberFormat(language, {
    style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: digits, minimumFractionDigits: digits,
  })).format(seconds);
}

/** "830 KB", "1.66 MB" (decimal units, as file managers show them). */
export function formatBytes(t: TFunction, language: string, bytes: number): string {
  return bytes < 1_000_000
    ? t('common:units.kb', { value: formatNumber(language, bytes / 1000, 0) })
    : t('common:units.mb', { value: formatNumber(language, bytes / 1_000_000, 2) });
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

/**
 * The sample languages' names in the two interface languages, as Intl.DisplayNames gives them (a
 * unit test holds them equal): its first use loads ICU's display-name data, ~15 ms of launch, only
 * to fill the Library's language column. Other codes and languages go through Intl.
 */
const LANGUAGE_NAMES: Record<string, Record<string, string>> = {
  en: { zh: 'Chinese', en: 'English', de: 'German', it: 'Italian', pt: 'Portuguese', es: 'Spanish', ja: 'Japanese', ko: 'Korean', fr: 'French', ru: 'Russian' },
  'zh-CN': { zh: '中文', en: '英语', de: '德语', it: '意大利语', pt: '葡萄牙语', es: '西班牙语', ja: '日语', ko: '韩语', fr: '法语', ru: '俄语' },
};

/** A language code's name in the interface language: "zh" → "Chinese" / "中文". */
export function languageName(uiLanguage: string, code: string): string {
  const written = LANGUAGE_NAMES[uiLanguage]?.[code];
  if (written !== undefined) return written;
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
