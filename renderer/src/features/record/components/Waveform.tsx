import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { downmix } from '../../../../../shared/audio/checks';
import { waveformPeaks } from '../../../../../shared/audio/peaks';
import { TEST_IDS } from '../../../../../shared/testids';
import { channelsOf, type Trim } from '../audio-pipeline';

const COLUMNS = 1600;
const HANDLE_GRAB_PX = 12;

interface WaveformProps {
  buffer: AudioBuffer;
  trim: Trim;
  playhead: number | null;
  onTrim(trim: Trim): void;
}

function themeColour(element: Element, name: string): string {
  return getComputedStyle(element).getPropertyValue(name).trim() || '#888';
}

/** The sample's waveform on a canvas, with draggable trim edges and the playhead. */
export function Waveform({ buffer, trim, playhead, onTrim }: WaveformProps) {
  const { t } = useTranslation('record');
  const canvas = useRef<HTMLCanvasElement>(null);
  const peaks = useMemo(() => waveformPeaks(downmix(channelsOf(buffer)), COLUMNS), [buffer]);
  const [drag, setDrag] = useState<{ edge: 'start' | 'end'; trim: Trim } | null>(null);
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

  const onPointerDown = (event: PointerEvent) => {
    const box = event.currentTarget.getBoundingClientRect();
    const px = event.clientX - box.left;
    const toPx = (seconds: number) => (seconds / duration) * box.width;
    const nearStart = Math.abs(px - toPx(trim.start));
    const nearEnd = Math.abs(px - toPx(trim.end));
    if (Math.min(nearStart, nearEnd) > HANDLE_GRAB_PX) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ edge: nearStart <= nearEnd ? 'start' : 'end', trim });
  };

  const onPointerMove = (event: PointerEvent) => {
    if (!drag) return;
    const seconds = secondsAt(event);
    const minimum = 0.5;
    setDrag({
      ...drag,
      trim: drag.edge === 'start'
        ? { start: Math.min(seconds, drag.trim.end - minimum), end: drag.trim.end }
        : { start: drag.trim.start, end: Math.max(seconds, drag.trim.start + minimum) },
    });
  };

  const onPointerUp = () => {
    if (!drag) return;
    const round = (value: number) => Math.round(value * 100) / 100;
    onTrim({ start: round(Math.max(0, drag.trim.start)), end: round(Math.min(duration, drag.trim.end)) });
    setDrag(null);
  };

  return (
    <canvas
      ref={canvas}
      className={`waveform${drag ? ' dragging' : ''}`}
      data-testid={TEST_IDS.sampleWaveform}
      data-peaks={COLUMNS}
      role="img"
      aria-label={t('take.waveform')}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
    />
  );
}
