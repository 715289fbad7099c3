/**
 * The app's verdicts held to the labelled set (tests/fixtures/sample-set.ts), through the real
 * import path in Chromium: file picker → main saves it → decode → speech detector in its worker →
 * checks. Then the fixes: each changes the uploaded copy, says what it mended, and can be undone.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWav } from '../../shared/audio/wav';
import { SAMPLE_SET, sampleSetFile, type LabelledSample } from '../fixtures/sample-set';
import { axeProblems } from './axe';
import { launchOnImport, type LaunchOptions, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const sessions: TimbreSession[] = [];
afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
});

async function open(options: LaunchOptions = {}): Promise<TimbreSession> {
  const app = await launchOnImport(options);
  sessions.push(app);
  return app;
}

/** Imports a labelled file and returns the verdict and every check's status once the review shows. */
async function review(page: Page, sample: LabelledSample): Promise<{ verdict: string | null; checks: Record<string, string> }> {
  await page.getByTestId(TEST_IDS.importFile).setInputFiles(sampleSetFile(sample));
  await page.getByTestId(TEST_IDS.sampleVerdict).waitFor({ timeout: 60_000 });
  const checks = Object.fromEntries(await page.getByTestId(TEST_IDS.sampleChecks).locator('[data-check]')
    .evaluateAll((items) => items.map((item) => [item.getAttribute('data-check'), item.getAttribute('data-status')])));
  return { verdict: await page.getByTestId(TEST_IDS.sampleVerdict).getAttribute('data-verdict'), checks };
}

async function backToImport(page: Page): Promise<void> {
  await page.getByTestId(TEST_IDS.sampleRerecord).click();
  await page.getByTestId(TEST_IDS.importDrop).waitFor();
}

const verdictOf = (page: Page) => page.getByTestId(TEST_IDS.sampleVerdict).getAttribute('data-verdict');
const fixButton = (page: Page, fix: string) => page.locator(`[data-testid="${TEST_IDS.sampleFix}"][data-fix="${fix}"] > button`);
const fixApplied = (page: Page, fix: string) => page.locator(`[data-testid="${TEST_IDS.sampleFix}"][data-fix="${fix}"]`).getAttribute('data-applied');
const checkStatus = (page: Page, name: string) => page.locator(`[data-check="${name}"]`).getAttribute('data-status');

/** Waits for the conversion of the current fixes to be saved and returns the uploaded WAV's length. */
async function uploadedSeconds(app: TimbreSession): Promise<number> {
  await expect.poll(() => app.page.getByTestId(TEST_IDS.sampleConversion).getAttribute('data-state'), { timeout: 30_000 }).toBe('saved');
  const sample = [...app.core.services.catalog.listSamples()].sort((a, b) => b.createdAt - a.createdAt)[0];
  return parseWav(new Uint8Array(readFileSync(join(app.userDataDir, 'audio', sample.upload!.file))))!.durationSeconds;
}

describe('verdicts on the labelled set', () => {
  let app: TimbreSession;
  beforeAll(async () => {
    app = await open();
  });

  it.each(SAMPLE_SET.map((sample) => [sample.name, sample] as const))('%s', async (_, sample) => {
    const { verdict, checks } = await review(app.page, sample);
    // A known miss is held to what the app says today, so teaching it fails here and updates the set.
    const expected = sample.knownMiss?.verdict ?? sample.verdict;
    expect({ verdict, checks: Object.fromEntries(Object.keys(sample.checks).map((name) => [name, checks[name]])) }, sample.knownMiss?.why ?? sample.reason)
      .toEqual({ verdict: expected, checks: sample.checks });
    // A verdict that is not a block leaves Clone open; a block closes it.
    expect(await app.page.getByTestId(TEST_IDS.sampleClone).isDisabled()).toBe(expected === 'block');
    await backToImport(app.page);
  });
});

describe('fixes on the uploaded copy', () => {
  const byName = (name: string) => SAMPLE_SET.find((sample) => sample.name === name)!;

  it('raises a quiet take to a pass, says so, and undoes it', async () => {
    const app = await open();
    const { page } = app;
    await review(page, byName('quiet'));
    expect(await verdictOf(page)).toBe('warn');
    expect(await page.getByTestId(TEST_IDS.sampleVerdict).innerText()).toContain('Will work, could be better: too quiet');
    await fixButton(page, 'normalize').click();
    await expect.poll(() => verdictOf(page)).toBe('pass');
    expect(await page.getByTestId(TEST_IDS.sampleVerdict).innerText()).toContain('Ready to clone');
    expect(await page.locator('[data-check="loudness"]').getAttribute('data-mended')).toBe('true');
    expect(await page.locator('[data-check="loudness"]').innerText()).toContain('Passes now, thanks to “Even out loudness”');
    expect(await page.locator(`[data-fix="normalize"]`).innerText()).toMatch(/Loudness -\d+(\.\d)? → -20 LUFS/);
    await uploadedSeconds(app);
    await fixButton(page, 'normalize').click();
    await expect.poll(() => verdictOf(page)).toBe('warn');
    expect(await fixApplied(page, 'normalize')).toBe('false');
  });

  it('shortens a long pause in the uploaded copy, keeping the original', async () => {
    const app = await open();
    const { page } = app;
    await review(page, byName('long-pause'));
    expect(await checkStatus(page, 'pauses')).toBe('warn');
    const original = await uploadedSeconds(app);
    await fixButton(page, 'shortenPauses').click();
    await expect.poll(() => checkStatus(page, 'pauses')).toBe('pass');
    expect(await page.locator('[data-fix="shortenPauses"]').innerText()).toContain('Turned Pauses into a pass');
    // The 3.5 s pause (a little more with espeak's own silence around each sentence) becomes 0.8 s.
    const cut = original - (await uploadedSeconds(app));
    expect(cut).toBeGreaterThan(2.6);
    expect(cut).toBeLessThan(3.3);
    const sample = app.core.services.catalog.listSamples()[0];
    expect(parseWav(new Uint8Array(readFileSync(join(app.userDataDir, 'audio', sample.original!.file))))!.durationSeconds).toBeCloseTo(original, 1);
  });

  it('trims long silence at the ends to a pass', async () => {
    const app = await open();
    const { page } = app;
    await review(page, byName('silent-ends'));
    const original = await uploadedSeconds(app);
    await fixButton(page, 'trimSilence').click();
    await expect.poll(() => verdictOf(page)).toBe('pass');
    // 3 s at each end, less the 0.25 s margins kept (and espeak's own short lead and tail).
    const cut = original - (await uploadedSeconds(app));
    expect(cut).toBeGreaterThan(5.4);
    expect(cut).toBeLessThan(6);
  });

  it('reduces noise only when asked, with the original and the result to compare', async () => {
    const app = await open();
    const { page } = app;
    await review(page, byName('english-noise-10db'));
    expect(await checkStatus(page, 'noise')).toBe('warn');
    // The noise check warned: the reduced copy is made in the background, ready to compare before it is applied.
    await page.getByTestId(TEST_IDS.sampleDenoiseB).waitFor({ timeout: 30_000 });
    expect(await fixApplied(page, 'denoise')).toBe('false');
    expect(await checkStatus(page, 'noise')).toBe('warn');
    await fixButton(page, 'denoise').click();
    await expect.poll(() => fixApplied(page, 'denoise'), { timeout: 30_000 }).toBe('true');
    await expect.poll(() => checkStatus(page, 'noise')).toBe('pass');
    expect(await page.locator('[data-fix="denoise"]').innerText()).toMatch(/Speech now [\d.]+ dB above the noise \(was [\d.]+ dB\)/);
    await page.getByTestId(TEST_IDS.sampleDenoiseB).click();
    expect(await page.getByTestId(TEST_IDS.sampleDenoiseB).getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId(TEST_IDS.sampleDenoiseA).click();
    expect(await page.getByTestId(TEST_IDS.sampleDenoiseA).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId(TEST_IDS.sampleDenoiseB).getAttribute('aria-pressed')).toBe('false');
    await fixButton(page, 'denoise').click();
    await expect.poll(() => checkStatus(page, 'noise')).toBe('warn');
  });

  it('stops making the noise-reduced copy of a take the user leaves', async () => {
    const { page } = await open();
    const reducerStarted = page.waitForEvent('worker', { predicate: (worker) => /denoise\.worker/.test(worker.url()), timeout: 60_000 });
    await review(page, byName('fixable-60s'));
    expect(await checkStatus(page, 'noise')).toBe('warn');
    // The copy is being made in the background (a minute of audio: seconds of both cores)…
    const reducer = await reducerStarted;
    const ended = reducer.waitForEvent('close', { timeout: 30_000 });
    // …and the user picks another file instead: the reducers end (a finished one would stay a minute).
    await backToImport(page);
    await ended;
    expect(await page.evaluate(() => performance.getEntriesByName('timbre.denoise', 'measure').length)).toBe(0);
    expect((await review(page, byName('english-clean'))).verdict).toBe('pass');
  });

  it('warns of a second voice and trims to the main one, undoably', async () => {
    const app = await open();
    const { page } = app;
    await review(page, byName('two-voices'));
    expect(await page.getByTestId(TEST_IDS.sampleVerdict).innerText()).toContain('Will work, could be better: two voices');
    const speakers = page.locator('[data-check="speakers"]');
    expect(await speakers.innerText()).toContain('Two voices — keep only yours');
    const whole = await uploadedSeconds(app);
    await page.getByTestId(TEST_IDS.sampleKeepMainVoice).click();
    await expect.poll(() => checkStatus(page, 'speakers')).toBe('pass');
    // What is left is one sentence: under the recommended 10 s, which is all the verdict says now.
    expect(await page.getByTestId(TEST_IDS.sampleVerdict).innerText()).toContain('Will work, could be better: shorter than 10 s');
    // One sentence of the two (about 7 s each of espeak-ng, with a 0.4 s breath between).
    const kept = await uploadedSeconds(app);
    expect(kept).toBeGreaterThan(5);
    expect(kept).toBeLessThan(whole - 5);
    await page.keyboard.press('Control+z');
    await expect.poll(() => checkStatus(page, 'speakers')).toBe('warn');
  });

  it('gives advice that fits an import (no "record again")', async () => {
    const app = await open();
    await review(app.page, byName('english-noise-10db'));
    const advice = await app.page.locator('[data-check="noise"] .check-fix').innerText();
    expect(advice).toContain('If you have a cleaner recording');
    expect(advice).not.toMatch(/record again/i);
  });
});

describe('review screenshots', () => {
  it('shows the second-voice warning at 1280×820 and 900×600, in both languages and themes, with no axe violation', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const app = await open({ locale, colorScheme });
        await review(app.page, SAMPLE_SET.find((sample) => sample.name === 'two-men')!);
        await expect.poll(() => app.page.getByTestId(TEST_IDS.sampleConversion).getAttribute('data-state')).not.toBe('converting');
        expect(await axeProblems(app.page), `${locale} ${colorScheme}`).toEqual([]);
        for (const [width, height, suffix] of [[1280, 820, ''], [900, 600, '-900']] as const) {
          await app.page.setViewportSize({ width, height });
          await app.page.getByTestId(TEST_IDS.sampleKeepMainVoice).scrollIntoViewIfNeeded();
          await app.page.screenshot({ path: join(SCREENSHOTS, `review-two-voices-${locale}-${colorScheme}${suffix}.png`) });
        }
      }
    }
  }, 240_000);

  it('shows a pass, a warning with a fix applied and a block, in both languages and themes, with no axe violation', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const shots: Array<[string, string, string | null]> = [['pass', 'english-clean', null], ['warn-fixed', 'long-pause', 'shortenPauses'], ['block', 'pink-noise', null]];
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const app = await open({ locale, colorScheme });
        // Tall enough to show the verdict, the fixes and every check.
        await app.page.setViewportSize({ width: 1280, height: 1400 });
        for (const [name, file, fix] of shots) {
          await review(app.page, SAMPLE_SET.find((sample) => sample.name === file)!);
          if (fix) {
            await fixButton(app.page, fix).click();
            await expect.poll(() => fixApplied(app.page, fix)).toBe('true');
          }
          await expect.poll(() => app.page.getByTestId(TEST_IDS.sampleConversion).getAttribute('data-state')).not.toBe('converting');
          expect(await axeProblems(app.page), `${name} ${locale} ${colorScheme}`).toEqual([]);
          await app.page.screenshot({ path: join(SCREENSHOTS, `review-${name}-${locale}-${colorScheme}.png`) });
          await backToImport(app.page);
        }
      }
    }
  }, 240_000);
});
