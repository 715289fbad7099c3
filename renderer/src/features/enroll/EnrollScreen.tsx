import { CloudOff, Library, Mic, ShieldCheck, Sparkles, X } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoiceRecord, VoiceStatus } from '../../../../shared/catalog';
import { isRealtimeModel, SAMPLE_LANGUAGES, TARGET_MODELS, type SampleLanguage } from '../../../../shared/models';
import { enrollModelTestId, TEST_IDS } from '../../../../shared/testids';
import { useApp } from '../../app-store';
import { ScreenHeader } from '../../components/ScreenHeader';
import { describeError } from '../../i18n';
import { languageLabel, modelLabel } from '../library/format';
import { useLibrary } from '../library/library-store';
import { useRowDetails } from '../library/use-row-details';
import { StatusBadge } from '../library/VoiceList';
import type { EnrollProgress } from '../../../../shared/ipc/routes/catalog';
import { rowIdOf } from '../../../../shared/library';
import { formatSeconds } from '../../format';
import { enrolledModels, formProblems, useEnroll } from './enroll-store';
import './enroll.css';

/** Clones still waiting to be sent (a send under way may already have created the voice). */
const CANCELLABLE: readonly VoiceStatus[] = ['queued', 'waiting-network'];

/** The sample's voices, one per model, shown as one person's voice while they are cloned. */
function VoiceGroup({ name, voices, jobs }: { name: string; voices: VoiceRecord[]; jobs: ReadonlyMap<string, EnrollProgress> }) {
  const { t, i18n } = useTranslation('enroll');
  const { go, openTry } = useApp();
  const library = useLibrary();
  return (
    <section className="card enroll-group" data-testid={TEST_IDS.enrollProgress}>
      <h2>{t('group.title', { name })}</h2>
      <p className="muted">{t('group.subtitle')}</p>
      {/* The queue's progress in one sentence, read out as it changes. */}
      <p className="enroll-group-progress" role="status">
        {t('group.progress', { ready: voices.filter((voice) => voice.status === 'ready').length, total: voices.length })}
      </p>
      <ul className="enroll-group-list">
        {voices.map((voice) => {
          const error = voice.error ?? jobs.get(voice.id)?.error ?? null;
          return (
            <li key={voice.id} data-testid={TEST_IDS.enrollProgressItem} data-model={voice.targetModel} data-status={voice.status}>
              <div className="enroll-group-model">
                <span className="enroll-group-label">{modelLabel(t, voice.targetModel)} <StatusBadge status={voice.status} /></span>
                <span className="muted mono enroll-small" title={voice.voice ?? undefined}>{voice.voice ?? voice.targetModel}</span>
                {error && voice.status !== 'ready' && <span className="enroll-error">{describeError(i18n.t, error)}</span>}
              </div>
              {CANCELLABLE.includes(voice.status) ? (
                // Not yet sent: nothing exists on the account, so taking it back is safe.
                <button type="button" className="button" data-testid={TEST_IDS.enrollCancel} onClick={() => void library.remove([voice.id], false)}>
                  <X size={16} aria-hidden /> {t('group.cancel')}
                </button>
              ) : (
                <button type="button" className="button" disabled={voice.status !== 'ready'} onClick={() => openTry(voice.id)}>
                  <Sparkles size={16} aria-hidden /> {t('group.try')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" className="button" onClick={() => {
        library.open(voices[0] ? rowIdOf(voices[0]) : null);
        go('library');
      }}>
        <Library size={16} aria-hidden /> {t('group.openLibrary')}
      </button>
    </section>
  );
}

export function EnrollScreen() {
  const { t, i18n } = useTranslation('enroll');
  const sampleId = useApp((state) => state.enrollSampleId);
  const defaultModel = useApp((state) => state.preferences.defaultTargetModel);
  const online = useApp((state) => state.online);
  const go = useApp((state) => state.go);
  const form = useEnroll();
  // The sample's clones are its Library row, kept current while this screen shows them.
  const row = useRowDetails(sampleId);

  useEffect(() => {
    if (sampleId) void useEnroll.getState().load(sampleId, defaultModel);
  }, [sampleId, defaultModel]);

  const voices = useMemo(() => row?.voices ?? [], [row]);
  const done = useMemo(() => enrolledModels(voices, sampleId), [voices, sampleId]);
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
  const duration = (sample.upload ?? sample.original)?.durationSeconds;
  // Only the converted WAV (or a public link) is sent; a sample still converting, or blocked by a check, has neither.
  const noAudio = !sample.upload && !sample.url;

  return (
    <>
      {header}
      <div className="enroll-layout">
        <form
          className="card enroll-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void form.submit();
          }}
        >
          <p className="muted enroll-sample">
            {t('sample', { name: sample.displayName || t('untitled'), duration: duration != null ? formatSeconds(i18n.language, duration) : '—' })}
          </p>

          <div className="field">
            <label htmlFor="enroll-name">{t('name.label')}</label>
            <input id="enroll-name" className="input" data-testid={TEST_IDS.enrollName} value={form.displayName} maxLength={200} autoComplete="off"
              placeholder={t('name.placeholder')} onChange={(event) => form.setDisplayName(event.target.value)} />
            <span className="field-hint">{t('name.hint')}</span>
          </div>

          <div className="field">
            <label htmlFor="enroll-preferred-name">{t('preferredName.label')}</label>
            <input id="enroll-preferred-name" className="input mono" data-testid={TEST_IDS.enrollPreferredName} value={form.preferredName} maxLength={16}
              autoComplete="off" spellCheck={false} aria-invalid={problems.includes('preferredName')} aria-describedby="enroll-preferred-name-hint"
              onChange={(event) => form.setPreferredName(event.target.value)} />
            <span id="enroll-preferred-name-hint" className={`field-hint${problems.includes('preferredName') ? ' enroll-error' : ''}`}>{t('preferredName.hint')}</span>
          </div>

          <fieldset className="enroll-models">
            <legend className="field-label">{t('models.label')}</legend>
            <p className="field-hint">{t('models.hint')}</p>
            {TARGET_MODELS.map((model) => {
              const already = done.has(model);
              return (
                <label key={model} className={`enroll-model${already ? ' is-done' : ''}`}>
                  <input type="checkbox" data-testid={enrollModelTestId(model)} checked={form.models.includes(model)} disabled={already}
                    onChange={() => form.toggleModel(model)} />
                  <span>
                    <span className="enroll-model-name">{modelLabel(t, model)} <span className="badge">{isRealtimeModel(model) ? 'WebSocket' : 'HTTP'}</span></span>
                    <span className="field-hint">{already ? t('models.already') : t(`models.explain.${model}`)}</span>
                  </span>
                </label>
              );
            })}
          </fieldset>

          <div className="field">
            <label htmlFor="enroll-language">{t('language.label')}</label>
            <select id="enroll-language" className="select" data-testid={TEST_IDS.enrollLanguage} value={form.language}
              onChange={(event) => form.setLanguage(event.target.value as SampleLanguage)}>
              {SAMPLE_LANGUAGES.map((code) => <option key={code} value={code}>{languageLabel(i18n.language, code)}</option>)}
            </select>
          </div>

          <div className="field">
            <label htmlFor="enroll-transcript">{t('transcript.label')}</label>
            <textarea id="enroll-transcript" className="textarea" data-testid={TEST_IDS.enrollTranscript} value={form.transcript} maxLength={5000}
              onChange={(event) => form.setTranscript(event.target.value)} />
            <span className="field-hint">{t('transcript.hint')}</span>
          </div>

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

          <div className="enroll-submit-row">
            <button type="submit" className="button primary" data-testid={TEST_IDS.enrollSubmit} disabled={problems.length > 0 || noAudio || form.submitting}>
              <Sparkles size={16} aria-hidden /> {t('submit', { count: form.models.length })}
            </button>
            {problems.length > 0 && <span className="muted enroll-small">{t(`missing.${problems[0]}`)}</span>}
          </div>
        </form>

        {row && voices.length > 0 && <VoiceGroup name={voices[0].displayName} voices={voices} jobs={row.jobs} />}
      </div>
    </>
  );
}
