/**
 * Settings values both processes use, without zod (the renderer bundle stays small); the schemas
 * that validate them are in ipc/routes/settings.ts.
 */
import { DEFAULT_TARGET_MODEL } from './models';

export const UI_LANGUAGES = ['system', 'en', 'zh-CN'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A custom base URL is accepted when it is https, or plain http to this computer only (a local
 * proxy or `npm run mock`): anything else would send the API key over the network unencrypted.
 */
export function isAllowedCustomBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username || url.password || url.search || url.hash) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}

/**
 * The HTTP base Timbre calls for a custom URL. A bare host (e.g. a per-workspace domain
 * `https://<id>.cn-beijing.maas.aliyuncs.com`) gets the standard `/api/v1` path; a URL with a path is used as given.
 */
export function customHttpBase(value: string): string {
  const url = new URL(value.trim());
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path === '' ? '/api/v1' : path}`;
}

/** What a new user starts with; `ipc/routes/settings.ts` checks that these are valid preferences. */
export const DEFAULT_PREFERENCES = {
  uiLanguage: 'system',
  theme: 'system',
  region: 'cn-beijing',
  customBaseUrl: '',
  defaultTargetModel: DEFAULT_TARGET_MODEL,
  defaultSampleLanguage: null,
  onboardingDone: false,
  checkForUpdates: true,
} as const;

/**
 * An API key as the user pastes it. No fixed length (the format changed before, §4); printable
 * ASCII without spaces, so a stray newline or a pasted sentence is refused before it is stored.
 */
export const API_KEY_LENGTH = { min: 8, max: 512 } as const;
export const API_KEY_PATTERN = /^[\x21-\x7e]+$/;

export function isPlausibleApiKey(value: string): boolean {
  const key = value.trim();
  return key.length >= API_KEY_LENGTH.min && key.length <= API_KEY_LENGTH.max && API_KEY_PATTERN.test(key);
}

export const KEY_SOURCES = ['keychain', 'session', 'env'] as const;
export type KeySource = (typeof KEY_SOURCES)[number];

export const CONNECTION_VERDICTS = ['ok', 'invalid-key', 'wrong-region', 'offline', 'not-activated', 'error'] as const;
export type ConnectionVerdict = (typeof CONNECTION_VERDICTS)[number];
