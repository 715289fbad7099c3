/**
 * The room check: during the count-in the app listens to the room and says, before the user
 * reads, whether it is too noisy; a voice that comes in quietly is pointed out early in the take.
 * Chromium's fake microphone plays a file made for each case.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGLISH_SCRIPT, sox, speechWav } from '../support/audio-fixtures';
import { launchTimbre, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

const DIR = join(tmpdir(), 'timbre-fixtures', 'room');
const sessions: TimbreSession[] = [];
afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
});

function micFile(name: string, make: (out: string) => void): string {
  mkdirSync(DIR, { recursive: true });
  const out = join(DIR, name);
  if (!existsSync(out)) make(out);
  return out;
}

async function startCountIn(micWav: string): Promise<TimbreSession> {
  const app = await launchTimbre({ locale: 'en-US', micWav });
  sessions.push(app);
  await app.page.getByTestId(TEST_IDS.recordStart).click();
  return app;
}

describe('room check before recording', () => {
  it('says the room is noisy during the count-in, before recording starts', async () => {
    // A fan-like hiss at about −35 dBFS.
    const hiss = micFile('hiss.wav', (out) => sox(['-n', '-r', '48000', '-c', '1', '-b', '16', out, 'synth', '20', 'brownnoise', 'vol', '0.1']));
    const { page } = await startCountIn(hiss);
    const room = page.getByTestId(TEST_IDS.recordRoom);
    await expect.poll(() => room.getAttribute('data-room'), { timeout: 10_000 }).toBe('noisy');
    expect(await page.getByTestId(TEST_IDS.recordCountdown).isVisible()).toBe(true);
    expect(await room.innerText()).toMatch(/Your room is noisy \(background at -\d+ dBFS\)/);
    await page.getByTestId(TEST_IDS.recordCancel).click();
  });

  it('calls a quiet room quiet, then points out a voice that comes in quietly', async () => {
    // 4 s of a quiet room's hiss (what the count-in hears), then speech 40 dB too low over it.
    const speech = speechWav({ text: ENGLISH_SCRIPT, voice: 'en-us' });
    const quiet = micFile('quiet-voice.wav', (out) => {
      const hiss = join(DIR, 'quiet-room.wav');
      const voice = join(DIR, 'quiet-voice-speech.wav');
      sox(['-n', '-r', '48000', '-c', '1', '-b', '16', hiss, 'synth', '4', 'whitenoise', 'vol', '0.001']);
      sox([speech, '-r', '48000', '-c', '1', '-b', '16', voice, 'gain', '-40']);
      sox([hiss, voice, out]);
    });
    const { page } = await startCountIn(quiet);
    const room = page.getByTestId(TEST_IDS.recordRoom);
    await expect.poll(() => room.getAttribute('data-room'), { timeout: 10_000 }).toBe('quiet');
    expect(await room.innerText()).toContain('Quiet room');
    await expect.poll(() => room.getAttribute('data-quiet-input'), { timeout: 15_000 }).toBe('true');
    expect(await room.innerText()).toContain('Your voice is coming in quietly');
    await page.getByTestId(TEST_IDS.recordCancel).click();
  });
});
