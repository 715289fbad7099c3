/**
 * Every language DashScope clones, from Record to the create request: for each of the ten, a take
 * spoken by espeak-ng in that language from one of its reading scripts is recorded through
 * Chromium's fake microphone, reviewed, and cloned, and the mock sees the script as `text` and the
 * language as `language`. One browser serves all ten: its fake microphone reads one file, which
 * is refilled with the next language's speech before each take (Chromium reads it anew for every
 * capture it opens).
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWavPcm16, parseWav } from '../../shared/audio/wav';
import { SAMPLE_LANGUAGES, type SampleLanguage } from '../../shared/models';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { loopSimilarity, speechWav } from '../support/audio-fixtures';
import { launchTimbre, type TimbreSession } from './harness';
import { applyLook, inWindow, LOOKS, lookLocale, settleAnimations } from './looks';
import { leftoverPlaceholders } from './placeholders';
import { TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

/** espeak-ng's voice for each sample language. */
const ESPEAK_VOICES: Record<SampleLanguage, string> = {
  zh: 'cmn', en: 'en-us', de: 'de', it: 'it', pt: 'pt-br', es: 'es', ja: 'ja', ko: 'ko', fr: 'fr-fr', ru: 'ru',
};

/** Spoken takes this long hold the 3 s of continuous speech the checks (and DashScope) ask for, with room to spare. */
const TAKE_SECONDS = 6;

/**
 * espeak-ng's speech of one of the script's sentences: the shortest that lasts TAKE_SECONDS, else
 * the longest. The mock does not listen, so a take of one sentence keeps ten takes quick, and one
 * sentence is read without the pause between sentences, so its speech is continuous.
 */
function sentenceTake(script: string, language: SampleLanguage): { wav: string; seconds: number } {
  const sentences = (script.match(/[^.!?。！？]+[.!?。！？]*/gu) ?? [script]).map((sentence) => sentence.trim());
  const takes = sentences.map((text) => {
    const wav = speechWav({ text, voice: ESPEAK_VOICES[language], padSeconds: 0.6 });
    return { wav, seconds: parseWav(new Uint8Array(readFileSync(wav)))!.durationSeconds };
  }).sort((a, b) => a.seconds - b.seconds);
  return takes.find((take) => take.seconds >= TAKE_SECONDS) ?? takes.at(-1)!;
}

interface CreateInput {
  text: string;
  language: string;
}

describe('a sample in each of the ten languages, from script to create request', () => {
  const micWav = join(tmpdir(), 'timbre-fixtures', `languages-mic-${process.pid}.wav`);
  let mock: MockDashScope;
  let app: TimbreSession;

  /** Puts a take in the fake microphone's file, for the next capture. */
  function speakIntoMicrophone(take: { wav: string; seconds: number }): { wav: string; seconds: number } {
    copyFileSync(take.wav, micWav);
    return take;
  }

  beforeAll(async () => {
    mkdirSync(join(tmpdir(), 'timbre-fixtures'), { recursive: true });
    speakIntoMicrophone(sentenceTake('Hello.', 'en')); // the browser needs the file when it starts
    mock = await startMockDashScope({ region: 'cn-beijing' });
    app = await launchTimbre({ micWav, locale: 'en-US', dashscopeBaseUrl: mock.baseUrl, envApiKey: mock.apiKey, noKeychain: true });
  });
  afterAll(async () => {
    await app?.close();
    await mock?.close();
  });

  it('offers all ten languages by their own names and the interface\'s, each with its own scripts', async () => {
    const { page } = app;
    const picker = page.getByTestId(TEST_IDS.recordLanguage);
    const labels = () => picker.locator('option').allInnerTexts();
    expect(await labels()).toEqual([
      '中文 (Chinese)', 'English', 'Deutsch (German)', 'Italiano (Italian)', 'Português (Portuguese)',
      'Español (Spanish)', '日本語 (Japanese)', '한국어 (Korean)', 'Français (French)', 'Русский (Russian)',
    ]);
    await applyLook(page, { uiLanguage: 'zh-CN', theme: 'light' });
    expect(await labels()).toEqual([
      '中文', 'English（英语）', 'Deutsch（德语）', 'Italiano（意大利语）', 'Português（葡萄牙语）',
      'Español（西班牙语）', '日本語（日语）', '한국어（韩语）', 'Français（法语）', 'Русский（俄语）',
    ]);
    await applyLook(page, { uiLanguage: 'en', theme: 'light' });
    await picker.selectOption('ko');
    expect(await page.getByTestId(TEST_IDS.recordScript).locator('option').allInnerTexts()).toEqual(['동네 시장', '퇴근길', '오늘의 녹음', 'My own text']);
    expect(await page.getByTestId(TEST_IDS.recordScriptText).innerText()).toMatch(/^주말 아침이면/);
  });

  SAMPLE_LANGUAGES.forEach((language, index) => {
    it(`${language}: the script read goes up as the transcript, with its language`, async () => {
      const { page } = app;
      await page.getByTestId(TEST_IDS.navRecord).click();
      await page.getByTestId(TEST_IDS.recordTabRecord).click();
      await page.getByTestId(TEST_IDS.recordLanguage).selectOption(language);
      // One of the language's three scripts, a different one from language to language.
      const scriptPicker = page.getByTestId(TEST_IDS.recordScript);
      const scriptId = await scriptPicker.locator('option').nth(index % 3).getAttribute('value');
      await scriptPicker.selectOption(scriptId!);
      const shown = page.getByTestId(TEST_IDS.recordScriptText);
      expect(await shown.getAttribute('lang')).toBe(language);
      const script = (await shown.innerText()).trim();
      expect(script.length).toBeGreaterThan(40);

      const speech = speakIntoMicrophone(sentenceTake(script, language));
      await page.getByTestId(TEST_IDS.recordStart).click();
      await page.getByTestId(TEST_IDS.recordStop).waitFor({ timeout: 10_000 });
      // The microphone loops the speech from the count-in on: a whole loop lands in the take.
      await expect.poll(() => page.getByTestId(TEST_IDS.recordTimer).getAttribute('data-seconds').then(Number), { timeout: 30_000, interval: 200 })
        .toBeGreaterThanOrEqual(speech.seconds + 1);
      await page.getByTestId(TEST_IDS.recordStop).click();

      // Review: the checks hear the speech, and the take is saved with the script as its transcript.
      const checks = page.getByTestId(TEST_IDS.sampleChecks).locator('[data-check]');
      await checks.first().waitFor({ timeout: 30_000 });
      const statuses = Object.fromEntries(await checks.evaluateAll((items) => items.map((item) => [item.getAttribute('data-check'), item.getAttribute('data-status')])));
      expect(statuses.speech, JSON.stringify(statuses)).toBe('pass');
      await expect.poll(() => page.getByTestId(TEST_IDS.sampleConversion).getAttribute('data-state'), { timeout: 30_000 }).toBe('saved');
      expect(await page.getByTestId(TEST_IDS.sampleTranscript).inputValue()).toBe(script);
      // What was saved is this language's speech (not the previous take's): it follows the file the microphone played.
      const sample = app.core.services.catalog.listSamples().find((item) => item.transcript === script);
      expect(sample?.language).toBe(language);
      const upload = decodeWavPcm16(new Uint8Array(readFileSync(join(app.userDataDir, 'audio', sample!.upload!.file))))!;
      expect(loopSimilarity(upload, speech.wav)).toBeGreaterThan(0.8);
      // The transcript is in the language's own script: nothing to flag.
      expect(await page.getByTestId(TEST_IDS.transcriptNote).count()).toBe(0);

      // The clone form carries both, and so does the request DashScope gets.
      await page.getByTestId(TEST_IDS.sampleClone).click();
      await expect.poll(() => page.getByTestId(TEST_IDS.enrollTranscript).inputValue()).toBe(script);
      expect(await page.getByTestId(TEST_IDS.enrollLanguage).inputValue()).toBe(language);
      await page.getByTestId(TEST_IDS.enrollName).fill(`Voice ${language}`);
      await page.getByTestId(TEST_IDS.enrollConsent).check();
      await page.getByTestId(TEST_IDS.enrollSubmit).click();
      await expect.poll(() => page.getByTestId(TEST_IDS.enrollProgress).getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
      const creates = mock.requests.filter((request) => request.target === 'create' && request.authorized);
      const input = (creates.at(-1)?.body as { input: CreateInput } | undefined)?.input;
      expect(input).toMatchObject({ text: script, language });
    }, 60_000);
  });

  it('says a transcript in the sample\'s language helps, and flags one in another script', async () => {
    const { page } = app;
    await page.getByTestId(TEST_IDS.navRecord).click();
    await page.getByTestId(TEST_IDS.recordLanguage).selectOption('ja');
    await page.getByTestId(TEST_IDS.recordScript).selectOption('custom');
    const note = page.getByTestId(TEST_IDS.transcriptNote);
    await page.getByTestId(TEST_IDS.recordScriptText).fill('Guten Morgen, wie geht es dir?');
    expect(await note.getAttribute('data-kind')).toBe('mismatch');
    expect(await note.innerText()).toBe("This text is in Latin letters, but the sample is in Japanese. A transcript that doesn't match the speech makes cloning fail.");
    await page.getByTestId(TEST_IDS.recordScriptText).fill('おはようございます。今日もいい天気ですね。');
    expect(await note.getAttribute('data-kind')).toBe('helps');
    expect(await note.innerText()).toBe("A transcript in Japanese helps: DashScope then doesn't have to guess what is said.");

    // An import without a transcript gets the same line, in the language chosen for it.
    await page.getByTestId(TEST_IDS.recordTabImport).click();
    await page.locator('#import-language').selectOption('de');
    expect(await note.innerText()).toBe("A transcript in German helps: DashScope then doesn't have to guess what is said.");
    await page.locator('#import-transcript').fill('Привет, как дела?');
    expect(await note.getAttribute('data-script')).toBe('Russian');
    expect(await note.innerText()).toContain('This text is in Cyrillic letters, but the sample is in German.');
    await page.getByTestId(TEST_IDS.recordTabRecord).click();
  });

  it('pictures Record with a German and a Japanese script in every look, at 1280×820 and 900×600', async () => {
    const { page } = app;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const problems: string[] = [];
    await page.getByTestId(TEST_IDS.navRecord).click();
    for (const language of ['de', 'ja'] as const) {
      await page.getByTestId(TEST_IDS.recordLanguage).selectOption(language);
      await page.getByTestId(TEST_IDS.recordScript).selectOption({ index: 0 });
      for (const look of LOOKS) {
        await applyLook(page, look);
        for (const size of [{ width: 1280, height: 820, suffix: '' }, { width: 900, height: 600, suffix: '-900' }]) {
          await page.setViewportSize(size);
          await settleAnimations(page);
          const where = `record-${language} ${lookLocale(look)} ${look.theme} ${size.width}×${size.height}`;
          problems.push(...(await leftoverPlaceholders(page)).map((line) => `${where}: ${line}`));
          if (!(await inWindow(page, TEST_IDS.recordStart))) problems.push(`${where}: the record button is outside the window`);
          await page.screenshot({ path: join(SCREENSHOTS, `record-script-${language}-${lookLocale(look)}-${look.theme}${size.suffix}.png`) });
        }
      }
    }
    // A typed transcript in the wrong script, flagged.
    await page.getByTestId(TEST_IDS.recordScript).selectOption('custom');
    await page.getByTestId(TEST_IDS.recordScriptText).fill('Guten Morgen, wie geht es dir?');
    for (const look of LOOKS) {
      await applyLook(page, look);
      await page.setViewportSize({ width: 1280, height: 820 });
      await page.screenshot({ path: join(SCREENSHOTS, `record-transcript-mismatch-${lookLocale(look)}-${look.theme}.png`) });
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
