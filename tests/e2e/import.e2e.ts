import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWav } from '../../shared/audio/wav';
import { ENGLISH_SCRIPT, sox, speechWav } from '../support/audio-fixtures';
import { launchOnImport, type LaunchOptions, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const DIR = join(tmpdir(), 'timbre-fixtures', 'import');
const SPEECH_TEXT = `${ENGLISH_SCRIPT} Then the sun shone out warmly, and at once the traveller took off his cloak.`;

/** Makes a fixture once per machine (ffmpeg for the compressed formats, sox for the rest). */
function fixture(name: string, make: (out: string) => void): string {
  const out = join(DIR, name);
  if (!existsSync(out)) make(out);
  return out;
}
const ffmpeg = (args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);

let speech: string;
const sessions: TimbreSession[] = [];

beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  speech = speechWav({ text: SPEECH_TEXT, voice: 'en-us', padSeconds: 0.3 });
});
afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
});

async function open(options: LaunchOptions = {}): Promise<TimbreSession> {
  const app = await launchOnImport(options);
  sessions.push(app);
  return app;
}

/** Picks a file in the file dialog and waits for the review or for an explained failure. */
async function importFile(page: Page, path: string): Promise<'review' | 'problem'> {
  await page.getByTestId(TEST_IDS.importFile).setInputFiles(path);
  const review = page.getByTestId(TEST_IDS.sampleChecks);
  const problem = page.getByTestId(TEST_IDS.sampleProblem);
  await review.or(problem).first().waitFor({ timeout: 30_000 });
  return (await review.isVisible()) ? 'review' : 'problem';
}

async function checkStatuses(page: Page): Promise<Record<string, string>> {
  return Object.fromEntries(await page.getByTestId(TEST_IDS.sampleChecks).locator('[data-check]')
    .evaluateAll((items) => items.map((item) => [item.getAttribute('data-check'), item.getAttribute('data-status')])));
}

async function conversionState(page: Page): Promise<string | null> {
  await expect.poll(() => page.getByTestId(TEST_IDS.sampleConversion).getAttribute('data-state'), { timeout: 30_000 }).not.toBe('converting');
  return page.getByTestId(TEST_IDS.sampleConversion).getAttribute('data-state');
}

async function backToImport(page: Page): Promise<void> {
  await page.getByTestId(TEST_IDS.sampleRerecord).click();
  await page.getByTestId(TEST_IDS.importDrop).waitFor();
}

function latestSample(app: TimbreSession) {
  return [...app.core.services.catalog.listSamples()].sort((a, b) => b.createdAt - a.createdAt)[0];
}

function uploadedWav(app: TimbreSession, id: string) {
  const sample = app.core.services.catalog.getSample(id)!;
  return parseWav(new Uint8Array(readFileSync(join(app.userDataDir, 'audio', sample.upload!.file))));
}

describe('importing a sample', () => {
  it('accepts WAV, MP3, M4A, WebM and Ogg, checks them and converts each to 24 kHz mono 16-bit WAV', async () => {
    const formats = {
      'speech.wav': fixture('speech.wav', (out) => copyFileSync(speech, out)),
      'speech.mp3': fixture('speech.mp3', (out) => ffmpeg(['-i', speech, '-c:a', 'libmp3lame', '-b:a', '128k', out])),
      'speech.m4a': fixture('speech.m4a', (out) => ffmpeg(['-i', speech, '-c:a', 'aac', '-b:a', '128k', out])),
      'speech.webm': fixture('speech.webm', (out) => ffmpeg(['-i', speech, '-c:a', 'libopus', out])),
      'speech.ogg': fixture('speech.ogg', (out) => ffmpeg(['-i', speech, '-c:a', 'libvorbis', out])),
    };
    const expectedSeconds = parseWav(new Uint8Array(readFileSync(speech)))!.durationSeconds;
    const app = await open();
    const { page } = app;
    for (const [name, path] of Object.entries(formats)) {
      expect(await importFile(page, path), name).toBe('review');
      const statuses = await checkStatuses(page);
      expect(Object.values(statuses).every((status) => status === 'pass'), `${name}: ${JSON.stringify(statuses)}`).toBe(true);
      expect(await conversionState(page), name).toBe('saved');
      const shown = Number(await page.getByTestId(TEST_IDS.sampleDuration).getAttribute('data-seconds'));
      expect(Math.abs(shown - expectedSeconds), name).toBeLessThan(0.15);
      const sample = latestSample(app);
      expect(sample, name).toMatchObject({ source: 'import', displayName: 'speech', original: { file: expect.stringMatching(new RegExp(`\\.${name.split('.')[1]}$`)) } });
      const wav = uploadedWav(app, sample.id);
      expect(wav, name).toMatchObject({ sampleRate: 24_000, channels: 1, bitsPerSample: 16, format: 1 });
      expect(Math.abs(wav!.durationSeconds - shown), name).toBeLessThan(0.05);
      await backToImport(page);
    }
    // Originals are kept next to the converted files.
    expect(app.core.services.catalog.listSamples().map((sample) => sample.original!.mime).sort())
      .toEqual(['audio/mp4', 'audio/mpeg', 'audio/ogg', 'audio/wav', 'audio/webm']);
    // The checks' workers were readied (model loaded, made-up voice heard) when the screen opened, without a failure.
    expect(app.consoleMessages.filter((text) => text.includes('did not start'))).toEqual([]);
  });

  it('explains files it cannot use and never crashes: text renamed .wav, empty, cut-off MP3', async () => {
    const app = await open();
    const { page } = app;
    const text = fixture('notes.wav', (out) => writeFileSync(out, 'These are my meeting notes, not a recording.\n'));
    expect(await importFile(page, text)).toBe('problem');
    const problem = page.getByTestId(TEST_IDS.sampleProblem);
    expect(await problem.getAttribute('data-code')).toBe('SAMPLE_NOT_AUDIO');
    expect(await problem.innerText()).toContain('"notes.wav" is not an audio file Timbre can read');

    const empty = fixture('empty.mp3', (out) => writeFileSync(out, ''));
    expect(await importFile(page, empty)).toBe('problem');
    await expect.poll(() => problem.getAttribute('data-code')).toBe('SAMPLE_EMPTY');
    expect(await problem.innerText()).toContain('is empty (0 bytes)');
    expect(app.core.services.catalog.listSamples()).toEqual([]);

    // An interrupted download: the header promises ~12 s, the file holds less than half.
    const full = readFileSync(fixture('speech.mp3', (out) => ffmpeg(['-i', speech, '-c:a', 'libmp3lame', '-b:a', '128k', out])));
    const cut = fixture('cut.mp3', (out) => writeFileSync(out, full.subarray(0, Math.floor(full.length * 0.45))));
    expect(await importFile(page, cut)).toBe('review');
    const statuses = await checkStatuses(page);
    expect(statuses).toMatchObject({ integrity: 'warn', duration: 'warn' });
    expect(await page.locator('[data-check="integrity"]').innerText()).toMatch(/cut off/);
    expect(await conversionState(page)).toBe('saved');
  });

  it('gives the expected verdicts on silent, clipped, 8 kHz, stereo and 8-minute files', async () => {
    const app = await open();
    const { page } = app;
    const silent = fixture('silent.wav', (out) => sox(['-n', '-r', '48000', '-c', '1', '-b', '16', out, 'trim', '0', '12']));
    expect(await importFile(page, silent)).toBe('review');
    expect(await checkStatuses(page)).toMatchObject({ speech: 'block' });
    expect(await conversionState(page)).toBe('skipped');
    expect(await page.getByTestId(TEST_IDS.sampleClone).isDisabled()).toBe(true);
    await backToImport(page);

    // Clipping makes a worse clone, but the service takes it: a warning, not a blocker.
    const clipped = fixture('clipped.wav', (out) => sox(['-V1', speech, out, 'gain', '24']));
    expect(await importFile(page, clipped)).toBe('review');
    expect((await checkStatuses(page)).clipping).toBe('warn');
    expect(await page.getByTestId(TEST_IDS.sampleClone).isEnabled()).toBe(true);
    await backToImport(page);

    const narrowband = fixture('8k.wav', (out) => sox([speech, '-r', '8000', out]));
    expect(await importFile(page, narrowband)).toBe('review');
    const narrow = await checkStatuses(page);
    expect(narrow.sampleRate).toBe('warn');
    expect(await page.locator('[data-check="sampleRate"]').innerText()).toContain('8,000 Hz');
    expect(await conversionState(page)).toBe('saved');
    expect(await page.getByTestId(TEST_IDS.sampleClone).isEnabled()).toBe(true);
    await backToImport(page);

    const other = speechWav({ text: 'A second voice reads something else entirely on the right channel.', voice: 'en-gb' });
    const stereo = fixture('stereo.wav', (out) => sox(['-M', speech, other, out]));
    expect(await importFile(page, stereo)).toBe('review');
    expect((await checkStatuses(page)).channels).toBe('warn');
    expect(await conversionState(page)).toBe('saved');
    await backToImport(page);

    const long = fixture('8-minutes.mp3', (out) => ffmpeg(['-stream_loop', '40', '-i', speech, '-t', '480', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '48k', out]));
    expect(await importFile(page, long)).toBe('review');
    expect(await checkStatuses(page)).toMatchObject({ duration: 'block' });
    expect(await page.locator('[data-check="duration"]').innerText()).toContain('cut at least 420 s');
    expect(await page.getByTestId(TEST_IDS.sampleClone).isDisabled()).toBe(true);
    // Trimming out 15 s makes it usable.
    await page.getByTestId(TEST_IDS.sampleTrimEnd).fill('15');
    await page.getByTestId(TEST_IDS.sampleTrimEnd).press('Enter');
    await expect.poll(async () => (await checkStatuses(page)).duration).toBe('pass');
    await expect.poll(() => page.getByTestId(TEST_IDS.sampleConversion).getAttribute('data-state'), { timeout: 15_000 }).toBe('saved');
    expect(await page.getByTestId(TEST_IDS.sampleClone).isEnabled()).toBe(true);
    expect(uploadedWav(app, latestSample(app).id)!.durationSeconds).toBeCloseTo(15, 2);
  });

  it('imports a file dropped on the drop zone', async () => {
    const app = await open({ colorScheme: 'dark' });
    const { page } = app;
    const ogg = fixture('speech.ogg', (out) => ffmpeg(['-i', speech, '-c:a', 'libvorbis', out]));
    const base64 = readFileSync(ogg).toString('base64');
    await page.getByTestId(TEST_IDS.importDrop).evaluate((zone, data) => {
      const bytes = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'dropped reading.ogg', { type: 'audio/ogg' }));
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, base64);
    await page.getByTestId(TEST_IDS.sampleChecks).waitFor({ timeout: 15_000 });
    expect(await conversionState(page)).toBe('saved');
    expect(app.core.services.catalog.listSamples()).toMatchObject([{ source: 'import', displayName: 'dropped reading' }]);
  });

  it('keeps a public https link as is and refuses a plain http one', async () => {
    const app = await open();
    const { page } = app;
    await page.getByTestId(TEST_IDS.importUrl).fill('http://example.com/voice.mp3');
    await page.getByTestId(TEST_IDS.importUrlSubmit).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.sampleProblem).getAttribute('data-code')).toBe('SAMPLE_URL_INVALID');

    await page.getByTestId(TEST_IDS.importUrl).fill('https://cdn.example.com/voices/my-voice.mp3');
    await page.getByTestId(TEST_IDS.importUrlSubmit).click();
    await page.getByTestId(TEST_IDS.sampleClone).waitFor();
    expect(await page.getByText('https://cdn.example.com/voices/my-voice.mp3').isVisible()).toBe(true);
    expect(await page.getByTestId(TEST_IDS.sampleClone).isEnabled()).toBe(true);
    expect(app.core.services.catalog.listSamples()).toMatchObject([{ source: 'url', url: 'https://cdn.example.com/voices/my-voice.mp3', original: null, upload: null }]);
  });
});

describe('review screen screenshots', () => {
  it('renders a reviewed sample in both languages and themes', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const long = fixture('speech-long-tail.wav', (out) => sox([speech, out, 'pad', '1.2', '3']));
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const app = await open({ locale, colorScheme });
        expect(await importFile(app.page, long)).toBe('review');
        await conversionState(app.page);
        await app.page.screenshot({ path: join(SCREENSHOTS, `record-review-${locale}-${colorScheme}.png`), fullPage: true });
      }
    }
  }, 180_000);
});
