import { AudioWaveform, CheckCircle2, HardDrive, Link2, Loader2, Mic, Pause, Play, Redo2, Scissors, Trash2, Undo2, Upload } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasBlocker } from '../../../../../shared/audio/checks';
import type { SampleLanguage } from '../../../../../shared/models';
import { TEST_IDS } from '../../../../../shared/testids';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { IconButton } from '../../../components/IconButton';
import { describeError } from '../../../i18n';
import { rangeOf, type Trim } from '../audio-pipeline';
import { formatBytes, formatDate, formatSeconds, sampleName } from '../../../format';
import { useRecord, type Take } from '../record-store';
import { usePlayback } from '../usePlayback';
import { ChecksList } from './ChecksList';
import { TranscriptNote } from './TranscriptNote';
import { FixesPanel } from './FixesPanel';
import { VerdictLine } from './VerdictLine';
import { Waveform } from './Waveform';

/** Review of a saved take: what was stored, waveform with playback and trim, checks, conversion, and the way on. */
export function TakePreview({ take }: { take: Take }) {
  const { t, i18n } = useTranslation('record');
  const { sample, decoded } = take;
  const language = i18n.language;
  const closeTake = useRecord((state) => state.closeTake);
  const discardTake = useRecord((state) => state.discardTake);
  const clone = useRecord((state) => state.clone);
  const setTrim = useRecord((state) => state.setTrim);
  const blocked = hasBlocker(take.checks);
  // Decoded but not yet heard by the speech detector: the preview works, the verdict is on its way.
  const analysing = decoded !== null && take.analysis === null;
  const source = sample.source === 'recording' ? 'recorded' : sample.source === 'url' ? 'linked' : 'imported';

  const [confirmingDiscard, setConfirmingDiscard] = useState(false);

  return (
    <div className="take">
      <section className="card take-main">
        <header className="take-header">
          <div>
            <h2>
              {sample.url ? <Link2 size={18} aria-hidden /> : <AudioWaveform size={18} aria-hidden />}{' '}
              {sampleName(t, language, sample)}
            </h2>
            <p className="muted">{t(`take.${source}`, { date: formatDate(language, sample.createdAt) })}</p>
          </div>
          {sample.original && (
            <div className="saved-facts">
              <span className="badge success">
                <HardDrive size={12} aria-hidden /> {t('take.saved')}
              </span>
              {decoded && (
                <span className="fact mono" data-testid={TEST_IDS.sampleDuration} data-seconds={decoded.buffer.duration.toFixed(2)}>
                  {formatSeconds(language, decoded.buffer.duration)}
                </span>
              )}
              <span className="fact mono" data-testid={TEST_IDS.sampleSize} data-bytes={sample.original.bytes}>
                {formatBytes(t, language, sample.original.bytes)}
              </span>
            </div>
          )}
        </header>

        {decoded ? <Editor take={take} buffer={decoded.buffer} /> : <p className="callout info">{t('take.linkNote')}</p>}
        {sample.url && <p className="mono take-url">{sample.url}</p>}

        <TranscriptField key={sample.id} initial={sample.transcript} language={sample.language} />

        <footer className="take-actions">
          <div className="take-actions-left">
            <button type="button" className="button" data-testid={TEST_IDS.sampleRerecord} onClick={closeTake}>
              {sample.source === 'recording' ? <Mic size={16} aria-hidden /> : <Upload size={16} aria-hidden />}
              {sample.source === 'recording' ? t('take.rerecord') : t('take.importAnother')}
            </button>
            <button type="button" className="button danger" data-testid={TEST_IDS.sampleDiscard} onClick={() => setConfirmingDiscard(true)}>
              <Trash2 size={16} aria-hidden /> {t('take.discard')}
            </button>
          </div>
          <div className="take-actions-right">
            {blocked && <span className="muted">{t('take.cloneBlocked')}</span>}
            <button
              type="button"
              className="button primary big"
              data-testid={TEST_IDS.sampleClone}
              disabled={analysing || blocked || take.conversion === 'failed'}
              onClick={() => void clone()}
            >
              <CheckCircle2 size={18} aria-hidden /> {t('take.clone')}
            </button>
          </div>
        </footer>
      </section>

      {confirmingDiscard && (
        <ConfirmDialog
          request={{ title: t('take.discardTitle'), body: t('take.discardConfirm'), confirmLabel: t('take.discard'), onConfirm: () => void discardTake() }}
          onClose={() => setConfirmingDiscard(false)}
        />
      )}
      {decoded && (
        <aside className="card take-checks" aria-labelledby="checks-title">
          <h2 id="checks-title" className="visually-hidden">{t('take.checks')}</h2>
          {analysing ? (
            <p className="callout info analysing" role="status" data-testid={TEST_IDS.sampleAnalysing}>
              <Loader2 size={16} aria-hidden className="spin" /> {t('take.analysing')}
            </p>
          ) : (
            <>
              <VerdictLine checks={take.checks} />
              <FixesPanel take={take} />
              <ChecksList checks={take.checks} withoutFixes={take.checksWithoutFixes} fixes={take.fixes} imported={sample.source !== 'recording'} onTrim={setTrim} />
              <ConversionStatus take={take} />
            </>
          )}
        </aside>
      )}
    </div>
  );
}

function Editor({ take, buffer }: { take: Take; buffer: AudioBuffer }) {
  const { t, i18n } = useTranslation('record');
  const setTrim = useRecord((state) => state.setTrim);
  const undoTrim = useRecord((state) => state.undoTrim);
  const redoTrim = useRecord((state) => state.redoTrim);
  const range = rangeOf(buffer, take.trim);
  const { playing, position, play, stop, seek } = usePlayback(buffer, range);
  const duration = buffer.duration;
  const round = (value: number) => Math.round(value * 100) / 100;
  const seconds = (value: number) => formatSeconds(i18n.language, value);

  const applyTrim = (next: Trim) => {
    const start = Math.max(0, Math.min(next.start, duration - 0.5));
    const end = Math.min(duration, Math.max(next.end, start + 0.5));
    setTrim(start <= 0.005 && end >= duration - 0.005 ? null : { start: round(start), end: round(end) });
  };

  // Ctrl/⌘+Z and Ctrl/⌘+Shift+Z (or Ctrl+Y) undo and redo trims, except while typing, where the
  // field keeps its own undo.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undoTrim();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redoTrim();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undoTrim, redoTrim]);

  const edit = take.lastEdit;
  const editSaid = edit && t(`take.edit.${edit.kind}`, {
    range: edit.trim ? t('take.edit.range', { start: seconds(edit.trim.start), end: seconds(edit.trim.end) }) : t('take.edit.everything'),
  });

  return (
    <div className="editor">
      <Waveform buffer={buffer} trim={range} playhead={position} onTrim={applyTrim} onSeek={seek} />
      <p className="waveform-hint muted">{t('take.waveformHint')}</p>
      <div className="editor-bar">
        <button
          type="button"
          className="button play-button"
          data-testid={TEST_IDS.samplePlay}
          data-playing={playing ? 'true' : 'false'}
          onClick={() => (playing ? stop() : play())}
        >
          {playing ? <Pause size={16} aria-hidden /> : <Play size={16} aria-hidden />}
          {playing ? t('take.pause') : t('take.play')}
        </button>
        <span className="mono muted">{t('take.selection', { duration: seconds(range.end - range.start) })}</span>
        <span className="edit-history">
          <IconButton label={t('take.undo')} onClick={undoTrim} disabled={take.trimHistory.past.length === 0} data-testid={TEST_IDS.sampleUndo}>
            <Undo2 size={16} aria-hidden />
          </IconButton>
          <IconButton label={t('take.redo')} onClick={redoTrim} disabled={take.trimHistory.future.length === 0} data-testid={TEST_IDS.sampleRedo}>
            <Redo2 size={16} aria-hidden />
          </IconButton>
        </span>
        <div className="trim-fields">
          <Scissors size={16} aria-hidden className="muted" />
          <label className="trim-field">
            <span>{t('take.trimStart')}</span>
            <TrimInput testId={TEST_IDS.sampleTrimStart} value={range.start} onCommit={(start) => applyTrim({ start, end: range.end })} />
          </label>
          <label className="trim-field">
            <span>{t('take.trimEnd')}</span>
            <TrimInput testId={TEST_IDS.sampleTrimEnd} value={range.end} onCommit={(end) => applyTrim({ start: range.start, end })} />
          </label>
          {take.trim && (
            <button type="button" className="button" onClick={() => setTrim(null)}>{t('take.trimReset')}</button>
          )}
        </div>
      </div>
      <p className="edit-status muted" role="status" data-testid={TEST_IDS.sampleEditStatus}>{editSaid}</p>
    </div>
  );
}

/** A seconds field that commits on Enter or blur, so typing "1" on the way to "12" does not re-run everything. */
function TrimInput({ value, onCommit, testId }: { value: number; onCommit(value: number): void; testId: string }) {
  const shown = value.toFixed(2);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const parsed = Number(draft.replace(',', '.'));
    setDraft(null);
    if (Number.isFinite(parsed) && parsed.toFixed(2) !== shown) onCommit(parsed);
  };
  return (
    <input
      className="input mono"
      inputMode="decimal"
      data-testid={testId}
      value={draft ?? shown}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
}

function TranscriptField({ initial, language }: { initial: string; language: SampleLanguage }) {
  const { t } = useTranslation('record');
  const updateTranscript = useRecord((state) => state.updateTranscript);
  const [text, setText] = useState(initial);
  return (
    <div className="field transcript-field">
      <label htmlFor="sample-transcript">{t('take.transcript')}</label>
      <textarea
        id="sample-transcript"
        className="textarea"
        lang={language}
        data-testid={TEST_IDS.sampleTranscript}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => void updateTranscript(text.trim())}
      />
      {/* Empty (an import without one): instead of the general hint, what one in the sample's language does. */}
      {text.trim() === '' ? (
        <TranscriptNote text={text} language={language} hint />
      ) : (
        <>
          <span className="field-hint">{t('take.transcriptHint')}</span>
          <TranscriptNote text={text} language={language} hint={false} />
        </>
      )}
    </div>
  );
}

function ConversionStatus({ take }: { take: Take }) {
  const { t, i18n } = useTranslation('record');
  const upload = take.sample.upload;
  const state = take.conversion;
  return (
    <div className={`conversion ${state}`} data-testid={TEST_IDS.sampleConversion} data-state={state} role="status">
      {state === 'converting' && <Loader2 size={16} className="spin" aria-hidden />}
      <span>
        {state === 'saved' && upload
          ? t('take.conversion.saved', { size: formatBytes(t, i18n.language, upload.bytes) })
          : state === 'failed' && take.conversionError
            ? t('take.conversion.failed', { message: describeError(t, take.conversionError) })
            : t(`take.conversion.${state}`, { message: '' })}
      </span>
      {state === 'saved' && <span className="muted conversion-note">{t('take.keptNote')}</span>}
    </div>
  );
}
