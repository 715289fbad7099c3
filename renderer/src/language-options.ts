/**
 * The sample languages as every picker offers them: each in itself and in the interface's language
 * ("Deutsch (German)" / "Deutsch（德语）", once where they are the same), so someone cloning a
 * German voice finds "Deutsch" whatever language Timbre speaks.
 */
import { SAMPLE_LANGUAGES, type SampleLanguage } from '../../shared/models';
import { languageName } from './format';
import i18n from './i18n';

const OWN_NAMES: Record<SampleLanguage, string> = {
  zh: '中文', en: 'English', de: 'Deutsch', it: 'Italiano', pt: 'Português', es: 'Español', ja: '日本語', ko: '한국어', fr: 'Français', ru: 'Русский',
};

export function languageOptions(uiLanguage: string): Array<{ value: SampleLanguage; label: string }> {
  return SAMPLE_LANGUAGES.map((value) => {
    const own = OWN_NAMES[value];
    const name = languageName(uiLanguage, value);
    return { value, label: own === name ? own : i18n.t('common:languageOption', { own, name, lng: uiLanguage }) };
  });
}
