import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetModel } from '../../shared/models';
import { tonePcm } from '../mock-dashscope/audio';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { speechWav } from '../support/audio-fixtures';
import { addSampleWithAudio, makeVoice } from '../support/catalog-fixtures';
import { launchTimbre, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const HTTP_MODEL: TargetModel = 'qwen3-tts-vc-2026-01-22';
const REALTIME_MODEL: TargetModel = 'qwen3-tts-vc-realtime-2026-01-15';
const T0 = Date.UTC(2026, 0, 10, 9, 30);

/** Seconds of the tone the mock speaks for `text` (24 kHz, 16-bit mono). */
const mockSeconds = (text: string) => tonePcm(text).length / 48_000;
/** 0.1 s chunks, as the mock streams them. */
const mockChunks = (text: string) => Math.ceil(tonePcm(text).length / 4_800);

describe('Try a voice', () => {
  let mock: MockDashScope;
  const sessions: TimbreSession[] = [];

  beforeAll(async () => {
    mock = await startMockDashScope({ region: 'cn-beijing' });
  });
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await mock.close();
  });

  /** A Timbre with an English sample, its HTTP and realtime voices, a Chinese voice and a failed one. */
  async function launch(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}) {
    const app = await launchTimbre({ ...options, dashscopeBaseUrl: mock.baseUrl, envApiKey: mock.apiKey, noKeychain: true });
    sessions.push(app);
    const { catalog } = app.core.services;
    const sampleWav = speechWav({ text: 'The north wind and the sun were disputing which was the stronger.' });
    const sample = addSampleWithAudio(app.userDataDir, { id: 'sample-en', displayName: 'Morning reading' }, sampleWav);
    catalog.putSample(sample);
    // Enrolled on the mock for its own target model, so the mock knows the voice.
    const voice = (fields: Parameters<typeof makeVoice>[0] & { targetModel: TargetModel }) => {
      const enrolled = mock.addVoice({ preferredName: fields.id.replace(/-/g, '_'), targetModel: fields.targetModel });
      catalog.putVoice(makeVoice({ ...fields, voice: enrolled.voice }));
    };
    voice({ id: 'v-http', targetModel: HTTP_MODEL, displayName: 'Alice', sampleId: sample.id, transcript: sample.transcript, createdAt: T0 + 3 });
    voice({ id: 'v-rt', targetModel: REALTIME_MODEL, displayName: 'Alice (live)', sampleId: sample.id, createdAt: T0 + 2 });
    voice({ id: 'v-zh', targetModel: HTTP_MODEL, displayName: '小林', language: 'zh', createdAt: T0 + 1 });
    catalog.putVoice(makeVoice({ id: 'v-failed', displayName: 'Broken', status: 'failed', voice: null }));
    return app;
  }

  async function openTry(page: Page, voiceId: string) {
    await page.getByTestId(TEST_IDS.navTry).click();
    await page.getByTestId(TEST_IDS.tryVoice).selectOption(voiceId);
  }

  async function speak(page: Page, text: string) {
    await page.getByTestId(TEST_IDS.tryText).fill(text);
    await page.getByTestId(TEST_IDS.trySubmit).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.tryStatus).getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
  }

  const audioDuration = (page: Page, testId: string) =>
    page.getByTestId(testId).evaluate((audio: HTMLAudioElement) => (Number.isFinite(audio.duration) ? audio.duration : null));

  it('speaks with an HTTP voice: streams while it arrives, plays the saved WAV, keeps it over a restart', async () => {
    const app = await launch();
    const { page } = app;
    await openTry(page, 'v-http');

    // Only ready voices, grouped under the model they speak with.
    const options = await page.getByTestId(TEST_IDS.tryVoice).locator('option').evaluateAll((items) =>
      items.map((item) => [(item as HTMLOptionElement).value, (item.parentElement as HTMLOptGroupElement).label]));
    expect(options).toEqual([
      ['v-http', expect.stringContaining(HTTP_MODEL)],
      ['v-zh', expect.stringContaining(HTTP_MODEL)],
      ['v-rt', expect.stringContaining(REALTIME_MODEL)],
    ]);
    // The language defaults to the voice's; the HTTP model offers no rate/volume/pitch.
    expect(await page.getByTestId(TEST_IDS.tryLanguage).inputValue()).toBe('English');
    expect(await page.getByTestId(TEST_IDS.trySpeechRate).count()).toBe(0);

    const text = 'Hello from Timbre. This is my cloned voice.';
    await speak(page, text);

    // Every streamed chunk reached the player, and the time to first audio is the one main measured.
    const [entry] = await app.core.services.synthesis.handlers['synth.history']({ voiceId: 'v-http' });
    expect(entry.text).toBe(text);
    expect(Number(await page.getByTestId(TEST_IDS.tryStatus).getAttribute('data-chunks'))).toBe(mockChunks(text));
    expect(Number(await page.getByTestId(TEST_IDS.tryFirstAudio).getAttribute('data-ms'))).toBe(entry.firstAudioMs);
    expect(await page.getByTestId(TEST_IDS.tryFirstAudio).innerText()).toMatch(/\d\.\d\d\s?s/);

    // The player holds the saved WAV (a blob read back from main) with the length the mock spoke.
    const audio = page.getByTestId(TEST_IDS.tryAudio);
    expect(await audio.getAttribute('data-entry-id')).toBe(entry.id);
    await expect.poll(() => audio.getAttribute('src')).toMatch(/^blob:/);
    await expect.poll(() => audioDuration(page, TEST_IDS.tryAudio)).toBeCloseTo(mockSeconds(text), 3);
    expect(entry.audio.durationSeconds).toBeCloseTo(mockSeconds(text), 6);
    await audio.evaluate((element: HTMLAudioElement) => element.play());
    await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(0.1);

    // The original sample plays right next to it.
    await expect.poll(() => audioDuration(page, TEST_IDS.trySampleAudio)).toBeGreaterThan(2);

    const item = page.getByTestId(TEST_IDS.tryHistoryItem);
    await expect.poll(() => item.getAttribute('data-entry-id')).toBe(entry.id);
    expect(await item.innerText()).toContain(text);

    const restarted = await app.restart();
    await openTry(restarted, 'v-http');
    await expect.poll(() => restarted.getByTestId(TEST_IDS.tryHistoryItem).getAttribute('data-entry-id')).toBe(entry.id);
    await expect.poll(() => audioDuration(restarted, TEST_IDS.tryAudio)).toBeCloseTo(mockSeconds(text), 2);

    // Deleting removes the entry and its file.
    await restarted.getByTestId(TEST_IDS.tryHistoryDelete).click();
    await restarted.getByTestId(TEST_IDS.tryHistoryDeleteConfirm).click();
    await expect.poll(() => restarted.getByTestId(TEST_IDS.tryHistoryItem).count()).toBe(0);
    expect(existsSync(join(app.userDataDir, 'audio', entry.audio.file))).toBe(false);
  });

  it('speaks with a realtime voice and its speed, volume and pitch', async () => {
    const app = await launch();
    const { page } = app;
    await openTry(page, 'v-rt');
    await page.getByTestId(TEST_IDS.trySpeechRate).fill('1.5');
    await page.getByTestId(TEST_IDS.tryVolume).fill('80');
    const text = 'Realtime voices stream over a WebSocket.';
    const before = mock.requests.length;
    await speak(page, text);

    const update = mock.requests.slice(before).map((request) => request.body as { type?: string; session?: Record<string, unknown> })
      .find((event) => event?.type === 'session.update');
    expect(update?.session).toMatchObject({ speech_rate: 1.5, volume: 80, pitch_rate: 1, language_type: 'English' });
    expect(Number(await page.getByTestId(TEST_IDS.tryStatus).getAttribute('data-chunks'))).toBe(mockChunks(text));
    await expect.poll(() => audioDuration(page, TEST_IDS.tryAudio)).toBeCloseTo(mockSeconds(text), 2);
    expect(await page.getByTestId(TEST_IDS.tryHistoryItem).innerText()).toMatch(/1\.5×/);
  });

  it('speaks an earlier text again with its settings, and keeps a starred result first over a restart', async () => {
    const app = await launch();
    let { page } = app;
    await openTry(page, 'v-rt');
    await page.getByTestId(TEST_IDS.trySpeechRate).fill('1.5');
    await speak(page, 'The first sentence, said fast.');
    await page.getByTestId(TEST_IDS.trySpeechRate).fill('1');
    await speak(page, 'A second sentence, at normal speed.');
    const items = page.getByTestId(TEST_IDS.tryHistoryItem);
    await expect.poll(() => items.count()).toBe(2);

    // Star the older one: it moves to the top, and stays there after a restart.
    const older = items.filter({ hasText: 'The first sentence' });
    await older.getByTestId(TEST_IDS.tryHistoryStar).click();
    await expect.poll(() => items.first().getAttribute('data-favourite')).toBe('true');
    expect(await items.first().innerText()).toContain('The first sentence');
    expect(await older.getByTestId(TEST_IDS.tryHistoryStar).getAttribute('aria-pressed')).toBe('true');

    // Speak it again: the same text goes out with its own speed, and a new result joins the history.
    const before = mock.requests.length;
    await older.getByTestId(TEST_IDS.tryHistoryRegenerate).click();
    await expect.poll(() => items.count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => page.getByTestId(TEST_IDS.tryStatus).getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
    const update = mock.requests.slice(before).map((request) => request.body as { type?: string; session?: Record<string, unknown> })
      .find((event) => event?.type === 'session.update');
    expect(update?.session).toMatchObject({ speech_rate: 1.5 });
    expect(await page.getByTestId(TEST_IDS.tryText).inputValue()).toBe('The first sentence, said fast.');

    page = await app.restart();
    await openTry(page, 'v-rt');
    const again = page.getByTestId(TEST_IDS.tryHistoryItem);
    await expect.poll(() => again.count()).toBe(3);
    expect(await again.first().getAttribute('data-favourite')).toBe('true');
    expect(await again.first().innerText()).toContain('The first sentence');
  });

  it('explains a broken stream, stops on cancel, and keeps the text while offline', async () => {
    const app = await launch();
    const { page } = app;
    await openTry(page, 'v-http');
    const status = page.getByTestId(TEST_IDS.tryStatus);

    mock.inject({ kind: 'mid-stream', afterChunks: 3, mode: 'disconnect', match: 'synthesize' });
    await page.getByTestId(TEST_IDS.tryText).fill('This stream will break off after a few chunks.');
    await page.getByTestId(TEST_IDS.trySubmit).click();
    await expect.poll(() => status.getAttribute('data-state')).toBe('failed');
    expect(await page.getByTestId(TEST_IDS.tryError).getAttribute('data-code')).toBe('network.connection_lost');
    expect(await page.getByTestId(TEST_IDS.tryError).innerText()).toMatch(/0\.3\s?s of audio had already played; the incomplete result was discarded\./);
    expect(await page.getByTestId(TEST_IDS.tryHistoryItem).count()).toBe(0);

    // The final file hangs: Stop while the streamed audio plays.
    mock.inject({ kind: 'delay', ms: 15_000, match: 'download' });
    await page.getByTestId(TEST_IDS.trySubmit).click();
    await expect.poll(() => status.getAttribute('data-state')).toBe('playing');
    await page.getByTestId(TEST_IDS.tryCancel).click();
    await expect.poll(() => status.getAttribute('data-state')).toBe('cancelled');
    expect(await status.innerText()).toContain('The partial audio was discarded');
    expect(await page.getByTestId(TEST_IDS.tryHistoryItem).count()).toBe(0);

    // DashScope unreachable: the error offers to keep the text.
    await mock.setReachable(false);
    try {
      await page.getByTestId(TEST_IDS.trySubmit).click();
      await expect.poll(() => page.getByTestId(TEST_IDS.tryError).getAttribute('data-code'), { timeout: 20_000 }).toBe('network.refused');
    } finally {
      await mock.setReachable(true);
    }

    // The OS says offline: the screen explains and keeps the text for later.
    app.core.setOnline(false);
    await page.getByTestId(TEST_IDS.tryOffline).waitFor();
    await page.getByTestId(TEST_IDS.tryOffline).getByRole('button').click();
    await page.getByTestId(TEST_IDS.tryDraft).waitFor();
    app.core.setOnline(true);
    await page.getByTestId(TEST_IDS.tryOffline).waitFor({ state: 'detached' });
    await page.getByTestId(TEST_IDS.tryText).fill('');
    await page.getByTestId(TEST_IDS.tryDraftUse).click();
    expect(await page.getByTestId(TEST_IDS.tryText).inputValue()).toBe('This stream will break off after a few chunks.');
    expect(await page.getByTestId(TEST_IDS.tryDraft).count()).toBe(0);
  });

  it('lists the newest 200 voices of many and finds the others by name, tag or id', async () => {
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const app = await launch({ locale, colorScheme });
        const { page } = app;
        const { catalog } = app.core.services;
        catalog.batch(() => {
          for (let i = 0; i < 300; i++) {
            catalog.putVoice(makeVoice({ id: `many-${i}`, displayName: `Narrator ${i}`, voice: `qwen-tts-vc-many${i}-voice-1`, createdAt: T0 + 1_000 + i, tags: i === 5 ? ['audiobook'] : [] }));
          }
        });
        await page.getByTestId(TEST_IDS.navTry).click();
        const options = page.getByTestId(TEST_IDS.tryVoice).locator('option');
        await expect.poll(() => options.count()).toBe(200);
        expect(await options.first().getAttribute('value')).toBe('many-299');
        const hint = page.getByRole('status').filter({ hasText: locale === 'zh-CN' ? '共 303 个' : 'of 303 voices' });
        await hint.waitFor();

        // The oldest voices are not listed until searched for.
        await page.getByTestId(TEST_IDS.tryVoiceFind).fill('audiobook');
        await expect.poll(() => options.evaluateAll((items) => items.map((item) => (item as HTMLOptionElement).value))).toContain('many-5');
        await page.getByTestId(TEST_IDS.tryVoice).selectOption('many-5');
        await page.getByTestId(TEST_IDS.tryVoiceFind).fill('Alice');
        // The voice in use stays in the list beside what was found.
        await expect.poll(() => options.evaluateAll((items) => items.map((item) => (item as HTMLOptionElement).value).sort())).toEqual(['many-5', 'v-http', 'v-rt']);
        expect(await page.getByTestId(TEST_IDS.tryVoice).inputValue()).toBe('many-5');
        await page.screenshot({ path: join(SCREENSHOTS, `try-find-${locale}-${colorScheme}.png`) });
        await page.setViewportSize({ width: 900, height: 600 });
        await page.screenshot({ path: join(SCREENSHOTS, `try-find-${locale}-${colorScheme}-900.png`) });
        await app.close();
      }
    }
  });

  it('renders Try in both languages and themes for the screenshots', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const app = await launch({ locale, colorScheme });
        const { page } = app;
        const chinese = locale === 'zh-CN';
        await openTry(page, chinese ? 'v-zh' : 'v-http');
        await speak(page, chinese ? '有些故事适合慢慢地讲。' : 'Some stories are best told slowly.');
        await speak(page, chinese ? '你好！这是我克隆出来的声音。' : 'Hello! This is my cloned voice. How does it sound to you?');
        await page.getByTestId(TEST_IDS.tryText).fill(chinese ? '会议改到了星期四下午三点半，我们还有两天时间准备。' : 'The meeting moved to Thursday at 3:30.');
        await page.getByTestId(TEST_IDS.tryKeepDraft).click();
        await expect.poll(() => audioDuration(page, TEST_IDS.tryAudio)).not.toBeNull();
        // The screen scrolls inside the content pane: a taller window shows all of it.
        await page.setViewportSize({ width: 1280, height: 1100 });
        await page.screenshot({ path: join(SCREENSHOTS, `try-${locale}-${colorScheme}.png`) });
        await app.close();
      }
    }
  });
});
