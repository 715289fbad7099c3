import { create } from 'zustand';
import { type Preferences } from '../../shared/ipc/routes/settings';
import { DEFAULT_PREFERENCES } from '../../shared/settings';
import type { AppInfo } from '../../shared/ipc/routes/app';
import { timbre } from './api';
import { createPushClock } from './push-clock';
import { describeError, setPlatform } from './i18n';
import i18n from './i18n';
import { toast } from './components/toast-store';

export const SCREENS = ['onboarding', 'record', 'samples', 'enroll', 'library', 'try', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

interface AppState {
  screen: Screen;
  info: AppInfo | null;
  /** Mirror of main's preferences; main owns them and pushes `settings.changed`. */
  preferences: Preferences;
  online: boolean;
  /** The sample the enrollment form is for (set by "Clone this voice"). */
  enrollSampleId: string | null;
  /** The voice the Try screen starts with (set by a library item's "Try"). */
  tryVoiceId: string | null;
  go(screen: Screen): void;
  openEnroll(sampleId: string): void;
  openTry(voiceId: string): void;
  load(): Promise<void>;
  updatePreferences(patch: Partial<Preferences>): Promise<boolean>;
}

export const useApp = create<AppState>()((set, get) => ({
  screen: 'record',
  info: null,
  preferences: DEFAULT_PREFERENCES,
  online: navigator.onLine,
  enrollSampleId: null,
  tryVoiceId: null,
  go: (screen) => set({ screen }),
  openEnroll: (sampleId) => set({ screen: 'enroll', enrollSampleId: sampleId }),
  openTry: (voiceId) => set({ screen: 'try', tryVoiceId: voiceId }),
  async load() {
    const preferencePushes = createPushClock();
    timbre().on('settings.changed', (next) => {
      preferencePushes.pushed();
      set({ preferences: next });
    });
    timbre().on('app.online', ({ online }) => set({ online }));
    const [info, preferences] = await Promise.all([timbre().app.info(), preferencePushes.ask(() => timbre().settings.get())]);
    if (info.ok) {
      setPlatform(info.value.platform);
      set({ info: info.value });
    }
    if (preferences) set({ preferences });
    // A new user starts on the first-run guide; it stays reachable from the sidebar afterwards.
    const known = preferences !== null || preferencePushes.pushes > 0;
    if (known && !get().preferences.onboardingDone) set({ screen: 'onboarding' });
  },
  async updatePreferences(patch) {
    const result = await timbre().settings.update(patch);
    if (!result.ok) {
      toast.error(describeError(i18n.t, result.error));
      return false;
    }
    set({ preferences: result.value });
    return true;
  },
}));
