import { LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE, SAMPLE_LANGUAGES, type LanguageType } from '../../../../shared/models';
import { languageName } from '../../format';

/** A `language_type` in the interface language ("Chinese" → "中文"), from the language code behind it. */
export function languageTypeLabel(type: LanguageType, uiLanguage: string, autoLabel: string): string {
  if (type === 'Auto') return autoLabel;
  const code = SAMPLE_LANGUAGES.find((language) => LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE[language] === type);
  return code ? languageName(uiLanguage, code) : type;
}
