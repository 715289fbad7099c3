import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { speechWav } from '../support/audio-fixtures';
import { addSampleWithAudio, makeVoice } from '../support/catalog-fixtures';
import { launchTimbre, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

const stepDone = (page: Page, step: string) =>
  page.locator(`[data-testid="${TEST_IDS.onboardingStep}"][data-step="${step}"]`).getAttribute('data-done');
const stepAction = (page: Page, step: string) =>
  page.locator(`[data-testid="${TEST_IDS.onboardingStep}"][data-step="${step}"]`).getByTestId(TEST_IDS.onboardingStepAction);
const progress = (page: Page) => page.getByTestId(TEST_IDS.onboardingOpen).getAttribute('data-progress');

describe('first-run guide', () => {
  let mock: MockDashScope;
  const sessions: TimbreSession[] = [];
  beforeAll(async () => {
    mock = await startMockDashScope({ region: 'cn-beijing' });
  });
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await mock.close();
  });

  it('ticks off key, sample and voice as they happen, leads to each screen, and stays finished', async () => {
    const app = await launchTimbre({ onboarding: true, dashscopeBaseUrl: mock.baseUrl, noKeychain: true });
    sessions.push(app);
    const { page } = app;

    // A new user lands on the guide with nothing done.
    await page.getByTestId(TEST_IDS.onboarding).waitFor();
    await expect.poll(() => progress(page)).toBe('0');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Welcome to Timbre');
    for (const step of ['key', 'sample', 'voice']) expect(await stepDone(page, step)).toBe('false');
    expect(await page.getByRole('status').filter({ hasText: 'steps done' }).innerText()).toBe('0 of 3 steps done');

    // Step 1 leads to Settings; saving a key there ticks it off.
    await stepAction(page, 'key').click();
    await page.getByTestId(TEST_IDS.settingsApiKey).fill(mock.apiKey);
    await page.getByTestId(TEST_IDS.settingsSave).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.settingsKeyStatus).getAttribute('data-has-key')).toBe('true');
    await expect.poll(() => progress(page)).toBe('1');
    await page.getByTestId(TEST_IDS.onboardingOpen).click();
    await expect.poll(() => stepDone(page, 'key')).toBe('true');
    expect(await page.getByText('Key saved for China (Beijing).').isVisible()).toBe(true);

    // Step 2 leads to Record; a saved sample ticks it off without a reload.
    await stepAction(page, 'sample').click();
    await page.getByTestId(TEST_IDS.recordStart).waitFor();
    const wav = speechWav({ text: 'The north wind and the sun were disputing which was the stronger.' });
    app.core.services.catalog.putSample(addSampleWithAudio(app.userDataDir, { id: 'sample-1', displayName: 'First take' }, wav));
    await expect.poll(() => progress(page)).toBe('2');

    // Step 3 opens the enrollment form for that sample; a ready voice finishes the guide.
    await page.getByTestId(TEST_IDS.onboardingOpen).click();
    expect(await stepAction(page, 'voice').innerText()).toBe('Clone my sample');
    await stepAction(page, 'voice').click();
    await expect.poll(() => page.getByTestId(TEST_IDS.enrollName).isVisible()).toBe(true);
    app.core.services.catalog.putVoice(makeVoice({ id: 'voice-1', sampleId: 'sample-1', voice: mock.addVoice({ preferredName: 'first', targetModel: 'qwen3-tts-vc-2026-01-22' }).voice }));
    await expect.poll(() => progress(page)).toBe('3');
    await page.getByTestId(TEST_IDS.onboardingOpen).click();
    await expect.poll(() => stepDone(page, 'voice')).toBe('true');
    expect(await page.getByTestId(TEST_IDS.onboardingSkip).count()).toBe(0);
    await page.getByTestId(TEST_IDS.onboardingFinish).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Your voices');
    await expect.poll(() => progress(page)).toBeNull();

    // Finished stays finished: the next start opens on the Library, where the new voice is.
    const restarted = await app.restart();
    await restarted.getByTestId(TEST_IDS.libraryItem).waitFor();
    expect(await restarted.getByRole('heading', { level: 1 }).innerText()).toBe('Your voices');
    expect(await restarted.getByTestId(TEST_IDS.onboarding).count()).toBe(0);
    expect(app.core.services.preferences.get().onboardingDone).toBe(true);
  });

  it('can be skipped with the keyboard and reopened from the sidebar', async () => {
    const app = await launchTimbre({ onboarding: true, locale: 'zh-CN', noKeychain: true });
    sessions.push(app);
    const { page } = app;
    await page.getByTestId(TEST_IDS.onboarding).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('欢迎使用 Timbre');

    await page.getByTestId(TEST_IDS.onboardingSkip).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId(TEST_IDS.recordStart).waitFor();
    await expect.poll(() => app.core.services.preferences.get().onboardingDone).toBe(true);

    const restarted = await app.restart();
    await restarted.getByTestId(TEST_IDS.recordStart).waitFor();
    expect(await restarted.getByTestId(TEST_IDS.onboarding).count()).toBe(0);
    // Reopened, it shows the same steps and offers to close instead of skip.
    await restarted.getByTestId(TEST_IDS.onboardingOpen).click();
    await restarted.getByTestId(TEST_IDS.onboarding).waitFor();
    expect(await restarted.getByTestId(TEST_IDS.onboardingOpen).getAttribute('aria-current')).toBe('page');
    expect(await restarted.getByTestId(TEST_IDS.onboardingSkip).innerText()).toBe('关闭引导');
    expect(await restarted.getByTestId(TEST_IDS.onboardingStep).count()).toBe(3);
  });
});
