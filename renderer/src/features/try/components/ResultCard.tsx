import { AlertTriangle, Bookmark, CheckCircle2, Loader2, Square, Volume2, WifiOff } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../../../shared/testids';
import { timbre } from '../../../api';
import { useApp } from '../../../app-store';
import { describeError } from '../../../i18n';
import { formatNumber, formatSeconds } from '../../../format';
import { isNetworkError, selectedVoice, useTry, type ActiveRun } from '../try-store';
import { useAudioUrl } from '../use-audio-url';

const readEntryAudio = (entryId: string) => timbre().synth.readAudio({ entryId });
/** Key: `<sample id>/<upload|original>`. */
const readSampleAudio = (key: string) => {
  const [id, which] = key.split('/') as [string, 'upload' | 'original'];
  return timbre().samples.readAudio({ id, which });
};

function RunStatus() {
  const { t, i18n } = useTranslation('try');
  const run = useTry((state) => state.run);
  const outcome = useTry((state) => state.outcome);
  const keepDraft = useTry((state) => state.keepDraft);
  const online = useApp((state) => state.online);
  const customAddress = useApp((state) => state.preferences.region === 'custom');
  const seconds = (value: number) => formatSeconds(i18n.language, value);
  const state = run ? (run.chunks > 0 ? 'playing' : 'connecting') : (outcome?.kind ?? 'idle');
  const firstAudioMs = run ? run.firstAudioMs : outcome?.kind === 'done' ? outcome.entry.firstAudioMs : null;
  // Offline, the screen's one offline notice says it all: no second copy of it here.
  const failure = outcome?.kind === 'failed' && !(isNetworkError(outcome.error) && !online) ? outcome.error : null;

  let message: React.ReactNode;
  if (run) {
    message = run.chunks > 0
      ? <><Volume2 size={16} aria-hidden /> {t('status.playing', { seconds: seconds(run.receivedSeconds) })}</>
      : <><Loader2 size={16} aria-hidden className="spin" /> {t('status.connecting')}</>;
  } else if (outcome?.kind === 'done') {
    message = <><CheckCircle2 size={16} aria-hidden /> {t('status.done', { duration: seconds(outcome.entry.audio.durationSeconds ?? 0) })}</>;
  } else if (outcome?.kind === 'cancelled') {
    message = <><Square size={16} aria-hidden /> {outcome.partialSeconds > 0 ? t('status.cancelledPartial', { seconds: seconds(outcome.partialSeconds) }) : t('status.cancelled')}</>;
  } else if (outcome?.kind === 'failed' && !failure) {
    message = <><WifiOff size={16} aria-hidden /> {t('status.offline')}</>;
  } else if (outcome?.kind !== 'failed') {
    message = t('status.idle');
  }

  return (
    <div className="try-status" data-testid={TEST_IDS.tryStatus} data-state={state} data-chunks={run?.chunks ?? outcome?.chunks ?? 0} role="status">
      {message && <p className="try-status-message">{message}</p>}
      {failure && (
        <div className="callout danger" role="alert" data-testid={TEST_IDS.tryError} data-code={failure.code}>
          <AlertTriangle size={18} aria-hidden />
          <div className="callout-body">
            <p>{describeError(t, failure)}</p>
            {/* Only a custom address can be the cause of a refused connection. */}
            {failure.code === 'network.refused' && customAddress && <p>{t('status.checkAddress')}</p>}
            {outcome?.kind === 'failed' && outcome.partialSeconds > 0 && <p className="muted">{t('status.partialDiscarded', { seconds: seconds(outcome.partialSeconds) })}</p>}
            {isNetworkError(failure) && (
              <div className="try-error-offer">
                <span className="muted">{t('offline.errorHint')}</span>
                <button type="button" className="button" onClick={keepDraft}>
                  <Bookmark size={16} aria-hidden /> {t('form.keep')}
                </button>
              </div>
            )}
          </div>
        </div>
      )}
      {/* Diagnostics, in small print: the result is what matters. */}
      <p className="try-diagnostics" data-testid={TEST_IDS.tryFirstAudio} data-ms={firstAudioMs ?? ''}>
        {firstAudioMs === null ? '' : t('status.firstAudioAfter', { value: formatSeconds(i18n.language, firstAudioMs / 1000, 2) })}
      </p>
    </div>
  );
}

/** The run in progress: its text part by part, the part being spoken highlighted, and how far it is. */
function RunProgress({ run }: { run: ActiveRun }) {
  const { t, i18n } = useTranslation('try');
  const number = (value: number) => formatNumber(i18n.language, value);
  // Until main names the parts, the whole text stands as one.
  const parts = run.parts.length > 0 ? Array.from({ length: run.partCount }, (_, index) => run.parts[index] ?? null) : [run.text];
  return (
    <div className="try-run" data-testid={TEST_IDS.tryRunProgress} data-part={run.part + 1} data-parts={run.partCount}>
      <p className="try-run-count">{t('run.part', { part: number(run.part + 1), parts: number(run.partCount) })}</p>
      <p className="try-quote try-run-text">
        {parts.map((part, index) => (
          <span key={index} className={index < run.part ? 'is-done' : index === run.part ? 'is-playing' : 'is-next'} aria-current={index === run.part ? 'true' : undefined}>
            {part ?? '…'}{' '}
          </span>
        ))}
      </p>
    </div>
  );
}

const words = (text: string) => text.replace(/\s+/gu, ' ').trim();

/** An Omni result: the text it was asked to read, and what it said, which an assistant may word differently. */
function SpokenText({ text, spoken }: { text: string; spoken: string }) {
  const { t } = useTranslation('try');
  const verbatim = words(spoken) === words(text);
  return (
    <>
      {!verbatim && (
        <div className="try-said">
          <p className="try-said-label">{t('compare.asked')}</p>
          <p className="try-quote">{text}</p>
        </div>
      )}
      <div className="try-said" data-testid={TEST_IDS.trySpokenText} data-verbatim={verbatim}>
        <p className="try-said-label">{t('compare.spoken')}</p>
        <p className="try-quote">{spoken === '' ? t('compare.spokenNothing') : spoken}</p>
        {!verbatim && <p className="field-hint">{t('compare.notVerbatim')}</p>}
      </div>
    </>
  );
}

function ClonePlayer() {
  const { t } = useTranslation('try');
  const selectedEntryId = useTry((state) => state.selectedEntryId);
  const entry = useTry((state) => state.history.find((item) => item.id === state.selectedEntryId));
  const playRequest = useTry((state) => state.playRequest);
  const stopStreaming = useTry((state) => state.stopStreaming);
  const clearPlayRequest = useTry((state) => state.clearPlayRequest);
  const run = useTry((state) => state.run);
  const { url, error } = useAudioUrl(selectedEntryId, readEntryAudio);
  const audio = useRef<HTMLAudioElement>(null);

  useEffect(() => {
    if (!url || playRequest === null || playRequest !== selectedEntryId) return;
    clearPlayRequest();
    void audio.current?.play().catch(() => {});
  }, [url, playRequest, selectedEntryId, clearPlayRequest]);

  return (
    <div className="try-compare-side">
      <h3>{t('compare.clone')}</h3>
      {run ? <RunProgress run={run} /> : entry ? (
        <>
          <audio ref={audio} controls src={url ?? undefined} data-testid={TEST_IDS.tryAudio} data-entry-id={entry.id} onPlay={stopStreaming} />
          {error && <p className="callout warning try-warning">{describeError(t, error)}</p>}
          {entry.spokenText === undefined ? <p className="try-quote">{entry.text}</p> : <SpokenText text={entry.text} spoken={entry.spokenText} />}
        </>
      ) : (
        <p className="muted">{t('compare.noResult')}</p>
      )}
    </div>
  );
}

function SamplePlayer() {
  const { t } = useTranslation('try');
  const voice = useTry((state) => selectedVoice(state));
  const key = voice?.sampleAudio && voice.voice.sampleId ? `${voice.voice.sampleId}/${voice.sampleAudio}` : null;
  const { url, error } = useAudioUrl(key, readSampleAudio);
  return (
    <div className="try-compare-side">
      <h3>{t('compare.sample')}</h3>
      {key ? (
        <>
          <audio controls src={url ?? undefined} data-testid={TEST_IDS.trySampleAudio} />
          {error && <p className="callout warning try-warning">{describeError(t, error)}</p>}
          {voice?.voice.transcript && <p className="try-quote">{voice.voice.transcript}</p>}
        </>
      ) : (
        <p className="muted">{t('compare.noSample')}</p>
      )}
    </div>
  );
}

/** What the last run did, and the selected result next to the sample the voice was cloned from. */
export function ResultCard() {
  const { t } = useTranslation('try');
  return (
    <section className="card try-result" aria-label={t('compare.title')}>
      <RunStatus />
      <div className="try-compare">
        <SamplePlayer />
        <ClonePlayer />
      </div>
    </section>
  );
}
