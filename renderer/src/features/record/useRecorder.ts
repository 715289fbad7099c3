/**
 * Microphone capture with MediaRecorder: OS permission, getUserMedia with voice-friendly
 * constraints, a 3-2-1 count-in, a live level meter with clipping, a timer with an automatic stop,
 * and detection of a stream that carries no sound (macOS with the OS-level switch off sends zeros).
 * While it records, the take is heard (speech, voices) by the take listener, so its verdict is
 * nearly ready at Stop.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { CHECK_THRESHOLDS, toDbfs } from '../../../../shared/audio/checks';
import { ROOM, checkRoom, type RoomCheck } from '../../../../shared/audio/room';
import { timbre } from '../../api';
import { useReportRecording } from '../updates/update-store';
import { prepareTakeListener, tapMicrophone, type Hearing, type Tap } from './workers/hear-take';
import type { HeardTake } from './workers/take-listener';

export type MicProblem = 'os-denied' | 'permission-denied' | 'no-microphone' | 'device-missing' | 'device-busy' | 'silent-stream' | 'unsupported' | 'failed';

export interface RecorderView {
  phase: 'idle' | 'opening' | 'countdown' | 'recording' | 'finishing';
  /** 3, 2, 1 during the count-in. */
  countdown: number;
  /** Seconds recorded so far. */
  elapsed: number;
  /** Meter position 0–1 (−60 dBFS … 0 dBFS). */
  level: number;
  /** A full-scale peak was seen in the last second. */
  clipping: boolean;
  problem: MicProblem | null;
  /** The room as heard during the count-in (null until measured). */
  room: RoomCheck | null;
  /** The voice came in quietly in the first seconds of the take. */
  quietInput: boolean;
}

export interface RecorderOptions {
  deviceId: string | null;
  voiceProcessing: boolean;
  maxSeconds: number;
  countInSeconds: number;
  /** The take, and what the take listener heard of it (null where it could not listen). */
  onRecorded(blob: Blob, heard: Promise<HeardTake | null>): void;
  /** Permission was granted: device labels are now readable. */
  onStreamOpened?(): void;
}

const IDLE: RecorderView = { phase: 'idle', countdown: 0, elapsed: 0, level: 0, clipping: false, problem: null, room: null, quietInput: false };
const TICK_MS = 50;
const SILENT_PEAK = 10 ** (CHECK_THRESHOLDS.silentStreamPeakDbfs / 20);
const METER_FLOOR_DB = -60;
const CLIP_HOLD_MS = 1000;
const MIME_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];
const LISTENING_RATE = 48_000;

function micProblem(error: unknown, deviceId: string | null): MicProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'permission-denied';
  if (name === 'NotFoundError') return 'no-microphone';
  if (name === 'OverconstrainedError') return deviceId ? 'device-missing' : 'no-microphone';
  if (name === 'NotReadableError' || name === 'AbortError' || name === 'TrackStartError') return 'device-busy';
  return 'failed';
}

interface Session {
  stream: MediaStream;
  context: AudioContext;
  analyser: AnalyserNode;
  samples: Float32Array<ArrayBuffer>;
  ticker: ReturnType<typeof setInterval>;
  recorder: MediaRecorder | null;
  chunks: Blob[];
  startedAt: number;
  heardSound: boolean;
  clipUntil: number;
  countIn: ReturnType<typeof setTimeout> | null;
  cancelled: boolean;
  /** RMS of each meter window heard during the count-in, until the room is judged. */
  roomWindows: number[] | null;
  /** Loudest peak of the take so far. */
  takePeak: number;
  quietInputChecked: boolean;
  /** The take listener's tap on the microphone, once set up (null until then, or where AudioWorklet failed), and the take it hears. */
  tap: Tap | null;
  hearing: Promise<Hearing | null> | null;
  heard: Promise<HeardTake | null> | null;
}

/** What was heard, or null (then the take is analysed whole): a listener that fails must not lose the take. */
function heardOrNull(hearing: Promise<Hearing | null>): Promise<HeardTake | null> {
  return hearing.then((current) => current?.stop() ?? null).catch((error: unknown) => {
    console.error('the take listener failed', error);
    return null;
  });
}

export function useRecorder(options: RecorderOptions) {
  const [view, setView] = useState<RecorderView>(IDLE);
  const optionsRef = useRef(options);
  const session = useRef<Session | null>(null);

  useEffect(() => {
    optionsRef.current = options;
  });
  // No update is offered or installed while the microphone is open.
  useReportRecording(view.phase !== 'idle');

  const teardown = useCallback(() => {
    const current = session.current;
    if (!current) return;
    session.current = null;
    clearInterval(current.ticker);
    if (current.countIn) clearTimeout(current.countIn);
    current.stream.getTracks().forEach((track) => track.stop());
    void current.context.close().catch(() => {});
  }, []);

  const stop = useCallback(() => {
    const current = session.current;
    if (!current?.recorder || current.recorder.state === 'inactive') return;
    setView((state) => ({ ...state, phase: 'finishing' }));
    if (current.hearing) current.heard = heardOrNull(current.hearing);
    current.recorder.stop();
  }, []);

  const cancel = useCallback(() => {
    const current = session.current;
    if (!current) return;
    current.cancelled = true;
    void current.hearing?.then((hearing) => hearing?.cancel());
    if (current.recorder && current.recorder.state !== 'inactive') current.recorder.stop();
    teardown();
    setView(IDLE);
  }, [teardown]);

  const tick = useCallback(() => {
    const current = session.current;
    if (!current) return;
    current.analyser.getFloatTimeDomainData(current.samples);
    let peak = 0;
    let energy = 0;
    for (const value of current.samples) {
      peak = Math.max(peak, Math.abs(value));
      energy += value * value;
    }
    const counting = current.recorder === null;
    if (counting && current.roomWindows && current.context.currentTime >= ROOM.settleSeconds) {
      current.roomWindows.push(Math.sqrt(energy / current.samples.length));
      if (current.roomWindows.length >= ROOM.windows) {
        const room = checkRoom(current.roomWindows);
        current.roomWindows = null;
        setView((state) => ({ ...state, room }));
      }
    }
    if (!counting) current.takePeak = Math.max(current.takePeak, peak);
    if (peak > SILENT_PEAK) current.heardSound = true;
    const now = performance.now();
    if (peak >= CHECK_THRESHOLDS.clipLevel) current.clipUntil = now + CLIP_HOLD_MS;
    // AudioContext time only runs while audio flows, so a suspended context is not mistaken for silence.
    if (!current.heardSound && current.context.currentTime >= CHECK_THRESHOLDS.silentStreamSeconds) {
      current.cancelled = true;
      if (current.recorder && current.recorder.state !== 'inactive') current.recorder.stop();
      teardown();
      setView({ ...IDLE, problem: 'silent-stream' });
      return;
    }
    const position = Math.min(1, Math.max(0, (toDbfs(peak) - METER_FLOOR_DB) / -METER_FLOOR_DB));
    const elapsed = current.recorder?.state === 'recording' ? (now - current.startedAt) / 1000 : 0;
    setView((state) => ({
      ...state,
      // Fast attack, slow release: a meter the eye can follow.
      level: Math.max(position, state.level - 0.04),
      clipping: now < current.clipUntil,
      elapsed,
    }));
    if (!current.quietInputChecked && elapsed >= ROOM.quietInputAfterSeconds) {
      current.quietInputChecked = true;
      if (toDbfs(current.takePeak) < ROOM.quietInputPeakDbfs) setView((state) => ({ ...state, quietInput: true }));
    }
    if (elapsed >= optionsRef.current.maxSeconds) stop();
  }, [stop, teardown]);

  const beginRecording = useCallback(() => {
    const current = session.current;
    if (!current) return;
    const mimeType = MIME_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    const recorder = new MediaRecorder(current.stream, mimeType ? { mimeType } : undefined);
    current.recorder = recorder;
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) current.chunks.push(event.data);
    };
    recorder.onstop = () => {
      // A stop the recorder made itself (an error, the track ending, leaving the screen) did not
      // go through stop(): the tap is told here, before the audio graph closes.
      const heard = current.heard ?? (current.hearing && !current.cancelled ? heardOrNull(current.hearing) : Promise.resolve(null));
      teardown();
      if (current.cancelled) return;
      setView(IDLE);
      optionsRef.current.onRecorded(new Blob(current.chunks, { type: recorder.mimeType || mimeType || 'audio/webm' }), heard);
    };
    recorder.onstart = () => setView((state) => ({ ...state, phase: 'recording', countdown: 0, elapsed: 0 }));
    // The recorder's state is 'recording' as soon as start() returns, before its start event:
    // the clock must run from here, or a meter tick in between measures from page load.
    current.startedAt = performance.now();
    recorder.start(1000);
    // The tap is set up during the count-in and starts with the recorder; one not ready by now
    // would start late, and the take is analysed whole instead.
    current.hearing = Promise.resolve(current.tap?.record() ?? null);
  }, [teardown]);

  const start = useCallback(async () => {
    if (session.current) return;
    setView({ ...IDLE, phase: 'opening' });
    if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
      setView({ ...IDLE, problem: 'unsupported' });
      return;
    }
    const access = await timbre().samples.microphoneAccess();
    if (access.ok && !access.value.granted) {
      setView({ ...IDLE, problem: 'os-denied' });
      return;
    }
    const { deviceId, voiceProcessing, countInSeconds } = optionsRef.current;
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: {
          ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
          channelCount: { ideal: 1 },
          echoCancellation: voiceProcessing,
          noiseSuppression: voiceProcessing,
          autoGainControl: voiceProcessing,
        },
      });
    } catch (error) {
      setView({ ...IDLE, problem: micProblem(error, deviceId) });
      return;
    }
    optionsRef.current.onStreamOpened?.();
    // At the rate MediaRecorder's Opus takes (48 kHz): the listener then hears the samples the
    // decoded take has, resampled as the whole-take analysis resamples them.
    const context = new AudioContext({ sampleRate: LISTENING_RATE });
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    const source = context.createMediaStreamSource(stream);
    source.connect(analyser);
    void context.resume().catch(() => {});
    prepareTakeListener();
    const current: Session = {
      stream, context, analyser, samples: new Float32Array(analyser.fftSize), recorder: null, chunks: [], startedAt: 0,
      heardSound: false, clipUntil: 0, countIn: null, cancelled: false, roomWindows: [], takePeak: 0, quietInputChecked: false,
      tap: null, hearing: null, heard: null,
      ticker: setInterval(() => tick(), TICK_MS),
    };
    session.current = current;
    void tapMicrophone(context, source).then(
      (tap) => {
        current.tap = tap;
      },
      (error: unknown) => console.error('the take cannot be heard while recorded', error),
    );
    // The user hears/sees the count-in while the meter already shows their level.
    const count = (remaining: number) => {
      if (session.current !== current) return;
      if (remaining === 0) {
        current.countIn = null;
        beginRecording();
        return;
      }
      setView((state) => ({ ...state, phase: 'countdown', countdown: remaining }));
      current.countIn = setTimeout(() => count(remaining - 1), 1000);
    };
    count(countInSeconds);
  }, [beginRecording, tick]);

  const dismissProblem = useCallback(() => setView(IDLE), []);

  // Leaving the screen mid-take stops and saves it (the store outlives the screen); a count-in just ends.
  useEffect(() => () => {
    const current = session.current;
    if (current?.recorder?.state === 'recording') current.recorder.stop();
    else teardown();
  }, [teardown]);

  return { view, start, stop, cancel, dismissProblem };
}
