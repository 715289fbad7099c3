import { BookOpenText, Clock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../../../shared/testids';
import type { SampleLanguage } from '../../../../../shared/models';
import { useRecord } from '../record-store';
import { CUSTOM_SCRIPT, readingSeconds, scriptsFor } from '../reading-scripts';
import { useSampleLanguage, useTranscript } from '../sample-language';
import { TranscriptNote } from './TranscriptNote';
import { languageOptions } from '../../../language-options';

/** The text to read aloud: language, script choice (or the user's own words), and the text itself, large. */
export function ScriptCard({ disabled }: { disabled: boolean }) {
  const { t, i18n } = useTranslation('record');
  const language = useSampleLanguage();
  const { scriptId, text } = useTranscript();
  const customText = useRecord((state) => state.customText);
  const setPrefs = useRecord((state) => state.setPrefs);
  const scripts = scriptsFor(language);
  const custom = scriptId === CUSTOM_SCRIPT;
  const seconds = readingSeconds(text, language);

  return (
    <section className="card script-card" aria-labelledby="script-title">
      <header className="script-card-header">
        <h2 id="script-title">
          <BookOpenText size={18} aria-hidden /> {t('script.title')}
        </h2>
        <div className="script-pickers">
          <label className="visually-hidden" htmlFor="record-language">{t('script.language')}</label>
          <select
            id="record-language"
            className="select"
            data-testid={TEST_IDS.recordLanguage}
            value={language}
            disabled={disabled}
            onChange={(event) => setPrefs({ language: event.target.value as SampleLanguage, scriptId: null })}
          >
            {languageOptions(i18n.language).map((option) => (
              <option key={option.value} value={option.value}>{option.label}</option>
            ))}
          </select>
          <label className="visually-hidden" htmlFor="record-script">{t('script.choose')}</label>
          <select
            id="record-script"
            className="select"
            data-testid={TEST_IDS.recordScript}
            value={scriptId}
            disabled={disabled}
            onChange={(event) => setPrefs({ scriptId: event.target.value })}
          >
            {scripts.map((script) => (
              <option key={script.id} value={script.id}>{script.title}</option>
            ))}
            <option value={CUSTOM_SCRIPT}>{t('script.custom')}</option>
          </select>
        </div>
      </header>
      {custom ? (
        <>
          <textarea
            className="textarea script-custom"
            data-testid={TEST_IDS.recordScriptText}
            lang={language}
            value={customText}
            disabled={disabled}
            placeholder={t('script.customPlaceholder')}
            aria-label={t('script.custom')}
            onChange={(event) => setPrefs({ customText: event.target.value })}
          />
          <TranscriptNote text={customText} language={language} hint />
        </>
      ) : (
        <p className="script-text" lang={language} data-testid={TEST_IDS.recordScriptText}>{text}</p>
      )}
      <footer className="script-card-footer muted">
        <span>{t('script.hint')}</span>
        {seconds > 0 && (
          <span className="script-time">
            <Clock size={14} aria-hidden /> {t('script.readingTime', { seconds })}
          </span>
        )}
      </footer>
    </section>
  );
}
