import { FileAudio, Link2, Upload } from 'lucide-react';
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SampleLanguage } from '../../../../../shared/models';
import { TEST_IDS } from '../../../../../shared/testids';
import { useRecord } from '../record-store';
import { useSampleLanguage } from '../sample-language';
import { TranscriptNote } from './TranscriptNote';
import { languageOptions } from '../../../language-options';

const ACCEPT = 'audio/*,.wav,.mp3,.m4a,.aac,.mp4,.webm,.ogg,.opus,.flac';

/** Drag and drop or pick a file, or give a public https link. */
export function ImportPanel() {
  const { t, i18n } = useTranslation('record');
  const language = useSampleLanguage();
  const setPrefs = useRecord((state) => state.setPrefs);
  const importFile = useRecord((state) => state.importFile);
  const importUrl = useRecord((state) => state.importUrl);
  const busy = useRecord((state) => state.busy);
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [url, setUrl] = useState('');
  const [transcript, setTranscript] = useState('');

  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file) void importFile(file, language, transcript.trim());
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (busy === null) take(event.dataTransfer.files);
  };
  const onSubmitUrl = async (event: FormEvent) => {
    event.preventDefault();
    if (await importUrl(url, language, transcript.trim())) setUrl('');
  };

  return (
    <div className="import-grid">
      <section
        className={`card drop-zone${dragging ? ' dragging' : ''}`}
        data-testid={TEST_IDS.importDrop}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        aria-busy={busy === 'importing' || busy === 'loading'}
      >
        <span className="drop-icon" aria-hidden>
          {dragging ? <FileAudio size={30} /> : <Upload size={30} />}
        </span>
        <h2>{dragging ? t('import.dropActive') : t('import.drop')}</h2>
        <span className="muted">{t('import.or')}</span>
        <button type="button" className="button primary" disabled={busy !== null} onClick={() => input.current?.click()}>
          {t('import.choose')}
        </button>
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          hidden
          data-testid={TEST_IDS.importFile}
          onChange={(event) => {
            take(event.target.files);
            event.target.value = '';
          }}
        />
        <p className="muted drop-formats">{busy === 'importing' || busy === 'loading' ? t('import.importing') : t('import.formats')}</p>
      </section>

      <section className="card import-side">
        <div className="field">
          <label htmlFor="import-language">{t('import.language')}</label>
          <select id="import-language" className="select" value={language} onChange={(event) => setPrefs({ language: event.target.value as SampleLanguage })}>
            {languageOptions(i18n.language).map((option) => (
              <option key={option.value} value={option.value}>{option.label}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="import-transcript">{t('import.transcript')}</label>
          <textarea
            id="import-transcript"
            className="textarea"
            lang={language}
            value={transcript}
            placeholder={t('import.transcriptPlaceholder')}
            onChange={(event) => setTranscript(event.target.value)}
          />
          <TranscriptNote text={transcript} language={language} hint />
        </div>
        <form className="url-form" noValidate onSubmit={(event) => void onSubmitUrl(event)}>
          <h3>
            <Link2 size={16} aria-hidden /> {t('import.urlTitle')}
          </h3>
          <label className="visually-hidden" htmlFor="import-url">{t('import.urlLabel')}</label>
          <div className="url-row">
            <input
              id="import-url"
              className="input"
              type="url"
              inputMode="url"
              data-testid={TEST_IDS.importUrl}
              placeholder={t('import.urlPlaceholder')}
              value={url}
              onChange={(event) => setUrl(event.target.value)}
            />
            <button type="submit" className="button" data-testid={TEST_IDS.importUrlSubmit} disabled={busy !== null || url.trim() === ''}>
              {t('import.urlUse')}
            </button>
          </div>
          <p className="field-hint">{t('import.urlHint')}</p>
        </form>
      </section>
    </div>
  );
}
