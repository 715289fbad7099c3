import type { Page } from 'playwright-core';

/**
 * Interpolation placeholders (`{{name}}`) left in what the user sees or hears: the page's text and
 * the attributes screen readers and tooltips read. i18next leaves them when a value is missing.
 */
export function leftoverPlaceholders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const pattern = /\{\{[^}]*\}\}/;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (pattern.test(node.textContent ?? '')) found.push(`text: ${node.textContent!.trim()}`);
    }
    for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [aria-valuetext]')) {
      for (const name of ['aria-label', 'title', 'placeholder', 'aria-valuetext']) {
        const value = element.getAttribute(name);
        if (value && pattern.test(value)) found.push(`${name}: ${value}`);
      }
    }
    if (pattern.test(document.title)) found.push(`title: ${document.title}`);
    return found;
  });
}
