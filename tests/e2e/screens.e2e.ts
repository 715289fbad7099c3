/**
 * Screenshots of the screens a new person walks through, at 1280×820 and at the 900×600 minimum
 * window, light and dark, English and Chinese, into docs/screenshots/ (`<screen>-<locale>-<theme>-900.png`
 * at 900×600; at 1280×820 the screens' own tests take `<screen>-<locale>-<theme>.png`, this one only
 * Samples and the clone result). Every look is also checked for raw `{{…}}` placeholders and
 * for the main action of the screen being inside the window.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { ENGLISH_SCRIPT, speechWav } from '../support/audio-fixtures';
import { addSampleWithAudio, makeVoice } from '../support/catalog-fixtures';
import { launchTimbre, type TimbreSession } from './harness';
import { applyLook, inWindow, LOOKS, lookLocale, settleAnimations } from './looks';
import { leftoverPlaceholders } from './placeholders';
import { TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const SIZES = [
  { width: 1280, height: 820, suffix: '' },
  { width: 900, height: 600, suffix: '-900' },
] as const;

describe('screens at 1280×820 and 900×600', () => {
  let mock: MockDashScope;
  let app: TimbreSession;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    mock = await startMockDashScope({ region: 'cn-beijing' });
    app = await launchTimbre({ onboarding: true, dashscopeBaseUrl: mock.baseUrl, noKeychain: true });
    app.clipboard.text = mock.apiKey;
    const { catalog } = app.core.services;
    const wav = speechWav({ text: ENGLISH_SCRIPT, padSeconds: 0.5 });
    catalog.putSample(addSampleWithAudio(app.userDataDir, { id: 'sample-morning', displayName: 'Morning reading', transcript: ENGLISH_SCRIPT, language: 'en', createdAt: Date.UTC(2026, 0, 10, 9, 30) }, wav));
    catalog.putSample(addSampleWithAudio(app.userDataDir, { id: 'sample-evening', displayName: '', transcript: ENGLISH_SCRIPT, language: 'en', createdAt: Date.UTC(2026, 0, 11, 19, 5) }, wav));
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await mock?.close();
  });

  /**
   * Every look at both sizes; `mainAction` must be in the window at each. The 1280×820 picture is
   * saved only for screens no other test pictures (`ownsWide`), so two tests never fight over a file.
   */
  async function shoot(page: Page, screen: string, mainAction?: string, ownsWide = false) {
    const problems: string[] = [];
    for (const look of LOOKS) {
      await applyLook(page, look);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await settleAnimations(page);
        // Each screen as it opens: from the top.
        await page.locator('.content').evaluate((content) => content.scrollTo(0, 0));
        const locale = lookLocale(look);
        problems.push(...(await leftoverPlaceholders(page)).map((line) => `${screen} ${locale}: ${line}`));
        if (mainAction && !(await inWindow(page, mainAction))) problems.push(`${screen} ${locale} ${size.width}×${size.height}: ${mainAction} is outside the window`);
        if (size.suffix !== '' || ownsWide) await page.screenshot({ path: join(SCREENSHOTS, `${screen}-${locale}-${look.theme}${size.suffix}.png`) });
      }
    }
    await page.setViewportSize({ width: 1280, height: 820 });
    return problems;
  }

  it('takes every look of onboarding, Settings, Record, Samples, Clone (form and result) and Try', async () => {
    const { page } = app;
    const problems: string[] = [];
    // A new person's guide: samples are there, the key is next (pasted in place).
    await page.getByTestId(TEST_IDS.onboarding).waitFor();
    await expect.poll(() => page.getByTestId(TEST_IDS.onboardingOpen).getAttribute('data-progress')).toBe('1');
    problems.push(...(await shoot(page, 'onboarding', TEST_IDS.onboardingPasteKey)));
    await page.getByTestId(TEST_IDS.onboardingPasteKey).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.onboardingOpen).getAttribute('data-progress')).toBe('2');
    const remote = mock.addVoice({ preferredName: 'Alice', targetModel: 'qwen3-tts-vc-2026-01-22' });
    app.core.services.catalog.putVoice(makeVoice({ id: 'v-alice', displayName: 'Alice', sampleId: 'sample-morning', voice: remote.voice, language: 'en' }));

    await page.getByTestId(TEST_IDS.navSettings).click();
    await page.getByTestId(TEST_IDS.settingsKeyStatus).waitFor();
    await page.getByTestId(TEST_IDS.settingsTestConnection).click();
    await page.getByTestId(TEST_IDS.settingsNextStep).waitFor();
    problems.push(...(await shoot(page, 'settings', TEST_IDS.settingsSave)));

    await page.getByTestId(TEST_IDS.navRecord).click();
    await page.getByTestId(TEST_IDS.recordStart).waitFor();
    problems.push(...(await shoot(page, 'record', TEST_IDS.recordStart)));

    await page.getByTestId(TEST_IDS.navSamples).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.samplesItem).count()).toBe(2);
    problems.push(...(await shoot(page, 'samples', undefined, true)));

    await page.getByTestId(TEST_IDS.samplesItem).filter({ hasNot: page.getByText('Morning reading') }).getByTestId(TEST_IDS.samplesClone).click();
    await page.getByTestId(TEST_IDS.enrollName).fill('Evening voice');
    await page.getByTestId(TEST_IDS.enrollConsent).check();
    problems.push(...(await shoot(page, 'enroll', TEST_IDS.enrollSubmit)));
    await page.getByTestId(TEST_IDS.enrollSubmit).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.enrollProgress).getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    problems.push(...(await shoot(page, 'enroll-result', TEST_IDS.enrollTryIt, true)));

    await page.getByTestId(TEST_IDS.enrollTryIt).click();
    await page.getByTestId(TEST_IDS.tryText).fill('你好，今天我们试一试这个声音。');
    await page.getByTestId(TEST_IDS.tryLanguageWarning).waitFor();
    problems.push(...(await shoot(page, 'try', TEST_IDS.trySubmit)));

    expect(problems).toEqual([]);
  }, 300_000);
});
