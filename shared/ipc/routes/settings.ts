import { z } from 'zod';
import { DEFAULT_TARGET_MODEL, REGIONS, SAMPLE_LANGUAGES, TARGET_MODELS } from '../../models';
import { route } from '../define';

export const UI_LANGUAGES = ['system', 'en', 'zh-CN'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Non-secret preferences, kept by main in electron-store. The API key is never part of this. */
export const preferences = z.object({
  uiLanguage: z.enum(UI_LANGUAGES),
  theme: z.enum(THEMES),
  region: z.enum(REGIONS),
  /** Base URL used when region is `custom` (per-workspace domain or a proxy). */
  customBaseUrl: z.string().max(500),
  defaultTargetModel: z.enum(TARGET_MODELS),
  defaultSampleLanguage: z.enum(SAMPLE_LANGUAGES),
  /** Whether the first-run guide was finished or skipped. */
  onboardingDone: z.boolean(),
});
export type Preferences = z.infer<typeof preferences>;

export const DEFAULT_PREFERENCES: Preferences = {
  uiLanguage: 'system',
  theme: 'system',
  region: 'cn-beijing',
  customBaseUrl: '',
  defaultTargetModel: DEFAULT_TARGET_MODEL,
  defaultSampleLanguage: 'zh',
  onboardingDone: false,
};

export const settingsRoutes = {
  'settings.get': route({ input: z.void(), output: preferences }),
  'settings.update': route({ input: preferences.partial().strict(), output: preferences }),
};

export const settingsEvents = {
  'settings.changed': preferences,
};
