import type { TFunction } from 'i18next';

/** "12.4 s" / "12.4秒", per locale. */
export function formatSeconds(language: string, seconds: number, digits = 1): string {
  return new Intl.NumberFormat(language, { style: 'unit', unit: 'second', unitDisplay: 'narrow', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(seconds);
}

/** Recorder clock: "0:07.3". */
export function formatClock(seconds: number, tenths = true): string {
  const whole = Math.floor(seconds);
  const clock = `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
  return tenths ? `${clock}.${Math.floor((seconds - whole) * 10)}` : clock;
}

export function formatBytes(t: TFunction, language: string, bytes: number): string {
  const number = (value: number, digits: number) => new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
  return bytes < 1_000_000 ? t('record:units.kb', { value: number(bytes / 1000, 0) }) : t('record:units.mb', { value: number(bytes / 1_000_000, 2) });
}

export function formatDate(language: string, epochMs: number): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}
