/**
 * Enrollment overhead: from the click on "Clone" in the enrollment form to the create request
 * fully received by the mock DashScope on 127.0.0.1, with a 60 s sample. Floor: the very same
 * request body posted by a bare Node HTTP client to the same mock.
 *
 * The click is timed in the page and the arrival in Node (the mock's clock); the two clocks are
 * lined up by the page round trip with the smallest delay, so the error is at most half of it.
 */
import { request } from 'node:http';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { startMockDashScope, type LoggedRequest, type MockDashScope } from '../../tests/mock-dashscope/server';
import { launchTimbre } from '../../tests/e2e/harness';
import { TEST_IDS } from '../../tests/e2e/testids';
import { ENGLISH_SCRIPT, sox, speechWav } from '../../tests/support/audio-fixtures';
import { addSampleWithAudio } from '../../tests/support/catalog-fixtures';
import { byTestId, prepareForBench, useJsonTransport } from '../browser';
import { figure, type Figure } from '../stats';

const SAMPLE_SECONDS = 60;
/** The mock's clock: epoch ms with sub-millisecond resolution, comparable with the page's. */
const epochNow = () => performance.timeOrigin + performance.now();

/** A 60 s speech WAV: the reading looped (cached like the other audio fixtures). */
function sixtySecondSpeech(): string {
  const out = join(tmpdir(), 'timbre-fixtures', `speech-${SAMPLE_SECONDS}s.wav`);
  if (!existsSync(out)) {
    mkdirSync(join(tmpdir(), 'timbre-fixtures'), { recursive: true });
    sox([speechWav({ text: ENGLISH_SCRIPT, padSeconds: 0.6 }), out, 'repeat', '10', 'trim', '0', String(SAMPLE_SECONDS)]);
  }
  return out;
}

/** page clock − Node clock, from the round trip with the least delay. */
async function clockOffset(page: Page): Promise<number> {
  let best = { delay: Infinity, offset: 0 };
  for (let i = 0; i < 15; i++) {
    const before = epochNow();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = epochNow();
    if (after - before < best.delay) best = { delay: after - before, offset: pageNow - (before + after) / 2 };
  }
  return best.offset;
}

const isCreate = (logged: LoggedRequest) => (logged.body as { input?: { action?: string } } | null)?.input?.action === 'create';

async function nextCreate(mock: MockDashScope, after: number): Promise<LoggedRequest> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = mock.requests.slice(after).find(isCreate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('the mock received no create request');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Posts `body` as a bare client would; resolves with ms from the call to the mock holding it all. */
async function barePost(mock: MockDashScope, body: string): Promise<number> {
  const seen = mock.requests.length;
  const url = new URL(`${mock.baseUrl}/services/audio/tts/customization`);
  const started = epochNow();
  await new Promise<void>((resolve, reject) => {
    const post = request(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${mock.apiKey}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (response) => {
      response.resume();
      response.on('end', resolve);
    });
    post.on('error', reject);
    post.end(body);
  });
  return (await nextCreate(mock, seen)).at - started;
}

export async function enrollmentOverhead(runs: number): Promise<Figure> {
  const mock = await startMockDashScope({ region: 'cn-beijing', now: epochNow });
  // cn-beijing is the default region: the mock plays it, and the key comes from the environment.
  const session = await launchTimbre({ dashscopeBaseUrl: mock.baseUrl, envApiKey: mock.apiKey, noKeychain: true });
  try {
    const { page, core } = session;
    await prepareForBench(page);
    await useJsonTransport(page, core.router);
    const wav = sixtySecondSpeech();
    const app: number[] = [];
    const bare: number[] = [];
    let bodyBytes = 0;
    for (let run = 0; run < runs; run++) {
      const sampleId = `bench-enroll-${run}`;
      core.services.catalog.putSample(addSampleWithAudio(session.userDataDir, {
        id: sampleId, displayName: `Bench ${run + 1}`, createdAt: Date.now(), transcript: ENGLISH_SCRIPT,
      }, wav));
      await page.getByTestId(TEST_IDS.navLibrary).click();
      await page.locator(`${byTestId(TEST_IDS.librarySampleClone)}[data-sample-id="${sampleId}"]`).click();
      await page.getByTestId(TEST_IDS.enrollConsent).check();
      const submit = page.getByTestId(TEST_IDS.enrollSubmit);
      await submit.waitFor();
      if (await submit.isDisabled()) throw new Error('the enrollment form is not ready to submit');

      const offset = await clockOffset(page);
      const seen = mock.requests.length;
      const clickedAt = await page.evaluate((selector) => {
        const button = document.querySelector<HTMLButtonElement>(selector)!;
        const at = performance.timeOrigin + performance.now();
        button.click();
        return at;
      }, byTestId(TEST_IDS.enrollSubmit));
      const received = await nextCreate(mock, seen);
      app.push(received.at - (clickedAt - offset));

      const body = JSON.stringify(received.body);
      bodyBytes = Buffer.byteLength(body);
      bare.push(await barePost(mock, body));
      await page.getByTestId(TEST_IDS.enrollProgressItem).first().waitFor();
    }
    return figure({
      id: 'enrollment-overhead',
      label: `enrollment: Clone → request received (${SAMPLE_SECONDS} s sample)`,
      unit: 'ms',
      target: '≤ 1.3 × floor and < 150 ms',
      runs: app,
      floor: { label: 'same body, bare HTTP POST', runs: bare },
      meets: (value, floor) => floor !== undefined && value.median <= 1.3 * floor.median && value.median < 150,
      note: `request body ${(bodyBytes / 2 ** 20).toFixed(1)} MB (base64 WAV in a data URL)`,
    });
  } finally {
    await session.close();
    await mock.close();
  }
}
