import { ArchiveRestore, Download, FileWarning, Loader2, Mic, RefreshCw, Search, Trash2, Upload, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VOICE_STATUSES, type VoiceStatus } from '../../../../shared/catalog';
import { SAMPLE_LANGUAGES, TARGET_MODELS, type SampleLanguage, type TargetModel } from '../../../../shared/models';
import { TEST_IDS } from '../../../../shared/testids';
import { timbre } from '../../api';
import { useApp } from '../../app-store';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog';
import { ScreenHeader } from '../../components/ScreenHeader';
import { NO_FILTERS, SORT_KEYS, type LibraryRow, type SortKey } from '../../../../shared/library';
import { formatDate, formatDay, formatSeconds } from '../../format';
import { languageLabel, modelLabel } from './format';
import { useLibrary } from './library-store';
import { useRowDetails } from './use-row-details';
import { VoiceDetail } from './VoiceDetail';
import { VoiceList } from './VoiceList';
import './library.css';
import { IconButton } from '../../components/IconButton';

function Notices() {
  const { t, i18n } = useTranslation('library');
  const notices = useLibrary((state) => state.notices);
  const dismiss = useLibrary((state) => state.dismissNotice);
  const openDataFolder = () => void timbre().app.openDataFolder();
  return notices.map((notice) => (
    <div key={notice.id} className="callout warning lib-callout lib-notice" role="alert" data-testid={TEST_IDS.libraryNotice} data-kind={notice.kind}>
      <FileWarning size={18} aria-hidden />
      <p>
        {t(`notice.${notice.kind}`, {
          date: formatDate(i18n.language, notice.at), file: notice.keptAs ?? '', name: notice.file ?? '',
          samples: notice.recoveredSamples, voices: notice.recoveredVoices, count: notice.rejectedRecords,
        })}
      </p>
      <button type="button" className="button" onClick={openDataFolder}>{t('notice.openFolder')}</button>
      <IconButton label={t('notice.dismiss')} onClick={() => void dismiss(notice.id)}>
        <X size={16} aria-hidden />
      </IconButton>
    </div>
  ));
}

/** Samples recorded (perhaps offline) but not cloned yet: one click from the enrollment form. */
function UnclonedSamples() {
  const { t, i18n } = useTranslation('library');
  const uncloned = useLibrary((state) => state.uncloned);
  const openEnroll = useApp((state) => state.openEnroll);
  if (uncloned.count === 0) return null;
  return (
    <section className="lib-uncloned" aria-label={t('uncloned.title', { count: uncloned.count })}>
      <span className="lib-uncloned-title">{t('uncloned.title', { count: uncloned.count })}</span>
      {uncloned.samples.map((sample) => {
        const name = sample.displayName || t('detail.untitledSample');
        return (
          <span key={sample.id} className="lib-chip">
            <span className="lib-fit" title={name}>{name}</span>
            <span className="muted lib-nowrap">{sample.durationSeconds != null ? formatSeconds(i18n.language, sample.durationSeconds) : ''}</span>
            <button type="button" className="button primary lib-chip-button" data-testid={TEST_IDS.librarySampleClone} data-sample-id={sample.id} onClick={() => openEnroll(sample.id)}>
              {t('uncloned.clone')}
            </button>
          </span>
        );
      })}
    </section>
  );
}

/** Voices removed from this computer, still recoverable: a short list with Restore. */
function RecentlyRemoved() {
  const { t, i18n } = useTranslation('library');
  const removed = useLibrary((state) => state.removed);
  const restore = useLibrary((state) => state.restore);
  if (removed.length === 0) return null;
  return (
    <details className="lib-removed" data-testid={TEST_IDS.libraryRemoved}>
      <summary className="button">
        <ArchiveRestore size={16} aria-hidden /> <span className="lib-nowrap">{t('removed.title', { count: removed.length })}</span>
      </summary>
      <ul className="lib-removed-list card">
        {removed.map((voice) => (
          <li key={voice.id}>
            <span className="lib-fit" title={voice.name}>{voice.name}</span>
            <span className="muted lib-small lib-fit">{modelLabel(t, voice.targetModel)} · <span className="lib-nowrap">{formatDay(i18n.language, voice.removedAt)}</span></span>
            <button type="button" className="button" data-testid={TEST_IDS.libraryRestore} data-voice-id={voice.id} onClick={() => void restore([voice.id])}>
              {t('removed.restore')}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function LibraryScreen() {
  const { t, i18n } = useTranslation('library');
  const state = useLibrary();
  const { rows, total, catalogTotal, tags, filters, sort, selection, openRowId, openCloneId, loaded, syncing, busy } = state;
  const details = useRowDetails(openRowId);
  const go = useApp((app) => app.go);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const importRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void useLibrary.getState().load();
  }, []);

  // Ctrl/⌘+F searches the Library, as it would any list on the desktop.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const selectedVoices = [...selection.values()].flat();
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);

  const bulkDelete = (remote: boolean) => setConfirm({
    title: t(remote ? 'delete.bulkRemoteTitle' : 'delete.bulkLocalTitle', { count: selection.size }),
    body: t(remote ? 'delete.remoteBody' : 'delete.bulkLocalBody'),
    confirmLabel: t(remote ? 'delete.remoteConfirm' : 'delete.localConfirm'),
    onConfirm: async () => {
      const deleted = new Set(await state.remove(selectedVoices, remote));
      state.setSelection([...rows.values()].filter((row) => selection.has(row.id) && row.clones.some((clone) => !deleted.has(clone.id))));
    },
  });
  const removeLocal = (voiceIds: string[]) => void state.remove(voiceIds, false);
  // The Delete key asks first: a key press is easier to make by mistake than a click.
  const askRemove = useCallback((row: LibraryRow) => setConfirm({
    title: t('delete.localTitle', { name: row.name }),
    body: t('delete.localBody'),
    confirmLabel: t('delete.localConfirm'),
    onConfirm: () => void useLibrary.getState().remove(row.clones.map((clone) => clone.id), false),
  }), [t]);
  const onRange = useCallback((first: number, last: number) => useLibrary.getState().ensureRows(first, last), []);

  const actions = (
    <>
      <input
        ref={importRef}
        type="file"
        accept=".zip,application/zip"
        hidden
        data-testid={TEST_IDS.libraryImport}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void state.importFile(file);
        }}
      />
      <button type="button" className="button" disabled={busy !== null} onClick={() => importRef.current?.click()}>
        {busy === 'import' ? <Loader2 size={16} aria-hidden className="spin" /> : <Upload size={16} aria-hidden />}
        {busy === 'import' ? t('import.running') : t('import.button')}
      </button>
      <button type="button" className="button" data-testid={TEST_IDS.libraryExport} disabled={busy !== null || catalogTotal === 0} onClick={() => void state.exportVoices(selectedVoices.length > 0 ? selectedVoices : undefined)}>
        {busy === 'export' ? <Loader2 size={16} aria-hidden className="spin" /> : <Download size={16} aria-hidden />}
        {busy === 'export' ? t('export.running') : selection.size > 0 ? t('export.selected', { count: selection.size }) : t('export.all')}
      </button>
      <button type="button" className="button primary" data-testid={TEST_IDS.librarySync} disabled={syncing} onClick={() => void state.sync()}>
        <RefreshCw size={16} aria-hidden className={syncing ? 'spin' : undefined} /> {syncing ? t('sync.running') : t('sync.button')}
      </button>
    </>
  );

  return (
    <div className="lib-screen">
      <ScreenHeader title={t('common:screens.library.title')} subtitle={t('common:screens.library.subtitle')} actions={actions} />
      {/* Long catalog work, announced to screen readers (the buttons show it to everyone). */}
      <p className="visually-hidden" role="status">
        {syncing ? t('sync.running') : busy === 'import' ? t('import.running') : busy === 'export' ? t('export.running') : busy === 'delete' ? t('delete.running') : ''}
      </p>
      <Notices />
      <UnclonedSamples />

      {loaded && catalogTotal === 0 ? (
        <div className="empty-state lib-empty" data-testid={TEST_IDS.libraryEmpty}>
          <div>
            <h2>{t('empty.title')}</h2>
            <p className="muted">{t('empty.body')}</p>
            <div className="lib-empty-actions">
              <button type="button" className="button primary" onClick={() => go('record')}><Mic size={16} aria-hidden /> {t('empty.record')}</button>
              <button type="button" className="button" disabled={syncing} onClick={() => void state.sync()}><RefreshCw size={16} aria-hidden /> {t('empty.sync')}</button>
            </div>
            <div className="lib-empty-actions"><RecentlyRemoved /></div>
          </div>
        </div>
      ) : (
        <>
          <div className="lib-toolbar" role="search">
            <div className="lib-toolbar-row">
              <label className="lib-search">
                <Search size={16} aria-hidden />
                <input
                  ref={searchRef}
                  className="input"
                  type="search"
                  data-testid={TEST_IDS.librarySearch}
                  placeholder={t('filters.search')}
                  title={t('filters.searchShortcut')}
                  aria-label={t('filters.search')}
                  aria-keyshortcuts="Control+F"
                  value={filters.query}
                  onChange={(event) => state.setFilters({ query: event.target.value })}
                />
              </label>
              <select className="select" data-testid={TEST_IDS.librarySort} aria-label={t('filters.sort')} value={sort} onChange={(event) => state.setSort(event.target.value as SortKey)}>
                {SORT_KEYS.map((key) => <option key={key} value={key}>{t(`sort.${key}`)}</option>)}
              </select>
              <span className="muted lib-count" aria-live="polite">{t('filters.count', { count: total, total: catalogTotal })}</span>
            </div>
            <div className="lib-toolbar-row">
              <select className="select" data-testid={TEST_IDS.libraryFilterModel} aria-label={t('filters.model')} value={filters.model} onChange={(event) => state.setFilters({ model: event.target.value as TargetModel | 'all' })}>
                <option value="all">{t('filters.allModels')}</option>
                {TARGET_MODELS.map((model) => <option key={model} value={model}>{modelLabel(t, model)}</option>)}
              </select>
              <select className="select" data-testid={TEST_IDS.libraryFilterLanguage} aria-label={t('filters.language')} value={filters.language} onChange={(event) => state.setFilters({ language: event.target.value as SampleLanguage | 'all' })}>
                <option value="all">{t('filters.allLanguages')}</option>
                {SAMPLE_LANGUAGES.map((code) => <option key={code} value={code}>{languageLabel(i18n.language, code)}</option>)}
              </select>
              <select className="select" data-testid={TEST_IDS.libraryFilterStatus} aria-label={t('filters.status')} value={filters.status} onChange={(event) => state.setFilters({ status: event.target.value as VoiceStatus | 'all' })}>
                <option value="all">{t('filters.allStatuses')}</option>
                {VOICE_STATUSES.map((status) => <option key={status} value={status}>{t(`status.${status}`)}</option>)}
              </select>
              {tags.length > 0 && (
                <select className="select" data-testid={TEST_IDS.libraryFilterTag} aria-label={t('filters.tag')} value={filters.tag} onChange={(event) => state.setFilters({ tag: event.target.value })}>
                  <option value="all">{t('filters.allTags')}</option>
                  {tags.map((tag) => <option key={tag} value={tag}>{tag}</option>)}
                </select>
              )}
              <RecentlyRemoved />
            </div>
          </div>

          {selection.size > 0 && (
            <div className="lib-bulk" role="toolbar" aria-label={t('bulk.label')}>
              <span className="lib-fit">{t('bulk.selected', { count: selection.size })}</span>
              <button type="button" className="button" data-testid={TEST_IDS.libraryBulkDelete} disabled={busy !== null} onClick={() => bulkDelete(false)}>
                <Trash2 size={16} aria-hidden /> {t('delete.local')}
              </button>
              <button type="button" className="button danger" data-testid={TEST_IDS.libraryBulkDeleteRemote} disabled={busy !== null} onClick={() => bulkDelete(true)}>
                <Trash2 size={16} aria-hidden /> {t('delete.remote')}
              </button>
              <button type="button" className="button" onClick={() => state.setSelection([])}>{t('bulk.clear')}</button>
            </div>
          )}

          <div className={`lib-body${openRowId ? ' has-detail' : ''}`}>
            {total === 0 && loaded ? (
              <div className="empty-state lib-no-match">
                <div>
                  <p>{t('filters.none')}</p>
                  {filtered && <button type="button" className="button" onClick={() => state.setFilters(NO_FILTERS)}>{t('filters.clear')}</button>}
                </div>
              </div>
            ) : (
              <VoiceList
                rows={rows}
                total={total}
                selection={selection}
                openRowId={openRowId}
                onToggle={state.toggleSelected}
                onToggleAll={() => {
                  const shown = [...rows.values()];
                  state.setSelection(shown.every((row) => selection.has(row.id)) ? [] : shown);
                }}
                onOpen={state.open}
                onDelete={askRemove}
                onRange={onRange}
              />
            )}
            {details && details.voices.length > 0 && (
              <VoiceDetail key={details.rowId} details={details} cloneId={openCloneId} onConfirm={setConfirm} onRemove={removeLocal} />
            )}
          </div>
        </>
      )}
      {confirm && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </div>
  );
}
