/**
 * Stop → preview for a 60 s recording, in Chromium with the fake microphone, timed from one click
 * on Stop to two painted stages: the preview (waveform drawn, Play ready) and the verdict (checks
 * shown, the converted WAV saved). Floor: `decodeAudioData` alone on the very same recording.
 *
 * Every run records a live 60 s take: the take is heard while it is recorded (the take listener),
 * so a take handed to the app at Stop would skip the very work being measured. A minute of real
 * time per run, so this figure takes at most `LIVE_TAKES` of the bench's runs. The recorder is
 * wrapped (observing, not replacing, the native MediaRecorder) to keep what it produced for the floor.
 */
import type { Page } from 'playwright-core';
import { ENGLISH_SCRIPT, speechWav } from '../../tests/support/audio-fixtures';
import { launchTimbre } from '../../tests/e2e/harness';
import { TEST_IDS } from '../../tests/e2e/testids';
import { byTestId, clickUntilEachPainted, lastIpcMs, prepareForBench, takeIpcMs, trackIpc, useJsonTransport } from '../browser';
import { figure, summarize, type Figure } from '../stats';

const TAKE_SECONDS = 59.5;
/** Live takes recorded (each costs its minute). */
const LIVE_TAKES = 3;
/** What shows at each stage after Stop: also timed by the real-Electron smoke test (tests/electron). */
export const PREVIEW_READY = [`${byTestId(TEST_IDS.sampleWaveform)}[data-peaks]`, `${byTestId(TEST_IDS.samplePlay)}:not([disabled])`];
export const VERDICT_READY = [
  `${byTestId(TEST_IDS.sampleChecks)} [data-check]`,
  `${byTestId(TEST_IDS.sampleConversion)}[data-state="saved"]`,
];

/** Wraps window.MediaRecorder so the bench keeps what the last finished recorder produced. */
function installRecorderWrapper(page: Page): Promise<void> {
  return page.evaluate(() => {
    const Native = window.MediaRecorder;
    class BenchRecorder extends Native {
      constructor(stream: MediaStream, options?: MediaRecorderOptions) {
        super(stream, options);
        const recorded: Blob[] = [];
        this.addEventListener('dataavailable', (event) => recorded.push(event.data));
        this.addEventListener('stop', () => {
          (window as unknown as { __benchTake: Blob }).__benchTake = new Blob(recorded, { type: this.mimeType });
        });
      }
    }
    window.MediaRecorder = BenchRecorder;
  });
}

/** The latest duration of a `timbre.*` measure, cleared afterwards. */
function takeMeasure(page: Page, name: string): Promise<number> {
  return page.evaluate((name) => {
    const last = performance.getEntriesByName(name, 'measure').at(-1);
    performance.clearMeasures(name);
    if (!last) throw new Error(`no ${name} measure: the take was not heard while it was recorded`);
    return last.duration;
  }, name);
}

async function startTake(page: Page): Promise<void> {
  await page.getByTestId(TEST_IDS.recordStart).click();
  // After the 3-2-1 count-in the Stop button appears.
  await page.getByTestId(TEST_IDS.recordStop).waitFor({ timeout: 10_000 });
}

async function shownBytes(page: Page): Promise<number> {
  return Number(await page.getByTestId(TEST_IDS.sampleSize).getAttribute('data-bytes'));
}

export async function stopToPreview(runs: number): Promise<Figure[]> {
  const micWav = speechWav({ text: ENGLISH_SCRIPT, voice: 'en-us', padSeconds: 0.6 });
  const session = await launchTimbre({ micWav, noKeychain: true });
  try {
    const { page } = session;
    const stop = byTestId(TEST_IDS.recordStop);
    const app: number[] = [];
    const verdict: number[] = [];
    const ipc: number[] = [];
    const decode: number[] = [];
    const listenerFinish: number[] = [];
    const speakers: number[] = [];
    const analysis: number[] = [];
    const checks: number[] = [];
    const uploadSave: number[] = [];
    const takes: string[] = [];
    // Init scripts and bindings: once, they come back with every reload.
    await prepareForBench(page);
    await useJsonTransport(page, session.core.router);
    await trackIpc(page);
    for (let run = 0; run < Math.min(runs, LIVE_TAKES); run++) {
      // A fresh page per take: useRecorder stops a take at once when the page is older than the
      // 60 s limit (its timer reads 0 as the start until MediaRecorder's start event).
      if (run > 0) await page.reload();
      await installRecorderWrapper(page);
      await startTake(page);
      await page.waitForFunction(
        ([timer, seconds]) => Number(document.querySelector(timer)?.getAttribute('data-seconds')) >= seconds,
        [byTestId(TEST_IDS.recordTimer), TAKE_SECONDS] as const,
        { timeout: 90_000, polling: 100 },
      );
      await takeIpcMs(page);
      const [preview, checked] = await clickUntilEachPainted(page, stop, [PREVIEW_READY, VERDICT_READY]);
      app.push(preview);
      verdict.push(checked);
      ipc.push(await takeIpcMs(page));
      listenerFinish.push(await takeMeasure(page, 'timbre.listener.finish'));
      speakers.push(await takeMeasure(page, 'timbre.speakers'));
      analysis.push(await takeMeasure(page, 'timbre.analysis'));
      checks.push(await takeMeasure(page, 'timbre.checks'));
      uploadSave.push(await lastIpcMs(page, 'samples.saveConverted'));
      const seconds = Number(await page.getByTestId(TEST_IDS.sampleDuration).getAttribute('data-seconds'));
      const { bytes, type, decodeMs } = await page.evaluate(async () => {
        const take = (window as unknown as { __benchTake?: Blob }).__benchTake;
        if (!take) throw new Error('the recorder produced nothing');
        const data = await take.arrayBuffer();
        const started = performance.now();
        await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(data.slice(0));
        return { bytes: data.byteLength, type: take.type, decodeMs: performance.now() - started };
      });
      decode.push(decodeMs);
      if (seconds < TAKE_SECONDS - 1 || (await shownBytes(page)) !== bytes) {
        throw new Error(`the live take is not the one shown (${seconds} s, ${await shownBytes(page)} B vs ${bytes} B recorded)`);
      }
      takes.push(`${seconds} s (${(bytes / 1024).toFixed(0)} KB ${type})`);
    }

    const floor = { label: 'decodeAudioData of the same take', runs: decode };
    const how = `${takes.length} live takes, each heard while recorded: ${takes.join(', ')}`;
    const median = (values: number[]) => summarize(values).median.toFixed(0);
    return [
      figure({
        id: 'stop-to-preview',
        label: 'stop → preview ready: waveform and Play (60 s recording)',
        unit: 'ms',
        target: '≤ 1.5 × floor',
        runs: app,
        floor,
        meets: (value, floorValue) => floorValue !== undefined && value.median <= 1.5 * floorValue.median,
        note: `${how}; median ${median(ipc)} ms of the whole stop path in IPC calls (JSON over the test bridge)`,
      }),
      figure({
        id: 'stop-to-verdict',
        label: 'stop → verdict: checks shown, upload WAV saved (60 s recording)',
        unit: 'ms',
        target: '≤ preview + 300 ms',
        runs: verdict,
        // What the verdict cannot beat: the preview it follows.
        floor: { label: 'stop → preview of the same runs', runs: app },
        meets: (value) => value.median <= summarize(app).median + 300,
        note: `${how}; at Stop the listener's worker had ${median(listenerFinish)} ms of work left (median), the speakers check ${median(speakers)} ms of it; after the preview, the analysis (waiting for the listener, the 24 kHz render) took ${median(analysis)} ms, the checks ${median(checks)} ms, then the upload WAV's save ${median(uploadSave)} ms (the WAV as base64 JSON over the test bridge; Electron's IPC clones the bytes)`,
      }),
      figure({
        id: 'speakers-at-stop',
        label: 'speakers check at Stop: voices told apart from the frames heard live (60 s recording)',
        unit: 'ms',
        target: 'within stop → preview',
        runs: speakers,
        floor: { label: 'stop → preview of the same runs', runs: app },
        meets: (value) => value.median <= summarize(app).median,
        note: 'in the take listener\'s worker, while the page decodes and draws the preview',
      }),
    ];
  } finally {
    await session.close();
  }
}
