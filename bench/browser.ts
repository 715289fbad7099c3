/**
 * In-page timing for the Chromium figures. Times are taken inside the page with
 * `performance.now()`, so Playwright's own round trips never count.
 *
 * "Painted" is the usual approximation: the first `requestAnimationFrame` after the DOM holds the
 * result, then a task, which runs once that frame has been produced.
 */
import type { Page } from 'playwright-core';

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

/** Installed before navigation: records in `window.__benchPaintedAt` when `selector` first paints (ms since navigation start). */
export function paintedAtScript(selector: string): string {
  return `(() => {
    const found = () => document.querySelector(${JSON.stringify(selector)}) !== null;
    const observer = new MutationObserver(() => {
      if (!found()) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__benchPaintedAt = performance.now(); }));
    });
    observer.observe(document, { childList: true, subtree: true });
  })();`;
}

/**
 * Clicks `clickSelector` in the page and resolves with the ms until every one of `readySelectors`
 * matches and that state is painted. None of them may match all together before the click.
 */
export function clickUntilPainted(page: Page, clickSelector: string, readySelectors: string[], timeoutMs = 30_000): Promise<number> {
  return page.evaluate(async ({ clickSelector, readySelectors, timeoutMs }) => {
    const ready = () => readySelectors.every((selector) => document.querySelector(selector) !== null);
    if (ready()) throw new Error(`already showing ${readySelectors.join(' + ')} before the click`);
    const painted = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`not shown within ${timeoutMs} ms: ${readySelectors.filter((selector) => !document.querySelector(selector)).join(', ')}`));
      }, timeoutMs);
      const observer = new MutationObserver(() => {
        if (!ready()) return;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    const button = document.querySelector<HTMLElement>(clickSelector);
    if (!button) throw new Error(`nothing to click at ${clickSelector}`);
    const started = performance.now();
    button.click();
    return (await painted) - started;
  }, { clickSelector, readySelectors, timeoutMs });
}
