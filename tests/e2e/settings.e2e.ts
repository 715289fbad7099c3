import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import enErrors from '../../renderer/src/i18n/locales/en/errors.json';
import zhErrors from '../../renderer/src/i18n/locales/zh-CN/errors.json';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { launchTimbre, type LaunchOptions, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const KEYS = { 'cn-beijing': 'sk-e2e-beijing-6f1c2d3e4a5b6c7d8e9f0a1b', 'ap-southeast-1': 'sk-e2e-intl-0a9b8c7d6e5f4a3b2c1d0e9f8g7h' };

/** An https server whose certificate no authority vouches for, as a captive portal or an inspecting proxy presents. */
async function startUntrustedHttps() {
  const dir = mkdtempSync(join(tmpdir(), 'timbre-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_request, response) => {
      response.end('{}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return {
      baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
      close: () => new Promise((done) => server.close(done)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Settings: API key, region and preferences', () => {
  let beijing: MockDashScope;
  let intl: MockDashScope;
  const sessions: TimbreSession[] = [];

  beforeAll(async () => {
    [beijing, intl] = await Promise.all([
      startMockDashScope({ region: 'cn-beijing', keys: KEYS }),
      startMockDashScope({ region: 'ap-southeast-1', keys: KEYS }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await Promise.all([beijing.close(), intl.close()]);
  });
  beforeEach(async () => {
    await Promise.all([beijing.setReachable(true), intl.setReachable(true)]);
  });

  async function openSettings(options: LaunchOptions = {}) {
    const app = await launchTimbre({ dashscopeBaseUrls: { 'cn-beijing': beijing.baseUrl, 'ap-southeast-1': intl.baseUrl }, ...options });
    sessions.push(app);
    await app.page.getByTestId(TEST_IDS.navSettings).click();
    await app.page.getByTestId(TEST_IDS.settingsKeyStatus).waitFor();
    return app;
  }

  const keyStatus = (page: Page) => page.getByTestId(TEST_IDS.settingsKeyStatus);
  const verdict = (page: Page) => page.getByTestId(TEST_IDS.settingsTestResult);

  async function testConnection(page: Page, expected: string) {
    await page.getByTestId(TEST_IDS.settingsTestConnection).click();
    await expect.poll(() => verdict(page).getAttribute('data-verdict')).toBe(expected);
    return verdict(page).innerText();
  }

  it('saves a key, tests it (good, wrong key, wrong region, server down), and removes it', async () => {
    const app = await openSettings();
    const { page } = app;
    await expect.poll(() => keyStatus(page).getAttribute('data-has-key')).toBe('false');
    expect(await page.getByTestId(TEST_IDS.settingsTestConnection).isDisabled()).toBe(true);

    // Save: the key goes to the secret store, the screen shows only its last four characters.
    const input = page.getByTestId(TEST_IDS.settingsApiKey);
    await input.fill(KEYS['cn-beijing']);
    expect(await input.getAttribute('type')).toBe('password');
    await page.getByTestId(TEST_IDS.settingsShowKey).click();
    expect(await input.getAttribute('type')).toBe('text');
    await page.getByTestId(TEST_IDS.settingsSave).click();
    await expect.poll(() => keyStatus(page).getAttribute('data-has-key')).toBe('true');
    expect(await keyStatus(page).innerText()).toContain('•••• 0a1b');
    expect(await input.inputValue()).toBe('');
    expect(await app.core.services.apiKeys.get('cn-beijing')).toBe(KEYS['cn-beijing']);
    expect(await page.content()).not.toContain(KEYS['cn-beijing']);

    // Good key (the stored one).
    beijing.addVoice({ preferredName: 'narrator', targetModel: 'qwen3-tts-vc-2026-01-22' });
    expect(await testConnection(page, 'ok')).toMatch(/It works[\s\S]*China \(Beijing\)[\s\S]*1 cloned voice/);

    // A mistyped key is tested before it is saved, and refused.
    await input.fill('sk-e2e-mistyped-00000000000000000000');
    expect(await testConnection(page, 'invalid-key')).toContain('Wrong key');

    // A Singapore key in Beijing: the verdict names its region and offers to switch.
    await input.fill(KEYS['ap-southeast-1']);
    expect(await testConnection(page, 'wrong-region')).toContain('This key belongs to International (Singapore)');
    await page.getByTestId(TEST_IDS.settingsSwitchRegion).click();
    expect(await page.getByTestId(TEST_IDS.settingsRegion).inputValue()).toBe('ap-southeast-1');
    await page.getByTestId(TEST_IDS.settingsSave).click();
    await expect.poll(() => keyStatus(page).innerText()).toContain('•••• 8g7h');
    expect(app.core.services.preferences.get().region).toBe('ap-southeast-1');
    expect(await app.core.services.apiKeys.get('ap-southeast-1')).toBe(KEYS['ap-southeast-1']);
    expect(await testConnection(page, 'ok')).toContain('International (Singapore)');

    // Server down.
    await intl.setReachable(false);
    expect(await testConnection(page, 'offline')).toContain('DashScope cannot be reached');
    await intl.setReachable(true);

    // Survives a restart (keychain, or the harness's stand-in when no Secret Service runs here).
    const restarted = await app.restart();
    await restarted.getByTestId(TEST_IDS.navSettings).click();
    await expect.poll(() => keyStatus(restarted).innerText()).toContain('•••• 8g7h');

    // Remove, after confirming.
    await restarted.getByTestId(TEST_IDS.settingsKeyRemove).click();
    await restarted.getByTestId(TEST_IDS.settingsKeyRemoveConfirm).click();
    await expect.poll(() => keyStatus(restarted).getAttribute('data-has-key')).toBe('false');
    expect(await app.core.services.apiKeys.get('ap-southeast-1')).toBeNull();
    // The Beijing key is untouched.
    expect(await app.core.services.apiKeys.get('cn-beijing')).toBe(KEYS['cn-beijing']);
  });

  it('service not activated and other errors get their own verdicts', async () => {
    const { page } = await openSettings({ apiKey: KEYS['cn-beijing'] });
    await expect.poll(() => keyStatus(page).getAttribute('data-has-key')).toBe('true');
    beijing.inject({ kind: 'error', status: 403, code: 'AccessDenied.Unpurchased', message: 'Access to model denied.', match: 'list' });
    expect(await testConnection(page, 'not-activated')).toContain('Service not activated');
    beijing.inject({ kind: 'error', status: 400, code: 'Arrearage', message: 'Access denied, please make sure your account is in good standing.', match: 'list' });
    expect(await testConnection(page, 'error')).toContain('overdue payment');
  });

  it('a certificate or proxy failure is explained in plain words, in English and in Chinese', async () => {
    const untrusted = await startUntrustedHttps();
    try {
      for (const [locale, messages] of [['en-US', enErrors], ['zh-CN', zhErrors]] as const) {
        const app = await openSettings({ locale, apiKey: KEYS['cn-beijing'], dashscopeBaseUrls: { 'cn-beijing': untrusted.baseUrl } });
        await expect.poll(() => keyStatus(app.page).getAttribute('data-has-key')).toBe('true');
        const certificate = await testConnection(app.page, 'error');
        expect(certificate).toContain(messages['network.tls']);

        // The system proxy goes down while the OS still says online.
        app.network.breakWith('net::ERR_PROXY_CONNECTION_FAILED');
        await app.page.getByTestId(TEST_IDS.settingsTestConnection).click();
        await expect.poll(() => verdict(app.page).innerText()).toContain(messages['network.proxy']);
        const proxy = await verdict(app.page).innerText();
        expect(await verdict(app.page).getAttribute('data-verdict')).toBe('error');
        for (const text of [certificate, proxy]) expect(text).not.toMatch(/net::|ERR_/);
      }
    } finally {
      await untrusted.close();
    }
  });

  it('a custom base URL is validated, tested with the typed key and saved', async () => {
    const app = await openSettings();
    const { page } = app;
    // A developer's setting: behind Advanced.
    expect(await page.getByTestId(TEST_IDS.settingsCustomEndpoint).isVisible()).toBe(false);
    await page.getByTestId(TEST_IDS.settingsAdvanced).locator('summary').click();
    await page.getByTestId(TEST_IDS.settingsCustomEndpoint).check();
    const url = page.getByTestId(TEST_IDS.settingsBaseUrl);
    await url.fill('http://example.com/api/v1');
    await page.getByTestId(TEST_IDS.settingsApiKey).fill(KEYS['ap-southeast-1']);
    expect(await page.getByTestId(TEST_IDS.settingsSave).isDisabled()).toBe(true);
    expect(await page.getByText('Enter an https:// address').count()).toBe(1);

    await url.fill(intl.baseUrl);
    await testConnection(page, 'ok');
    await page.getByTestId(TEST_IDS.settingsSave).click();
    await expect.poll(() => keyStatus(page).getAttribute('data-has-key')).toBe('true');
    expect(app.core.services.preferences.get()).toMatchObject({ region: 'custom', customBaseUrl: intl.baseUrl });
    expect(await app.core.services.apiKeys.get('custom')).toBe(KEYS['ap-southeast-1']);
    // The composed client now talks to the custom address with the custom key.
    expect(await app.core.services.dashscope.listPage(0, 1)).toMatchObject({ pageIndex: 0 });
  });

  it('without a keychain: says so with a fix, and keeps the key for this session only', async () => {
    const { page, core } = await openSettings({ noKeychain: true });
    const warning = page.getByTestId(TEST_IDS.settingsKeychainWarning);
    await warning.waitFor();
    expect(await warning.innerText()).toMatch(/The system keyring is not available[\s\S]*gnome-keyring[\s\S]*libsecret/);
    expect(await page.getByTestId(TEST_IDS.settingsSave).innerText()).toBe('Save for this session');
    await page.getByTestId(TEST_IDS.settingsApiKey).fill(KEYS['cn-beijing']);
    await page.getByTestId(TEST_IDS.settingsSave).click();
    await expect.poll(() => keyStatus(page).getAttribute('data-source')).toBe('session');
    expect(await keyStatus(page).innerText()).toContain('This session only');
    expect(await core.services.apiKeys.get('cn-beijing')).toBe(KEYS['cn-beijing']);
    await testConnection(page, 'ok');
  });

  it('pastes the key from the clipboard in main, so the page never holds it', async () => {
    const app = await openSettings();
    const { page, core } = app;
    const paste = page.getByTestId(TEST_IDS.settingsPasteKey);

    app.clipboard.text = 'Dear team, the key is in the attachment.';
    await paste.click();
    await expect.poll(() => page.getByTestId(TEST_IDS.toast).last().innerText()).toContain('does not hold an API key');
    expect(await core.services.apiKeys.get('cn-beijing')).toBeNull();

    app.clipboard.text = `  ${KEYS['cn-beijing']}\n`;
    await paste.click();
    await expect.poll(() => keyStatus(page).getAttribute('data-source')).toBe('keychain');
    expect(await keyStatus(page).innerText()).toContain('•••• 0a1b');
    expect(await core.services.apiKeys.get('cn-beijing')).toBe(KEYS['cn-beijing']);
    expect(await page.getByTestId(TEST_IDS.settingsApiKey).inputValue()).toBe('');
    await testConnection(page, 'ok');
  });

  it('offers DASHSCOPE_API_KEY from the environment, shown as such', async () => {
    const { page } = await openSettings({ envApiKey: KEYS['cn-beijing'] });
    await expect.poll(() => keyStatus(page).getAttribute('data-source')).toBe('env');
    expect(await keyStatus(page).innerText()).toMatch(/•••• 0a1b[\s\S]*From DASHSCOPE_API_KEY/);
    await testConnection(page, 'ok');
  });

  it('preferences apply at once: model, sample language, interface language, theme, data folder, version', async () => {
    const app = await openSettings();
    const { page } = app;
    await page.getByTestId(TEST_IDS.settingsDefaultModel).locator('input[value="qwen3-tts-vc-realtime-2026-01-15"]').click();
    await page.getByTestId(TEST_IDS.settingsSampleLanguage).selectOption('en');
    await page.getByTestId(TEST_IDS.settingsTheme).locator('input[value="dark"]').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => app.core.services.preferences.get()).toMatchObject({
      defaultTargetModel: 'qwen3-tts-vc-realtime-2026-01-15', defaultSampleLanguage: 'en', theme: 'dark',
    });

    await page.getByTestId(TEST_IDS.settingsUiLanguage).selectOption('zh-CN');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('设置');
    expect(await page.getByTestId(TEST_IDS.settingsSampleLanguage).locator('option:checked').innerText()).toBe('English（英语）');

    expect(await page.getByTestId(TEST_IDS.settingsDataDir).innerText()).toBe(app.userDataDir);
    await page.getByTestId(TEST_IDS.settingsOpenDataFolder).click();
    await expect.poll(() => app.openedPaths).toEqual([app.userDataDir]);
    const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(await page.getByTestId(TEST_IDS.settingsVersion).innerText()).toBe(`Timbre ${version}`);
  });

  it('renders Settings in both languages and themes for the screenshots', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { page } = await openSettings({ locale, colorScheme, apiKey: KEYS['cn-beijing'] });
        await expect.poll(() => keyStatus(page).getAttribute('data-has-key')).toBe('true');
        await testConnection(page, 'ok');
        await page.setViewportSize({ width: 1280, height: 1900 });
        await page.screenshot({ path: join(SCREENSHOTS, `settings-${locale}-${colorScheme}.png`) });
      }
    }
  });
});
