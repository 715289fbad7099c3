import { z } from 'zod';
import { REGIONS, SAMPLE_LANGUAGES, TARGET_MODELS } from '../../models';
import { API_KEY_LENGTH, API_KEY_PATTERN, CONNECTION_VERDICTS, DEFAULT_PREFERENCES, isAllowedCustomBaseUrl, KEY_SOURCES, THEMES, UI_LANGUAGES } from '../../settings';
import { route } from '../define';

const customBaseUrl = z.string().trim().max(500)
  .refine((value) => value === '' || isAllowedCustomBaseUrl(value), { message: 'Must be an https URL (or http to localhost)' });

/** Non-secret preferences, kept by main in electron-store. The API key is never part of this. */
export const preferences = z.object({
  uiLanguage: z.enum(UI_LANGUAGES),
  theme: z.enum(THEMES),
  region: z.enum(REGIONS),
  /** Base URL used when region is `custom` (per-workspace domain or a proxy). */
  customBaseUrl,
  defaultTargetModel: z.enum(TARGET_MODELS),
  /** The language samples are read in; null follows the interface language (English or Chinese). */
  defaultSampleLanguage: z.enum(SAMPLE_LANGUAGES).nullable(),
  /** Whether the first-run guide was finished or skipped. */
  onboardingDone: z.boolean(),
  /** Check for a newer Timbre at start and then daily. */
  checkForUpdates: z.boolean(),
});
export type Preferences = z.infer<typeof preferences>;

// The defaults live without zod in ../../settings.ts (the renderer starts from them): every field, each valid.
type Defaults = typeof DEFAULT_PREFERENCES;
export const DEFAULTS_ARE_PREFERENCES: [Defaults extends Preferences ? true : false, Exclude<keyof Preferences, keyof Defaults>] extends [true, never] ? true : never = true;

/** An API key as the user pastes it (rules in shared/settings.ts). */
export const apiKeyInput = z.string().trim().min(API_KEY_LENGTH.min).max(API_KEY_LENGTH.max).regex(API_KEY_PATTERN, 'Only printable characters without spaces');

/** Everything the renderer ever learns about a key: whether there is one, and its last 4 characters. */
export const keyStatus = z.object({
  region: z.enum(REGIONS),
  hasKey: z.boolean(),
  keyHint: z.string().length(4).nullable(),
  /** keychain: stored in the OS keychain; session: held in memory until Timbre quits; env: DASHSCOPE_API_KEY. */
  source: z.enum(KEY_SOURCES).nullable(),
  keychainAvailable: z.boolean(),
  /** Why the keychain cannot be used (technical text from the OS), when it cannot. */
  keychainProblem: z.string().optional(),
});
export type KeyStatus = z.infer<typeof keyStatus>;

export const connectionResult = z.object({
  verdict: z.enum(CONNECTION_VERDICTS),
  /** The region that was tested. */
  region: z.enum(REGIONS),
  /** For `wrong-region`: the region the key works in. */
  keyRegion: z.enum(REGIONS).optional(),
  /** For `ok`: how many cloned voices the account has in this region, when DashScope says. */
  voiceCount: z.number().int().nonnegative().optional(),
  /** The failure behind every verdict but `ok`, to translate with `describeError`. */
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    retryable: z.boolean().optional(),
  }).optional(),
});
export type ConnectionResult = z.infer<typeof connectionResult>;

const regionInput = z.object({ region: z.enum(REGIONS) });

export const settingsRoutes = {
  'settings.get': route({ input: z.void(), output: preferences }),
  'settings.update': route({ input: preferences.partial().strict(), output: preferences }),
  'keys.status': route({ input: regionInput, output: keyStatus }),
  /** Stores the key for `region` in the keychain (or only for this session when asked, or when there is no keychain). */
  'keys.save': route({ input: regionInput.extend({ apiKey: apiKeyInput, sessionOnly: z.boolean().default(false) }).strict(), output: keyStatus }),
  /** Stores the DASHSCOPE_API_KEY the app was started with in the keychain, at the user's request. */
  'keys.saveEnvironmentKey': route({ input: regionInput, output: keyStatus }),
  /**
   * Reads the key from the system clipboard in main and stores it like `keys.save`: the renderer
   * may not read the clipboard (only the microphone permission is granted), and the key never passes through it.
   */
  'keys.pasteFromClipboard': route({ input: regionInput.extend({ sessionOnly: z.boolean().default(false) }).strict(), output: keyStatus }),
  /** Forgets the key of `region` (keychain and session). The environment key, if any, then applies. */
  'keys.remove': route({ input: regionInput, output: keyStatus }),
  /**
   * One cheap authenticated call (`list`, page size 1). Tests `apiKey` when given (before it is saved),
   * else the key in use for `region`; `customBaseUrl` likewise overrides the saved one for region `custom`.
   */
  'keys.testConnection': route({
    input: regionInput.extend({ apiKey: apiKeyInput.optional(), customBaseUrl: customBaseUrl.optional() }).strict(),
    output: connectionResult,
  }),
};

export const settingsEvents = {
  'settings.changed': preferences,
  /** The key status of the active region changed (saved, removed, or the region switched). */
  'keys.changed': keyStatus,
};
