/**
 * Plays a voice's sample straight from its Library row: one sample at a time, stopped by a
 * second click, by another row's play, or when it ends.
 */
import { timbre } from '../../api';
import { toast } from '../../components/toast-store';
import i18n, { describeError } from '../../i18n';
import type { AudioBytes } from '../try/use-audio-url';
import { useLibrary } from './library-store';

/** The recording as it came in, else the converted upload (a linked sample has neither). */
export async function readSampleAudio(sampleId: string): Promise<AudioBytes> {
  const original = await timbre().samples.readAudio({ id: sampleId, which: 'original' });
  return original.ok ? original : timbre().samples.readAudio({ id: sampleId, which: 'upload' });
}

let audio: HTMLAudioElement | null = null;

function stop() {
  if (audio) {
    audio.pause();
    URL.revokeObjectURL(audio.src);
    audio = null;
  }
  useLibrary.setState({ playingSampleId: null });
}

async function toggle(sampleId: string) {
  const wasPlaying = useLibrary.getState().playingSampleId === sampleId;
  stop();
  if (wasPlaying) return;
  useLibrary.setState({ playingSampleId: sampleId });
  const result = await readSampleAudio(sampleId);
  if (useLibrary.getState().playingSampleId !== sampleId) return;
  if (!result.ok) {
    stop();
    return toast.error(describeError(i18n.t, result.error));
  }
  const player = new Audio(URL.createObjectURL(new Blob([result.value.bytes as Uint8Array<ArrayBuffer>], { type: result.value.mime })));
  audio = player;
  player.onended = () => audio === player && stop();
  await player.play().catch(() => audio === player && stop());
}

export function useSamplePlayer() {
  const playingId = useLibrary((state) => state.playingSampleId);
  return { playingId, toggle, stop };
}
