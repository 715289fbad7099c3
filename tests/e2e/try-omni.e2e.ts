/**
 * A voice for a voice assistant (Qwen-Omni, §7): cloned from the clone form against the mock,
 * then heard in Try, with what the assistant actually said beside the audio, in both languages,
 * over HTTP and (the realtime Omni models) the Omni-Realtime WebSocket session.
 * Also pictures the clone form and Try with an Omni voice (`*-omni[-realtime]-<locale>-<theme>[-900].png`).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetModel } from '../../shared/models';
import { tonePcm } from '../mock-dashscope/audio';
import { TEST_BEHAVIOUR } from '../mock-dashscope/behaviour';
import { OMNI_PREAMBLE } from '../mock-dashscope/omni-handler';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { ENGLISH_SCRIPT, speechWav } from '../support/audio-fixtures';
import { addSampleWithAudio } from '../support/catalog-fixtures';
import { launchTimbre, type TimbreSession } from './harness';
import { applyLook, inWindow, LOOKS, lookLocale, settleAnimations } from './looks';
import { leftoverPlaceholders } from './placeholders';
import { enrollModelTestId, TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const SIZES = [
  { width: 1280, height: 820, suffix: '' },
  { width: 900, height: 600, suffix: '-900' },
] as const;
const OMNI_MODEL: TargetModel = 'qwen3.5-omni-plus';
const OMNI_REALTIME_MODEL: TargetModel = 'qwen3.5-omni-plus-realtime';
const HTTP_MODEL: TargetModel = 'qwen3-tts-vc-2026-01-22';

describe('a voice for a voice assistant', () => {
  let mock: MockDashScope;
  const sessions: TimbreSession[] = [];
  const sampleWav = speechWav({ text: ENGLISH_SCRIPT, padSeconds: 0.5 });

  beforeAll(async () => {
    mock = await startMockDashScope({ region: 'cn-beijing' });
  });
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await mock.close();
  });

  async function launch(options: { locale?: string } = {}) {
    const app = await launchTimbre({ ...options, dashscopeBaseUrl: mock.baseUrl, envApiKey: mock.apiKey, noKeychain: true });
    sessions.push(app);
    const sample = addSampleWithAudio(app.userDataDir, { id: 'sample-1', displayName: 'Morning reading', transcript: ENGLISH_SCRIPT, language: 'en' }, sampleWav);
    app.core.services.catalog.putSample(sample);
    return { app, sample };
  }

  /** Clones the sample for Omni Plus and its realtime sibling only, from the Library's Clone button; returns when the voices are ready. */
  async function cloneForOmni(page: Page, sampleId: string, name: string, beforeSubmit?: () => Promise<void>) {
    await page.getByTestId(TEST_IDS.navLibrary).click();
    await page.getByTestId(TEST_IDS.librarySampleClone).and(page.locator(`[data-sample-id="${sampleId}"]`)).click();
    await page.getByTestId(TEST_IDS.enrollName).fill(name);
    await page.getByTestId(enrollModelTestId(HTTP_MODEL)).uncheck();
    await page.getByTestId(enrollModelTestId(OMNI_MODEL)).check();
    await page.getByTestId(enrollModelTestId(OMNI_REALTIME_MODEL)).check();
    await page.getByTestId(TEST_IDS.enrollConsent).check();
    await beforeSubmit?.();
    await page.getByTestId(TEST_IDS.enrollSubmit).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.enrollProgress).getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
  }

  /** Picks in Try the voice made for `model` (each clone of the form is a voice of its own). */
  async function selectVoiceFor(app: TimbreSession, model: TargetModel) {
    const voice = app.core.services.catalog.listVoices().find((record) => record.targetModel === model);
    await app.page.getByTestId(TEST_IDS.tryVoice).selectOption(voice?.id ?? '');
  }

  async function speak(page: Page, text: string) {
    await page.getByTestId(TEST_IDS.tryText).fill(text);
    await page.getByTestId(TEST_IDS.trySubmit).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.tryStatus).getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
  }

  it('clones for Omni from the clone form and speaks in Try, showing what the assistant said (en)', async () => {
    mock.setBehaviour(TEST_BEHAVIOUR);
    const { app, sample } = await launch();
    const { page } = app;
    // Offered by purpose, like the others.
    await page.getByTestId(TEST_IDS.navLibrary).click();
    await page.getByTestId(TEST_IDS.librarySampleClone).and(page.locator(`[data-sample-id="${sample.id}"]`)).click();
    expect(await page.locator('label.enroll-model', { has: page.getByTestId(enrollModelTestId(OMNI_MODEL)) }).innerText())
      .toContain('For a voice assistant');
    expect(await page.locator('label.enroll-model', { has: page.getByTestId(enrollModelTestId(OMNI_REALTIME_MODEL)) }).innerText())
      .toContain('For a voice assistant, live conversation');
    await cloneForOmni(page, sample.id, 'Beton');

    const remote = [...mock.voices.values()].find((voice) => voice.targetModel === OMNI_MODEL);
    expect(remote).toMatchObject({ voice: expect.stringMatching(/^qwen-omni-vc-Beton-voice-/) });
    const remoteLive = [...mock.voices.values()].find((voice) => voice.targetModel === OMNI_REALTIME_MODEL);
    expect(remoteLive).toMatchObject({ voice: expect.stringMatching(/^qwen-omni-vc-Beton-voice-/) });

    await page.getByTestId(TEST_IDS.enrollTryIt).click();
    await page.getByTestId(TEST_IDS.tryText).waitFor();
    await selectVoiceFor(app, OMNI_MODEL);
    // Omni is asked in words: no language to choose, no speed, volume or pitch.
    expect(await page.getByTestId(TEST_IDS.tryLanguage).count()).toBe(0);
    expect(await page.getByTestId(TEST_IDS.trySpeechRate).count()).toBe(0);
    expect(await page.locator('.try-voice-meta .badge').innerText()).toBe('Voice assistant');
    const text = 'Hello from Timbre. This is my assistant voice.';
    await speak(page, text);
    const call = mock.requests.find((request) => request.target === 'synthesize');
    expect(call).toMatchObject({ path: '/compatible-mode/v1/chat/completions', body: { model: OMNI_MODEL, audio: { voice: remote?.voice }, stream: true } });
    // It read the text as asked: the spoken text is shown once, marked verbatim.
    const spoken = page.getByTestId(TEST_IDS.trySpokenText);
    expect(await spoken.getAttribute('data-verbatim')).toBe('true');
    expect(await spoken.innerText()).toContain('What the assistant said');
    expect(await spoken.innerText()).toContain(text);
    await expect.poll(() => page.getByTestId(TEST_IDS.tryAudio).evaluate((audio: HTMLAudioElement) => audio.duration), { timeout: 10_000 })
      .toBeCloseTo(tonePcm(text).length / 48_000, 3);

    // An assistant that adds words of its own: Try shows what it actually said, and says so.
    mock.setBehaviour({ omniSays: 'adds-preamble' });
    await speak(page, 'The meeting moved to Thursday.');
    expect(await spoken.getAttribute('data-verbatim')).toBe('false');
    expect(await spoken.innerText()).toContain(`${OMNI_PREAMBLE}The meeting moved to Thursday.`);
    expect(await spoken.innerText()).toContain('did not read the text word for word');
    expect(await page.locator('.try-said').first().innerText()).toContain('Asked to read');

    // The realtime sibling speaks over the WebSocket in the Omni-Realtime protocol, and Try shows the same.
    mock.setBehaviour(TEST_BEHAVIOUR);
    await selectVoiceFor(app, OMNI_REALTIME_MODEL);
    expect(await page.locator('.try-voice-meta .badge').innerText()).toBe('Voice assistant, live');
    expect(await page.getByTestId(TEST_IDS.trySpeechRate).count()).toBe(0);
    const live = 'Good morning. The assistant speaks live.';
    await speak(page, live);
    const session = mock.requests.filter((request) => request.target === 'realtime');
    expect(session[0]).toMatchObject({ query: { model: OMNI_REALTIME_MODEL }, authorized: true });
    expect(session.slice(1).map((request) => (request.body as { type: string }).type))
      .toEqual(['session.update', 'input_audio_buffer.append', 'input_audio_buffer.commit', 'response.create']);
    expect(session[1].body).toMatchObject({ session: { voice: remoteLive?.voice, turn_detection: null, instructions: expect.stringContaining(live) } });
    expect(await spoken.getAttribute('data-verbatim')).toBe('true');
    expect(await spoken.innerText()).toContain(live);
    await expect.poll(() => page.getByTestId(TEST_IDS.tryAudio).evaluate((audio: HTMLAudioElement) => audio.duration), { timeout: 10_000 })
      .toBeCloseTo(tonePcm(live).length / 48_000, 3);
  });

  it('speaks in Chinese and takes every look of the clone form and Try with an Omni voice', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    mock.setBehaviour(TEST_BEHAVIOUR);
    const { app, sample } = await launch({ locale: 'zh-CN' });
    const { page } = app;
    const problems: string[] = [];
    /** Every look at both sizes, scrolled so `focus` (what changed on the screen) is in the middle. */
    const shoot = async (screen: 'enroll-omni' | 'try-omni' | 'try-omni-realtime', focus: string, mainAction?: string) => {
      for (const look of LOOKS) {
        await applyLook(page, look);
        for (const size of SIZES) {
          await page.setViewportSize({ width: size.width, height: size.height });
          await page.getByTestId(focus).evaluate((element) => element.scrollIntoView({ block: 'center' }));
          await settleAnimations(page);
          const locale = lookLocale(look);
          problems.push(...(await leftoverPlaceholders(page)).map((line) => `${screen} ${locale}: ${line}`));
          if (mainAction && !(await inWindow(page, mainAction))) problems.push(`${screen} ${locale} ${size.width}×${size.height}: ${mainAction} is outside the window`);
          await page.screenshot({ path: join(SCREENSHOTS, `${screen}-${locale}-${look.theme}${size.suffix}.png`) });
        }
      }
      await applyLook(page, { uiLanguage: 'zh-CN', theme: 'light' });
      await page.setViewportSize({ width: 1280, height: 820 });
    };

    await cloneForOmni(page, sample.id, '贝顿', async () => {
      // The Omni choices, below the TTS ones (screens.e2e.ts checks the form from its top).
      await shoot('enroll-omni', enrollModelTestId(OMNI_MODEL));
    });

    await page.getByTestId(TEST_IDS.enrollTryIt).click();
    await page.getByTestId(TEST_IDS.tryText).waitFor();
    await selectVoiceFor(app, OMNI_MODEL);
    mock.setBehaviour({ omniSays: 'adds-preamble' });
    const text = '你好！这是我为语音助手复刻的声音。';
    await speak(page, text);
    const spoken = page.getByTestId(TEST_IDS.trySpokenText);
    expect(await spoken.innerText()).toContain('助手实际说的话');
    expect(await spoken.innerText()).toContain(`${OMNI_PREAMBLE}${text}`);
    expect(await spoken.innerText()).toContain('没有逐字朗读');
    await shoot('try-omni', TEST_IDS.trySpokenText, TEST_IDS.trySpokenText);

    // The realtime sibling, in the picture too: its own badge, the same account of what it said.
    await selectVoiceFor(app, OMNI_REALTIME_MODEL);
    const live = '早上好。这是实时语音助手在说话。';
    await speak(page, live);
    expect(await spoken.innerText()).toContain(`${OMNI_PREAMBLE}${live}`);
    expect(await page.locator('.try-voice-meta .badge').innerText()).toBe('语音助手（实时）');
    await shoot('try-omni-realtime', TEST_IDS.trySpokenText, TEST_IDS.trySpokenText);
    expect(problems).toEqual([]);
  }, 300_000);
});
