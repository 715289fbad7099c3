/**
 * The API key must never leave the main process except towards DashScope. A recognisable fake
 * key goes through every path that touches it (settings, test connection, enrollment through the
 * outbox, sync, export, the DashScope client directly, error answers); then every IPC answer and pushed
 * event, the renderer's DOM and storage, and every file in the data folder are searched for it.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDataUrl } from '../../electron/main/dashscope/client';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { ENGLISH_SCRIPT, speechWav } from '../support/audio-fixtures';
import { encodeForBridge } from './bridge/codec';
import { launchTimbre, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

// No "sk-" prefix: the logger's generic sk- pattern must not be what keeps the key out of the log.
const canary = (label: string) => `CANARY-${label}-${randomBytes(12).toString('hex')}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const isZip = (bytes: Uint8Array) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Bytes as searchable text; a zip (an export) is searched entry by entry, since deflate hides its contents. */
function bytesAsText(bytes: Uint8Array): string {
  if (isZip(bytes)) {
    return Object.entries(unzipSync(bytes)).map(([name, entry]) => `${name}\n${Buffer.from(entry).toString('latin1')}`).join('\n');
  }
  return Buffer.from(bytes).toString('latin1');
}

/** The forms a leaked key could take in text or bytes. */
function leakForms(key: string): string[] {
  return [key, Buffer.from(key, 'utf16le').toString('latin1'), Buffer.from(key).toString('base64'), encodeURIComponent(key)];
}

function findLeaks(key: string, places: Record<string, string>): string[] {
  const forms = leakForms(key);
  return Object.entries(places).filter(([, text]) => forms.some((form) => text.includes(form))).map(([place]) => place);
}

/** Everything the renderer ever got, and everything it holds, and every file Timbre wrote. */
async function everywhere(session: TimbreSession): Promise<Record<string, string>> {
  const places: Record<string, string> = {};
  session.ipcTraffic.forEach(({ channel, kind, payload }, index) => {
    places[`ipc #${index} ${kind} ${channel}`] = JSON.stringify(payload, (_key, value: unknown) =>
      value instanceof Uint8Array ? bytesAsText(value) : value);
  });
  places['renderer DOM'] = await session.page.content();
  places['renderer storage'] = await session.page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  places['renderer form values'] = await session.page.evaluate(() =>
    [...document.querySelectorAll('input, textarea')].map((field) => (field as HTMLInputElement).value).join('\n'));
  for (const file of filesUnder(session.userDataDir)) places[`file ${file.slice(session.userDataDir.length + 1)}`] = bytesAsText(readFileSync(file));
  return places;
}

describe('canary key: the API key appears nowhere but the keychain and the requests to DashScope', () => {
  let beijing: MockDashScope;
  let intl: MockDashScope;
  const keys = { 'cn-beijing': canary('CN'), 'ap-southeast-1': canary('INTL') };
  const sessions: TimbreSession[] = [];

  beforeAll(async () => {
    [beijing, intl] = await Promise.all([
      startMockDashScope({ region: 'cn-beijing', keys }),
      startMockDashScope({ region: 'ap-southeast-1', keys }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await Promise.all([beijing.close(), intl.close()]);
  });

  const launch = async (options: Parameters<typeof launchTimbre>[0] = {}) => {
    const session = await launchTimbre({
      recordIpc: true, dashscopeBaseUrls: { 'cn-beijing': beijing.baseUrl, 'ap-southeast-1': intl.baseUrl }, ...options,
    });
    sessions.push(session);
    return session;
  };

  /** A call through the page's bridge, so its answer is recorded like any renderer call. */
  const call = (session: TimbreSession, channel: string, input?: unknown) =>
    session.page.evaluate(([name, data]) => window.__timbreInvoke(name, data), [channel, encodeForBridge(input)] as const);

  it('a key saved in Settings and used for every DashScope call leaks nowhere', async () => {
    const key = keys['cn-beijing'];
    const session = await launch();
    const { page } = session;

    // Settings: type, reveal, test (good, then refused), save, remove, paste from the clipboard.
    await page.getByTestId(TEST_IDS.navSettings).click();
    await page.getByTestId(TEST_IDS.settingsApiKey).fill(key);
    await page.getByTestId(TEST_IDS.settingsShowKey).click();
    await page.getByTestId(TEST_IDS.settingsTestConnection).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.settingsTestResult).getAttribute('data-verdict')).toBe('ok');
    await page.getByTestId(TEST_IDS.settingsSave).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.settingsKeyStatus).getAttribute('data-has-key')).toBe('true');
    // The key of the other region, typed here: refused in Beijing, recognised in Singapore.
    await page.getByTestId(TEST_IDS.settingsApiKey).fill(keys['ap-southeast-1']);
    await page.getByTestId(TEST_IDS.settingsTestConnection).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.settingsTestResult).getAttribute('data-verdict')).toBe('wrong-region');
    await page.getByTestId(TEST_IDS.settingsApiKey).fill('');
    // Refused in Beijing (injected), and the key is not Singapore's either.
    beijing.inject({ kind: 'error', status: 401, code: 'InvalidApiKey', message: 'Invalid API-key provided.', match: 'list' });
    await page.getByTestId(TEST_IDS.settingsTestConnection).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.settingsTestResult).getAttribute('data-verdict')).toBe('invalid-key');
    await page.getByTestId(TEST_IDS.settingsKeyRemove).click();
    await page.getByTestId(TEST_IDS.settingsKeyRemoveConfirm).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.settingsKeyStatus).getAttribute('data-has-key')).toBe('false');
    session.clipboard.text = key;
    await page.getByTestId(TEST_IDS.settingsPasteKey).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.settingsKeyStatus).getAttribute('data-has-key')).toBe('true');
    expect(await call(session, 'keys.status', { region: 'cn-beijing' })).toMatchObject({ ok: true, value: { hasKey: true } });

    // A sample through the bridge, then the client every feature uses (enrollment, sync, delete), including a failure.
    const wav = new Uint8Array(readFileSync(speechWav({ text: ENGLISH_SCRIPT, sampleRate: 24_000 })));
    const imported = await call(session, 'samples.import', { bytes: wav, name: 'canary.wav', mime: 'audio/wav', language: 'en', transcript: ENGLISH_SCRIPT });
    expect(imported).toMatchObject({ ok: true });
    const sampleId = (imported as { value: { id: string } }).value.id;
    expect(await call(session, 'samples.saveConverted', {
      id: sampleId, original: { durationSeconds: 7, sampleRate: 24_000, channels: 1 }, trim: null, checks: [], wav,
    })).toMatchObject({ ok: true });

    // Enrollment through the app's own channels: the outbox sends it with the key from the keychain.
    expect(await call(session, 'enroll.start', {
      sampleId, displayName: 'Canary', preferredName: 'canary_app', targetModels: ['qwen3-tts-vc-2026-01-22'],
      language: 'en', transcript: ENGLISH_SCRIPT, consent: true,
    })).toMatchObject({ ok: true });
    await expect.poll(async () => {
      const library = await call(session, 'library.list') as { ok: boolean; value?: { voices: Array<{ status: string }> } };
      return library.value?.voices.map((voice) => voice.status);
    }, { timeout: 20_000 }).toEqual(['ready']);
    expect(await call(session, 'library.sync')).toMatchObject({ ok: true });
    expect(await call(session, 'catalog.export', {})).toMatchObject({ ok: true, value: { voices: 1, samples: 1 } });

    const { dashscope } = session.core.services;
    const created = await dashscope.create({
      preferredName: 'canary', targetModel: 'qwen3-tts-vc-2026-01-22', audio: { dataUrl: toDataUrl(wav, 'audio/wav') }, language: 'en', text: ENGLISH_SCRIPT,
    });
    expect((await dashscope.list()).map((voice) => voice.voice)).toContain(created.voice);
    beijing.inject({ kind: 'error', status: 401, code: 'InvalidApiKey', message: 'Invalid API-key provided.', match: 'delete' });
    await expect(dashscope.delete(created.voice)).rejects.toMatchObject({ code: 'dashscope.invalid_key' });
    await dashscope.delete(created.voice);

    // The key was really used: it is in the keychain and DashScope got it on every request.
    expect(await session.core.services.apiKeys.get('cn-beijing')).toBe(key);
    expect(beijing.requests.filter((request) => request.authorized).length).toBeGreaterThanOrEqual(6);
    const log = readFileSync(join(session.userDataDir, 'logs', 'main.log'), 'utf8');
    expect(beijing.requests.some((request) => request.authorized && (request.body as { input?: { preferred_name?: string } }).input?.preferred_name === 'canary_app')).toBe(true);
    expect(log).toMatch(/dashscope create/);
    expect(log).toMatch(/api key saved/);

    const places = await everywhere(session);
    expect(Object.keys(places).some((place) => place.startsWith('file ') && place.includes('preferences'))).toBe(true);
    expect(session.ipcTraffic.length).toBeGreaterThan(10);
    expect(findLeaks(key, places)).toEqual([]);
    expect(findLeaks(keys['ap-southeast-1'], places)).toEqual([]);
  });

  it('DASHSCOPE_API_KEY and a session-only key (no keychain) leak nowhere either', async () => {
    const envKey = keys['ap-southeast-1'];
    const withEnv = await launch({ envApiKey: envKey });
    await withEnv.page.getByTestId(TEST_IDS.navSettings).click();
    await withEnv.page.getByTestId(TEST_IDS.settingsRegion).selectOption('ap-southeast-1');
    await expect.poll(() => withEnv.page.getByTestId(TEST_IDS.settingsKeyStatus).getAttribute('data-source')).toBe('env');
    await withEnv.page.getByTestId(TEST_IDS.settingsTestConnection).click();
    await expect.poll(() => withEnv.page.getByTestId(TEST_IDS.settingsTestResult).getAttribute('data-verdict')).toBe('ok');
    await withEnv.page.getByTestId(TEST_IDS.settingsSave).click();
    await expect.poll(() => withEnv.core.services.preferences.get().region).toBe('ap-southeast-1');
    await withEnv.core.services.dashscope.list();
    expect(intl.requests.at(-1)?.authorized).toBe(true);
    expect(findLeaks(envKey, await everywhere(withEnv))).toEqual([]);

    const sessionKey = keys['cn-beijing'];
    const noKeychain = await launch({ noKeychain: true });
    await noKeychain.page.getByTestId(TEST_IDS.navSettings).click();
    await noKeychain.page.getByTestId(TEST_IDS.settingsKeychainWarning).waitFor();
    await noKeychain.page.getByTestId(TEST_IDS.settingsApiKey).fill(sessionKey);
    await noKeychain.page.getByTestId(TEST_IDS.settingsSave).click();
    await expect.poll(() => noKeychain.page.getByTestId(TEST_IDS.settingsKeyStatus).getAttribute('data-source')).toBe('session');
    await noKeychain.page.getByTestId(TEST_IDS.settingsTestConnection).click();
    await expect.poll(() => noKeychain.page.getByTestId(TEST_IDS.settingsTestResult).getAttribute('data-verdict')).toBe('ok');
    await noKeychain.core.services.dashscope.list();
    expect(beijing.requests.at(-1)?.authorized).toBe(true);
    expect(findLeaks(sessionKey, await everywhere(noKeychain))).toEqual([]);
  });
});
