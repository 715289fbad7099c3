import { useCallback, useEffect, useRef, useState } from 'react';
import type { Trim } from './audio-pipeline';

/**
 * Plays the kept range of a decoded sample through Web Audio (exact, and no seeking in WebM
 * blobs). A cursor, set by clicking the waveform or with the arrow keys, is where play starts.
 */
export function usePlayback(buffer: AudioBuffer | null, range: Trim) {
  const [position, setPosition] = useState<number | null>(null);
  const [cursor, setCursor] = useState<number | null>(null);
  const player = useRef<{ context: AudioContext; source: AudioBufferSourceNode; frame: number } | null>(null);

  const stop = useCallback(() => {
    const current = player.current;
    if (!current) return;
    player.current = null;
    cancelAnimationFrame(current.frame);
    current.source.onended = null;
    try {
      current.source.stop();
    } catch {
      // already ended
    }
    void current.context.close().catch(() => {});
    setPosition(null);
  }, []);

  const clamp = useCallback((seconds: number) => Math.min(range.end, Math.max(range.start, seconds)), [range.start, range.end]);

  const play = useCallback(
    (from?: number) => {
      if (!buffer) return;
      stop();
      let offset = clamp(from ?? cursor ?? range.start);
      // From the very end there is nothing to hear: start over.
      if (range.end - offset < 0.05) offset = range.start;
      const context = new AudioContext();
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(context.destination);
      const startedAt = context.currentTime;
      source.start(0, offset, range.end - offset);
      const current = { context, source, frame: 0 };
      const follow = () => {
        setPosition(Math.min(range.end, offset + context.currentTime - startedAt));
        current.frame = requestAnimationFrame(follow);
      };
      current.frame = requestAnimationFrame(follow);
      source.onended = () => stop();
      player.current = current;
      setPosition(offset);
    },
    [buffer, range.start, range.end, cursor, clamp, stop],
  );

  /** Moves the cursor; while playing, playback jumps there. */
  const seek = useCallback(
    (seconds: number) => {
      const target = clamp(seconds);
      setCursor(target);
      if (player.current) play(target);
    },
    [clamp, play],
  );

  // A new take or trim ends playback of the old one.
  useEffect(() => stop, [buffer, range.start, range.end, stop]);

  // A cursor outside a new trim moves inside it.
  const shownCursor = cursor === null ? null : clamp(cursor);
  return { playing: position !== null, position: position ?? shownCursor, play, stop, seek };
}
