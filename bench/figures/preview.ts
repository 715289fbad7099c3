/**
 * Stop → preview for a 60 s recording, in Chromium with the fake microphone, timed from one click
 * on Stop to two painted stages: the preview (waveform drawn, Play ready) and the verdict (checks
 * from the speech detector, the converted WAV saved). Floor: `decodeAudioData` alone on the very
 * same recording.
 *
 * A 60 s take costs 60 s of real time, so only the first run records live. The recorder is
 * wrapped (observing, not replacing, the native MediaRecorder) to keep what it produced; later
 * runs record a short real take and, at Stop, hand the app that same 60 s recording instead, so
 * each run goes through the app's whole stop path (save, read back, decode, waveform, checks,
 * 24 kHz conversion, save) on the same bytes.
 */
import type { Page } from 'playwright-core';
import { ENGLISH_SCRIPT, speechWav } from '../../tests/support/audio-fixtures';
import { launchTimbre } from '../../tests/e2e/harness';
import { TEST_IDS } from '../../tests/e2e/testids';
import { byTestId, clickUntilEachPainted, prepareForBench, takeIpcMs, trackIpc, useJsonTransport } from '../browser';
import { figure, summarize, type Figure } from '../stats';

const TAKE_SECONDS = 59.5;
const PREVIEW_READY = [`${byTestId(TEST_IDS.sampleWaveform)}[data-peaks]`, `${byTestId(TEST_IDS.samplePlay)}:not([disabled])`];
const VERDICT_READY = [
  `${byTestId(TEST_IDS.sampleChecks)} [data-check]`,
  `${byTestId(TEST_IDS.sampleConversion)}[data-state="saved"]`,
];

interface BenchRecorderState {
  /** Everything the last finished recorder produced. */
  take: Blob | null;
  /** When set, a stopping recorder gives the app this instead of what it recorded. */
  replay: Blob | null;
}

/** What the bench keeps of the live take between page loads. */
interface KeptTake {
  base64: string;
  type: string;
  bytes: number;
}

/**
 * Wraps window.MediaRecorder so the bench can keep a take and, with `replay`, give that take to
 * the app at the next Stop.
 */
function installRecorderWrapper(page: Page, replay?: KeptTake): Promise<void> {
  return page.evaluate((replay) => {
    const bytes = replay ? Uint8Array.from(atob(replay.base64), (char) => char.charCodeAt(0)) : null;
    const state: BenchRecorderState = { take: null, replay: bytes && replay ? new Blob([bytes], { type: replay.type }) : null };
    (window as unknown as { __benchRecorder: BenchRecorderState }).__benchRecorder = state;
    const Native = window.MediaRecorder;
    type Handler = ((this: MediaRecorder, event: Event) => unknown) | null;
    class BenchRecorder extends Native {
      private readonly recorded: Blob[] = [];
      private appData: Handler = null;
      private appStop: Handler = null;
      constructor(stream: MediaStream, options?: MediaRecorderOptions) {
        super(stream, options);
        this.addEventListener('dataavailable', (event) => this.recorded.push(event.data));
      }
      // useRecorder assigns ondataavailable/onstop; these keep the app's handlers and decide what they get.
      override set ondataavailable(handler: Handler) {
        this.appData = handler;
        super.ondataavailable = (event) => {
          if (!state.replay) handler?.call(this, event);
        };
      }
      override get ondataavailable(): Handler {
        return this.appData;
      }
      override set onstop(handler: Handler) {
        this.appStop = handler;
        super.onstop = (event) => {
          state.take = new Blob(this.recorded, { type: this.mimeType });
          if (state.replay) this.appData?.call(this, new BlobEvent('dataavailable', { data: state.replay }));
          handler?.call(this, event);
        };
      }
      override get onstop(): Handler {
        return this.appStop;
      }
    }
    window.MediaRecorder = BenchRecorder;
  }, replay);
}

function keepTake(page: Page): Promise<KeptTake> {
  return page.evaluate(async () => {
    const take = (window as unknown as { __benchRecorder: BenchRecorderState }).__benchRecorder.take;
    if (!take) throw new Error('the recorder produced nothing');
    const bytes = new Uint8Array(await take.arrayBuffer());
    let binary = '';
    for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
    return { base64: btoa(binary), type: take.type, bytes: bytes.length };
  });
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
    await prepareForBench(page);
    await useJsonTransport(page, session.core.router);
    await installRecorderWrapper(page);
    await trackIpc(page);
    const stop = byTestId(TEST_IDS.recordStop);
    const app: number[] = [];
    const verdict: number[] = [];
    const ipc: number[] = [];
    const decode: number[] = [];
    /** One run: Stop → preview ready, then the floor on the take the app just got. */
    const measureStop = async () => {
      await takeIpcMs(page);
      const [preview, checked] = await clickUntilEachPainted(page, stop, [PREVIEW_READY, VERDICT_READY]);
      app.push(preview);
      verdict.push(checked);
      ipc.push(await takeIpcMs(page));
      decode.push(await page.evaluate(async () => {
        const state = (window as unknown as { __benchRecorder: BenchRecorderState }).__benchRecorder;
        const bytes = await (state.replay ?? state.take)!.arrayBuffer();
        const started = performance.now();
        await new OfflineAudioContext(1, 1, 48_000).decodeAudioData(bytes);
        return performance.now() - started;
      }));
    };

    await startTake(page);
    await page.waitForFunction(
      ([timer, seconds]) => Number(document.querySelector(timer)?.getAttribute('data-seconds')) >= seconds,
      [byTestId(TEST_IDS.recordTimer), TAKE_SECONDS] as const,
      { timeout: 90_000, polling: 100 },
    );
    await measureStop();
    const take = await keepTake(page);
    const seconds = Number(await page.getByTestId(TEST_IDS.sampleDuration).getAttribute('data-seconds'));
    if (seconds < TAKE_SECONDS - 1 || (await shownBytes(page)) !== take.bytes) {
      throw new Error(`the live take is not the one shown (${seconds} s, ${await shownBytes(page)} B vs ${take.bytes} B recorded)`);
    }

    for (let run = 0; run < runs; run++) {
      // A fresh page per run: useRecorder stops a take at once when the page is older than the
      // 60 s limit (its timer reads 0 as the start until MediaRecorder's start event).
      await page.reload();
      await installRecorderWrapper(page, take);
      await startTake(page);
      await measureStop();
      if ((await shownBytes(page)) !== take.bytes) throw new Error('the replayed take is not the one the app saved');
    }

    const floor = { label: 'decodeAudioData of the same take', runs: decode };
    const how = `run 1 is a live ${seconds} s take (${(take.bytes / 1024).toFixed(0)} KB ${take.type}); the others hand that take back at Stop`;
    return [
      figure({
        id: 'stop-to-preview',
        label: 'stop → preview ready: waveform and Play (60 s recording)',
        unit: 'ms',
        target: '≤ 1.5 × floor',
        runs: app,
        floor,
        meets: (value, floorValue) => floorValue !== undefined && value.median <= 1.5 * floorValue.median,
        note: `${how}; median ${summarize(ipc).median.toFixed(0)} ms of the whole stop path in IPC calls (JSON over the test bridge)`,
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
        note: how,
      }),
    ];
  } finally {
    await session.close();
  }
}
