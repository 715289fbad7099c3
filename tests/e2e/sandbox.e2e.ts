/**
 * Chromium without its sandbox (electron-builder's AppImage launcher adds `--no-sandbox` by itself
 * where the system restricts user namespaces, as Ubuntu 24.04 does): Timbre says so on every
 * screen, in the user's language, and points to the .deb, which starts sandboxed.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchTimbre, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

const LOOKS = process.env.TIMBRE_LOOKS_DIR;
let session: TimbreSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

describe('running without the sandbox', () => {
  for (const { locale, title, deb } of [
    { locale: 'en-US', title: "Running without Chromium's sandbox", deb: 'Install Timbre from the .deb package instead' },
    { locale: 'zh-CN', title: '正在无 Chromium 沙箱运行', deb: '请改用 .deb 安装包安装 Timbre' },
  ]) {
    it(`says so on every screen and names the way out (${locale})`, async () => {
      session = await launchTimbre({ unsandboxed: true, locale });
      const { page } = session;
      const banner = page.getByTestId(TEST_IDS.sandboxBanner);
      await banner.waitFor();
      expect(await banner.innerText()).toContain(title);
      expect(await banner.innerText()).toContain(deb);
      await page.getByTestId(TEST_IDS.navLibrary).click();
      expect(await page.getByTestId(TEST_IDS.sandboxBanner).count()).toBe(1);
      if (LOOKS) {
        mkdirSync(LOOKS, { recursive: true });
        for (const size of [{ width: 1280, height: 820 }, { width: 900, height: 600 }]) {
          await page.setViewportSize(size);
          await page.screenshot({ path: resolve(join(LOOKS, `sandbox-${locale}-${size.width}.png`)) });
        }
      }
    });
  }

  it('shows nothing of the kind when the sandbox is on', async () => {
    session = await launchTimbre();
    await session.page.getByTestId(TEST_IDS.navRecord).waitFor();
    expect(await session.page.getByTestId(TEST_IDS.sandboxBanner).count()).toBe(0);
  });
});
