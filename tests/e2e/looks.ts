import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Every language × theme the app ships, as the preferences that select them. */
export const LOOKS = [
  { uiLanguage: 'en', theme: 'light' },
  { uiLanguage: 'en', theme: 'dark' },
  { uiLanguage: 'zh-CN', theme: 'light' },
  { uiLanguage: 'zh-CN', theme: 'dark' },
] as const;
export type Look = (typeof LOOKS)[number];

/** The locale part of a screenshot's file name. */
export const lookLocale = (look: Look) => (look.uiLanguage === 'en' ? 'en-US' : look.uiLanguage);

/** Switches the running app to a look and waits until it shows, transitions (120 ms) finished. */
export async function applyLook(page: Page, look: Look): Promise<void> {
  await page.evaluate((patch) => window.timbre.settings.update(patch), look);
  await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme]))
    .toEqual([look.uiLanguage, look.theme]);
  await settleAnimations(page);
}

/** Waits for running transitions, so colours are measured and pictured as the user sees them. */
export function settleAnimations(page: Page): Promise<unknown> {
  return page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => {}))));
}

/** Whether the element's box lies inside the window (the main action must not be below the fold). */
export const inWindow = (page: Page, testId: string) => page.getByTestId(testId).first().evaluate((element) => {
  const box = element.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth;
});
