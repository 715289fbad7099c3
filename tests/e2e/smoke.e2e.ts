import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchTimbre, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');

describe('app shell', () => {
  const sessions: TimbreSession[] = [];
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
  });

  it('boots in English, navigates every screen and round-trips IPC through the bridge', async () => {
    const app = await launchTimbre({ locale: 'en-US' });
    sessions.push(app);
    const { page } = app;
    await expect.poll(() => page.getByTestId(TEST_IDS.navLibrary).innerText()).toBe('Library');
    for (const [nav, title] of [
      [TEST_IDS.navLibrary, 'Your voices'],
      [TEST_IDS.navTry, 'Try a voice'],
      [TEST_IDS.navSettings, 'Settings'],
      [TEST_IDS.navRecord, 'Record a sample'],
    ]) {
      await page.getByTestId(nav).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(title);
      await expect.poll(() => page.getByTestId(nav).getAttribute('aria-current')).toBe('page');
      // The new screen's heading has focus, so keyboard and screen-reader users start there.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(title);
    }
    const info = await page.evaluate(() => window.timbre.app.info());
    expect(info).toMatchObject({ ok: true, value: { name: 'Timbre', dataDir: app.userDataDir, systemLocale: 'en-US' } });
  });

  it('boots in Chinese when the system locale is zh-CN', async () => {
    const app = await launchTimbre({ locale: 'zh-CN' });
    sessions.push(app);
    await expect.poll(() => app.page.getByTestId(TEST_IDS.navLibrary).innerText()).toBe('音色库');
    await expect.poll(() => app.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('refuses malformed input with a typed validation error, and a preference persists over restart', async () => {
    const app = await launchTimbre();
    sessions.push(app);
    const bad = await app.page.evaluate(() => window.timbre.settings.update({ theme: 'purple' } as never));
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

    const good = await app.page.evaluate(() => window.timbre.settings.update({ theme: 'dark' }));
    expect(good).toMatchObject({ ok: true, value: { theme: 'dark' } });
    await expect.poll(() => app.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

    const page = await app.restart();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  });

  it('renders the shell in both languages and themes for the screenshots', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const app = await launchTimbre({ locale, colorScheme });
        sessions.push(app);
        await app.page.getByTestId(TEST_IDS.navRecord).waitFor();
        await app.page.screenshot({ path: join(SCREENSHOTS, `shell-${locale}-${colorScheme}.png`) });
      }
    }
  });
});
