import { useCallback, useEffect, useRef, useState } from 'react';
import type { Trim } from './audio-pipeline';

/** Plays the kept range of a decoded sample through Web Audio (exact, and no seeking in WebM blobs). */
export function usePlayback(buffer: AudioBuffer | null, range: Trim) {
  const [position, setPosition] = useState<number | null>(null);
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

  const play = useCallback(() => {
    if (!buffer) return;
    stop();
    const context = new AudioContext();
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const startedAt = context.currentTime;
    source.start(0, range.start, range.end - range.start);
    const current = { context, source, frame: 0 };
    const follow = () => {
      setPosition(Math.min(range.end, range.start + context.currentTime - startedAt));
      current.frame = requestAnimationFrame(follow);
    };
    current.frame = requestAnimationFrame(follow);
    source.onended = () => stop();
    player.current = current;
    setPosition(range.start);
  }, [buffer, range.start, range.end, stop]);

  // A new take or trim ends playback of the old one.
  useEffect(() => stop, [buffer, range.start, range.end, stop]);

  return { playing: position !== null, position, play, stop };
}
