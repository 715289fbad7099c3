import i18n, { type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { AppError } from '../../../shared/errors';
import type { UiLanguage } from '../../../shared/settings';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

// Every `locales/<language>/<namespace>.json` becomes one i18next namespace; each feature owns its file.
const files = import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { eager: true, import: 'default' });
export const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [path, content] of Object.entries(files)) {
  const [, language, namespace] = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path)!;
  (resources[language] ??= {})[namespace] = content;
}
export const NAMESPACES = Object.keys(resources.en ?? {});

/** "Follow the system" picks Chinese for any zh locale and English otherwise. */
export function resolveLanguage(preference: UiLanguage, systemLocale: string): Language {
  if (preference !== 'system') return preference;
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function initI18n(language: Language) {
  void i18n.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    ns: NAMESPACES,
    defaultNS: 'common',
    interpolation: { escapeValue: false, defaultVariables: { secretStore: 'linux' } },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18n;
}

/**
 * Names the OS's secret store in every string that mentions it (`$t(common:secretStore.{{secretStore}})`):
 * "macOS Keychain" / "钥匙串", "Windows Credential Manager" / "Windows 凭据管理器", "system keyring" / "系统密钥环".
 */
export function setPlatform(platform: string) {
  const secretStore = platform === 'darwin' ? 'mac' : platform === 'win32' ? 'windows' : 'linux';
  // The interpolator reads this object on every call, so later strings name the right store.
  if (i18n.options.interpolation) i18n.options.interpolation.defaultVariables = { secretStore };
}

export async function setLanguage(language: Language) {
  if (i18n.language === language) return;
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
