/**
 * The Library with 10,000 voices (each with its sample), one fresh app per run:
 * - first render: click on "Library" → its rows painted. Floor: `library.list` alone, the data
 *   the Library needs, fetched by the same page through the same bridge.
 * - keystroke: one letter typed in search → the list holds only matching voices and is laid out
 *   (not waiting for the next frame). Floor: filtering the same 10,000 records by that letter in
 *   plain JavaScript in the page.
 * - memory: the renderer's JS heap after a full GC with those voices listed. Floor: the same app
 *   on an empty Library.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchTimbre, type TimbreSession } from '../../tests/e2e/harness';
import { encodeForBridge } from '../../tests/e2e/bridge/codec';
import { TEST_IDS } from '../../tests/e2e/testids';
import { byTestId, clickUntilPainted, prepareForBench, takeIpcMs, trackIpc, useJsonTransport } from '../browser';
import { matchesSearchKey, SEARCH_KEY, seededDataDir } from '../seed';
import { figure, summarize, type Figure } from '../stats';

const VOICES = 10_000;
const ITEM = byTestId(TEST_IDS.libraryItem);
const SEARCH = byTestId(TEST_IDS.librarySearch);

/** Used JS heap of the page after a full collection, in MB. */
async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return usedSize / 2 ** 20;
  } finally {
    await cdp.detach();
  }
}

async function openLibrary({ page, core }: TimbreSession, ready: string[]): Promise<number> {
  await prepareForBench(page);
  await useJsonTransport(page, core.router);
  await trackIpc(page);
  return clickUntilPainted(page, byTestId(TEST_IDS.navLibrary), ready);
}

/** ms from the keydown of SEARCH_KEY to the list showing only voices that match it, laid out. */
async function keystroke(page: Page): Promise<number> {
  await page.locator(SEARCH).focus();
  await page.evaluate(({ item, pattern }) => {
    const matching = new RegExp(pattern);
    const onlyMatches = () => {
      const items = [...document.querySelectorAll(item)];
      return items.length > 0 && items.every((element) => matching.test(element.getAttribute('data-voice-id') ?? ''));
    };
    (window as unknown as { __benchKeystroke: Promise<number> }).__benchKeystroke = new Promise((resolve) => {
      let keydownAt = 0;
      document.addEventListener('keydown', (event) => {
        keydownAt = event.timeStamp;
      }, { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (keydownAt === 0 || !onlyMatches()) return;
        observer.disconnect();
        void document.body.offsetHeight; // style and layout of the new list belong to the update
        resolve(performance.now() - keydownAt);
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    });
  }, { item: ITEM, pattern: matchesSearchKey.source });
  await page.keyboard.press(SEARCH_KEY);
  return page.evaluate(() => (window as unknown as { __benchKeystroke: Promise<number> }).__benchKeystroke);
}

/** The same search done by hand over the same records: the least a keystroke can cost. */
function plainFilter(page: Page): Promise<number> {
  return page.evaluate(async (key) => {
    const listed = await window.timbre.library.list();
    if (!listed.ok) throw new Error(listed.error.message);
    const started = performance.now();
    const found = listed.value.voices.filter((voice) => voice.displayName.toLowerCase().includes(key));
    const elapsed = performance.now() - started;
    if (found.length === 0) throw new Error('the search key matches nothing');
    return elapsed;
  }, SEARCH_KEY);
}

/**
 * ms to move `library.list`'s answer, as the JSON string the bench's transport sends, from Node
 * into the page through a Playwright binding: the test bridge's own share of the floor.
 */
async function bridgeTransfer({ page, core }: TimbreSession): Promise<{ ms: number; mb: number }> {
  const payload = JSON.stringify(encodeForBridge(await core.router.invoke('library.list', undefined)));
  await page.context().exposeBinding('__benchPayload', () => payload);
  const ms = await page.evaluate(async () => {
    const started = performance.now();
    await (window as unknown as { __benchPayload(): Promise<string> }).__benchPayload();
    return performance.now() - started;
  });
  return { ms, mb: payload.length / 2 ** 20 };
}

function fetchList(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const started = performance.now();
    const listed = await window.timbre.library.list();
    if (!listed.ok) throw new Error(listed.error.message);
    return performance.now() - started;
  });
}

export async function library(runs: number): Promise<Figure[]> {
  const dataDir = await seededDataDir(VOICES);
  const emptyDir = mkdtempSync(join(tmpdir(), 'timbre-bench-empty-'));
  const render: number[] = [];
  const renderIpc: number[] = [];
  const list: number[] = [];
  const transfer: number[] = [];
  let payloadMb = 0;
  const keys: number[] = [];
  const filter: number[] = [];
  const heap: number[] = [];
  const emptyHeap: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const session = await launchTimbre({ userDataDir: dataDir, noKeychain: true });
      try {
        const { page } = session;
        render.push(await openLibrary(session, [ITEM]));
        renderIpc.push(await takeIpcMs(page));
        keys.push(await keystroke(page));
        await page.locator(SEARCH).fill('');
        await page.waitForFunction((item) => document.querySelectorAll(item).length > 0, ITEM);
        heap.push(await heapMb(page));
        list.push(await fetchList(page));
        filter.push(await plainFilter(page));
        const moved = await bridgeTransfer(session);
        transfer.push(moved.ms);
        payloadMb = moved.mb;
      } finally {
        await session.close();
      }

      const empty = await launchTimbre({ userDataDir: emptyDir, noKeychain: true });
      try {
        await openLibrary(empty, [byTestId(TEST_IDS.libraryEmpty)]);
        emptyHeap.push(await heapMb(empty.page));
      } finally {
        await empty.close();
      }
    }
    const count = VOICES.toLocaleString('en');
    return [
      figure({
        id: 'library-render',
        label: `Library first render (${count} voices)`,
        unit: 'ms',
        target: '≤ 300 ms',
        runs: render,
        floor: { label: 'library.list alone, same bridge', runs: list },
        meets: (value) => value.median <= 300,
        note: `median ${summarize(renderIpc).median.toFixed(0)} ms of it in IPC calls (JSON over the test bridge); `
          + `moving library.list's ${payloadMb.toFixed(1)} MB into the page alone takes ${summarize(transfer).median.toFixed(0)} ms on this bridge`,
      }),
      figure({
        id: 'library-keystroke',
        label: `Library search keystroke (${count} voices)`,
        unit: 'ms',
        target: '≤ 16 ms',
        runs: keys,
        floor: { label: 'plain filter of the same records', runs: filter },
        meets: (value) => value.median <= 16,
      }),
      figure({
        id: 'memory',
        label: `renderer JS heap, ${count} voices listed`,
        unit: 'MB',
        target: '≤ 60 MB',
        runs: heap,
        floor: { label: 'same app, empty Library', runs: emptyHeap },
        meets: (value) => value.median <= 60,
      }),
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  }
}
