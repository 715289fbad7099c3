/**
 * Samples you can manage: files dropped anywhere on the window become one sample each, a file a
 * check blocks is set aside unless kept, and the Samples view lists, plays, renames, deletes and
 * clones them. Ctrl+1…5 switch screens.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { sox, speechWav } from '../support/audio-fixtures';
import { makeSample } from '../support/catalog-fixtures';
import { launchTimbre, type TimbreSession } from './harness';
import { leftoverPlaceholders } from './placeholders';
import { TEST_IDS } from './testids';

const sessions: TimbreSession[] = [];
afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
});

/** Drops files on the middle of the window, as a file manager does (dragenter, dragover, drop). */
async function dropFiles(page: Page, paths: string[]) {
  const files = paths.map((path) => ({ name: path.split('/').at(-1)!, base64: readFileSync(path).toString('base64') }));
  await page.evaluate((items) => {
    const transfer = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (char) => char.charCodeAt(0));
      transfer.items.add(new File([bytes], item.name, { type: 'audio/wav' }));
    }
    const target = [...document.querySelectorAll('h1')].find((heading) => heading.checkVisibility({ visibilityProperty: true }))!;
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, files);
}

function silentWav(): string {
  const dir = join(tmpdir(), 'timbre-fixtures');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'silent-12s.wav');
  if (!existsSync(out)) sox(['-n', '-r', '48000', '-c', '1', '-b', '16', out, 'trim', '0', '12']);
  return out;
}

describe('samples you can manage', () => {
  it('turns two dropped files into two samples, sets a blocked one aside, and manages them in the Samples view', async () => {
    const app = await launchTimbre({ locale: 'en-US' });
    sessions.push(app);
    const { page } = app;
    const first = speechWav({ text: 'The north wind and the sun were disputing which was the stronger.', padSeconds: 0.4 });
    const second = speechWav({ text: 'When the sunlight strikes raindrops in the air, they act as a prism and form a rainbow.', padSeconds: 0.4 });

    await dropFiles(page, [first, second, silentWav()]);
    await page.getByTestId(TEST_IDS.samplesList).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId(TEST_IDS.samplesItem).count(), { timeout: 30_000 }).toBe(2);
    expect(app.core.services.catalog.listSamples()).toHaveLength(2);
    // The silent file is not kept, and says why; it can be kept anyway.
    const setAside = page.getByTestId(TEST_IDS.samplesSetAside);
    expect(await setAside.innerText()).toContain('silent-12s.wav');
    expect(await leftoverPlaceholders(page)).toEqual([]);
    await page.getByTestId(TEST_IDS.samplesKeepAnyway).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.samplesItem).count(), { timeout: 30_000 }).toBe(3);
    await setAside.waitFor({ state: 'detached' });
    // The kept sample's verdict arrives with its checks, once the speech detector has heard it.
    await expect.poll(() => page.locator(`[data-testid="${TEST_IDS.samplesItem}"][data-verdict="block"]`).count()).toBe(1);

    // Every sample can be played (its file is read when asked), and renamed in place.
    await expect.poll(() => page.getByTestId(TEST_IDS.samplesPlay).count()).toBe(3);
    const row = page.locator(`[data-testid="${TEST_IDS.samplesItem}"]:not([data-verdict="block"])`).first();
    await row.getByTestId(TEST_IDS.samplesPlay).click();
    await expect.poll(() => row.getByTestId(TEST_IDS.samplesAudio).evaluate((audio: HTMLAudioElement) => audio.duration)).toBeGreaterThan(3);
    expect(await page.getByTestId(TEST_IDS.samplesAudio).count()).toBe(1);
    const sampleId = await row.getAttribute('data-sample-id');
    await row.getByTestId(TEST_IDS.samplesRename).click();
    await page.getByTestId(TEST_IDS.samplesNameInput).fill('Kitchen take');
    await page.getByTestId(TEST_IDS.samplesNameInput).press('Enter');
    await expect.poll(() => app.core.services.catalog.getSample(sampleId!)?.displayName).toBe('Kitchen take');
    expect(await page.getByTestId(TEST_IDS.samplesItem).filter({ hasText: 'Kitchen take' }).count()).toBe(1);

    // The blocked one is deleted after a confirmation.
    const blocked = page.locator(`[data-testid="${TEST_IDS.samplesItem}"][data-verdict="block"]`);
    expect(await blocked.getByTestId(TEST_IDS.samplesClone).isDisabled()).toBe(true);
    await blocked.getByTestId(TEST_IDS.samplesDelete).click();
    await page.getByTestId(TEST_IDS.confirmAccept).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.samplesItem).count()).toBe(2);
    expect(app.core.services.catalog.listSamples()).toHaveLength(2);

    // Clone leads to the form for that sample, under the name it was given.
    await page.getByTestId(TEST_IDS.samplesItem).filter({ hasText: 'Kitchen take' }).getByTestId(TEST_IDS.samplesClone).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.enrollName).inputValue()).toBe('Kitchen take');
  }, 90_000);

  it('lists the newest 50 samples of many, reads no audio until asked, and shows more on request', async () => {
    const app = await launchTimbre({ locale: 'en-US', recordIpc: true });
    sessions.push(app);
    const { page } = app;
    const { catalog } = app.core.services;
    catalog.batch(() => {
      for (let i = 0; i < 120; i++) {
        catalog.putSample(makeSample({ id: `many-${i}`, displayName: `Take ${i}`, createdAt: 1_000 + i, original: { file: `many-${i}.wav`, mime: 'audio/wav', bytes: 44, durationSeconds: 12 } }));
      }
    });
    app.ipcTraffic.length = 0;
    await page.getByTestId(TEST_IDS.navSamples).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.samplesItem).count()).toBe(50);
    expect(await page.getByTestId(TEST_IDS.samplesItem).first().getAttribute('data-sample-id')).toBe('many-119');
    expect(app.ipcTraffic.filter((item) => item.channel === 'samples.readAudio')).toEqual([]);
    await page.getByText('The newest 50 of 120 samples').waitFor();
    await page.getByTestId(TEST_IDS.samplesMore).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.samplesItem).count()).toBe(100);
    expect(await page.getByTestId(TEST_IDS.samplesMore).innerText()).toBe('Show 20 more');
  });

  it('switches screens with Ctrl+1…5', async () => {
    const app = await launchTimbre({ locale: 'zh-CN' });
    sessions.push(app);
    const { page } = app;
    const current = () => page.locator('.nav-item[aria-current="page"]').getAttribute('data-testid');
    const expected = [TEST_IDS.navRecord, TEST_IDS.navSamples, TEST_IDS.navLibrary, TEST_IDS.navTry, TEST_IDS.navSettings];
    for (const [index, testId] of expected.entries()) {
      await page.keyboard.press(`Control+${index + 1}`);
      await expect.poll(current).toBe(testId);
      expect(await leftoverPlaceholders(page)).toEqual([]);
    }
  });
});
