import { CloudOff, KeyRound, Library, Mic, ShieldCheck, Sparkles } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TARGET_MODELS, type SampleLanguage } from '../../../../shared/models';
import { enrollModelTestId, TEST_IDS } from '../../../../shared/testids';
import { useApp } from '../../app-store';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatSeconds, sampleName } from '../../format';
import { describeError } from '../../i18n';
import { useRowDetails } from '../library/use-row-details';
import { CloneResult } from './CloneResult';
import { clonedModels, formProblems, useEnroll } from './enroll-store';
import { useHasKey } from './use-key-status';
import './enroll.css';
import { languageOptions } from '../../language-options';

/** Said before the form, not after Clone: without a key nothing can be cloned (a clone sent anyway goes out once one is saved). */
function MissingKey() {
  const { t } = useTranslation('enroll');
  const go = useApp((state) => state.go);
  return (
    <div className="callout warning enroll-missing-key" role="note" data-testid={TEST_IDS.enrollMissingKey}>
      <KeyRound size={18} aria-hidden />
      <div className="callout-body">
        <p className="callout-title">{t('key.title')}</p>
        <p>{t('key.body')}</p>
        <button type="button" className="button primary" data-testid={TEST_IDS.enrollOpenSettings} onClick={() => go('settings')}>
          <KeyRound size={16} aria-hidden /> {t('key.open')}
        </button>
      </div>
    </div>
  );
}

export function EnrollScreen() {
  const { t, i18n } = useTranslation('enroll');
  const sampleId = useApp((state) => state.enrollSampleId);
  const defaultModel = useApp((state) => state.preferences.defaultTargetModel);
  const region = useApp((state) => state.preferences.region);
  const online = useApp((state) => state.online);
  const go = useApp((state) => state.go);
  const form = useEnroll();
  // The sample's clones are its Library row, kept current while this screen shows them.
  const row = useRowDetails(sampleId);
  const hasKey = useHasKey(region);

  useEffect(() => {
    if (sampleId) void useEnroll.getState().load(sampleId, defaultModel);
  }, [sampleId, defaultModel]);

  const voices = useMemo(() => row?.voices ?? [], [row]);
  const cloned = useMemo(() => clonedModels(voices, sampleId), [voices, sampleId]);
  const problems = formProblems(form);

  const header = <ScreenHeader title={t('common:screens.enroll.title')} subtitle={t('common:screens.enroll.subtitle')} />;
  if (!sampleId || form.loadError) {
    return (
      <>
        {header}
        <div className="empty-state">
          <div>
            <p>{form.loadError ? describeError(i18n.t, form.loadError) : t('noSample')}</p>
            <div className="enroll-empty-actions">
              <button type="button" className="button primary" onClick={() => go('record')}><Mic size={16} aria-hidden /> {t('record')}</button>
              <button type="button" className="button" onClick={() => go('library')}><Library size={16} aria-hidden /> {t('library')}</button>
            </div>
          </div>
        </div>
      </>
    );
  }
  const sample = form.sample;
  if (!sample || form.sampleId !== sampleId) return header;
  if (form.run) {
    return (
      <>
        {header}
        <CloneResult run={form.run} row={row} name={form.displayName.trim() || sampleName(t, i18n.language, sample)} />
      </>
    );
  }
  const duration = (sample.upload ?? sample.original)?.durationSeconds;
  // Only the converted WAV (or a public link) is sent; a sample still converting, or blocked by a check, has neither.
  const noAudio = !sample.upload && !sample.url;
  const lastFailure = (model: string) => voices.find((voice) => voice.targetModel === model && voice.status === 'failed')?.error ?? null;

  return (
    <>
      {header}
      {hasKey === false && <MissingKey />}
      <form
        className="card enroll-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void form.submit();
        }}
      >
        <p className="muted enroll-sample">
          {t('sample', { name: sampleName(t, i18n.language, sample), duration: duration != null ? formatSeconds(i18n.language, duration) : '—' })}
        </p>

        <div className="field">
          <label htmlFor="enroll-name">{t('name.label')}</label>
          <input id="enroll-name" className="input" data-testid={TEST_IDS.enrollName} value={form.displayName} maxLength={200} autoComplete="off"
            placeholder={t('name.placeholder')} onChange={(event) => form.setDisplayName(event.target.value)} />
          <span className="field-hint">{t('name.hint')}</span>
        </div>

        <fieldset className="enroll-models">
          <legend className="field-label">{t('models.label')}</legend>
          <p className="field-hint">{t('models.hint')}</p>
          {TARGET_MODELS.map((model) => {
            const already = cloned.has(model);
            const failure = lastFailure(model);
            return (
              <label key={model} className={`enroll-model${already ? ' is-done' : ''}`}>
                <input type="checkbox" data-testid={enrollModelTestId(model)} checked={form.models.includes(model)} disabled={already}
                  onChange={() => form.toggleModel(model)} />
                <span>
                  <span className="enroll-model-name">{t(`models.purpose.${model}`)}</span>
                  <span className="field-hint">{t(`models.explain.${model}`)}</span>
                  <span className="muted mono enroll-small">{model}</span>
                  {already && <span className="badge success enroll-model-state">{t('models.already')}</span>}
                  {failure && <span className="enroll-error">{t('models.failed', { reason: describeError(i18n.t, failure) })}</span>}
                </span>
              </label>
            );
          })}
        </fieldset>

        <div className="field">
          <label htmlFor="enroll-language">{t('language.label')}</label>
          <select id="enroll-language" className="select" data-testid={TEST_IDS.enrollLanguage} value={form.language}
            onChange={(event) => form.setLanguage(event.target.value as SampleLanguage)}>
            {languageOptions(i18n.language).map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
          </select>
        </div>

        <div className="field">
          <label htmlFor="enroll-transcript">{t('transcript.label')}</label>
          <textarea id="enroll-transcript" className="textarea" data-testid={TEST_IDS.enrollTranscript} value={form.transcript} maxLength={5000}
            onChange={(event) => form.setTranscript(event.target.value)} />
          <span className="field-hint">{t('transcript.hint')}</span>
        </div>

        <details className="enroll-advanced" data-testid={TEST_IDS.enrollAdvanced} open={problems.includes('preferredName') && form.preferredNameEdited ? true : undefined}>
          <summary>{t('advanced')}</summary>
          <div className="field">
            <label htmlFor="enroll-preferred-name">{t('preferredName.label')}</label>
            <input id="enroll-preferred-name" className="input mono" data-testid={TEST_IDS.enrollPreferredName} value={form.preferredName} maxLength={16}
              autoComplete="off" spellCheck={false} aria-invalid={problems.includes('preferredName')} aria-describedby="enroll-preferred-name-hint"
              onChange={(event) => form.setPreferredName(event.target.value)} />
            <span id="enroll-preferred-name-hint" className={`field-hint${problems.includes('preferredName') ? ' enroll-error' : ''}`}>{t('preferredName.hint')}</span>
          </div>
        </details>

        <label className="enroll-consent">
          <input type="checkbox" data-testid={TEST_IDS.enrollConsent} checked={form.consent} required onChange={(event) => form.setConsent(event.target.checked)} />
          <span>
            <span><ShieldCheck size={16} aria-hidden /> {t('consent.label')}</span>
            <span className="field-hint">{t('consent.hint')}</span>
          </span>
        </label>

        {noAudio && <p className="callout warning" role="alert">{t('noAudio')}</p>}

        {!online && (
          <p className="callout warning enroll-note" role="status"><CloudOff size={16} aria-hidden /> {t('offline')}</p>
        )}

        <div className="sticky-actions">
          <button type="submit" className="button primary big" data-testid={TEST_IDS.enrollSubmit} disabled={problems.length > 0 || noAudio || form.submitting}>
            <Sparkles size={18} aria-hidden /> {t('submit', { count: form.models.length })}
          </button>
          {problems.length > 0 && <span className="muted enroll-small">{t(`missing.${problems[0]}`)}</span>}
        </div>
      </form>
    </>
  );
}
