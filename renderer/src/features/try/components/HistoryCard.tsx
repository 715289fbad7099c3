import { Download, Play, RotateCcw, Star, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../../../../shared/ipc/routes/synthesis';
import { hasVoiceOptions, isOmniModel } from '../../../../../shared/models';
import { TEST_IDS } from '../../../../../shared/testids';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { formatDate, formatNumber, formatSeconds } from '../../../format';
import { languageTypeLabel } from '../language-label';
import { useTry } from '../try-store';
import { IconButton } from '../../../components/IconButton';

function EntrySettings({ entry }: { entry: HistoryEntry }) {
  const { t, i18n } = useTranslation('try');
  const number = (value: number) => formatNumber(i18n.language, value, 1);
  const { settings } = entry;
  return (
    <span className="try-entry-badges">
      {/* Omni is asked in words and takes no language (§7). */}
      {!isOmniModel(entry.model) && <span className="badge">{languageTypeLabel(settings.languageType, i18n.language, t('form.languageAuto'))}</span>}
      {hasVoiceOptions(entry.model) && settings.speechRate !== undefined && (
        <span className="badge">{t('form.speechRate')} {number(settings.speechRate)}×</span>
      )}
      {hasVoiceOptions(entry.model) && settings.volume !== undefined && <span className="badge">{t('form.volume')} {number(settings.volume)}</span>}
      {hasVoiceOptions(entry.model) && settings.pitchRate !== undefined && (
        <span className="badge">{t('form.pitch')} {number(settings.pitchRate)}×</span>
      )}
    </span>
  );
}

function HistoryItem({ entry, selected }: { entry: HistoryEntry; selected: boolean }) {
  const { t, i18n } = useTranslation('try');
  const [confirming, setConfirming] = useState(false);
  const selectEntry = useTry((state) => state.selectEntry);
  const exportEntry = useTry((state) => state.exportEntry);
  const deleteEntry = useTry((state) => state.deleteEntry);
  const regenerate = useTry((state) => state.regenerate);
  const toggleFavourite = useTry((state) => state.toggleFavourite);
  const running = useTry((state) => state.run !== null);
  const seconds = (value: number, digits = 1) => formatSeconds(i18n.language, value, digits);
  return (
    <li className="try-entry" data-testid={TEST_IDS.tryHistoryItem} data-entry-id={entry.id} data-selected={selected} data-favourite={entry.favourite === true}>
      <IconButton label={t('history.play')} className="try-entry-play" data-testid={TEST_IDS.tryHistoryPlay} onClick={() => selectEntry(entry.id, { play: true })}>
        <Play size={16} aria-hidden />
      </IconButton>
      <div className="try-entry-main">
        <p className="try-entry-text" title={entry.text}>{entry.text}</p>
        <p className="try-entry-meta muted">
          <span>{formatDate(i18n.language, entry.createdAt)}</span>
          <span>{seconds(entry.audio.durationSeconds ?? 0)}</span>
          {entry.firstAudioMs !== null && <span>{t('history.firstAudio', { value: seconds(entry.firstAudioMs / 1000, 2) })}</span>}
          {entry.parts > 1 && <span>{t('history.parts', { count: entry.parts })}</span>}
          <EntrySettings entry={entry} />
        </p>
      </div>
      <div className="try-entry-actions">
        <IconButton
          label={entry.favourite ? t('history.unstar') : t('history.star')}
          className={entry.favourite ? 'try-entry-star starred' : 'try-entry-star'}
          aria-pressed={entry.favourite === true}
          data-testid={TEST_IDS.tryHistoryStar}
          onClick={() => void toggleFavourite(entry.id)}
        >
          <Star size={16} aria-hidden fill={entry.favourite ? 'currentColor' : 'none'} />
        </IconButton>
        <IconButton label={t('history.regenerate')} data-testid={TEST_IDS.tryHistoryRegenerate} disabled={running} onClick={() => void regenerate(entry.id)}>
          <RotateCcw size={16} aria-hidden />
        </IconButton>
        <IconButton label={t('history.export')} data-testid={TEST_IDS.tryHistoryExport} onClick={() => void exportEntry(entry.id)}>
          <Download size={16} aria-hidden />
        </IconButton>
        <IconButton label={t('history.delete')} className="try-entry-delete" data-testid={TEST_IDS.tryHistoryDelete} onClick={() => setConfirming(true)}>
          <Trash2 size={16} aria-hidden />
        </IconButton>
        {confirming && (
          <ConfirmDialog
            request={{
              title: t('history.confirmDelete'),
              body: t('history.confirmDeleteBody'),
              confirmLabel: t('history.delete'),
              confirmTestId: TEST_IDS.tryHistoryDeleteConfirm,
              onConfirm: () => void deleteEntry(entry.id),
            }}
            onClose={() => setConfirming(false)}
          />
        )}
      </div>
    </li>
  );
}

/** Starred results first, each group newest first (the list comes newest first). */
function starredFirst(history: HistoryEntry[]): HistoryEntry[] {
  return [...history.filter((entry) => entry.favourite), ...history.filter((entry) => !entry.favourite)];
}

/** Every result of the selected voice, starred first, then newest: play, star, speak again, export or delete. */
export function HistoryCard() {
  const { t } = useTranslation('try');
  const history = useTry((state) => state.history);
  const selectedEntryId = useTry((state) => state.selectedEntryId);
  return (
    <section className="card try-history" data-testid={TEST_IDS.tryHistory} aria-labelledby="try-history-title">
      <div className="try-card-head">
        <h2 id="try-history-title">{t('history.title')}</h2>
        <p className="muted">{t('history.intro')}</p>
      </div>
      {history.length === 0 ? (
        <p className="muted try-history-empty">{t('history.empty')}</p>
      ) : (
        <ul className="try-entries">
          {starredFirst(history).map((entry) => <HistoryItem key={entry.id} entry={entry} selected={entry.id === selectedEntryId} />)}
        </ul>
      )}
    </section>
  );
}
