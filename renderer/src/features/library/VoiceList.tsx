import { elementScroll, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { AlertTriangle, CloudOff, Loader2, Pause, Play, Sparkles } from 'lucide-react';
import type { TFunction } from 'i18next';
import { memo, useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { VOICE_STATUSES, type VoiceStatus } from '../../../../shared/catalog';
import { isTargetModel } from '../../../../shared/models';
import type { LibraryClone, LibraryRow } from '../../../../shared/ipc/routes/catalog';
import { TEST_IDS } from '../../../../shared/testids';
import { useApp } from '../../app-store';
import { IconButton } from '../../components/IconButton';
import { formatDate, formatDay, formatSeconds } from '../../format';
import { languageLabel, modelLabel, STATUS_TONE } from './format';
import { useSamplePlayer } from './sample-player';

/** Rows are as tall as their clones need, known from the row itself (no measuring while scrolling). */
const ROW_PADDING = 16;
const CLONE_LINE = 30;
const MIN_ROW = 64;
export const rowHeight = (row: LibraryRow | undefined) => Math.max(MIN_ROW, ROW_PADDING + (row?.clones.length ?? 1) * CLONE_LINE);

/**
 * The icons rows repeat, made once: React skips an element it was handed before, so a new page of
 * rows does not build each icon's SVG again (most of a row's elements were its icons).
 */
const ICONS = {
  busy: <Loader2 size={12} className="spin" aria-hidden />,
  offline: <CloudOff size={12} aria-hidden />,
  quality: <AlertTriangle size={12} aria-hidden />,
  try: <Sparkles size={14} aria-hidden />,
  play: <Play size={16} aria-hidden />,
  pause: <Pause size={16} aria-hidden />,
};

export function StatusBadge({ status, label }: { status: VoiceStatus; label: string }) {
  const busy = status === 'sending' || status === 'queued';
  return (
    <span className={`badge ${STATUS_TONE[status]}`}>
      {busy && ICONS.busy}
      {status === 'waiting-network' && ICONS.offline}
      {label}
    </span>
  );
}

/**
 * The words every row repeats, looked up once per language: a hook and a lookup per row and per
 * clone were most of what a search keystroke cost (i18next's `useTranslation` is not cheap).
 */
interface RowWords {
  t: TFunction<'library'>;
  language: string;
  tryLabel: string;
  noLocalSample: string;
  untitledSample: string;
  clones: string;
  qualityTitle: string;
  qualityBadge: string;
  status: Record<VoiceStatus, string>;
  model(model: string): string;
  /** "Select {{name}}", "Play {{name}}'s sample", "Stop …": filled in per row without i18next. */
  select(name: string): string;
  play(name: string): string;
  stop(name: string): string;
}

/** A translation with a name in it, looked up once: the name goes where the marker came back. */
function withName(t: TFunction<'library'>, key: 'list.select' | 'list.play' | 'list.stop'): (name: string) => string {
  const MARKER = '\u0000';
  const [before, after = ''] = t(key, { name: MARKER }).split(MARKER);
  return (name) => before + name + after;
}

function useRowWords(): RowWords {
  const { t, i18n } = useTranslation('library');
  const language = i18n.language;
  return useMemo(() => {
    const models = new Map<string, string>();
    return {
      t,
      language,
      tryLabel: t('list.try'),
      noLocalSample: t('list.noLocalSample'),
      untitledSample: t('detail.untitledSample'),
      clones: t('list.clones'),
      qualityTitle: t('quality.title'),
      qualityBadge: t('quality.badge'),
      status: Object.fromEntries(VOICE_STATUSES.map((status) => [status, t(`status.${status}`)])) as Record<VoiceStatus, string>,
      model(model) {
        let label = models.get(model);
        if (label === undefined) models.set(model, (label = modelLabel(t, model)));
        return label;
      },
      select: withName(t, 'list.select'),
      play: withName(t, 'list.play'),
      stop: withName(t, 'list.stop'),
    };
  }, [t, language]);
}

/** Text that may not fit: cut with an ellipsis, and the whole of it on hover. */
function Fit({ text, className = '' }: { text: string; className?: string }) {
  return <span className={`lib-fit ${className}`} title={text}>{text}</span>;
}

function CloneLine({ clone, words, onOpen, onTry }: { clone: LibraryClone; words: RowWords; onOpen(cloneId: string): void; onTry(cloneId: string): void }) {
  const label = words.model(clone.targetModel);
  return (
    <li className="lib-clone" data-testid={TEST_IDS.libraryClone} data-voice-id={clone.voice ?? clone.id} data-status={clone.status} data-model={clone.targetModel}>
      <button type="button" className="lib-clone-model" tabIndex={-1} title={label} onClick={(event) => {
        event.stopPropagation();
        onOpen(clone.id);
      }}>
        {label}
      </button>
      <StatusBadge status={clone.status} label={words.status[clone.status]} />
      {clone.degraded && (
        <span className="badge warning lib-quality" title={words.qualityTitle} aria-label={words.qualityBadge}>
          {ICONS.quality}
        </span>
      )}
      {clone.status === 'ready' && isTargetModel(clone.targetModel) && (
        <button type="button" className="button lib-try" data-testid={TEST_IDS.libraryCloneTry} tabIndex={-1} onClick={(event) => {
          event.stopPropagation();
          onTry(clone.id);
        }}>
          {ICONS.try} {words.tryLabel}
        </button>
      )}
    </li>
  );
}

interface RowProps {
  row: LibraryRow;
  index: number;
  selected: boolean;
  open: boolean;
  focusable: boolean;
  playing: boolean;
  top: number;
  words: RowWords;
  onToggle(row: LibraryRow): void;
  onOpen(rowId: string, cloneId?: string): void;
  onTry(cloneId: string): void;
  onPlay(row: LibraryRow): void;
  onKey(event: React.KeyboardEvent, index: number, row: LibraryRow): void;
}

const VoiceRow = memo(function VoiceRow({ row, index, selected, open, focusable, playing, top, words, onToggle, onOpen, onTry, onPlay, onKey }: RowProps) {
  const { language } = words;
  const duration = row.durationSeconds != null ? formatSeconds(language, row.durationSeconds) : null;
  const sub = [row.sampleId === null ? words.noLocalSample : row.sampleName || words.untitledSample, duration].filter(Boolean).join(' · ');
  const day = formatDay(language, row.createdAt);
  return (
    <div
      className={`lib-row${open ? ' is-open' : ''}${selected ? ' is-selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={open}
      tabIndex={focusable ? 0 : -1}
      data-testid={TEST_IDS.libraryItem}
      data-row-id={row.id}
      data-index={index}
      style={{ transform: `translateY(${top}px)`, height: rowHeight(row) }}
      onClick={() => onOpen(row.id)}
      onKeyDown={(event) => onKey(event, index, row)}
    >
      <span role="gridcell" className="lib-cell-check" onClick={(event) => event.stopPropagation()}>
        <input type="checkbox" checked={selected} tabIndex={-1} data-testid={TEST_IDS.libraryItemSelect} aria-label={words.select(row.name)} onChange={() => onToggle(row)} />
      </span>
      <span role="gridcell" className="lib-cell-play">
        <IconButton
          label={playing ? words.stop(row.name) : words.play(row.name)}
          data-testid={TEST_IDS.libraryPlay}
          disabled={!row.hasAudio}
          tabIndex={-1}
          onClick={(event) => {
            event.stopPropagation();
            onPlay(row);
          }}
        >
          {playing ? ICONS.pause : ICONS.play}
        </IconButton>
      </span>
      <span role="gridcell" className="lib-cell-name">
        <Fit className="lib-name" text={row.name} />
        <span className="lib-sub-line">
          <Fit className="lib-sub muted" text={sub} />
          {row.tags.map((tag) => <Fit key={tag} className="badge accent lib-row-tag" text={tag} />)}
        </span>
      </span>
      <span role="gridcell" className="lib-cell-language"><Fit text={languageLabel(language, row.language)} /></span>
      <span role="gridcell" className="lib-cell-created muted" title={formatDate(language, row.createdAt)}>{day}</span>
      <span role="gridcell" className="lib-cell-clones">
        <ul className="lib-clones" aria-label={words.clones}>
          {row.clones.map((clone, i) => <CloneLine key={i} clone={clone} words={words} onOpen={(cloneId) => onOpen(row.id, cloneId)} onTry={onTry} />)}
        </ul>
      </span>
    </div>
  );
});

/**
 * The list's viewport size, from ResizeObserver only. The library's default also reads the size
 * at once when the list mounts, which forced a layout of the whole screen before any row existed,
 * then a second one with the rows; the first render guesses the window's height instead.
 */
function observeSizeAfterLayout(instance: Virtualizer<HTMLDivElement, Element>, onSize: (rect: { width: number; height: number }) => void) {
  const element = instance.scrollElement;
  if (!element) return;
  const observer = new ResizeObserver(([entry]) => {
    const box = entry.contentBoxSize[0];
    onSize({ width: Math.round(box.inlineSize), height: Math.round(box.blockSize) });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

const scrolledLists = new WeakSet<Element>();

/**
 * The library's scroll, minus its first write when a list mounts: a new list is already at the
 * top, and writing 0 forced a layout of the whole screen before any row was drawn.
 */
function scrollListTo(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, instance: Virtualizer<HTMLDivElement, Element>) {
  const element = instance.scrollElement;
  if (element && !scrolledLists.has(element)) {
    scrolledLists.add(element);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
}

interface VoiceListProps {
  rows: ReadonlyMap<number, LibraryRow>;
  total: number;
  selection: ReadonlyMap<string, readonly string[]>;
  openRowId: string | null;
  onToggle(row: LibraryRow): void;
  onToggleAll(): void;
  onOpen(rowId: string, cloneId?: string): void;
  onDelete(row: LibraryRow): void;
  onRange(first: number, last: number): void;
}

/**
 * Only the rows in view exist in the DOM, and only the pages around them are fetched, so 100,000
 * voices scroll like 10. One row takes the keyboard (roving tabindex): arrows move, Home/End jump,
 * Enter opens, Delete asks to remove.
 */
export function VoiceList({ rows, total, selection, openRowId, onToggle, onToggleAll, onOpen, onDelete, onRange }: VoiceListProps) {
  const words = useRowWords();
  const { t } = words;
  const scrollRef = useRef<HTMLDivElement>(null);
  const focusIndex = useRef(0);
  const openTry = useApp((state) => state.openTry);
  const { playingId, toggle } = useSamplePlayer();
  // The virtualizer re-renders this component itself on scroll; nothing memoized depends on it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => rowHeight(rows.get(index)),
    // Two rows either side, a wheel notch of scroll the compositor may show before the rows render:
    // each rendered row is work on every keystroke (four cost ~10 ms more at the first one), and
    // pages of rows are fetched ahead anyway.
    overscan: 2,
    initialRect: { width: 0, height: window.innerHeight },
    observeElementRect: observeSizeAfterLayout,
    scrollToFn: scrollListTo,
  });
  // Heights come from the rows: when a page arrives, positions are worked out again.
  useEffect(() => virtualizer.measure(), [rows, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (total > 0) onRange(first, last);
  }, [first, last, total, onRange]);

  const shown = [...rows.values()];
  const allSelected = shown.length > 0 && shown.every((row) => selection.has(row.id));
  // The row that takes Tab: the last one focused while it is rendered, else the first in view.
  const tabRow = items.some((item) => item.index === focusIndex.current) ? focusIndex.current : first;

  const totalRef = useRef(total);
  totalRef.current = total;
  const moveTo = useCallback((index: number) => {
    const total = totalRef.current;
    const target = Math.max(0, Math.min(total - 1, index));
    focusIndex.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
    // The row may only exist after the scroll has rendered it.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus());
  }, [virtualizer]);

  // Stable across renders (reads the latest total through a ref), so rows that did not change are not rendered again.
  const onKey = useCallback((event: React.KeyboardEvent, index: number, row: LibraryRow) => {
    const total = totalRef.current;
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / MIN_ROW));
    const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, PageDown: index + page, PageUp: index - page, Home: 0, End: total - 1 };
    if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onOpen(row.id);
    } else if (event.key === 'Delete') {
      event.preventDefault();
      onDelete(row);
    }
  }, [onOpen, onDelete, moveTo]);
  const onPlay = useCallback((row: LibraryRow) => row.sampleId && toggle(row.sampleId), [toggle]);

  return (
    <div className="lib-list card" role="grid" aria-rowcount={total + 1} aria-label={t('list.label')}>
      <div className="lib-row lib-head" role="row" aria-rowindex={1}>
        <span role="columnheader" className="lib-cell-check">
          <input type="checkbox" checked={allSelected} data-testid={TEST_IDS.librarySelectAll} aria-label={t('list.selectAll')} onChange={onToggleAll} />
        </span>
        <span role="columnheader" className="lib-cell-play"><span className="visually-hidden">{t('list.sample')}</span></span>
        <span role="columnheader" className="lib-cell-name"><Fit text={t('list.name')} /></span>
        <span role="columnheader" className="lib-cell-language"><Fit text={t('list.language')} /></span>
        <span role="columnheader" className="lib-cell-created"><Fit text={t('list.created')} /></span>
        <span role="columnheader" className="lib-cell-clones"><Fit text={t('list.clones')} /></span>
      </div>
      <div className="lib-scroll" ref={scrollRef} onFocus={(event) => {
        const index = Number((event.target as HTMLElement).dataset.index);
        if (Number.isInteger(index)) focusIndex.current = index;
      }}>
        <div className="lib-rows" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows.get(item.index);
            if (!row) return <div key={item.key} className="lib-row lib-row-pending" aria-hidden style={{ transform: `translateY(${item.start}px)`, height: item.size }} />;
            return (
              // Keyed by position: a new search refills the same row elements instead of replacing them.
              <VoiceRow
                key={item.key}
                row={row}
                index={item.index}
                selected={selection.has(row.id)}
                open={openRowId === row.id}
                focusable={item.index === tabRow}
                playing={row.sampleId !== null && playingId === row.sampleId}
                top={item.start}
                words={words}
                onToggle={onToggle}
                onOpen={onOpen}
                onTry={openTry}
                onPlay={onPlay}
                onKey={onKey}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
