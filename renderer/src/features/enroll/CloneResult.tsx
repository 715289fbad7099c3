import { ArrowLeft, CircleAlert, CircleCheck, CloudOff, KeyRound, Library, LoaderCircle, Sparkles, TriangleAlert, X } from 'lucide-react';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isPendingStatus, type VoiceRecord, type VoiceStatus } from '../../../../shared/catalog';
import { TARGET_MODELS } from '../../../../shared/models';
import { TEST_IDS } from '../../../../shared/testids';
import { useApp } from '../../app-store';
import { describeError } from '../../i18n';
import { useLibrary } from '../library/library-store';
import type { RowDetails } from '../library/use-row-details';
import type { EnrollProgress } from '../../../../shared/ipc/routes/catalog';
import { rowIdOf } from '../../../../shared/library';
import { clonedModels, useEnroll, type CloneRun } from './enroll-store';
import { audioAdvice, explainFallback } from './service-advice';
import { useNow } from './use-key-status';

/** Clones still waiting to be sent (a send under way may already have created the voice). */
const CANCELLABLE: readonly VoiceStatus[] = ['queued', 'waiting-network'];
/** Failures a working key fixes; the outbox re-sends them by itself once one is saved. */
const KEY_ERRORS = new Set(['dashscope.missing_api_key', 'dashscope.invalid_key']);
const QUOTA_ERROR = 'dashscope.voice_quota_reached';

/** "0:07", "1:02": minutes and seconds, as a stopwatch reads. */
function clock(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What follows Clone: each model's progress with the time it has taken, then the voice ready to try, or what went wrong and the fix. */
export function CloneResult({ run, row, name }: { run: CloneRun; row: RowDetails | null; name: string }) {
  const { t, i18n } = useTranslation('enroll');
  const allVoices = useMemo(() => new Map((row?.voices ?? []).map((voice) => [voice.id, voice])), [row]);
  const jobs = row?.jobs ?? new Map<string, EnrollProgress>();
  const library = useLibrary();
  const { go, openTry } = useApp();
  const showForm = useEnroll((state) => state.showForm);
  const sampleId = useEnroll((state) => state.sampleId);

  const voices = useMemo(() => run.voiceIds.map((id) => allVoices.get(id)).filter((voice): voice is VoiceRecord => voice !== undefined), [run, allVoices]);
  const pending = voices.some((voice) => isPendingStatus(voice.status));
  const now = useNow(pending);
  const ready = voices.filter((voice) => voice.status === 'ready');
  const failed = voices.filter((voice) => voice.status === 'failed');
  const degraded = ready.filter((voice) => voice.fallbackReason !== null);
  const keyProblem = failed.some((voice) => voice.error && KEY_ERRORS.has(voice.error.code));
  const quotaProblem = !keyProblem && failed.some((voice) => voice.error?.code === QUOTA_ERROR);
  const fallbackReasons = [...new Set(degraded.map((voice) => voice.fallbackReason ?? ''))];
  // The sample's own problem, when the service refused it for its audio: one piece of advice per kind.
  const sampleAdvice = [...new Set(failed.flatMap((voice) => (voice.error ? [audioAdvice(i18n.t, voice.error)] : [])).filter((text) => text !== null))];
  const waitingNetwork = voices.some((voice) => voice.status === 'waiting-network');
  const modelsLeft = TARGET_MODELS.length - clonedModels(allVoices.values(), sampleId).size;

  // Every clone of this run taken back (after the mirror had shown them): nothing to follow, the form is next.
  const seen = useRef(false);
  useEffect(() => {
    if (voices.length > 0) seen.current = true;
    else if (seen.current) showForm();
  }, [voices.length, showForm]);

  const state = pending ? 'pending' : ready.length === 0 ? 'failed' : 'ready';
  const tryVoice = ready[0];
  const Icon = state === 'pending' ? LoaderCircle : state === 'ready' ? CircleCheck : CircleAlert;

  return (
    <section className={`card clone-result is-${state}`} data-testid={TEST_IDS.enrollProgress} data-state={state} aria-labelledby="clone-result-title">
      <div className="clone-result-head">
        <Icon size={32} aria-hidden className={state === 'pending' ? 'spin' : undefined} />
        <div>
          <h2 id="clone-result-title">{t(`result.title.${state}`, { name })}</h2>
          <p className="muted">{t(`result.subtitle.${state}`)}</p>
        </div>
      </div>
      {/* The queue's progress in one sentence, read out as it changes. */}
      <p className="clone-result-progress" role="status">{t('group.progress', { ready: ready.length, total: voices.length })}</p>

      <ul className="clone-result-list">
        {voices.map((voice) => {
          const error = voice.error ?? jobs.get(voice.id)?.error ?? null;
          const elapsed = (isPendingStatus(voice.status) ? now : voice.updatedAt) - Math.max(run.startedAt, voice.createdAt);
          return (
            <li key={voice.id} data-testid={TEST_IDS.enrollProgressItem} data-model={voice.targetModel} data-status={voice.status}>
              <div className="clone-result-model">
                <span className="clone-result-label">{t(`models.purpose.${voice.targetModel}`)}</span>
                <span className="muted mono enroll-small" title={voice.voice ?? voice.targetModel}>{voice.voice ?? voice.targetModel}</span>
                {error && voice.status !== 'ready' && <span className="enroll-error">{describeError(i18n.t, error)}</span>}
              </div>
              <span className={`clone-result-status is-${voice.status}`}>
                {voice.status === 'waiting-network' && <CloudOff size={14} aria-hidden />}
                {t(`result.status.${voice.status}`)}
                <span className="mono clone-result-time" data-testid={TEST_IDS.enrollElapsed}>{clock(elapsed)}</span>
              </span>
              {CANCELLABLE.includes(voice.status) && (
                // Not yet sent: nothing exists on the account, so taking it back is safe.
                <button type="button" className="button" data-testid={TEST_IDS.enrollCancel} onClick={() => void library.remove([voice.id], false)}>
                  <X size={16} aria-hidden /> {t('group.cancel')}
                </button>
              )}
            </li>
          );
        })}
      </ul>

      {waitingNetwork && <p className="callout warning enroll-note" role="note"><CloudOff size={16} aria-hidden /> {t('offline')}</p>}
      {degraded.length > 0 && (
        <div className="callout warning" role="note" data-testid={TEST_IDS.enrollDegraded}>
          <TriangleAlert size={18} aria-hidden />
          <div className="callout-body">
            <p className="callout-title">{t('result.degraded.title')}</p>
            {fallbackReasons.map((reason) => <p key={reason} data-testid={TEST_IDS.enrollDegradedReason} data-reason={reason}>{explainFallback(i18n.t, reason)}</p>)}
          </div>
        </div>
      )}
      {failed.length > 0 && !pending && (
        <div className="callout danger" role="alert">
          {keyProblem ? <KeyRound size={18} aria-hidden /> : <CircleAlert size={18} aria-hidden />}
          <div className="callout-body">
            <p className="callout-title">{t(keyProblem ? 'result.fix.keyTitle' : 'result.fix.title')}</p>
            {keyProblem || quotaProblem || sampleAdvice.length === 0
              ? <p>{t(keyProblem ? 'result.fix.key' : quotaProblem ? 'result.fix.quota' : 'result.fix.other')}</p>
              : sampleAdvice.map((advice) => <p key={advice} data-testid={TEST_IDS.enrollSampleAdvice}>{advice}</p>)}
          </div>
        </div>
      )}

      <div className="clone-result-actions">
        {tryVoice && (
          <button type="button" className="button primary big" data-testid={TEST_IDS.enrollTryIt} onClick={() => openTry(tryVoice.id)}>
            <Sparkles size={18} aria-hidden /> {t('result.tryIt')}
          </button>
        )}
        {failed.length > 0 && !pending && quotaProblem && (
          <button type="button" className="button primary" data-testid={TEST_IDS.enrollShowVoicesToDelete} onClick={() => {
            // The voices to delete first: those Timbre has not used for the longest.
            library.setSort('used-asc');
            library.open(null);
            go('library');
          }}>
            <Library size={16} aria-hidden /> {t('result.fix.showVoices')}
          </button>
        )}
        {failed.length > 0 && !pending && !quotaProblem && (keyProblem ? (
          <button type="button" className={tryVoice ? 'button' : 'button primary'} data-testid={TEST_IDS.enrollOpenSettings} onClick={() => go('settings')}>
            <KeyRound size={16} aria-hidden /> {t('key.open')}
          </button>
        ) : (
          <button type="button" className={tryVoice ? 'button' : 'button primary'} onClick={showForm}>
            <ArrowLeft size={16} aria-hidden /> {t('result.change')}
          </button>
        ))}
        <button type="button" className="button" onClick={() => {
          library.open(voices[0] ? rowIdOf(voices[0]) : null);
          go('library');
        }}>
          <Library size={16} aria-hidden /> {t('group.openLibrary')}
        </button>
        {!pending && failed.length === 0 && modelsLeft > 0 && (
          <button type="button" className="button" data-testid={TEST_IDS.enrollAnother} onClick={showForm}>
            {t('result.another')}
          </button>
        )}
      </div>
    </section>
  );
}
