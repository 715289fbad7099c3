/**
 * In-page timing for the Chromium figures. Times are taken inside the page with
 * `performance.now()`, so Playwright's own round trips never count.
 *
 * "Painted" is the usual approximation: the first `requestAnimationFrame` after the DOM holds the
 * result, then a task, which runs once that frame has been produced.
 */
import type { Page } from 'playwright-core';
import type { Router } from '../electron/main/ipc/router';
import { decodeFromBridge, encodeForBridge } from '../tests/e2e/bridge/codec';

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in `__name(...)`; functions
 * handed to `page.evaluate` are serialised with those calls, so the page needs the helper too.
 */
const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

export async function prepareForBench(page: Page): Promise<void> {
  await page.addInitScript({ content: NAME_SHIM });
  await page.evaluate(NAME_SHIM);
}

export const byTestId = (testId: string) => `[data-testid="${testId}"]`;

/**
 * Installed before navigation: clicks `openSelector` as soon as it exists, unless `readySelector`
 * is already there (when given; the time is kept in `window.__benchOpenedAt`), then records in `window.__benchPaintedAt` when
 * `readySelector` first paints (ms since navigation start).
 */
export function paintedAtScript(readySelector: string, openSelector?: string): string {
  return `(() => {
    const ready = ${JSON.stringify(readySelector)};
    const open = ${JSON.stringify(openSelector ?? null)};
    let opened = open === null;
    const observer = new MutationObserver(() => {
      if (!opened && document.querySelector(ready) === null) {
        const button = document.querySelector(open);
        if (!button) return;
        opened = true;
        window.__benchOpenedAt = performance.now();
        button.click();
      }
      if (document.querySelector(ready) === null) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__benchPaintedAt = performance.now(); }));
    });
    observer.observe(document, { childList: true, subtree: true });
  })();`;
}

/**
 * Clicks `clickSelector` in the page and resolves with the ms until every one of `readySelectors`
 * matches a shown element and that state is painted. None of them may match all together before the click.
 */
export async function clickUntilPainted(page: Page, clickSelector: string, readySelectors: string[], timeoutMs = 30_000): Promise<number> {
  const [ms] = await clickUntilEachPainted(page, clickSelector, [readySelectors], timeoutMs);
  return ms;
}

/**
 * Clicks, then times each stage from the click to the frame painted after all of its selectors
 * show (stages in any order; each one times on its own), e.g. a preview and, later, its verdict.
 */
export function clickUntilEachPainted(page: Page, clickSelector: string, stages: string[][], timeoutMs = 30_000): Promise<number[]> {
  return page.evaluate(async ({ clickSelector, stages, timeoutMs }) => {
    // Shown, not only present: a screen may be in the page ahead, hidden (the Library is). An
    // <option> has no box of its own: its <select> is what shows.
    const shown = (selector: string) => [...document.querySelectorAll(selector)].some((element) => (element.closest('select') ?? element).checkVisibility({ visibilityProperty: true }));
    const ready = (selectors: string[]) => selectors.every(shown);
    for (const selectors of stages) if (ready(selectors)) throw new Error(`already showing ${selectors.join(' + ')} before the click`);
    const started = { at: 0 };
    const painted = stages.map((selectors) => new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`not shown within ${timeoutMs} ms: ${selectors.filter((selector) => !shown(selector)).join(', ')}`));
      }, timeoutMs);
      const observer = new MutationObserver(() => {
        if (!ready(selectors)) return;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started.at)));
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    }));
    const button = document.querySelector<HTMLElement>(clickSelector);
    if (!button) throw new Error(`nothing to click at ${clickSelector}`);
    started.at = performance.now();
    button.click();
    return Promise.all(painted);
  }, { clickSelector, stages, timeoutMs });
}

interface IpcTally {
  __benchIpcMs: number;
  /** The latest call's time, by channel (\`samples.saveConverted\`). */
  __benchIpcLast: Record<string, number>;
  __benchIpcInFlight: number;
  __benchIpcStarted: number;
}

/** Wraps every `window.timbre` call to keep the tally (run in the page, as an init script too). */
const TRACK_IPC = `(() => {
  const tally = window;
  tally.__benchIpcMs = 0;
  tally.__benchIpcInFlight = 0;
  tally.__benchIpcStarted = 0;
  tally.__benchIpcLast = {};
  for (const [name, group] of Object.entries(window.timbre ?? {})) {
    if (typeof group !== 'object' || group === null) continue;
    for (const [method, call] of Object.entries(group)) {
      if (typeof call !== 'function') continue;
      group[method] = async (input) => {
        const started = performance.now();
        tally.__benchIpcInFlight++;
        tally.__benchIpcStarted++;
        try {
          return await call(input);
        } finally {
          tally.__benchIpcInFlight--;
          tally.__benchIpcMs += performance.now() - started;
          tally.__benchIpcLast[name + '.' + method] = performance.now() - started;
        }
      };
    }
  }
})();`;

/**
 * Times every `window.timbre` call in the page (the harness's Playwright bridge plus main's own
 * work), so a figure can say how much of it was IPC through the test bridge, which Electron's
 * structured-clone IPC does more cheaply. Read and reset with `takeIpcMs`. Also installed for
 * later navigations of the context (after the harness's bridge, which is registered first).
 */
export async function trackIpc(page: Page): Promise<void> {
  await page.context().addInitScript({ content: TRACK_IPC });
  await page.evaluate(TRACK_IPC);
}

/**
 * Resolves once the app has settled after launch: no call to main in flight, and two idle periods
 * in a row in which none started (what the page does in idle time, such as fetching the screen a
 * user is likely to open next, is done). Needs `trackIpc`.
 */
export function settled(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const tally = window as unknown as IpcTally;
    const idle = () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 1000 }));
    for (let quiet = 0; quiet < 2;) {
      const started = tally.__benchIpcStarted;
      await idle();
      await new Promise((resolve) => setTimeout(resolve, 50));
      quiet = tally.__benchIpcInFlight === 0 && tally.__benchIpcStarted === started ? quiet + 1 : 0;
    }
  });
}

/** How long the latest call on `channel` took, seen from the page. Needs `trackIpc`. */
export function lastIpcMs(page: Page, channel: string): Promise<number> {
  return page.evaluate((channel) => (window as unknown as IpcTally).__benchIpcLast[channel] ?? Number.NaN, channel);
}

export function takeIpcMs(page: Page): Promise<number> {
  return page.evaluate(() => {
    const tally = window as unknown as IpcTally;
    const ms = tally.__benchIpcMs;
    tally.__benchIpcMs = 0;
    return ms;
  });
}

/**
 * Swaps the harness bridge's transport for one JSON string each way. Playwright serialises a
 * binding's arguments and results object by object, which takes seconds for the 7 MB that
 * `library.list` returns with 10,000 voices and would time Playwright, not Timbre; a string costs
 * about what Electron's structured-clone IPC does (JSON.stringify + JSON.parse of 10,000 voices
 * ≈ structuredClone of them). Calls still go through the same router and the same page bridge.
 * Must run before the calls it should carry (before navigation for a page's boot).
 */
export async function useJsonTransport(page: Page, router: Router): Promise<BridgeBytes> {
  let bytes = 0;
  await page.context().exposeBinding('__benchInvoke', async (_source, channel: string, input: string) => {
    const answer = JSON.stringify(encodeForBridge(await router.invoke(channel, decodeFromBridge(JSON.parse(input)[0]))));
    bytes += Buffer.byteLength(answer);
    return answer;
  });
  // The input travels in an array so that "no input" stays undefined (JSON has no undefined).
  const install = `(() => {
    window.__timbreInvoke = async (channel, input) =>
      JSON.parse(await window.__benchInvoke(channel, JSON.stringify(input === undefined ? [] : [input])));
  })();`;
  await page.context().addInitScript({ content: install });
  await page.evaluate(install);
  return {
    take() {
      const taken = bytes;
      bytes = 0;
      return taken;
    },
  };
}

/** Bytes of the answers main sent the page through the JSON transport (UTF-8 JSON, what IPC would carry). */
export interface BridgeBytes {
  /** Bytes since the last call. */
  take(): number;
}
