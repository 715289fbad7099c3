/**
 * The room check before recording: during the count-in the user is quiet, so what the microphone
 * hears is the room. Its noise floor is the quietest tenth of the meter's windows (minimum
 * statistics, as speech enhancers estimate noise: a cough or a word in the count-in does not count).
 */
import { CHECK_THRESHOLDS, toDbfs } from './checks';

/** Speech RMS while talking at a normal distance from the microphone. */
const TYPICAL_SPEECH_DBFS = -25;

export const ROOM = {
  /** Windows measured before a verdict: about 1.2 s of the 3 s count-in, after the input settles. */
  windows: 24,
  settleSeconds: 0.3,
  /** A floor above this leaves ordinary speech less than the 20 dB over the noise that the sample check asks for. */
  noisyFloorDbfs: TYPICAL_SPEECH_DBFS - CHECK_THRESHOLDS.noisySnrDb,
  /** Speech whose peaks stay under this in the first seconds is quiet enough to lose detail to the room. */
  quietInputPeakDbfs: -30,
  /** Seconds of recording after which a quiet input is pointed out. */
  quietInputAfterSeconds: 3,
} as const;

export interface RoomCheck {
  floorDb: number;
  verdict: 'quiet' | 'noisy';
}

/** The room's verdict from the RMS of each meter window heard during the count-in. */
export function checkRoom(windowRms: readonly number[]): RoomCheck {
  const sorted = [...windowRms].sort((a, b) => a - b);
  const floor = sorted[Math.floor(sorted.length / 10)] ?? 0;
  const floorDb = Math.round(Math.max(-120, toDbfs(floor)));
  return { floorDb, verdict: floorDb > ROOM.noisyFloorDbfs ? 'noisy' : 'quiet' };
}
