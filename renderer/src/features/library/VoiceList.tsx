import { useVirtualizer } from '@tanstack/react-virtual';
import { AlertTriangle, CloudOff, Loader2 } from 'lucide-react';
import { memo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SampleSummary, VoiceRecord } from '../../../../shared/catalog';
import { TEST_IDS } from '../../../../shared/testids';
import { formatDate, formatSeconds } from '../../format';
import { languageLabel, modelLabel, STATUS_TONE } from './format';

const ROW_HEIGHT = 60;

interface RowProps {
  voice: VoiceRecord;
  sample: SampleSummary | undefined;
  selected: boolean;
  open: boolean;
  top: number;
  onToggle(id: string): void;
  onOpen(id: string): void;
}

export function StatusBadge({ voice }: { voice: VoiceRecord }) {
  const { t } = useTranslation('library');
  const busy = voice.status === 'sending' || voice.status === 'queued';
  return (
    <span className={`badge ${STATUS_TONE[voice.status]}`}>
      {busy && <Loader2 size={12} className="spin" aria-hidden />}
      {voice.status === 'waiting-network' && <CloudOff size={12} aria-hidden />}
      {t(`status.${voice.status}`)}
    </span>
  );
}

const VoiceRow = memo(function VoiceRow({ voice, sample, selected, open, top, onToggle, onOpen }: RowProps) {
  const { t, i18n } = useTranslation('library');
  const duration = sample?.durationSeconds;
  return (
    <div
      className={`lib-row${open ? ' is-open' : ''}${selected ? ' is-selected' : ''}`}
      role="row"
      aria-selected={open}
      tabIndex={0}
      data-testid={TEST_IDS.libraryItem}
      data-voice-id={voice.voice ?? voice.id}
      data-status={voice.status}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(voice.id)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen(voice.id);
        }
      }}
    >
      <span role="gridcell" className="lib-cell-check" onClick={(event) => event.stopPropagation()}>
        <input
          type="checkbox"
          checked={selected}
          data-testid={TEST_IDS.libraryItemSelect}
          aria-label={t('list.select', { name: voice.displayName })}
          onChange={() => onToggle(voice.id)}
        />
      </span>
      <span role="gridcell" className="lib-cell-name">
        <span className="lib-name">{voice.displayName}</span>
        <span className="lib-sub muted">
          {voice.preferredName || voice.voice}
          {voice.sampleId === null && <> · {t('list.noLocalSample')}</>}
        </span>
      </span>
      <span role="gridcell" className="lib-cell-model">{modelLabel(t, voice.targetModel)}</span>
      <span role="gridcell" className="lib-cell-language">{languageLabel(i18n.language, voice.language)}</span>
      <span role="gridcell" className="lib-cell-created muted">{formatDate(i18n.language, voice.createdAt)}</span>
      <span role="gridcell" className="lib-cell-duration muted">{duration != null ? formatSeconds(i18n.language, duration) : '—'}</span>
      <span role="gridcell" className="lib-cell-status">
        <StatusBadge voice={voice} />
        {voice.fallbackReason && (
          <span className="badge warning" title={t('quality.title')} aria-label={t('quality.badge')}>
            <AlertTriangle size={12} aria-hidden /> <span className="lib-quality-text">{t('quality.badge')}</span>
          </span>
        )}
      </span>
    </div>
  );
});

interface VoiceListProps {
  voices: VoiceRecord[];
  samples: ReadonlyMap<string, SampleSummary>;
  selection: ReadonlySet<string>;
  openVoiceId: string | null;
  onToggle(id: string): void;
  onToggleAll(): void;
  onOpen(id: string): void;
}

/** Only the rows in view exist in the DOM, so 10,000 voices scroll like 10. */
export function VoiceList({ voices, samples, selection, openVoiceId, onToggle, onToggleAll, onOpen }: VoiceListProps) {
  const { t } = useTranslation('library');
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer re-renders this component itself on scroll; nothing memoized depends on it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: voices.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const allSelected = voices.length > 0 && voices.every((voice) => selection.has(voice.id));
  return (
    <div className="lib-list card" role="grid" aria-rowcount={voices.length} aria-label={t('list.label')}>
      <div className="lib-row lib-head" role="row">
        <span role="columnheader" className="lib-cell-check">
          <input type="checkbox" checked={allSelected} data-testid={TEST_IDS.librarySelectAll} aria-label={t('list.selectAll')} onChange={onToggleAll} />
        </span>
        <span role="columnheader" className="lib-cell-name">{t('list.name')}</span>
        <span role="columnheader" className="lib-cell-model">{t('list.model')}</span>
        <span role="columnheader" className="lib-cell-language">{t('list.language')}</span>
        <span role="columnheader" className="lib-cell-created">{t('list.created')}</span>
        <span role="columnheader" className="lib-cell-duration">{t('list.duration')}</span>
        <span role="columnheader" className="lib-cell-status">{t('list.status')}</span>
      </div>
      <div className="lib-scroll" ref={scrollRef}>
        <div className="lib-rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const voice = voices[item.index];
            return (
              <VoiceRow
                key={voice.id}
                voice={voice}
                sample={voice.sampleId ? samples.get(voice.sampleId) : undefined}
                selected={selection.has(voice.id)}
                open={openVoiceId === voice.id}
                top={item.start}
                onToggle={onToggle}
                onOpen={onOpen}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
