import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWav } from '../../shared/audio/wav';
import { ENGLISH_SCRIPT, sox, speechWav } from '../support/audio-fixtures';
import { launchTimbre, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const sessions: TimbreSession[] = [];
afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
});

describe('recording a sample', () => {
  it('records ~12 s from the microphone, saves it at once, and converts it to 24 kHz mono WAV', async () => {
    // Chromium's fake microphone loops this file: real speech with short pauses.
    const micWav = speechWav({ text: ENGLISH_SCRIPT, voice: 'en-us', padSeconds: 0.6 });
    const app = await launchTimbre({ micWav, locale: 'en-US' });
    sessions.push(app);
    const { page } = app;

    // The limits are on screen before anything is recorded.
    await expect.poll(() => page.getByText('Stops by itself at 1:00').isVisible()).toBe(true);
    await page.getByTestId(TEST_IDS.recordLanguage).selectOption('en');
    await page.locator('body').click({ position: { x: 5, y: 5 } }); // Space must not land on the select
    const script = await page.getByTestId(TEST_IDS.recordScriptText).innerText();
    expect(script.length).toBeGreaterThan(100);

    // Space starts the count-in; recording begins after 3-2-1.
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId(TEST_IDS.recordCountdown).innerText()).toMatch(/^[123]$/);
    await page.getByTestId(TEST_IDS.recordStop).waitFor({ timeout: 6000 });

    const levels = new Set<string>();
    const timer = page.getByTestId(TEST_IDS.recordTimer);
    await expect.poll(async () => {
      levels.add((await page.getByTestId(TEST_IDS.recordLevel).getAttribute('data-level')) ?? '');
      return Number(await timer.getAttribute('data-seconds'));
    }, { timeout: 20_000, interval: 200 }).toBeGreaterThanOrEqual(12);
    const levelValues = [...levels].map(Number);
    expect(Math.max(...levelValues)).toBeGreaterThan(0.5); // speech moves the meter well up…
    expect(new Set(levelValues).size).toBeGreaterThan(10); // …and it keeps moving
    expect(await timer.innerText()).toMatch(/^0:1[2-9]\.\d$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'record-recording-en-US-light.png') });
    await page.getByTestId(TEST_IDS.recordStop).click();

    // Saved and read back: the duration comes from decoding the stored file.
    const duration = page.getByTestId(TEST_IDS.sampleDuration);
    await duration.waitFor({ timeout: 10_000 });
    const seconds = Number(await duration.getAttribute('data-seconds'));
    expect(seconds).toBeGreaterThan(11.5);
    expect(seconds).toBeLessThan(14);
    expect(await duration.innerText()).toMatch(/^1[1-4]\.\ds$/);
    // The waveform is drawn: a good share of the canvas carries ink.
    const inked = await page.getByTestId(TEST_IDS.sampleWaveform).evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      return painted / (canvas.width * canvas.height);
    });
    expect(inked).toBeGreaterThan(0.1);

    // The verdict follows the preview once the speech detector has heard the take.
    const checks = page.getByTestId(TEST_IDS.sampleChecks).locator('[data-check]');
    await checks.first().waitFor({ timeout: 30_000 });
    const statuses = Object.fromEntries(await checks.evaluateAll((items) => items.map((item) => [item.getAttribute('data-check'), item.getAttribute('data-status')])));
    expect(statuses).toEqual({
      duration: 'pass', speech: 'pass', pauses: 'pass', speakers: 'pass', noise: 'pass', loudness: 'pass', clipping: 'pass', sampleRate: 'pass', channels: 'pass', size: 'pass',
    });
    expect(await page.getByTestId(TEST_IDS.sampleVerdict).getAttribute('data-verdict')).toBe('pass');
    // The take was heard while it was recorded: at Stop the listener finished it, and the speech
    // detector did not hear it again.
    expect(await page.evaluate(() => ['timbre.listener.finish', 'timbre.speech'].map((name) => performance.getEntriesByName(name, 'measure').length))).toEqual([1, 0]);

    await expect.poll(() => page.getByTestId(TEST_IDS.sampleConversion).getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    const [sample] = app.core.services.catalog.listSamples();
    expect(sample).toMatchObject({ source: 'recording', language: expect.any(String), transcript: script });
    const original = readFileSync(join(app.userDataDir, 'audio', sample.original!.file));
    expect(original.length).toBe(sample.original!.bytes);
    expect(await page.getByTestId(TEST_IDS.sampleSize).getAttribute('data-bytes')).toBe(String(original.length));
    const wav = parseWav(new Uint8Array(readFileSync(join(app.userDataDir, 'audio', sample.upload!.file))));
    expect(wav).toMatchObject({ sampleRate: 24_000, channels: 1, bitsPerSample: 16, format: 1 });
    expect(Math.abs(wav!.durationSeconds - seconds)).toBeLessThan(0.05);

    // Trimming re-checks and re-converts the kept part only.
    await page.getByTestId(TEST_IDS.sampleTrimStart).fill('1');
    await page.getByTestId(TEST_IDS.sampleTrimEnd).fill('11');
    await page.getByTestId(TEST_IDS.sampleTrimEnd).press('Enter');
    await expect.poll(() => app.core.services.catalog.getSample(sample.id)?.trim).toEqual({ start: 1, end: 11 });
    await expect.poll(() => app.core.services.catalog.getSample(sample.id)?.upload?.durationSeconds, { timeout: 10_000 }).toBeCloseTo(10, 2);

    // On to the enrollment form with this sample.
    await page.getByTestId(TEST_IDS.sampleClone).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Clone this voice');

    // The same recording analysed whole (imported as a file: decoded, rendered, heard by the speech
    // detector after the fact) gets the verdict it got live, though the listener heard the
    // microphone's samples and the file holds them after Opus.
    await page.getByTestId(TEST_IDS.navRecord).click();
    await page.getByTestId(TEST_IDS.sampleRerecord).click();
    await page.getByTestId(TEST_IDS.recordTabImport).click();
    await page.getByTestId(TEST_IDS.importFile).setInputFiles(join(app.userDataDir, 'audio', sample.original!.file));
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('timbre.speech', 'measure').length), { timeout: 30_000 }).toBe(1);
    await checks.first().waitFor({ timeout: 30_000 });
    expect(Object.fromEntries(await checks.evaluateAll((items) => items.map((item) => [item.getAttribute('data-check'), item.getAttribute('data-status')])))).toEqual(statuses);
  });

  it('shows a failed save on screen and saves the same take when asked again', async () => {
    const micWav = speechWav({ text: ENGLISH_SCRIPT, voice: 'en-us', padSeconds: 0.6 });
    const userDataDir = mkdtempSync(join(tmpdir(), 'timbre-e2e-'));
    const blocker = join(userDataDir, 'audio');
    writeFileSync(blocker, 'a file where the audio folder should be'); // the write into audio/ fails
    const app = await launchTimbre({ micWav, userDataDir });
    sessions.push(app);
    const { page } = app;
    await page.getByTestId(TEST_IDS.recordStart).click();
    await page.getByTestId(TEST_IDS.recordStop).waitFor({ timeout: 6000 });
    await expect.poll(async () => Number(await page.getByTestId(TEST_IDS.recordTimer).getAttribute('data-seconds')), { timeout: 8000 }).toBeGreaterThanOrEqual(3.5);
    await page.getByTestId(TEST_IDS.recordStop).click();

    const problem = page.getByTestId(TEST_IDS.sampleProblem);
    await problem.waitFor({ timeout: 10_000 });
    expect(await problem.getAttribute('data-kind')).toBe('saveFailed');
    expect(await problem.getAttribute('data-code')).toBe('SAMPLE_SAVE_FAILED');
    expect(await problem.innerText()).toContain('could not save the audio to disk');
    expect(app.core.services.catalog.listSamples()).toEqual([]);

    rmSync(blocker);
    await problem.getByRole('button', { name: 'Save again' }).click();
    const duration = page.getByTestId(TEST_IDS.sampleDuration);
    await duration.waitFor({ timeout: 10_000 });
    expect(Number(await duration.getAttribute('data-seconds'))).toBeGreaterThan(3);
    expect(await problem.count()).toBe(0);
    const [sample] = app.core.services.catalog.listSamples();
    expect(statSync(join(userDataDir, 'audio', sample.original!.file)).size).toBe(sample.original!.bytes);
    rmSync(userDataDir, { recursive: true, force: true });
  });

  it('explains a microphone that delivers only silence within 2 s, before recording starts', async () => {
    const silent = join(tmpdir(), 'timbre-fixtures', 'silent-mic.wav');
    mkdirSync(dirname(silent), { recursive: true });
    sox(['-n', '-r', '48000', '-c', '1', '-b', '16', silent, 'trim', '0', '6']);
    const app = await launchTimbre({ micWav: silent, locale: 'en-US', colorScheme: 'dark' });
    sessions.push(app);
    const { page } = app;
    await page.getByTestId(TEST_IDS.recordStart).click();
    const started = Date.now();
    const problem = page.getByTestId(TEST_IDS.recordProblem);
    await problem.waitFor({ timeout: 5000 });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(await problem.getAttribute('data-problem')).toBe('silent-stream');
    expect(await problem.innerText()).toContain('only silence');
    expect(await page.getByTestId(TEST_IDS.recordStop).count()).toBe(0);
    expect(app.core.services.catalog.listSamples()).toEqual([]);
  });

  it('remembers the chosen microphone and reading script across reloads', async () => {
    const app = await launchTimbre({ locale: 'zh-CN' });
    sessions.push(app);
    const { page } = app;
    // Labels appear once the microphone has been opened; open and cancel once.
    await page.getByTestId(TEST_IDS.recordStart).click();
    await page.getByTestId(TEST_IDS.recordCancel).click();
    const picker = page.getByTestId(TEST_IDS.recordMicrophone);
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
    const device = await picker.locator('option').nth(1).getAttribute('value');
    await picker.selectOption(device!);
    await page.getByTestId(TEST_IDS.recordLanguage).selectOption('zh');
    await page.getByTestId(TEST_IDS.recordScript).selectOption('zh-spring');
    await page.reload();
    await expect.poll(() => picker.inputValue()).toBe(device);
    await expect.poll(() => page.getByTestId(TEST_IDS.recordScriptText).innerText()).toContain('春天来了');
  });
});

describe('record screen screenshots', () => {
  it('renders the capture screen in both languages and themes', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const app = await launchTimbre({ locale, colorScheme });
        sessions.push(app);
        await app.page.getByTestId(TEST_IDS.recordStart).waitFor();
        await app.page.screenshot({ path: join(SCREENSHOTS, `record-${locale}-${colorScheme}.png`) });
        await app.page.getByTestId(TEST_IDS.recordTabImport).click();
        await app.page.getByTestId(TEST_IDS.importDrop).waitFor();
        await app.page.screenshot({ path: join(SCREENSHOTS, `record-import-${locale}-${colorScheme}.png`) });
      }
    }
  }, 120_000);
});
