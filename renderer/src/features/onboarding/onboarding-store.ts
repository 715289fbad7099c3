/**
 * What the first-run guide knows about the user's progress: a key for the active region, a saved
 * sample, a cloned voice. Read from main (the key's status and a count of the catalog, never the
 * catalog itself) and refreshed when they change.
 */
import { create } from 'zustand';
import type { VoiceProgress } from '../../../../shared/catalog';
import type { Region } from '../../../../shared/models';
import { timbre } from '../../api';

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

export const stepDone = (state: Pick<OnboardingState, 'hasKey' | 'sampleCount' | 'voice'>, step: GuideStep): boolean =>
  step === 'key' ? state.hasKey : step === 'sample' ? state.sampleCount > 0 : state.voice === 'ready';

export const doneCount = (state: Pick<OnboardingState, 'hasKey' | 'sampleCount' | 'voice'>): number =>
  GUIDE_STEPS.filter((step) => stepDone(state, step)).length;
