/**
 * Cold start of the renderer: the built renderer in Chromium, from navigation to the first paint
 * of the Library's rows with 1,000 voices in the catalog. A returning user's app opens on the
 * Library; should it open elsewhere, the page clicks "Library" the moment the sidebar exists (a
 * user could not be quicker). Each run is a fresh browser context (no cache, new renderer
 * process) backed by a freshly composed core.
 * Floor: navigation to the first paint of a one-line page served the same way: through main's
 * `app://` handler with the app's CSP, as the harness serves the app. The note adds the smallest
 * React 19 app (one line rendered by React) timed the same way: what React alone costs of the budget.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchTimbre } from '../../tests/e2e/harness';
import { resolveAppPage } from '../../electron/main/shell/app-protocol';
import { serveAppProtocol } from '../../tests/e2e/app-page';
import { TEST_IDS } from '../../tests/e2e/testids';
import { byTestId, paintedAtScript, prepareForBench, useJsonTransport } from '../browser';
import { minimalReactApp } from './bundle';
import { seededDataDir } from '../seed';
import { figure, summarize, type Figure } from '../stats';

const VOICES = 1_000;
const FIRST_ROW = byTestId(TEST_IDS.libraryItem);
const LIBRARY = byTestId(TEST_IDS.navLibrary);

interface Timings {
  /** ms from navigation start until `selector` painted. */
  paintedAt: number;
  /** ms from navigation start until `open` was there to click (the app had booted). */
  openedAt: number | null;
}

/** Opens `url` in `page` and times the first paint of `selector` (after clicking `open`). */
async function navigationToPaint(page: Page, url: string, selector: string, open?: string): Promise<Timings> {
  await prepareForBench(page);
  await page.addInitScript({ content: paintedAtScript(selector, open) });
  await page.goto(url);
  await page.waitForFunction(() => (window as { __benchPaintedAt?: number }).__benchPaintedAt, undefined, { timeout: 20_000 });
  return page.evaluate(() => {
    const timings = window as { __benchPaintedAt?: number; __benchOpenedAt?: number };
    return { paintedAt: timings.__benchPaintedAt!, openedAt: timings.__benchOpenedAt ?? null };
  });
}

export async function coldStart(runs: number): Promise<Figure> {
  const dataDir = await seededDataDir(VOICES);
  const floorDir = mkdtempSync(join(tmpdir(), 'timbre-bench-floor-'));
  writeFileSync(join(floorDir, 'index.html'), '<!doctype html><html lang="en"><body><p id="floor">Timbre</p></body></html>');
  const reactDir = mkdtempSync(join(tmpdir(), 'timbre-bench-react-'));
  writeFileSync(join(reactDir, 'index.html'), '<!doctype html><html lang="en"><head><script type="module" src="./app.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(join(reactDir, 'app.js'), await minimalReactApp());
  const floorPage = resolveAppPage({ isPackaged: true });
  /** ms from navigation to the paint of `#floor` in a page served from `dir` in a fresh context. */
  async function pagePaint(browser: Browser, dir: string): Promise<number> {
    const floorContext = await browser.newContext();
    try {
      const floorOrigin = await serveAppProtocol(floorContext, floorPage, dir);
      return (await navigationToPaint(await floorContext.newPage(), floorOrigin.browserUrl(floorPage.url), '#floor')).paintedAt;
    } finally {
      await floorContext.close();
    }
  }
  try {
    const app: number[] = [];
    const booted: number[] = [];
    const floor: number[] = [];
    const react: number[] = [];
    for (let run = 0; run < runs; run++) {
      const session = await launchTimbre({ userDataDir: dataDir, noKeychain: true });
      try {
        const url = session.page.url();
        const context = session.page.context();
        await useJsonTransport(session.page, session.core.router);
        // The harness's own page already booted the app; close it so the measured page starts alone.
        await session.page.close();
        const timings = await navigationToPaint(await context.newPage(), url, FIRST_ROW, LIBRARY);
        app.push(timings.paintedAt);
        if (timings.openedAt !== null) booted.push(timings.openedAt);

        const browser = context.browser() as Browser;
        floor.push(await pagePaint(browser, floorDir));
        react.push(await pagePaint(browser, reactDir));
      } finally {
        await session.close();
      }
    }
    return figure({
      id: 'cold-start',
      label: `cold start: navigation → Library painted (${VOICES.toLocaleString('en')} voices)`,
      unit: 'ms',
      target: '≤ 3 × floor',
      runs: app,
      floor: { label: 'one-line page: navigation → paint', runs: floor },
      meets: (value, floorValue) => floorValue !== undefined && value.median <= 3 * floorValue.median,
      note: `${booted.length > 0
        ? `the app opened elsewhere and the sidebar was there to click at median ${summarize(booted).median.toFixed(0)} ms`
        : 'the app opened on the Library'}; the smallest React 19 app painted its one line at median ${summarize(react).median.toFixed(0)} ms`,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(floorDir, { recursive: true, force: true });
    rmSync(reactDir, { recursive: true, force: true });
  }
}
