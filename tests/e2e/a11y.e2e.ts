/**
 * axe-core on every screen, in both languages and both themes: no serious or critical violation.
 * One launch with a seeded catalog; language and theme are switched in place between checks.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetModel } from '../../shared/models';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { speechWav } from '../support/audio-fixtures';
import { addSampleWithAudio, makeVoice } from '../support/catalog-fixtures';
import { axeProblems } from './axe';
import { launchTimbre, type TimbreSession } from './harness';
import { applyLook, LOOKS, lookLocale } from './looks';
import { TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const HTTP_MODEL: TargetModel = 'qwen3-tts-vc-2026-01-22';
const REALTIME_MODEL: TargetModel = 'qwen3-tts-vc-realtime-2026-01-15';
const T0 = Date.UTC(2026, 0, 10, 9, 30);

/**
 * Runs axe in every language × theme and returns the problems, each prefixed with where it was found.
 * With `screenshot`, also saves `docs/screenshots/<screenshot>-<locale>-<theme>.png` of each look.
 */
async function checkEveryLook(page: Page, screen: string, screenshot?: string): Promise<string[]> {
  const problems: string[] = [];
  for (const look of LOOKS) {
    await applyLook(page, look);
    problems.push(...(await axeProblems(page)).map((line) => `${screen} [${look.uiLanguage} ${look.theme}] ${line}`));
    if (screenshot) {
      await page.screenshot({ path: join(SCREENSHOTS, `${screenshot}-${lookLocale(look)}-${look.theme}.png`) });
    }
  }
  return problems;
}

describe('accessibility (axe-core)', () => {
  let mock: MockDashScope;
  let app: TimbreSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    mock = await startMockDashScope({ region: 'cn-beijing' });
    app = await launchTimbre({ onboarding: true, dashscopeBaseUrl: mock.baseUrl, envApiKey: mock.apiKey, noKeychain: true });
    const { catalog } = app.core.services;
    const wav = speechWav({ text: 'The north wind and the sun were disputing which was the stronger.' });
    const sample = addSampleWithAudio(app.userDataDir, { id: 'sample-en', displayName: 'Morning reading' }, wav);
    catalog.putSample(sample);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await mock?.close();
  });

  /** Voices in every state the Library shows, two of them from the sample. */
  function addVoices() {
    const { catalog } = app.core.services;
    const enrolled = (id: string, targetModel: TargetModel) => mock.addVoice({ preferredName: id.replace(/-/g, '_'), targetModel }).voice;
    catalog.putVoice(makeVoice({ id: 'v-http', displayName: 'Alice', sampleId: 'sample-en', voice: enrolled('v-http', HTTP_MODEL), createdAt: T0 + 4 }));
    catalog.putVoice(makeVoice({ id: 'v-rt', displayName: 'Alice (live)', targetModel: REALTIME_MODEL, sampleId: 'sample-en', voice: enrolled('v-rt', REALTIME_MODEL), createdAt: T0 + 3 }));
    catalog.putVoice(makeVoice({ id: 'v-zh', displayName: '小林', language: 'zh', tags: ['podcast'], voice: enrolled('v-zh', HTTP_MODEL), createdAt: T0 + 2 }));
    catalog.putVoice(makeVoice({ id: 'v-failed', displayName: 'Broken', status: 'failed', voice: null, createdAt: T0 + 1 }));
  }

  it('finds no serious or critical violation on any screen, in English and Chinese, light and dark', async () => {
    const { page } = app;
    const problems: string[] = [];

    // The first-run guide with a key and a sample: the last step is next.
    await page.getByTestId(TEST_IDS.onboarding).waitFor();
    await expect.poll(() => page.getByTestId(TEST_IDS.onboardingOpen).getAttribute('data-progress')).toBe('2');
    problems.push(...(await checkEveryLook(page, 'onboarding', 'onboarding')));
    addVoices();

    await page.getByTestId(TEST_IDS.navRecord).click();
    await page.getByTestId(TEST_IDS.recordStart).waitFor();
    problems.push(...(await checkEveryLook(page, 'record')));

    await page.getByTestId(TEST_IDS.recordTabImport).click();
    await page.getByTestId(TEST_IDS.importDrop).waitFor();
    problems.push(...(await checkEveryLook(page, 'import')));

    await page.getByTestId(TEST_IDS.importFile).setInputFiles(speechWav({ text: 'The north wind and the sun were disputing which was the stronger, when a traveller came along.' }));
    await expect.poll(() => page.getByTestId(TEST_IDS.sampleConversion).getAttribute('data-state'), { timeout: 30_000 }).toBe('saved');
    problems.push(...(await checkEveryLook(page, 'review')));

    await page.getByTestId(TEST_IDS.sampleClone).click();
    await page.getByTestId(TEST_IDS.enrollName).waitFor();
    problems.push(...(await checkEveryLook(page, 'enroll')));

    // After Clone: the result view, here once the voice is ready.
    await page.getByTestId(TEST_IDS.enrollName).fill('Morning voice');
    await page.getByTestId(TEST_IDS.enrollConsent).check();
    await page.getByTestId(TEST_IDS.enrollSubmit).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.enrollProgress).getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    problems.push(...(await checkEveryLook(page, 'clone result')));

    await page.getByTestId(TEST_IDS.navSamples).click();
    await page.getByTestId(TEST_IDS.samplesItem).first().waitFor();
    problems.push(...(await checkEveryLook(page, 'samples')));

    await page.getByTestId(TEST_IDS.navLibrary).click();
    await page.getByTestId(TEST_IDS.libraryItem).first().waitFor();
    problems.push(...(await checkEveryLook(page, 'library')));

    await page.getByTestId(TEST_IDS.libraryItem).filter({ hasText: 'Alice' }).first().click();
    await page.getByTestId(TEST_IDS.voiceDetail).waitFor();
    problems.push(...(await checkEveryLook(page, 'voice detail')));

    await page.getByTestId(TEST_IDS.voiceDeleteRemote).click();
    await page.getByTestId(TEST_IDS.confirmAccept).waitFor();
    problems.push(...(await checkEveryLook(page, 'confirm dialog')));
    await page.keyboard.press('Escape');
    await page.getByTestId(TEST_IDS.confirmAccept).waitFor({ state: 'detached' });

    await page.getByTestId(TEST_IDS.navTry).click();
    await page.getByTestId(TEST_IDS.tryVoice).waitFor();
    problems.push(...(await checkEveryLook(page, 'try')));

    await page.getByTestId(TEST_IDS.navSettings).click();
    await page.getByTestId(TEST_IDS.settingsKeyStatus).waitFor();
    problems.push(...(await checkEveryLook(page, 'settings')));

    expect(problems).toEqual([]);
  }, 240_000);

  it('works from the keyboard: skip link, tabs, visible focus, Escape backs out of a confirmation, Enter confirms', async () => {
    const { page } = app;
    await page.evaluate((patch) => window.timbre.settings.update(patch), { uiLanguage: 'en', theme: 'light' } as const);
    // On a fresh window the first Tab reaches a visible "Skip to content" link, which jumps past the sidebar.
    await page.reload();
    await page.getByTestId(TEST_IDS.navRecord).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect.poll(() => skip.evaluate((link) => link === document.activeElement && link.getBoundingClientRect().top >= 0)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Tabs follow the arrow keys.
    await page.getByTestId(TEST_IDS.navRecord).click();
    await page.getByTestId(TEST_IDS.recordTabRecord).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByTestId(TEST_IDS.importDrop).waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe(TEST_IDS.recordTabImport);
    await page.keyboard.press('ArrowLeft');
    await page.getByTestId(TEST_IDS.recordStart).waitFor();

    await page.getByTestId(TEST_IDS.navLibrary).click();
    await expect.poll(() => page.title()).toBe('Your voices · Timbre');
    const row = page.getByTestId(TEST_IDS.libraryItem).filter({ hasText: 'Alice' }).first();
    await row.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId(TEST_IDS.voiceDetail).waitFor();
    // Escape closes the detail panel; Enter on the row opens it again.
    await page.getByTestId(TEST_IDS.voiceNotes).focus();
    await page.keyboard.press('Escape');
    await page.getByTestId(TEST_IDS.voiceDetail).waitFor({ state: 'detached' });
    await row.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId(TEST_IDS.voiceDetail).waitFor();
    // Alice's two clones share one row.
    expect(await page.getByTestId(TEST_IDS.libraryItem).count()).toBe(4);

    const deleteRemote = page.getByTestId(TEST_IDS.voiceDeleteRemote);
    await deleteRemote.focus();
    const ring = () => page.evaluate(() => {
      const focused = document.activeElement as HTMLElement;
      return { testId: focused.dataset.testid, visible: focused.matches(':focus-visible'), outline: getComputedStyle(focused).outlineStyle };
    });
    expect(await ring()).toEqual({ testId: TEST_IDS.voiceDeleteRemote, visible: true, outline: 'solid' });

    await page.keyboard.press('Enter');
    await expect.poll(ring).toEqual({ testId: TEST_IDS.confirmAccept, visible: true, outline: 'solid' });
    // Tab stays inside the dialog.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect((await ring()).testId).toBe(TEST_IDS.confirmAccept);
    await page.keyboard.press('Escape');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });
    expect((await ring()).testId).toBe(TEST_IDS.voiceDeleteRemote);
    expect(app.core.services.catalog.getVoice('v-http')).toBeDefined();

    await page.keyboard.press('Enter');
    await page.getByRole('alertdialog').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => app.core.services.catalog.getVoice('v-http')).toBeUndefined();
    await expect.poll(() => page.getByTestId(TEST_IDS.libraryItem).count()).toBe(3);
  });
});
