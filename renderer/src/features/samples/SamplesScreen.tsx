import { CircleAlert, CircleCheck, CircleX, Pencil, Play, Sparkles, Trash2, Upload } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SAMPLES_PAGE, type SampleCheck, type SampleRecord } from '../../../../shared/catalog';
import { TEST_IDS } from '../../../../shared/testids';
import { timbre } from '../../api';
import { useApp } from '../../app-store';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { IconButton } from '../../components/IconButton';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatDate, formatSeconds, languageName, sampleName } from '../../format';
import { useCloneCounts } from '../library/use-clone-counts';
import { ChecksList } from '../record/components/ChecksList';
import { useAudioUrl } from '../try/use-audio-url';
import { useSamples, type SetAside } from './samples-store';
import './samples.css';

/** Key: `<sample id>/<upload|original>`. */
const readSampleAudio = (key: string) => {
  const [id, which] = key.split('/') as [string, 'upload' | 'original'];
  return timbre().samples.readAudio({ id, which });
};

/** One word for a sample's checks: blocked, with warnings, or good. */
function verdictOf(checks: SampleCheck[]): 'block' | 'warn' | 'pass' | 'none' {
  if (checks.length === 0) return 'none';
  if (checks.some((check) => check.status === 'block')) return 'block';
  return checks.some((check) => check.status === 'warn') ? 'warn' : 'pass';
}
const VERDICT_ICONS = { block: CircleX, warn: CircleAlert, pass: CircleCheck, none: CircleAlert } as const;

/**
 * A sample's audio, read from disk when the user asks to hear it: reading every row's file when
 * the list opened meant a read per sample (10,000 reads for 10,000 samples) before anything played.
 */
function SamplePlayer({ sample, label }: { sample: SampleRecord; label: string }) {
  const { t } = useTranslation('samples');
  const [wanted, setWanted] = useState(false);
  const which = sample.upload ? 'upload' : sample.original ? 'original' : null;
  const { url } = useAudioUrl(wanted && which ? `${sample.id}/${which}` : null, readSampleAudio);
  if (which === null) return null;
  if (url) return <audio controls autoPlay src={url} className="samples-audio" data-testid={TEST_IDS.samplesAudio} aria-label={label} />;
  return (
    <button type="button" className="button samples-play" data-testid={TEST_IDS.samplesPlay} aria-label={label} aria-busy={wanted} disabled={wanted} onClick={() => setWanted(true)}>
      <Play size={16} aria-hidden /> {t('listen')}
    </button>
  );
}

function NameField({ sample }: { sample: SampleRecord }) {
  const { t, i18n } = useTranslation('samples');
  const rename = useSamples((state) => state.rename);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const shown = sampleName(t, i18n.language, sample);
  if (!editing) {
    return (
      <span className="samples-name">
        <span className="samples-name-text" title={shown}>{shown}</span>
        <IconButton label={t('rename')} data-testid={TEST_IDS.samplesRename} onClick={() => {
          setDraft(sample.displayName);
          setEditing(true);
        }}>
          <Pencil size={14} aria-hidden />
        </IconButton>
      </span>
    );
  }
  const save = () => {
    setEditing(false);
    if (draft.trim() !== sample.displayName) void rename(sample.id, draft);
  };
  return (
    <input
      className="input samples-name-input"
      data-testid={TEST_IDS.samplesNameInput}
      aria-label={t('nameLabel')}
      value={draft}
      maxLength={200}
      // The field appears because the user asked to rename: focus goes where they are about to type.
      autoFocus
      onChange={(event) => setDraft(event.target.value)}
      onBlur={save}
      onKeyDown={(event) => {
        if (event.key === 'Enter') save();
        if (event.key === 'Escape') {
          event.preventDefault();
          setEditing(false);
        }
      }}
    />
  );
}

function SampleRow({ sample, voiceCount }: { sample: SampleRecord; voiceCount: number }) {
  const { t, i18n } = useTranslation('samples');
  const openEnroll = useApp((state) => state.openEnroll);
  const remove = useSamples((state) => state.remove);
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const verdict = verdictOf(sample.checks);
  const Icon = VERDICT_ICONS[verdict];
  const duration = (sample.upload ?? sample.original)?.durationSeconds;
  const enrollable = sample.upload !== null || sample.url !== null;
  return (
    <li className="card samples-row" data-testid={TEST_IDS.samplesItem} data-sample-id={sample.id} data-verdict={verdict}>
      <div className="samples-row-main">
        <NameField sample={sample} />
        <p className="muted samples-meta">
          {/* An unnamed sample is already called by its date. */}
          {sample.displayName.trim() !== '' && <span>{formatDate(i18n.language, sample.createdAt)}</span>}
          {duration != null && <span className="samples-nowrap">{formatSeconds(i18n.language, duration)}</span>}
          <span>{languageName(i18n.language, sample.language)}</span>
          <span>{voiceCount > 0 ? t('voices', { count: voiceCount }) : t('notCloned')}</span>
        </p>
        <SamplePlayer sample={sample} label={t('play', { name: sampleName(t, i18n.language, sample) })} />
      </div>
      <div className="samples-row-side">
        <button type="button" className={`samples-verdict is-${verdict}`} aria-expanded={open} onClick={() => setOpen((value) => !value)}>
          <Icon size={16} aria-hidden /> {t(`verdict.${verdict}`)}
        </button>
        <div className="samples-actions">
          <button type="button" className="button primary" data-testid={TEST_IDS.samplesClone} disabled={!enrollable} onClick={() => openEnroll(sample.id)}
            title={enrollable ? undefined : t('cannotClone')}>
            <Sparkles size={16} aria-hidden /> {t('clone')}
          </button>
          <IconButton label={t('delete')} className="danger" data-testid={TEST_IDS.samplesDelete} onClick={() => setConfirming(true)}>
            <Trash2 size={16} aria-hidden />
          </IconButton>
        </div>
      </div>
      {open && sample.checks.length > 0 && <div className="samples-checks"><ChecksList checks={sample.checks} /></div>}
      {confirming && (
        <ConfirmDialog
          request={{
            title: t('deleteTitle'),
            body: voiceCount > 0 ? t('deleteBodyVoices', { count: voiceCount }) : t('deleteBody'),
            confirmLabel: t('delete'),
            onConfirm: () => void remove(sample.id),
          }}
          onClose={() => setConfirming(false)}
        />
      )}
    </li>
  );
}

function SetAsideList({ items }: { items: SetAside[] }) {
  const { t } = useTranslation('samples');
  const keepAnyway = useSamples((state) => state.keepAnyway);
  const forget = useSamples((state) => state.forget);
  return (
    <section className="card samples-set-aside" aria-labelledby="samples-set-aside-title" data-testid={TEST_IDS.samplesSetAside}>
      <h2 id="samples-set-aside-title">{t('setAsideTitle', { count: items.length })}</h2>
      <p className="muted">{t('setAsideBody')}</p>
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <div>
              <strong className="samples-name-text" title={item.name}>{item.name}</strong>
              <ChecksList checks={item.checks.filter((check) => check.status === 'block')} />
            </div>
            <div className="samples-actions">
              <button type="button" className="button" data-testid={TEST_IDS.samplesKeepAnyway} onClick={() => void keepAnyway(item.id)}>{t('keepAnyway')}</button>
              <button type="button" className="button" onClick={() => forget(item.id)}>{t('dismiss')}</button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every sample on this computer: hear it, rename it, see its checks, clone it or delete it. */
export function SamplesScreen() {
  const { t } = useTranslation('samples');
  const { samples, total, loaded, setAside, importing, load, showMore } = useSamples();
  const go = useApp((state) => state.go);
  useEffect(() => {
    void load();
  }, [load]);
  const voiceCounts = useCloneCounts(samples.map((sample) => sample.id));
  const hidden = Math.max(0, total - samples.length);

  return (
    <>
      <ScreenHeader title={t('common:screens.samples.title')} subtitle={t('common:screens.samples.subtitle')} />
      {importing && <p className="callout info" role="status">{t('importing', { done: importing.done, total: importing.total })}</p>}
      {setAside.length > 0 && <SetAsideList items={setAside} />}
      {loaded && samples.length === 0 ? (
        <div className="empty-state">
          <div>
            <p>{t('empty')}</p>
            <button type="button" className="button primary" onClick={() => go('record')}><Upload size={16} aria-hidden /> {t('recordOrImport')}</button>
          </div>
        </div>
      ) : (
        <>
          <ul className="samples-list" data-testid={TEST_IDS.samplesList}>
            {samples.map((sample) => <SampleRow key={sample.id} sample={sample} voiceCount={voiceCounts.get(sample.id) ?? 0} />)}
          </ul>
          {hidden > 0 && (
            <div className="samples-more">
              <span className="muted">{t('shown', { shown: samples.length, total })}</span>
              <button type="button" className="button" data-testid={TEST_IDS.samplesMore} onClick={() => void showMore()}>
                {t('more', { count: Math.min(SAMPLES_PAGE, hidden) })}
              </button>
            </div>
          )}
        </>
      )}
    </>
  );
}
