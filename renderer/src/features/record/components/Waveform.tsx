import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { waveformPeaks } from '../../../../../shared/audio/peaks';
import { TEST_IDS } from '../../../../../shared/testids';
import { channelsOf, type Trim } from '../audio-pipeline';

const COLUMNS = 1600;
const HANDLE_GRAB_PX = 12;
/** A press that moves less than this is a click (seek), more is a drag (select). */
const DRAG_THRESHOLD_PX = 4;
const MIN_SELECTION_S = 0.5;

interface WaveformProps {
  buffer: AudioBuffer;
  trim: Trim;
  /** Where playback is, or the cursor where it will start. */
  playhead: number | null;
  onTrim(trim: Trim): void;
  onSeek(seconds: number): void;
}

type Drag =
  | { kind: 'edge'; edge: 'start' | 'end'; trim: Trim }
  | { kind: 'select'; anchor: number; anchorPx: number; moved: boolean; trim: Trim };

function themeColour(element: Element, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || '#888';
}

/**
 * The sample's waveform on a canvas: click to play from a point, drag across it to keep only that
 * part, drag an edge to move it. From the keyboard: arrows move the cursor, [ and ] set the start
 * and end at the cursor, Home/End jump to the kept part's edges.
 */
export function Waveform({ buffer, trim, playhead, onTrim, onSeek }: WaveformProps) {
  const { t } = useTranslation('record');
  const canvas = useRef<HTMLCanvasElement>(null);
  const peaks = useMemo(() => waveformPeaks(channelsOf(buffer), COLUMNS), [buffer]);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [themeTick, setThemeTick] = useState(0);
  const shown = drag?.trim ?? trim;
  const duration = buffer.duration;

  useEffect(() => {
    const observer = new MutationObserver(() => setThemeTick((tick) => tick + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const element = canvas.current;
    const resize = new ResizeObserver(() => setThemeTick((tick) => tick + 1));
    if (element) resize.observe(element);
    return () => {
      observer.disconnect();
      resize.disconnect();
    };
  }, []);

  useEffect(() => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(element.clientWidth * ratio));
    const height = Math.max(1, Math.round(element.clientHeight * ratio));
    element.width = width;
    element.height = height;
    const wave = themeColour(element, '--accent');
    const muted = themeColour(element, '--text-muted');
    const shade = themeColour(element, '--bg');
    const middle = height / 2;
    const x = (seconds: number) => (seconds / duration) * width;
    context.clearRect(0, 0, width, height);
    context.fillStyle = muted;
    context.globalAlpha = 0.35;
    context.fillRect(0, middle - ratio / 2, width, ratio);
    context.globalAlpha = 1;
    for (let px = 0; px < width; px++) {
      const column = Math.min(COLUMNS - 1, Math.floor((px / width) * COLUMNS));
      const min = peaks[column * 2];
      const max = peaks[column * 2 + 1];
      const seconds = (px / width) * duration;
      context.fillStyle = seconds >= shown.start && seconds <= shown.end ? wave : muted;
      const top = middle - max * middle * 0.95;
      const bottom = middle - min * middle * 0.95;
      context.fillRect(px, top, 1, Math.max(ratio, bottom - top));
    }
    // Trimmed-off parts are veiled, the kept part framed by its two edges.
    context.fillStyle = shade;
    context.globalAlpha = 0.55;
    context.fillRect(0, 0, x(shown.start), height);
    context.fillRect(x(shown.end), 0, width - x(shown.end), height);
    context.globalAlpha = 1;
    context.fillStyle = wave;
    for (const edge of [shown.start, shown.end]) context.fillRect(Math.min(width - 2 * ratio, x(edge)), 0, 2 * ratio, height);
    if (playhead !== null) {
      context.fillStyle = themeColour(element, '--text');
      context.fillRect(x(playhead), 0, ratio * 1.5, height);
    }
  }, [peaks, shown.start, shown.end, playhead, duration, themeTick]);

  const secondsAt = (event: PointerEvent) => {
    const box = event.currentTarget.getBoundingClientRect();
    return Math.min(duration, Math.max(0, ((event.clientX - box.left) / box.width) * duration));
  };

  const round = (value: number) => Math.round(value * 100) / 100;
  const commitTrim = (next: Trim) => onTrim({ start: round(Math.max(0, next.start)), end: round(Math.min(duration, next.end)) });

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - box.left;
    const toPx = (seconds: number) => (seconds / duration) * box.width;
    const nearStart = Math.abs(px - toPx(trim.start));
    const nearEnd = Math.abs(px - toPx(trim.end));
    event.currentTarget.setPointerCapture(event.pointerId);
    if (Math.min(nearStart, nearEnd) <= HANDLE_GRAB_PX) setDrag({ kind: 'edge', edge: nearStart <= nearEnd ? 'start' : 'end', trim });
    else setDrag({ kind: 'select', anchor: secondsAt(event), anchorPx: event.clientX, moved: false, trim });
  };

  const onPointerMove = (event: PointerEvent) => {
    if (!drag) return;
    const seconds = secondsAt(event);
    if (drag.kind === 'edge') {
      setDrag({
        ...drag,
        trim: drag.edge === 'start'
          ? { start: Math.min(seconds, drag.trim.end - MIN_SELECTION_S), end: drag.trim.end }
          : { start: drag.trim.start, end: Math.max(seconds, drag.trim.start + MIN_SELECTION_S) },
      });
      return;
    }
    const moved = drag.moved || Math.abs(event.clientX - drag.anchorPx) > DRAG_THRESHOLD_PX;
    setDrag({ ...drag, moved, trim: moved ? { start: Math.min(drag.anchor, seconds), end: Math.max(drag.anchor, seconds) } : drag.trim });
  };

  const onPointerUp = () => {
    if (!drag) return;
    setDrag(null);
    if (drag.kind === 'select' && !drag.moved) onSeek(drag.anchor);
    else if (drag.trim.end - drag.trim.start >= MIN_SELECTION_S) commitTrim(drag.trim);
  };

  const cursor = playhead ?? trim.start;
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.shiftKey ? 5 : 0.5;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => onSeek(cursor - step),
      ArrowRight: () => onSeek(cursor + step),
      Home: () => onSeek(trim.start),
      End: () => onSeek(trim.end),
      '[': () => cursor <= trim.end - MIN_SELECTION_S && commitTrim({ start: cursor, end: trim.end }),
      ']': () => cursor >= trim.start + MIN_SELECTION_S && commitTrim({ start: trim.start, end: cursor }),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  return (
    <canvas
      ref={canvas}
      className={`waveform${drag ? ' dragging' : ''}`}
      data-testid={TEST_IDS.sampleWaveform}
      data-peaks={COLUMNS}
      role="slider"
      tabIndex={0}
      aria-label={t('take.waveform')}
      aria-valuemin={0}
      aria-valuemax={round(duration)}
      aria-valuenow={round(cursor)}
      aria-valuetext={t('take.cursorAt', { seconds: cursor.toFixed(1) })}
      aria-keyshortcuts="ArrowLeft ArrowRight Home End [ ]"
      data-cursor={round(cursor)}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
    />
  );
}
