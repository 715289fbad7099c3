/**
 * The review screen's waveform as a person uses it: click to play from a point, drag across to
 * keep only that part, the keyboard for both, and undo/redo of every trim (Ctrl+Z), with each edit
 * said on screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGLISH_SCRIPT, speechWav } from '../support/audio-fixtures';
import { launchOnImport, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

describe('editing a take on the review screen', () => {
  let app: TimbreSession;
  let file: string;
  beforeAll(async () => {
    file = speechWav({ text: `${ENGLISH_SCRIPT} Then the sun shone out warmly.`, voice: 'en-us', padSeconds: 0.3 });
    app = await launchOnImport();
    await app.page.getByTestId(TEST_IDS.importFile).setInputFiles(file);
    await app.page.getByTestId(TEST_IDS.sampleWaveform).waitFor();
  });
  afterAll(async () => {
    await app?.close();
  });

  const trimFields = async () => [
    Number(await app.page.getByTestId(TEST_IDS.sampleTrimStart).inputValue()),
    Number(await app.page.getByTestId(TEST_IDS.sampleTrimEnd).inputValue()),
  ];

  it('clicks to move the play cursor, drags to keep a part, and undoes and redoes the trim', async () => {
    const { page } = app;
    const waveform = page.getByTestId(TEST_IDS.sampleWaveform);
    const [, duration] = await trimFields();
    const box = (await waveform.boundingBox())!;
    const y = box.y + box.height / 2;

    // A click (not near an edge) puts the cursor there and trims nothing.
    await page.mouse.click(box.x + box.width * 0.5, y);
    await expect.poll(async () => Number(await waveform.getAttribute('data-cursor'))).toBeCloseTo(duration * 0.5, 0);
    expect(await trimFields()).toEqual([0, duration]);
    await expect.poll(() => page.getByTestId(TEST_IDS.sampleUndo).isDisabled()).toBe(true);

    // A drag across keeps only that part.
    await page.mouse.move(box.x + box.width * 0.2, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.45, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.7, y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await trimFields())[0]).toBeCloseTo(duration * 0.2, 0);
    expect((await trimFields())[1]).toBeCloseTo(duration * 0.7, 0);
    await expect.poll(() => page.getByTestId(TEST_IDS.sampleEditStatus).innerText()).toMatch(/^Kept .+ to .+\.$/);

    // Ctrl+Z gives the whole take back, Ctrl+Shift+Z the part again; the buttons follow.
    await page.keyboard.press('Control+z');
    await expect.poll(trimFields).toEqual([0, duration]);
    await expect.poll(() => page.getByTestId(TEST_IDS.sampleEditStatus).innerText()).toBe('Undone: back to the whole take.');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await trimFields())[0]).toBeCloseTo(duration * 0.2, 0);
    await page.getByTestId(TEST_IDS.sampleUndo).click();
    await expect.poll(trimFields).toEqual([0, duration]);
    expect(await page.getByTestId(TEST_IDS.sampleRedo).isEnabled()).toBe(true);
  });

  it('does the same from the keyboard: arrows move the cursor, [ and ] set the start and end', async () => {
    const { page } = app;
    const waveform = page.getByTestId(TEST_IDS.sampleWaveform);
    const [, duration] = await trimFields();
    await waveform.focus();
    await page.keyboard.press('Home');
    await expect.poll(() => waveform.getAttribute('data-cursor')).toBe('0');
    await page.keyboard.press('Shift+ArrowRight'); // 5 s
    await page.keyboard.press('ArrowRight'); // 0.5 s
    await expect.poll(async () => Number(await waveform.getAttribute('data-cursor'))).toBeCloseTo(5.5, 2);
    await page.keyboard.press('[');
    await expect.poll(async () => (await trimFields())[0]).toBeCloseTo(5.5, 2);
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press(']');
    await expect.poll(async () => (await trimFields())[1]).toBeCloseTo(Math.min(duration, 10.5), 2);
    expect(await waveform.getAttribute('aria-valuetext')).toMatch(/^cursor at \d+\.\d s$/);
    // Typing in the transcript keeps its own undo: Ctrl+Z there does not undo the trim.
    const transcript = page.getByTestId(TEST_IDS.sampleTranscript);
    await transcript.click();
    await page.keyboard.type('x');
    await page.keyboard.press('Control+z');
    expect((await trimFields())[0]).toBeCloseTo(5.5, 2);
  });
});
