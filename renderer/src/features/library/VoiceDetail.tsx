import { AlertTriangle, Check, Copy, Mic, Play, RefreshCw, Send, Sparkles, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPendingStatus, type SampleSummary, type VoiceRecord } from '../../../../shared/catalog';
import type { EnrollProgress } from '../../../../shared/ipc/routes/catalog';
import {
  ACCOUNT_VOICE_LIMIT, PREFERRED_NAME_PATTERN, TARGET_MODELS, UNUSED_VOICE_NOTICE_MS, isTargetModel, type SampleLanguage, type TargetModel,
} from '../../../../shared/models';
import { TEST_IDS } from '../../../../shared/testids';
import { useApp } from '../../app-store';
import type { ConfirmRequest } from '../../components/ConfirmDialog';
import { onTabListKeyDown } from '../../components/tablist';
import { toast } from '../../components/toast-store';
import { describeError } from '../../i18n';
import { formatDate, formatSeconds } from '../../format';
import { explainFallback } from '../enroll/service-advice';
import { useAudioUrl } from '../try/use-audio-url';
import { languageLabel, modelLabel } from './format';
import { useLibrary } from './library-store';
import { readSampleAudio } from './sample-player';
import { snippetsFor } from './snippets';
import type { RowDetails } from './use-row-details';
import { StatusBadge } from './VoiceList';
import { IconButton } from '../../components/IconButton';
import { languageOptions } from '../../language-options';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Without clipboard permission (some browsers, kiosk setups) the older copy command still works on a click.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

function SamplePlayer({ sample }: { sample: SampleSummary }) {
  const { t, i18n } = useTranslation('library');
  const [requested, setRequested] = useState(false);
  const { url, error } = useAudioUrl(requested ? sample.id : null, readSampleAudio);
  return (
    <div className="lib-sample">
      <div>
        <div className="lib-sample-name">{sample.displayName || t('detail.untitledSample')}</div>
        <div className="muted lib-small">
          {sample.durationSeconds != null ? formatSeconds(i18n.language, sample.durationSeconds) : '—'} · {formatDate(i18n.language, sample.createdAt)}
        </div>
      </div>
      {url ? (
        <audio controls autoPlay src={url} className="lib-audio" aria-label={t('detail.playSample')} />
      ) : (
        <button type="button" className="button" data-testid={TEST_IDS.voicePlaySample} disabled={!sample.hasAudio} onClick={() => setRequested(true)}>
          <Play size={16} aria-hidden /> {t('detail.playSample')}
        </button>
      )}
      {error && <p className="lib-error" role="alert">{describeError(i18n.t, error)}</p>}
    </div>
  );
}

function Snippets({ voice }: { voice: VoiceRecord & { voice: string; targetModel: TargetModel } }) {
  const { t } = useTranslation('library');
  const customBaseUrl = useApp((state) => state.preferences.customBaseUrl);
  const snippets = snippetsFor(voice, customBaseUrl);
  const [tool, setTool] = useState(snippets[0].tool);
  const snippet = snippets.find((item) => item.tool === tool) ?? snippets[0];
  return (
    <section className="lib-section">
      <div className="lib-section-head">
        <h3>{t('detail.snippet')}</h3>
        <div className="lib-tabs" role="tablist" aria-label={t('detail.snippet')} onKeyDown={onTabListKeyDown}>
          {snippets.map((item) => (
            <button key={item.tool} type="button" role="tab" aria-selected={item.tool === snippet.tool} tabIndex={item.tool === snippet.tool ? 0 : -1} className="lib-tab" onClick={() => setTool(item.tool)}>
              {t(`detail.tool.${item.tool}`)}
            </button>
          ))}
        </div>
      </div>
      {/* Focusable, so keyboard users can scroll a long command sideways. */}
      <pre className="lib-code" role="tabpanel" tabIndex={0} aria-label={t(`detail.tool.${snippet.tool}`)} data-testid={TEST_IDS.voiceSnippet} data-tool={snippet.tool}><code>{snippet.code}</code></pre>
      <div className="lib-row-actions">
        <span className="muted lib-small">{t('detail.snippetHint')}</span>
        <button type="button" className="button" onClick={async () => {
          if (await copyText(snippet.code)) toast.success(t('detail.snippetCopied'));
        }}>
          <Copy size={16} aria-hidden /> {t('detail.copy')}
        </button>
      </div>
    </section>
  );
}

/** Tags belong to the voice: shown as the union of its clones' tags, and changed on every clone. */
function Tags({ voices }: { voices: VoiceRecord[] }) {
  const { t } = useTranslation('library');
  const update = useLibrary((state) => state.update);
  const [draft, setDraft] = useState('');
  const tags = [...new Set(voices.flatMap((voice) => voice.tags))];
  const ids = voices.map((voice) => voice.id);
  const add = () => {
    const tag = draft.trim();
    setDraft('');
    if (tag && !tags.includes(tag)) void update(ids, { tags: [...tags, tag] });
  };
  return (
    <div className="field">
      <label htmlFor="lib-tag-input">{t('detail.tags')}</label>
      <div className="lib-tags">
        {tags.map((tag) => (
          <span key={tag} className="badge accent lib-tag">
            {tag}
            <button type="button" className="lib-tag-remove" aria-label={t('detail.removeTag', { tag })} onClick={() => void update(ids, { tags: tags.filter((item) => item !== tag) })}>
              <X size={12} aria-hidden />
            </button>
          </span>
        ))}
        <input
          id="lib-tag-input"
          className="input lib-tag-input"
          data-testid={TEST_IDS.voiceTagInput}
          value={draft}
          placeholder={t('detail.addTag')}
          maxLength={50}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ',') {
              event.preventDefault();
              add();
            }
          }}
          onBlur={add}
        />
      </div>
    </div>
  );
}

function RetryForm({ voice }: { voice: VoiceRecord }) {
  const { t, i18n } = useTranslation('library');
  const retry = useLibrary((state) => state.retry);
  const [preferredName, setPreferredName] = useState(voice.preferredName);
  const [language, setLanguage] = useState<SampleLanguage>(voice.language ?? 'zh');
  const [transcript, setTranscript] = useState(voice.transcript);
  const nameValid = PREFERRED_NAME_PATTERN.test(preferredName);
  return (
    <form className="lib-retry" onSubmit={(event) => {
      event.preventDefault();
      if (nameValid) void retry(voice.id, { preferredName, language, transcript });
    }}>
      <div className="field">
        <label htmlFor="lib-retry-name">{t('detail.preferredName')}</label>
        <input id="lib-retry-name" className="input mono" value={preferredName} maxLength={16} aria-invalid={!nameValid} onChange={(event) => setPreferredName(event.target.value)} />
        {!nameValid && <span className="field-hint lib-error">{t('detail.preferredNameRule')}</span>}
      </div>
      <div className="field">
        <label htmlFor="lib-retry-language">{t('list.language')}</label>
        <select id="lib-retry-language" className="select" value={language} onChange={(event) => setLanguage(event.target.value as SampleLanguage)}>
          {languageOptions(i18n.language).map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="lib-retry-transcript">{t('detail.transcript')}</label>
        <textarea id="lib-retry-transcript" className="textarea" value={transcript} maxLength={5000} onChange={(event) => setTranscript(event.target.value)} />
      </div>
      <button type="submit" className="button primary" data-testid={TEST_IDS.voiceRetry} disabled={!nameValid}>
        <RefreshCw size={16} aria-hidden /> {t('detail.retry')}
      </button>
    </form>
  );
}

function StatusPanel({ voice, job }: { voice: VoiceRecord; job: EnrollProgress | undefined }) {
  const { t, i18n } = useTranslation('library');
  const sendNow = useLibrary((state) => state.sendNow);
  const go = useApp((state) => state.go);
  const error = voice.error ?? job?.error ?? null;
  return (
    <>
      {voice.status === 'failed' && (
        <div className="callout danger lib-callout" role="alert">
          <p>{error ? describeError(i18n.t, error) : t('detail.failedUnknown')}</p>
          <RetryForm key={voice.updatedAt} voice={voice} />
        </div>
      )}
      {(voice.status === 'waiting-network' || (voice.status === 'queued' && job?.nextAttemptAt)) && (
        <div className="callout warning lib-callout" role="status">
          <p>
            {voice.status === 'waiting-network' ? t('detail.waitingNetwork') : t('detail.retryScheduled', { time: formatDate(i18n.language, job!.nextAttemptAt!) })}
            {error && <> {describeError(i18n.t, error)}</>}
          </p>
          <button type="button" className="button" data-testid={TEST_IDS.voiceSendNow} onClick={() => void sendNow()}>
            <Send size={16} aria-hidden /> {t('detail.sendNow')}
          </button>
        </div>
      )}
      {voice.status === 'missing-remote' && (
        <div className="callout warning lib-callout" role="status"><p>{t('detail.missingRemote')}</p></div>
      )}
      {voice.fallbackReason && (
        <div className="callout warning lib-callout" role="status">
          <p><AlertTriangle size={16} aria-hidden /> {explainFallback(i18n.t, voice.fallbackReason)}</p>
          <button type="button" className="button" data-testid={TEST_IDS.voiceRerecord} onClick={() => go('record')}>
            <Mic size={16} aria-hidden /> {t('quality.rerecord')}
          </button>
        </div>
      )}
    </>
  );
}

/** When Timbre last spoke with a voice and the one-year rule; or why Timbre cannot speak with it at all. */
function VoiceUse({ voice }: { voice: VoiceRecord }) {
  const { t, i18n } = useTranslation('library');
  // When the detail opened: the notice is about months, not seconds.
  const [openedAt] = useState(() => Date.now());
  if (!isTargetModel(voice.targetModel)) {
    return (
      <div className="callout warning lib-callout" role="note" data-testid={TEST_IDS.voiceUnknownModel}>
        <p>{t('detail.unknownModel', { model: voice.targetModel, limit: ACCOUNT_VOICE_LIMIT })}</p>
      </div>
    );
  }
  if (voice.status !== 'ready') return null;
  const unused = openedAt - (voice.lastUsedAt ?? voice.createdAt) > UNUSED_VOICE_NOTICE_MS;
  return (
    <>
      <p className="muted lib-small" data-testid={TEST_IDS.voiceLastUsed}>
        {voice.lastUsedAt === null ? t('detail.neverUsed') : t('detail.lastUsed', { date: formatDate(i18n.language, voice.lastUsedAt) })}
        {' · '}{t('detail.expiryRule')}
      </p>
      {unused && (
        <div className="callout warning lib-callout" role="status" data-testid={TEST_IDS.voiceUnusedWarning}>
          <p><AlertTriangle size={16} aria-hidden /> {t('detail.unusedWarning')}</p>
        </div>
      )}
    </>
  );
}

/** One clone: its model, status and what to do about it, its voice id, Try. */
function CloneCard({ voice, job, current, onSelect }: { voice: VoiceRecord; job: EnrollProgress | undefined; current: boolean; onSelect(): void }) {
  const { t } = useTranslation('library');
  const openTry = useApp((state) => state.openTry);
  const label = modelLabel(t, voice.targetModel);
  return (
    <li className={`lib-clone-card${current ? ' is-current' : ''}`} data-testid={TEST_IDS.voiceClone} data-voice-id={voice.voice ?? voice.id} data-status={voice.status}>
      <div className="lib-clone-head">
        <button type="button" className="lib-clone-title" aria-pressed={current} title={`${label} · ${voice.targetModel}`} onClick={onSelect}>
          <span className="lib-fit">{label}</span>
          <span className="muted mono lib-small lib-fit">{voice.targetModel}</span>
        </button>
        <StatusBadge status={voice.status} label={t(`status.${voice.status}`)} />
      </div>
      <StatusPanel voice={voice} job={job} />
      <VoiceUse voice={voice} />
      <div className="lib-clone-foot">
        {voice.voice ? (
          <span className="lib-voice-id">
            <code className="mono">{voice.voice}</code>
            <IconButton label={t('detail.copyId')} data-testid={TEST_IDS.voiceCopyId} onClick={async () => {
              if (await copyText(voice.voice!)) toast.success(t('detail.idCopied'));
              else toast.error(t('detail.copyFailed'));
            }}>
              <Copy size={16} aria-hidden />
            </IconButton>
          </span>
        ) : <span className="muted lib-small">{t('detail.notEnrolledYet')}</span>}
        <button type="button" className="button primary" data-testid={TEST_IDS.voiceTry} disabled={voice.status !== 'ready' || !isTargetModel(voice.targetModel)} onClick={() => openTry(voice.id)}>
          <Sparkles size={16} aria-hidden /> {t('detail.try')}
        </button>
      </div>
    </li>
  );
}

interface VoiceDetailProps {
  details: RowDetails;
  /** The clone the row was opened on; its code snippet is shown. */
  cloneId: string | null;
  onConfirm(request: ConfirmRequest): void;
  onRemove(voiceIds: string[], name: string): void;
}

export function VoiceDetail({ details, cloneId, onConfirm, onRemove }: VoiceDetailProps) {
  const { t, i18n } = useTranslation('library');
  const update = useLibrary((state) => state.update);
  const remove = useLibrary((state) => state.remove);
  const open = useLibrary((state) => state.open);
  const openEnroll = useApp((state) => state.openEnroll);
  const { voices, sample, jobs } = details;
  const [first] = voices;
  const ids = voices.map((voice) => voice.id);
  const current = voices.find((voice) => voice.id === cloneId) ?? voices.find((voice) => voice.voice !== null) ?? first;
  // Code to speak with it: only for a voice the service knows, of a model Timbre knows how to call.
  const enrolled = current.voice !== null && isTargetModel(current.targetModel)
    ? (current as VoiceRecord & { voice: string; targetModel: TargetModel }) : null;
  const missingModels = TARGET_MODELS.filter((model) => !voices.some((voice) => voice.targetModel === model));
  const onAccount = voices.filter((voice) => voice.voice !== null);
  const notes = first.notes;

  const deleteRemote = () => onConfirm({
    title: t('delete.remoteTitle', { name: first.displayName }),
    body: t('delete.remoteBody'),
    confirmLabel: t('delete.remoteConfirm'),
    onConfirm: () => void remove(ids, true),
  });

  return (
    <aside
      className="lib-detail card"
      data-testid={TEST_IDS.voiceDetail}
      aria-label={t('detail.label')}
      onKeyDown={(event) => {
        // Escape closes the panel, as its close button does (an unsaved rename is dropped).
        if (event.key === 'Escape') open(null);
      }}
    >
      <div className="lib-detail-head">
        <input
          key={`${details.rowId}:${first.displayName}`}
          className="input lib-title-input"
          data-testid={TEST_IDS.voiceName}
          defaultValue={first.displayName}
          title={first.displayName}
          aria-label={t('detail.rename')}
          maxLength={200}
          onBlur={(event) => {
            const name = event.target.value.trim();
            if (name && voices.some((voice) => voice.displayName !== name)) void update(ids, { displayName: name });
            else event.target.value = first.displayName;
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.currentTarget.blur();
          }}
        />
        <IconButton label={t('detail.close')} onClick={() => open(null)}>
          <X size={18} aria-hidden />
        </IconButton>
      </div>

      {sample ? <SamplePlayer sample={sample} /> : <span className="badge lib-badge-start">{t('list.noLocalSample')}</span>}

      <dl className="lib-facts">
        <dt>{t('list.language')}</dt>
        <dd>{languageLabel(i18n.language, first.language)}</dd>
        <dt>{t('detail.region')}</dt>
        <dd>{t(`common:regions.${first.region}`)}</dd>
        <dt>{t('list.created')}</dt>
        <dd className="lib-nowrap-date">{formatDate(i18n.language, first.createdAt)}</dd>
        <dt>{t('detail.consent')}</dt>
        <dd>{first.consentAt ? t('detail.consentAt', { date: formatDate(i18n.language, first.consentAt) }) : t('detail.consentElsewhere')}</dd>
      </dl>

      <section className="lib-section">
        <h3>{t('detail.clones', { count: voices.length })}</h3>
        <ul className="lib-clone-cards">
          {voices.map((voice) => (
            <CloneCard key={voice.id} voice={voice} job={jobs.get(voice.id)} current={voice.id === current.id} onSelect={() => open(details.rowId, voice.id)} />
          ))}
        </ul>
        {sample && missingModels.length > 0 && (
          <button type="button" className="button lib-align-start" data-testid={TEST_IDS.voiceReenroll} onClick={() => openEnroll(sample.id)}>
            <Check size={16} aria-hidden /> {t('detail.reenroll')}
          </button>
        )}
      </section>

      {enrolled && <Snippets key={enrolled.id} voice={enrolled} />}

      <section className="lib-section">
        <div className="field">
          <label htmlFor="lib-notes">{t('detail.notes')}</label>
          <textarea
            id="lib-notes"
            key={`${details.rowId}:${notes}`}
            className="textarea"
            data-testid={TEST_IDS.voiceNotes}
            defaultValue={notes}
            maxLength={10_000}
            placeholder={t('detail.notesPlaceholder')}
            onBlur={(event) => {
              if (event.target.value !== notes) void update(ids, { notes: event.target.value });
            }}
          />
        </div>
        <Tags voices={voices} />
      </section>

      <section className="lib-section lib-danger-zone">
        <button type="button" className="button" data-testid={TEST_IDS.voiceDelete} onClick={() => onRemove(ids, first.displayName)}>
          <Trash2 size={16} aria-hidden /> {t('delete.local')}
        </button>
        {onAccount.length > 0 && (
          <button type="button" className="button danger" data-testid={TEST_IDS.voiceDeleteRemote} onClick={deleteRemote}>
            <Trash2 size={16} aria-hidden /> {t('delete.remote')}
          </button>
        )}
        <p className="muted lib-small">{onAccount.length > 0 ? t('delete.localHint') : voices.some((voice) => isPendingStatus(voice.status)) ? t('delete.pendingHint') : t('delete.undoHint')}</p>
      </section>
    </aside>
  );
}
