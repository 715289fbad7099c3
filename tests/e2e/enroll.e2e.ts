import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VOICE_QUOTA_ERROR } from '../mock-dashscope/behaviour';
import { errorFault, type InjectedFault } from '../mock-dashscope/faults';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { ENGLISH_SCRIPT, speechWav } from '../support/audio-fixtures';
import { addSampleWithAudio, makeVoice } from '../support/catalog-fixtures';
import { launchTimbre, type TimbreSession } from './harness';
import { settleAnimations } from './looks';
import { enrollModelTestId, TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const HTTP_MODEL = 'qwen3-tts-vc-2026-01-22';
const REALTIME_MODEL = 'qwen3-tts-vc-realtime-2026-01-15';

describe('Clone a voice', () => {
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

  async function launch(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}) {
    const app = await launchTimbre({ ...options, dashscopeBaseUrl: mock.baseUrl, envApiKey: mock.apiKey, noKeychain: true });
    sessions.push(app);
    const sample = addSampleWithAudio(app.userDataDir, { id: 'sample-1', displayName: 'Morning reading', transcript: ENGLISH_SCRIPT, language: 'en' }, sampleWav);
    app.core.services.catalog.putSample(sample);
    return { app, sample };
  }

  it('queues the clone while DashScope is unreachable, sends it when it is back, and keeps it over a restart', async () => {
    const { app, sample } = await launch();
    const { page } = app;
    await mock.setReachable(false);
    try {
      // The recorded sample waits in the Library for its enrollment.
      await page.getByTestId(TEST_IDS.navLibrary).click();
      await page.getByTestId(TEST_IDS.librarySampleClone).and(page.locator(`[data-sample-id="${sample.id}"]`)).click();

      await expect.poll(() => page.getByTestId(TEST_IDS.enrollTranscript).inputValue()).toBe(ENGLISH_SCRIPT);
      expect(await page.getByTestId(TEST_IDS.enrollLanguage).inputValue()).toBe('en');
      // One name, any script; the voice id part is derived from it (pinyin for Chinese) and shown only under Advanced.
      await page.getByTestId(TEST_IDS.enrollName).fill('Zoë Li 小李');
      expect(await page.getByTestId(TEST_IDS.enrollPreferredName).isVisible()).toBe(false);
      await page.getByTestId(TEST_IDS.enrollAdvanced).locator('summary').click();
      await expect.poll(() => page.getByTestId(TEST_IDS.enrollPreferredName).inputValue()).toBe('Zoe_Li_XiaoLi');
      // The default model comes from the preferences; add a realtime one.
      expect(await page.getByTestId(enrollModelTestId(HTTP_MODEL)).isChecked()).toBe(true);
      await page.getByTestId(enrollModelTestId(REALTIME_MODEL)).check();
      // Consent is required before anything can be sent.
      expect(await page.getByTestId(TEST_IDS.enrollSubmit).isDisabled()).toBe(true);
      await page.getByTestId(TEST_IDS.enrollConsent).check();
      await page.getByTestId(TEST_IDS.enrollSubmit).click();

      const items = page.getByTestId(TEST_IDS.enrollProgressItem);
      await expect.poll(() => items.count()).toBe(2);
      // The request cannot reach DashScope: both jobs wait for the network, and the app says it is offline.
      await expect.poll(() => items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-status'))), { timeout: 20_000 })
        .toEqual(['waiting-network', 'waiting-network']);
      await page.locator('.offline-badge').waitFor();
      expect(mock.voices.size).toBe(0);
    } finally {
      await mock.setReachable(true);
    }

    // Back online: the outbox probes on its own and sends both.
    await expect.poll(() => page.getByTestId(TEST_IDS.enrollProgressItem).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-status'))), { timeout: 30_000 })
      .toEqual(['ready', 'ready']);
    await page.locator('.offline-badge').waitFor({ state: 'detached' });
    const remote = [...mock.voices.values()];
    expect(remote.map((voice) => voice.targetModel).sort()).toEqual([HTTP_MODEL, REALTIME_MODEL]);
    expect(remote.every((voice) => voice.preferredName === 'Zoe_Li_XiaoLi')).toBe(true);
    const create = mock.requests.find((request) => request.target === 'create' && request.authorized);
    expect(create?.body).toMatchObject({
      model: 'qwen-voice-enrollment',
      input: { action: 'create', preferred_name: 'Zoe_Li_XiaoLi', text: ENGLISH_SCRIPT, language: 'en', audio: { data: expect.stringMatching(/^data:audio\/wav;base64,/) } },
    });
    // What was uploaded is the converted sample on disk, byte for byte.
    const uploaded = Buffer.from((create!.body as { input: { audio: { data: string } } }).input.audio.data.split(',')[1], 'base64');
    expect(uploaded.equals(readFileSync(join(app.userDataDir, 'audio', sample.upload!.file)))).toBe(true);
    // Both ready: the result says so, with Try it; cloning the same sample for the same model again is not offered.
    expect(await page.getByRole('heading', { name: 'Your voice is ready' }).isVisible()).toBe(true);
    await page.getByTestId(TEST_IDS.enrollAnother).click();
    expect(await page.getByTestId(enrollModelTestId(HTTP_MODEL)).isDisabled()).toBe(true);

    const voices = app.core.services.catalog.listVoices();
    expect(voices.every((voice) => voice.consentAt !== null && voice.displayName === 'Zoë Li 小李')).toBe(true);

    const restarted = await app.restart();
    await restarted.getByTestId(TEST_IDS.navLibrary).click();
    const clones = restarted.getByTestId(TEST_IDS.libraryClone);
    await expect.poll(() => clones.evaluateAll((nodes) => nodes.map((node) => `${node.getAttribute('data-voice-id')}:${node.getAttribute('data-status')}`).sort()))
      .toEqual(remote.map((voice) => `${voice.voice}:ready`).sort());
    expect(JSON.parse(readFileSync(join(app.userDataDir, 'outbox.json'), 'utf8')).jobs).toEqual({});
  });

  it('shows why a clone failed and sends it again after the transcript is fixed', async () => {
    const { app } = await launch();
    const { page } = app;
    mock.inject({ kind: 'error', status: 400, code: 'Audio.PreprocessError', match: 'create' });
    await page.getByTestId(TEST_IDS.navLibrary).click();
    await page.getByTestId(TEST_IDS.librarySampleClone).click();
    await page.getByTestId(TEST_IDS.enrollName).fill('Retry me');
    await page.getByTestId(TEST_IDS.enrollConsent).check();
    await page.getByTestId(TEST_IDS.enrollSubmit).click();
    const item = page.getByTestId(TEST_IDS.enrollProgressItem);
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 20_000 }).toBe('failed');
    expect(await item.innerText()).toContain('at least 3 seconds of clear speech');

    await page.getByRole('button', { name: 'Open in Library' }).click();
    await page.locator('#lib-retry-transcript').fill('The north wind and the sun.');
    await page.getByTestId(TEST_IDS.voiceRetry).click();
    const clone = page.getByTestId(TEST_IDS.libraryItem).filter({ hasText: 'Retry me' }).getByTestId(TEST_IDS.libraryClone);
    await expect.poll(() => clone.getAttribute('data-status'), { timeout: 20_000 }).toBe('ready');
    const creates = mock.requests.filter((request) => request.target === 'create');
    expect((creates.at(-1)?.body as { input: { text: string } }).input.text).toBe('The north wind and the sun.');
  });

  it('says what the service said about the sample: why a clone is degraded, and what to do about each refused sample', async () => {
    const { app } = await launch();
    const { page } = app;
    const clone = async (name: string) => {
      await page.getByTestId(TEST_IDS.enrollName).fill(name);
      await page.getByTestId(enrollModelTestId(HTTP_MODEL)).check();
      await page.getByTestId(TEST_IDS.enrollConsent).check();
      await page.getByTestId(TEST_IDS.enrollSubmit).click();
    };
    await page.getByTestId(TEST_IDS.navLibrary).click();
    await page.getByTestId(TEST_IDS.librarySampleClone).click();

    // Each Audio.* refusal, with the documented message, gets its own advice.
    const cases: Array<[InjectedFault, string]> = [
      [errorFault('Audio.PreprocessError', { match: 'create' }), 'at least 3 seconds of continuous, clear speech'],
      [{ kind: 'error', status: 400, code: 'Audio.PreprocessError', message: 'The audio does not match the text.', match: 'create' }, 'match the recording word for word'],
      [errorFault('Audio.DurationLimitError', { match: 'create' }), 'Trim the sample to 10–20 seconds'],
      [errorFault('Audio.AudioRateError', { match: 'create' }), 'recording made at 24 kHz or more'],
      [errorFault('Audio.DecoderError', { match: 'create' }), 'Export the recording again as WAV, MP3 or M4A'],
    ];
    for (const [index, [fault, advice]] of cases.entries()) {
      if (index > 0) await page.getByRole('button', { name: 'Change and try again' }).click();
      mock.inject(fault);
      await clone(`Refused ${index}`);
      const shown = page.getByTestId(TEST_IDS.enrollSampleAdvice);
      await shown.waitFor({ timeout: 20_000 });
      expect(await shown.innerText()).toContain(advice);
    }

    await page.getByRole('button', { name: 'Change and try again' }).click();
    // Degraded (§1.1): the reason is explained in words, not only named.
    mock.inject({ kind: 'fallback', reason: 'no_valid_asr_segments', match: 'create' });
    await clone('Degraded');
    const reason = page.getByTestId(TEST_IDS.enrollDegradedReason);
    await reason.waitFor({ timeout: 20_000 });
    expect(await reason.getAttribute('data-reason')).toBe('no_valid_asr_segments');
    expect(await reason.innerText()).toContain('did not match the transcript');
    expect(await reason.innerText()).toContain('or with no transcript at all');

    // A full account (400 Throttling.AllocationQuota, §3.3) leads to the voices worth deleting.
    await page.getByTestId(TEST_IDS.enrollAnother).click();
    await page.getByTestId(enrollModelTestId(REALTIME_MODEL)).check();
    await page.getByTestId(TEST_IDS.enrollConsent).check();
    mock.inject({ kind: 'error', ...VOICE_QUOTA_ERROR, match: 'create' });
    await page.getByTestId(TEST_IDS.enrollSubmit).click();
    await page.getByTestId(TEST_IDS.enrollShowVoicesToDelete).click({ timeout: 20_000 });
    await page.getByTestId(TEST_IDS.libraryItem).first().waitFor();
    expect(await page.getByTestId(TEST_IDS.librarySort).inputValue()).toBe('used-asc');
  });

  it('renders the enrollment form in both languages and themes for the screenshots', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { app, sample } = await launch({ locale, colorScheme });
        const name = locale === 'zh-CN' ? '小明的播客声音' : 'Morning voice';
        const enrolled = mock.addVoice({ preferredName: 'morning', targetModel: REALTIME_MODEL });
        app.core.services.catalog.putVoice(makeVoice({
          id: 'existing', sampleId: sample.id, displayName: name, preferredName: 'morning', targetModel: REALTIME_MODEL, voice: enrolled.voice,
        }));
        const { page } = app;
        await page.getByTestId(TEST_IDS.navLibrary).click();
        await page.getByTestId(TEST_IDS.libraryItem).click();
        await page.getByTestId(TEST_IDS.voiceReenroll).click();
        await page.getByTestId(TEST_IDS.enrollName).fill(name);
        await page.getByTestId(TEST_IDS.enrollConsent).check();
        // Tall enough for the whole form: the content area scrolls inside the window.
        await page.setViewportSize({ width: 1280, height: 1240 });
        await page.locator('.content').evaluate((content) => content.scrollTo(0, 0));
        // The pointer stays where the last click was: off the form, or an unchosen model looks hovered.
        await page.mouse.move(0, 0);
        await settleAnimations(page);
        await page.screenshot({ path: join(SCREENSHOTS, `enroll-${locale}-${colorScheme}.png`) });
      }
    }
  });
});
