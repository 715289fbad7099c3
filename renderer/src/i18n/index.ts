import i18n, { type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { AppError } from '../../../shared/errors';
import type { UiLanguage } from '../../../shared/settings';
import { formatNumber } from '../format';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One language's strings: namespace → tree. Each `locales/<language>/<namespace>.json` is a namespace. */
export type LanguageStrings = Record<string, Record<string, unknown>>;

/**
 * Each language is its own chunk, loaded when it is first used: launch parses only the interface's
 * own language (both were in the first chunk, the other one ~17 KB gzip of it).
 */
const LOADERS: Record<Language, () => Promise<{ default: Record<string, Record<string, unknown>> }>> = {
  en: () => import('./locales/en'),
  'zh-CN': () => import('./locales/zh-CN'),
};
const loaded = new Map<Language, Promise<LanguageStrings>>();

/** Which store `setPlatform` named: 'linux', 'mac' or 'windows'. */
let secretStore = 'linux';

export function loadLanguage(language: Language): Promise<LanguageStrings> {
  let strings = loaded.get(language);
  if (!strings) {
    strings = LOADERS[language]().then(({ default: files }) =>
      Object.fromEntries(Object.entries(files).map(([path, tree]) => [/([^/]+)\.json$/.exec(path)![1], tree])));
    // A failed load (a chunk missing) may be tried again.
    strings.catch(() => loaded.delete(language));
    loaded.set(language, strings);
  }
  return strings;
}

/** "Follow the system" picks Chinese for any zh locale and English otherwise. */
export function resolveLanguage(preference: UiLanguage, systemLocale: string): Language {
  if (preference !== 'system') return preference;
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export async function initI18n(language: Language) {
  const strings = await loadLanguage(language);
  void i18n.use(initReactI18next).init({
    resources: { [language]: strings },
    lng: language,
    fallbackLng: 'en',
    ns: Object.keys(strings),
    defaultNS: 'common',
    interpolation: { escapeValue: false, defaultVariables: { secretStore } },
    returnNull: false,
  });
  // "{{count, number}}" written by hand in both interface languages, as every other number (see format.ts).
  i18n.services.formatter?.add('number', (value: number, lng: string | undefined, options: Intl.NumberFormatOptions) =>
    formatNumber(lng ?? language, value, options.maximumFractionDigits ?? 3, options.minimumFractionDigits ?? 0));
  document.documentElement.lang = language;
  return i18n;
}

/**
 * Names the OS's secret store in every string that mentions it (`$t(common:secretStore.{{secretStore}})`):
 * "macOS Keychain" / "钥匙串", "Windows Credential Manager" / "Windows 凭据管理器", "system keyring" / "系统密钥环".
 */
export function setPlatform(platform: string) {
  secretStore = platform === 'darwin' ? 'mac' : platform === 'win32' ? 'windows' : 'linux';
  // The interpolator reads this object on every call, so later strings name the right store. Before
  // i18next is set up (launch learns the platform first), initI18n takes it from here.
  if (i18n.options.interpolation) i18n.options.interpolation.defaultVariables = { secretStore };
}

export async function setLanguage(language: Language) {
  if (i18n.language === language) return;
  const strings = await loadLanguage(language);
  for (const [namespace, tree] of Object.entries(strings)) {
    if (!i18n.hasResourceBundle(language, namespace)) i18n.addResourceBundle(language, namespace, tree);
  }
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

/** The plain-language text for an error: its translated code, else the English message main sent. */
export function describeError(t: TFunction, error: AppError): string {
  // Error codes contain dots ("dashscope.invalid_key") and are flat keys, not paths.
  const key = `errors:${error.code}`;
  return i18n.exists(key, { keySeparator: false }) ? String(t(key, { ...error.details, keySeparator: false })) : error.message;
}

export default i18n;
