import { Languages } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE, type SampleLanguage } from '../../../../../shared/models';
import { TEST_IDS } from '../../../../../shared/testids';
import { languageName } from '../../../format';
import { scriptMismatch } from '../../../text-language';

/**
 * One line under a transcript the user types: that one in the sample's language helps (when
 * `hint`), or, when the text is in another script than that language, that it does not fit: the
 * service rejects a sample whose transcript does not match the speech.
 */
export function TranscriptNote({ text, language, hint }: { text: string; language: SampleLanguage; hint: boolean }) {
  const { t, i18n } = useTranslation('record');
  const name = languageName(i18n.language, language);
  const script = scriptMismatch(text, LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE[language]);
  if (script) {
    return (
      <p className="callout warning transcript-note" role="status" data-testid={TEST_IDS.transcriptNote} data-kind="mismatch" data-script={script}>
        <Languages size={16} aria-hidden />
        <span>{t('transcriptNote.mismatch', { script: t(`transcriptNote.scripts.${script}`), language: name })}</span>
      </p>
    );
  }
  if (!hint) return null;
  return <p className="field-hint transcript-note" data-testid={TEST_IDS.transcriptNote} data-kind="helps">{t('transcriptNote.helps', { language: name })}</p>;
}
