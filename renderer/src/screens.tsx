/**
 * Each screen is its own chunk, loaded when it is first opened, so launching parses only the
 * shell and the screen that opens. `preloadScreen` lets boot fetch the first screen before React
 * renders, so the first paint shows it rather than an empty Suspense fallback.
 */
import { lazy, type ComponentType } from 'react';
import type { Screen } from './app-store';
import { askFirstRows } from './features/library/first-rows';

type ScreenView = ComponentType;

const LOADERS: Record<Screen, () => Promise<ScreenView>> = {
  onboarding: () => import('./features/onboarding/OnboardingScreen').then((module) => module.OnboardingScreen),
  record: () => import('./features/record/RecordScreen').then((module) => module.RecordScreen),
  samples: () => import('./features/samples/SamplesScreen').then((module) => module.SamplesScreen),
  enroll: () => import('./features/enroll/EnrollScreen').then((module) => module.EnrollScreen),
  // The Library's first rows are asked for at once, while its code downloads, not after its first render.
  library: () => {
    askFirstRows();
    void import('./features/library/library-store').then((module) => module.useLibrary.getState().load());
    return import('./features/library/LibraryScreen').then((module) => module.LibraryScreen);
  },
  try: () => import('./features/try/TryScreen').then((module) => module.TryScreen),
  settings: () => import('./features/settings/SettingsScreen').then((module) => module.SettingsScreen),
};

const loaded: Partial<Record<Screen, ScreenView>> = {};
const views: Partial<Record<Screen, ScreenView>> = {};

const load = (screen: Screen) => LOADERS[screen]().then((view) => (loaded[screen] = view));

/** Starts fetching a screen's chunk; resolves when it can render without suspending. */
export const preloadScreen = (screen: Screen): Promise<unknown> => load(screen);

/**
 * Fetches the Library's code and first rows; resolves with how many voices the catalog holds.
 * Launch starts it beside the settings: a returning user opens on the Library, and anyone else
 * will soon open it.
 */
export async function preloadLibrary(): Promise<number> {
  const [{ useLibrary }] = await Promise.all([import('./features/library/library-store'), load('library')]);
  await useLibrary.getState().load();
  return useLibrary.getState().catalogTotal;
}

/**
 * The component for a screen: the module itself when it is already here, else a lazy wrapper.
 * Chosen once per screen, so a screen never remounts when its chunk arrives.
 */
export function screenView(screen: Screen): ScreenView {
  return (views[screen] ??= loaded[screen] ?? lazy(() => load(screen).then((view) => ({ default: view }))));
}
