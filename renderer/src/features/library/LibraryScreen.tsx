import { ArchiveRestore, CircleAlert, Download, FileWarning, Loader2, Mic, RefreshCw, Trash2, Upload, X } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../../shared/testids';
import { timbre } from '../../api';
import { useApp } from '../../app-store';
import { ConfirmDialog, type ConfirmRequest } from '../../components/ConfirmDialog';
import { ScreenHeader } from '../../components/ScreenHeader';
import type { LibraryRow } from '../../../../shared/ipc/routes/catalog';
import { NO_FILTERS } from '../../../../shared/library';
import { ACCOUNT_VOICE_LIMIT } from '../../../../shared/models';
import { formatDate, formatDay, formatSeconds } from '../../format';
import { modelLabel } from './format';
import { useLibrary } from './library-store';
import { useRowDetails } from './use-row-details';
import { VoiceDetail } from './VoiceDetail';
import { LibraryToolbar } from './LibraryToolbar';
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

/**
 * How full the account is (§3.3: 1,000 voices per region), from the last listing's `total_count` as main keeps it;
 * when it is full, the way to the voices worth deleting (those Timbre used least recently).
 */
function AccountUsage() {
  const { t, i18n } = useTranslation('library');
  const account = useLibrary((state) => state.account);
  const sort = useLibrary((state) => state.sort);
  const setSort = useLibrary((state) => state.setSort);
  if (!account) return null;
  const words = {
    count: account.count, limit: ACCOUNT_VOICE_LIMIT, region: t(`common:regions.${account.region}`), date: formatDate(i18n.language, account.listedAt),
  };
  const usage = <span data-testid={TEST_IDS.libraryAccountUsage} title={t('account.usageHint', words)}>{t('account.usage', words)}</span>;
  if (account.count < ACCOUNT_VOICE_LIMIT) return <p className="muted lib-account">{usage}</p>;
  return (
    <div className="callout warning lib-callout lib-notice lib-account-full" role="alert" data-testid={TEST_IDS.libraryAccountFull} title={t('account.fullBody', words)}>
      <CircleAlert size={18} aria-hidden />
      <div className="callout-body">
        <p className="callout-title">{t('account.fullTitle')} · {usage}</p>
        <p>{t('account.fullBody', words)}</p>
      </div>
      {sort !== 'used-asc' && <button type="button" className="button" onClick={() => setSort('used-asc')}>{t('account.showUnused')}</button>}
    </div>
  );
}

/** Voices Timbre has not spoken with for 11 months: the service deletes a voice unused for a year. */
function UnusedVoices() {
  const { t } = useTranslation('library');
  const unused = useLibrary((state) => state.unused);
  const sort = useLibrary((state) => state.sort);
  const setSort = useLibrary((state) => state.setSort);
  if (unused === 0) return null;
  return (
    <div className="callout warning lib-callout lib-notice" role="status" data-testid={TEST_IDS.libraryUnusedVoices}>
      <CircleAlert size={18} aria-hidden />
      <p>{t('unused.body', { count: unused })}</p>
      {sort !== 'used-asc' && <button type="button" className="button" onClick={() => setSort('used-asc')}>{t('account.showUnused')}</button>}
    </div>
  );
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

/** One element for every render, so the memoized toolbar it is handed to does not render again. */
const REMOVED = <RecentlyRemoved />;

const removeLocal = (voiceIds: string[]) => void useLibrary.getState().remove(voiceIds, false);
const onRange = (first: number, last: number) => useLibrary.getState().ensureRows(first, last);

/** Nothing matches the search and filters: say so, and offer to clear them. */
function NoMatch() {
  const { t } = useTranslation('library');
  const filtered = useLibrary((state) => JSON.stringify(state.filters) !== JSON.stringify(NO_FILTERS));
  return (
    <div className="empty-state lib-no-match">
      <div>
        <p>{t('filters.none')}</p>
        {filtered && <button type="button" className="button" onClick={() => useLibrary.getState().setFilters(NO_FILTERS)}>{t('filters.clear')}</button>}
      </div>
    </div>
  );
}

/** The list (or why it is empty) and the opened voice's details. Reads nothing a keystroke changes: only its answer. */
function LibraryBody({ onConfirm, onAskRemove }: { onConfirm(request: ConfirmRequest): void; onAskRemove(row: LibraryRow): void }) {
  const rows = useLibrary((state) => state.rows);
  const total = useLibrary((state) => state.total);
  const loaded = useLibrary((state) => state.loaded);
  const selection = useLibrary((state) => state.selection);
  const openRowId = useLibrary((state) => state.openRowId);
  const openCloneId = useLibrary((state) => state.openCloneId);
  const details = useRowDetails(openRowId);
  const { toggleSelected, setSelection, open } = useLibrary.getState();
  return (
    <div className={`lib-body${openRowId ? ' has-detail' : ''}`}>
      {total === 0 && loaded ? <NoMatch /> : (
        <VoiceList
          rows={rows}
          total={total}
          selection={selection}
          openRowId={openRowId}
          onToggle={toggleSelected}
          onToggleAll={() => {
            const shown = [...rows.values()];
            setSelection(shown.every((row) => selection.has(row.id)) ? [] : shown);
          }}
          onOpen={open}
          onDelete={onAskRemove}
          onRange={onRange}
        />
      )}
      {details && details.voices.length > 0 && (
        <VoiceDetail key={details.rowId} details={details} cloneId={openCloneId} onConfirm={onConfirm} onRemove={removeLocal} />
      )}
    </div>
  );
}

export function LibraryScreen() {
  const { t } = useTranslation('library');
  // Only what the header, the actions and the bulk bar show: a keystroke or a page of rows
  // re-renders the list (LibraryBody), not the whole screen.
  const state = useLibrary.getState();
  const catalogTotal = useLibrary((library) => library.catalogTotal);
  const loaded = useLibrary((library) => library.loaded);
  const syncing = useLibrary((library) => library.syncing);
  const busy = useLibrary((library) => library.busy);
  const selection = useLibrary((library) => library.selection);
  const go = useApp((app) => app.go);
  // The Library stays in the page behind other screens: it listens for keys, and shows its question, only while it shows.
  const shown = useApp((app) => app.screen === 'library');
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const importRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void useLibrary.getState().load();
  }, []);

  // Ctrl/⌘+F searches the Library, as it would any list on the desktop (while it shows: it stays
  // in the page, hidden, behind other screens).
  useEffect(() => {
    if (!shown) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [shown]);

  const selectedVoices = [...selection.values()].flat();

  const bulkDelete = (remote: boolean) => setConfirm({
    title: t(remote ? 'delete.bulkRemoteTitle' : 'delete.bulkLocalTitle', { count: selection.size }),
    body: t(remote ? 'delete.remoteBody' : 'delete.bulkLocalBody'),
    confirmLabel: t(remote ? 'delete.remoteConfirm' : 'delete.localConfirm'),
    onConfirm: async () => {
      const deleted = new Set(await state.remove(selectedVoices, remote));
      state.setSelection([...useLibrary.getState().rows.values()].filter((row) => selection.has(row.id) && row.clones.some((clone) => !deleted.has(clone.id))));
    },
  });
  // The Delete key asks first: a key press is easier to make by mistake than a click.
  const askRemove = useCallback((row: LibraryRow) => setConfirm({
    title: t('delete.localTitle', { name: row.name }),
    body: t('delete.localBody'),
    confirmLabel: t('delete.localConfirm'),
    onConfirm: () => void useLibrary.getState().remove(row.clones.map((clone) => clone.id), false),
  }), [t]);

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
      <AccountUsage />
      <UnusedVoices />
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
          <LibraryToolbar searchRef={searchRef} removed={REMOVED} />

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

          <LibraryBody onConfirm={setConfirm} onAskRemove={askRemove} />
        </>
      )}
      {confirm && shown && <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />}
    </div>
  );
}
