/**
 * The path a new person walks, in English and Chinese: first launch with a key on the clipboard,
 * a recorded sample, a clone, and the voice ready in Try, counting every click on the way. Then the
 * same clone tried without a key: said before the form, and sent by itself once a key is saved.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_PAGES } from '../../shared/models';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { ENGLISH_SCRIPT, speechWav } from '../support/audio-fixtures';
import { addSampleWithAudio, makeVoice } from '../support/catalog-fixtures';
import { launchTimbre, type TimbreSession } from './harness';
import { leftoverPlaceholders } from './placeholders';
import { TEST_IDS } from './testids';

const HTTP_MODEL = 'qwen3-tts-vc-2026-01-22';

const COPY = {
  'en-US': { name: 'My podcast voice', ready: 'Your voice is ready', scriptLanguage: 'en', recordTitle: 'Record a sample' },
  'zh-CN': { name: '小明的声音', ready: '你的音色已就绪', scriptLanguage: 'zh', recordTitle: '录制样本' },
} as const;

describe('the path from first launch to a voice in Try', () => {
  let mock: MockDashScope;
  const sessions: TimbreSession[] = [];
  const micWav = speechWav({ text: ENGLISH_SCRIPT, voice: 'en-us', padSeconds: 0.6 });

  beforeAll(async () => {
    mock = await startMockDashScope({ region: 'cn-beijing' });
  });
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await mock.close();
  });

  /** Every click the person makes goes through here, and every screen is checked for raw placeholders. */
  function clicker(page: Page) {
    const clicks: string[] = [];
    return {
      clicks,
      async click(target: Locator, what: string) {
        await target.click();
        clicks.push(what);
      },
      async noPlaceholders() {
        expect(await leftoverPlaceholders(page)).toEqual([]);
      },
    };
  }

  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`${locale}: key on the clipboard to a voice ready in Try in at most 8 clicks plus typing a name`, async () => {
      const copy = COPY[locale];
      const app = await launchTimbre({ onboarding: true, locale, micWav, dashscopeBaseUrl: mock.baseUrl, noKeychain: true });
      sessions.push(app);
      const { page } = app;
      app.clipboard.text = mock.apiKey;
      const person = clicker(page);

      // First launch: the guide. The key is pasted and tested in place.
      await page.getByTestId(TEST_IDS.onboarding).waitFor();
      await person.noPlaceholders();
      await person.click(page.getByTestId(TEST_IDS.onboardingPasteKey), 'paste key');
      const keyStep = page.locator(`[data-testid="${TEST_IDS.onboardingStep}"][data-step="key"]`);
      await expect.poll(() => keyStep.getAttribute('data-done')).toBe('true');
      await person.noPlaceholders();

      // The next step is the highlighted one: record.
      const sampleStep = page.locator(`[data-testid="${TEST_IDS.onboardingStep}"][data-step="sample"]`);
      expect(await sampleStep.getAttribute('class')).toContain('is-next');
      await person.click(sampleStep.getByTestId(TEST_IDS.onboardingStepAction), 'record a sample');
      await page.getByTestId(TEST_IDS.recordStart).waitFor();
      // The sample language follows the interface language, and so does the script.
      expect(await page.getByTestId(TEST_IDS.recordLanguage).inputValue()).toBe(copy.scriptLanguage);
      await person.noPlaceholders();

      await person.click(page.getByTestId(TEST_IDS.recordStart), 'start recording');
      await page.getByTestId(TEST_IDS.recordStop).waitFor({ timeout: 10_000 });
      await expect.poll(() => page.getByTestId(TEST_IDS.recordTimer).getAttribute('data-seconds').then(Number), { timeout: 20_000, interval: 200 })
        .toBeGreaterThanOrEqual(5);
      await person.click(page.getByTestId(TEST_IDS.recordStop), 'stop recording');
      await expect.poll(() => page.getByTestId(TEST_IDS.sampleConversion).getAttribute('data-state'), { timeout: 30_000 }).toBe('saved');
      await person.noPlaceholders();

      await person.click(page.getByTestId(TEST_IDS.sampleClone), 'clone');
      await page.getByTestId(TEST_IDS.enrollName).waitFor();
      expect(await page.getByTestId(TEST_IDS.enrollMissingKey).count()).toBe(0);
      await page.getByTestId(TEST_IDS.enrollName).fill(copy.name);
      await person.click(page.getByTestId(TEST_IDS.enrollConsent), 'consent');
      await person.noPlaceholders();
      await person.click(page.getByTestId(TEST_IDS.enrollSubmit), 'clone voice');

      // The result view: progress per model with its time, then the voice is ready with Try it.
      const result = page.getByTestId(TEST_IDS.enrollProgress);
      await expect.poll(() => result.getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
      expect(await page.getByRole('heading', { name: copy.ready }).isVisible()).toBe(true);
      expect(await page.getByTestId(TEST_IDS.enrollElapsed).innerText()).toMatch(/^\d+:\d{2}$/);
      await person.noPlaceholders();
      await person.click(page.getByTestId(TEST_IDS.enrollTryIt), 'try it');

      // In Try, with the new voice chosen.
      await page.getByTestId(TEST_IDS.tryText).waitFor();
      const voice = app.core.services.catalog.listVoices()[0];
      expect(voice).toMatchObject({ status: 'ready', displayName: copy.name, targetModel: HTTP_MODEL });
      expect(await page.getByTestId(TEST_IDS.tryVoice).inputValue()).toBe(voice.id);
      await person.noPlaceholders();
      expect(person.clicks.length, person.clicks.join(' → ')).toBeLessThanOrEqual(8);
      console.info(`[journey ${locale}] ${person.clicks.length} clicks: ${person.clicks.join(' → ')}`);

      // The sample carries the voice's name, and Record starts fresh for the next take.
      expect(app.core.services.catalog.listSamples()[0].displayName).toBe(copy.name);
      await page.getByTestId(TEST_IDS.navRecord).click();
      await page.getByTestId(TEST_IDS.recordStart).waitFor();
      expect(await page.getByTestId(TEST_IDS.sampleClone).count()).toBe(0);
    }, 120_000);
  }

  it('a wrong key pasted on the guide is tested at once, not ticked off, and the verdict stays there with the way to paste another', async () => {
    const app = await launchTimbre({ onboarding: true, locale: 'zh-CN', dashscopeBaseUrl: mock.baseUrl, noKeychain: true });
    sessions.push(app);
    const { page } = app;
    app.clipboard.text = 'sk-not-a-real-key-000000';
    await page.getByTestId(TEST_IDS.onboardingPasteKey).click();
    const verdict = page.getByTestId(TEST_IDS.onboarding).getByTestId(TEST_IDS.settingsTestResult);
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('invalid-key');
    expect(await verdict.innerText()).toContain('密钥无效');
    expect(await page.getByTestId(TEST_IDS.onboardingPasteKey).isVisible()).toBe(true);
    expect(await leftoverPlaceholders(page)).toEqual([]);
    // A refused key is stored but not done: the step needs attention and the guide counts nothing yet.
    const keyStep = page.getByTestId(TEST_IDS.onboardingStep).and(page.locator('[data-step="key"]'));
    expect(await keyStep.getAttribute('data-done')).toBe('false');
    expect(await keyStep.locator('.badge').innerText()).toBe('需要处理');
    expect(await page.getByRole('status').filter({ hasText: '已完成' }).innerText()).toBe('已完成 0/3 步');
    expect(await page.getByTestId(TEST_IDS.onboardingOpen).getAttribute('data-progress')).toBe('0');

    app.clipboard.text = mock.apiKey;
    await page.getByTestId(TEST_IDS.onboardingPasteKey).click();
    await verdict.waitFor({ state: 'detached' });
    await page.getByTestId(TEST_IDS.onboardingPasteKey).waitFor({ state: 'detached' });
    expect(await keyStep.getAttribute('data-done')).toBe('true');
    expect(await page.getByTestId(TEST_IDS.onboardingOpen).getAttribute('data-progress')).toBe('1');
  });

  it('without a key: says so before the form, and the clone goes out by itself once a key is saved', async () => {
    const app = await launchTimbre({ locale: 'en-US', dashscopeBaseUrl: mock.baseUrl, noKeychain: true });
    sessions.push(app);
    const { page } = app;
    const sample = addSampleWithAudio(app.userDataDir, { id: 'sample-1', displayName: 'Evening reading', transcript: ENGLISH_SCRIPT, language: 'en' },
      speechWav({ text: ENGLISH_SCRIPT, padSeconds: 0.5 }));
    app.core.services.catalog.putSample(sample);
    await page.getByTestId(TEST_IDS.navLibrary).click();
    await page.getByTestId(TEST_IDS.librarySampleClone).click();

    // Said before the form, with the way to Settings.
    await page.getByTestId(TEST_IDS.enrollMissingKey).waitFor();
    expect(await leftoverPlaceholders(page)).toEqual([]);

    // Cloned anyway: it fails for want of a key, and says what to do.
    await page.getByTestId(TEST_IDS.enrollConsent).check();
    await page.getByTestId(TEST_IDS.enrollSubmit).click();
    const item = page.getByTestId(TEST_IDS.enrollProgressItem);
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 20_000 }).toBe('failed');
    expect(await page.getByTestId(TEST_IDS.enrollProgress).getAttribute('data-state')).toBe('failed');
    expect(await page.getByTestId(TEST_IDS.enrollTryIt).count()).toBe(0);
    expect(await leftoverPlaceholders(page)).toEqual([]);

    // A background clone that finishes while the window is not focused notifies the person.
    await page.evaluate(() => {
      const shown: string[] = [];
      (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
      class FakeNotification {
        static permission = 'granted';
        static requestPermission = async () => 'granted';
        onclick: (() => void) | null = null;
        constructor(title: string) {
          shown.push(title);
        }
      }
      Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true });
      document.hasFocus = () => false;
    });

    // The key arrives in Settings: the failed clone is sent again without being asked.
    await page.getByTestId(TEST_IDS.enrollOpenSettings).click();
    await page.getByTestId(TEST_IDS.settingsApiKey).fill(mock.apiKey);
    await page.getByTestId(TEST_IDS.settingsSave).click();
    // Save tested the key at once and says where to go next.
    await expect.poll(() => page.getByTestId(TEST_IDS.settingsTestResult).getAttribute('data-verdict')).toBe('ok');
    expect(await page.getByTestId(TEST_IDS.settingsNextStep).isVisible()).toBe(true);
    await expect.poll(() => app.core.services.catalog.listVoices().map((voice) => voice.status), { timeout: 20_000 }).toEqual(['ready']);
    await expect.poll(() => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications))
      .toEqual(['“Evening reading” is ready']);

    // Where keys are made: the console of the region chosen, opened outside the app.
    const consoleLink = page.getByTestId(TEST_IDS.settingsConsoleLink);
    expect(await consoleLink.getAttribute('href')).toBe(API_KEY_PAGES['cn-beijing']);
    expect(await consoleLink.getAttribute('target')).toBe('_blank');
    await page.getByTestId(TEST_IDS.settingsRegion).selectOption('ap-southeast-1');
    expect(await consoleLink.getAttribute('href')).toBe(API_KEY_PAGES['ap-southeast-1']);
  }, 60_000);

  it('Try: warns when the text does not fit the language, shows a long run part by part, and Escape stops it', async () => {
    const app = await launchTimbre({ locale: 'en-US', dashscopeBaseUrl: mock.baseUrl, envApiKey: mock.apiKey, noKeychain: true });
    sessions.push(app);
    const { page } = app;
    const remote = mock.addVoice({ preferredName: 'Alice', targetModel: HTTP_MODEL });
    app.core.services.catalog.putVoice(makeVoice({ id: 'v-alice', displayName: 'Alice', voice: remote.voice, language: 'en', targetModel: HTTP_MODEL }));
    await page.keyboard.press('Control+4');
    await page.getByTestId(TEST_IDS.tryText).waitFor();

    // Chinese text for an English voice: said before Speak, fixed in one click.
    await page.getByTestId(TEST_IDS.tryText).fill('你好，今天我们试一试这个声音。');
    await page.getByTestId(TEST_IDS.tryLanguageWarning).waitFor();
    expect(await page.getByTestId(TEST_IDS.tryLanguageWarning).innerText()).toContain('looks like Chinese');
    await page.getByTestId(TEST_IDS.tryLanguageFix).click();
    expect(await page.getByTestId(TEST_IDS.tryLanguage).inputValue()).toBe('Chinese');
    await page.getByTestId(TEST_IDS.tryLanguageWarning).waitFor({ state: 'detached' });

    // A text of two parts: the card follows the run, not the previous result.
    const sentence = 'The north wind and the sun were disputing which was the stronger, when a traveller came along wrapped in a warm cloak. ';
    await page.getByTestId(TEST_IDS.tryText).fill(sentence.repeat(8).trim());
    await page.getByTestId(TEST_IDS.tryLanguage).selectOption('English');
    mock.inject({ kind: 'delay', ms: 8_000, match: 'synthesize' });
    await page.getByTestId(TEST_IDS.trySubmit).click();
    const progress = page.getByTestId(TEST_IDS.tryRunProgress);
    await expect.poll(() => progress.getAttribute('data-parts')).toBe('2');
    expect(await progress.getAttribute('data-part')).toBe('1');
    expect(await progress.innerText()).toContain('Part 1 of 2');
    expect(await leftoverPlaceholders(page)).toEqual([]);

    // Escape stops it, as Stop does; nothing is kept.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId(TEST_IDS.tryStatus).getAttribute('data-state')).toBe('cancelled');
    await progress.waitFor({ state: 'detached' });
    expect(await page.getByTestId(TEST_IDS.tryFirstAudio).innerText()).toBe('');
  }, 60_000);
});
