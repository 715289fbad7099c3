/**
 * What the first-run guide knows about the user's progress: a key for the active region, a saved
 * sample, a cloned voice. Read from main (the key's status and a count of the catalog, never the
 * catalog itself) and refreshed when they change.
 */
import { create } from 'zustand';
import type { VoiceProgress } from '../../../../shared/catalog';
import type { Region } from '../../../../shared/models';
import type { ConnectionVerdict } from '../../../../shared/settings';
import { timbre } from '../../api';
import { useApp } from '../../app-store';
import { useSettings } from '../settings/settings-store';

export const GUIDE_STEPS = ['key', 'sample', 'voice'] as const;
export type GuideStep = (typeof GUIDE_STEPS)[number];


interface OnboardingState {
  loaded: boolean;
  hasKey: boolean;
  sampleCount: number;
  /** The newest sample with audio and no voice yet: what "Clone it" opens. */
  sampleToClone: string | null;
  voice: VoiceProgress;
  refresh(region: Region): Promise<void>;
}

/** Bursts of changes (a queue of enrollments) cause one read at a time, plus one after it if more came. */
let reading: Promise<void> | null = null;
let queued: Region | null = null;

export const useOnboarding = create<OnboardingState>()((set) => ({
  loaded: false,
  hasKey: false,
  sampleCount: 0,
  sampleToClone: null,
  voice: 'none',
  refresh(region) {
    if (reading) {
      queued = region;
      return reading;
    }
    reading = read(region, set).finally(() => {
      reading = null;
      const next = queued;
      queued = null;
      if (next) void useOnboarding.getState().refresh(next);
    });
    return reading;
  },
}));

async function read(region: Region, set: (patch: Partial<OnboardingState>) => void) {
  const [key, progress] = await Promise.all([timbre().keys.status({ region }), timbre().library.progress()]);
  // A failed read leaves that step as it was: the guide is a help, not a place to show errors.
  const patch: Partial<OnboardingState> = { loaded: true };
  if (key.ok) patch.hasKey = key.value.hasKey;
  if (progress.ok) Object.assign(patch, { sampleCount: progress.value.samples, sampleToClone: progress.value.sampleToClone, voice: progress.value.voice });
  set(patch);
}

/** What the guide counts: the progress read from main, and whether this session's test refused the key. */
type GuideProgress = Pick<OnboardingState, 'hasKey' | 'sampleCount' | 'voice'> & { keyRefused: boolean };

/** Verdicts that say the stored key cannot work as it is; a lost network or a server error says nothing of the key. */
const KEY_REFUSED: ReadonlySet<ConnectionVerdict> = new Set(['invalid-key', 'wrong-region', 'not-activated']);

/**
 * The guide's progress: a key the service refused in this session's test is stored, not done
 * (the step says it needs attention instead of ticking it off).
 */
export function useGuide(): OnboardingState & GuideProgress {
  const progress = useOnboarding();
  const region = useApp((state) => state.preferences.region);
  const keyRefused = useSettings((state) => state.verdict !== null && state.verdict.region === region && KEY_REFUSED.has(state.verdict.verdict));
  return { ...progress, keyRefused };
}

export const stepDone = (state: GuideProgress, step: GuideStep): boolean =>
  step === 'key' ? state.hasKey && !state.keyRefused : step === 'sample' ? state.sampleCount > 0 : state.voice === 'ready';

export const doneCount = (state: GuideProgress): number =>
  GUIDE_STEPS.filter((step) => stepDone(state, step)).length;
