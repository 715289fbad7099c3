import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { VoiceRecord } from '../../shared/catalog';
import type { TargetModel } from '../../shared/models';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';
import { ENGLISH_SCRIPT, speechWav } from '../support/audio-fixtures';
import { addSampleWithAudio, makeVoice } from '../support/catalog-fixtures';
import { launchTimbre, type LaunchOptions, type TimbreSession } from './harness';
import { TEST_IDS } from './testids';

const SCREENSHOTS = resolve(import.meta.dirname, '../../docs/screenshots');
const HTTP_MODEL: TargetModel = 'qwen3-tts-vc-2026-01-22';
const REALTIME_MODEL: TargetModel = 'qwen3-tts-vc-realtime-2026-01-15';
const T0 = Date.UTC(2026, 0, 10, 9, 30);

const sessions: TimbreSession[] = [];
const mocks: MockDashScope[] = [];
afterAll(async () => {
  await Promise.all(sessions.map((session) => session.close()));
  await Promise.all(mocks.map((mock) => mock.close()));
});

const sampleWav = speechWav({ text: ENGLISH_SCRIPT });

/** A Timbre and its own mock account with a few voices: one person's HTTP and realtime voices, a Chinese one, a failed one. */
async function launch(options: LaunchOptions = {}) {
  const mock = await startMockDashScope({ region: 'cn-beijing' });
  mocks.push(mock);
  const app = await launchTimbre({ dashscopeBaseUrl: mock.baseUrl, envApiKey: mock.apiKey, noKeychain: true, ...options });
  sessions.push(app);
  const { catalog } = app.core.services;
  const sample = addSampleWithAudio(app.userDataDir, { id: 'sample-1', displayName: 'Morning reading', transcript: ENGLISH_SCRIPT, language: 'en', createdAt: T0 }, sampleWav);
  const zh = options.locale === 'zh-CN';
  const enrolled = (fields: Partial<VoiceRecord> & { id: string; targetModel: TargetModel; preferredName: string }) => {
    const remote = mock.addVoice({ preferredName: fields.preferredName, targetModel: fields.targetModel, language: fields.language ?? 'en' });
    return makeVoice({ ...fields, voice: remote.voice, region: 'cn-beijing' });
  };
  const voices = {
    http: enrolled({ id: 'v-http', sampleId: sample.id, targetModel: HTTP_MODEL, preferredName: 'morning', displayName: zh ? '晨读' : 'Morning voice', createdAt: T0 + 60_000, tags: ['podcast'] }),
    live: enrolled({
      id: 'v-live', sampleId: sample.id, targetModel: REALTIME_MODEL, preferredName: 'morning', displayName: zh ? '晨读（实时）' : 'Morning voice (live)',
      createdAt: T0 + 120_000, fallbackReason: 'no_merged_segments', notes: zh ? '用于直播' : 'For the live stream',
    }),
    chinese: enrolled({
      id: 'v-zh', targetModel: HTTP_MODEL, preferredName: 'xiaoming', displayName: '小明的播客声音', language: 'zh', createdAt: T0 + 180_000, tags: ['播客'], notes: '温暖',
    }),
    failed: makeVoice({
      id: 'v-failed', sampleId: sample.id, targetModel: 'qwen3-tts-vc-realtime-2025-11-27', preferredName: 'morning', displayName: zh ? '测试录音' : 'Test take',
      status: 'failed', voice: null, createdAt: T0 + 240_000,
      error: { code: 'dashscope.audio_preprocess_failed', message: 'The sample could not be used for cloning' },
    }),
  };
  catalog.batch(() => {
    catalog.putSample(sample);
    for (const voice of Object.values(voices)) catalog.putVoice(voice);
  });
  return { app, mock, voices };
}

async function openLibrary(page: Page) {
  await page.getByTestId(TEST_IDS.navLibrary).click();
  await page.getByTestId(TEST_IDS.libraryItem).first().waitFor();
}

const SAMPLE_ROW = 'sample-1';
const rowIds = (page: Page) => page.getByTestId(TEST_IDS.libraryItem).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-row-id')));
const row = (page: Page, rowId: string) => page.locator(`[data-testid="${TEST_IDS.libraryItem}"][data-row-id="${rowId}"]`);
/** The clones listed in the rows, in order (service voice id, or the local id before there is one). */
const cloneIds = (page: Page) => page.getByTestId(TEST_IDS.libraryClone).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-voice-id')));
const clone = (page: Page, voiceId: string) => page.locator(`[data-testid="${TEST_IDS.libraryClone}"][data-voice-id="${voiceId}"]`);
const toast = (page: Page, text: string | RegExp) => page.getByTestId(TEST_IDS.toast).filter({ hasText: text });

describe('Library', () => {
  it('lists one row per voice with its clones inside, searches Chinese and ids, filters, and remembers the sort', async () => {
    const { app, voices } = await launch();
    const { page } = app;
    await openLibrary(page);
    // One person's three clones are one row, named by the first; the Chinese voice has no local sample.
    expect(await rowIds(page)).toEqual([`voice:${voices.chinese.id}`, SAMPLE_ROW]);
    expect(await cloneIds(page)).toEqual([voices.chinese.voice, voices.http.voice, voices.live.voice, voices.failed.id]);
    expect(await clone(page, voices.failed.id).getAttribute('data-status')).toBe('failed');
    const person = await row(page, SAMPLE_ROW).innerText();
    expect(person).toContain('Morning voice');
    expect(person).toContain('Morning reading');
    expect(person).toContain('Apps that speak as they generate');
    expect(person).toMatch(/\d+(\.\d)?s/); // the sample's duration
    expect(await clone(page, voices.live.voice!).getByLabel('Quality warning').count()).toBe(1);
    // Try from the row: ready clones only.
    expect(await clone(page, voices.failed.id).getByTestId(TEST_IDS.libraryCloneTry).count()).toBe(0);

    const search = page.getByTestId(TEST_IDS.librarySearch);
    await search.fill('播客');
    await expect.poll(() => rowIds(page)).toEqual([`voice:${voices.chinese.id}`]);
    await search.fill(voices.http.voice!.slice(-12));
    await expect.poll(() => rowIds(page)).toEqual([SAMPLE_ROW]);
    await search.fill('live stream');
    await expect.poll(() => rowIds(page)).toEqual([SAMPLE_ROW]);
    await search.fill('nobody by that name');
    await page.getByText('No voices match your search and filters.').waitFor();
    // The field is the browser's own while typing; clearing from the button empties it too.
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    expect(await search.inputValue()).toBe('');
    await expect.poll(() => rowIds(page)).toHaveLength(2);
    await page.getByTestId(TEST_IDS.libraryFilterStatus).selectOption('failed');
    await expect.poll(() => rowIds(page)).toEqual([SAMPLE_ROW]);
    await page.getByTestId(TEST_IDS.libraryFilterStatus).selectOption('all');
    await page.getByTestId(TEST_IDS.libraryFilterTag).selectOption('播客');
    await expect.poll(() => rowIds(page)).toEqual([`voice:${voices.chinese.id}`]);
    await page.getByTestId(TEST_IDS.libraryFilterTag).selectOption('all');

    await page.getByTestId(TEST_IDS.librarySort).selectOption('name');
    await expect.poll(() => rowIds(page)).toEqual([SAMPLE_ROW, `voice:${voices.chinese.id}`]);
    await page.reload();
    await openLibrary(page);
    expect(await page.getByTestId(TEST_IDS.librarySort).inputValue()).toBe('name');
    expect(await rowIds(page)).toEqual([SAMPLE_ROW, `voice:${voices.chinese.id}`]);
  });

  it('works from the keyboard: Ctrl+F searches, arrows move between rows, Enter opens, Delete asks first', async () => {
    const { app, voices } = await launch();
    const { page } = app;
    await openLibrary(page);
    await page.keyboard.press('Control+f');
    expect(await page.getByTestId(TEST_IDS.librarySearch).evaluate((input) => input === document.activeElement)).toBe(true);

    await row(page, `voice:${voices.chinese.id}`).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-row-id'))).toBe(SAMPLE_ROW);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-row-id'))).toBe(`voice:${voices.chinese.id}`);
    await page.keyboard.press('Enter');
    expect(await page.getByTestId(TEST_IDS.voiceDetail).innerText()).toContain(voices.chinese.voice!);
    await row(page, `voice:${voices.chinese.id}`).focus();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.innerText()).toContain('Remove “小明的播客声音” from this computer?');
    // Leaving with the question open: no hidden dialog stays behind Record to take its keys (Escape);
    // back on the Library, the question is still there.
    await page.keyboard.press('Control+1');
    await page.getByTestId(TEST_IDS.recordStart).waitFor();
    expect(await page.locator('[role="alertdialog"]').count()).toBe(0);
    await page.keyboard.press('Control+3');
    expect(await dialog.innerText()).toContain('Remove “小明的播客声音” from this computer?');
    await page.getByTestId(TEST_IDS.confirmAccept).click();
    await row(page, `voice:${voices.chinese.id}`).waitFor({ state: 'detached' });
  });

  it('plays a voice’s sample from its row', async () => {
    const { app } = await launch();
    const { page } = app;
    await openLibrary(page);
    const play = row(page, SAMPLE_ROW).getByTestId(TEST_IDS.libraryPlay);
    expect(await play.getAttribute('aria-label')).toBe('Play the sample of Morning voice');
    await play.click();
    await expect.poll(() => play.getAttribute('aria-label')).toBe('Stop the sample of Morning voice');
    await play.click();
    await expect.poll(() => play.getAttribute('aria-label')).toBe('Play the sample of Morning voice');
  });

  it('shows a voice in detail: every clone with its id, the snippet of the clone opened, rename, notes and tags that persist', async () => {
    const { app, voices } = await launch();
    const { page } = app;
    await openLibrary(page);
    await clone(page, voices.live.voice!).getByRole('button', { name: 'Apps that speak as they generate', exact: true }).click();
    const detail = page.getByTestId(TEST_IDS.voiceDetail);
    expect(await detail.getByTestId(TEST_IDS.voiceClone).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-voice-id'))))
      .toEqual([voices.http.voice, voices.live.voice, voices.failed.id]);
    const live = detail.locator(`[data-testid="${TEST_IDS.voiceClone}"][data-voice-id="${voices.live.voice}"]`);
    expect(await live.innerText()).toContain(voices.live.voice!);
    await live.getByTestId(TEST_IDS.voiceCopyId).click();
    await toast(page, 'Voice ID copied.').waitFor();
    // The clone it was opened on gets the WebSocket snippet for its own model; the key stays an environment variable.
    const snippet = await page.getByTestId(TEST_IDS.voiceSnippet).innerText();
    expect(snippet).toContain(`?model=${REALTIME_MODEL}`);
    expect(snippet).toContain(`"voice":"${voices.live.voice}"`);
    expect(snippet).toContain('$DASHSCOPE_API_KEY');
    // The quality warning offers a re-recording; the failed clone can be sent again.
    expect(await live.getByTestId(TEST_IDS.voiceRerecord).isVisible()).toBe(true);
    expect(await detail.getByTestId(TEST_IDS.voiceRetry).count()).toBe(1);

    await page.getByTestId(TEST_IDS.voiceName).fill('Live show voice');
    await page.getByTestId(TEST_IDS.voiceName).press('Enter');
    await page.getByTestId(TEST_IDS.voiceNotes).fill('Used every Friday');
    await page.getByTestId(TEST_IDS.voiceTagInput).fill('直播');
    await page.getByTestId(TEST_IDS.voiceTagInput).press('Enter');
    // Name, notes and tags belong to the voice: every clone gets them.
    for (const id of [voices.http.id, voices.live.id, voices.failed.id]) {
      await expect.poll(() => app.core.services.catalog.getVoice(id)).toMatchObject({ displayName: 'Live show voice', notes: 'Used every Friday' });
    }
    await expect.poll(() => app.core.services.catalog.getVoice(voices.http.id)?.tags).toEqual(['podcast', '直播']);
    await expect.poll(() => row(page, SAMPLE_ROW).innerText()).toContain('Live show voice');

    const restarted = await app.restart();
    await openLibrary(restarted);
    await row(restarted, SAMPLE_ROW).click();
    expect(await restarted.getByTestId(TEST_IDS.voiceName).inputValue()).toBe('Live show voice');
    expect(await restarted.getByTestId(TEST_IDS.voiceNotes).inputValue()).toBe('Used every Friday');
  });

  it('opens on Record while the catalog is empty, and on the Library, rows painted, once it holds a voice', async () => {
    // launch() starts Timbre on an empty catalog and adds the voices afterwards.
    const { app } = await launch();
    expect(await app.page.getByTestId(TEST_IDS.navRecord).getAttribute('aria-current')).toBe('page');
    expect(await app.page.getByTestId(TEST_IDS.recordStart).isVisible()).toBe(true);

    const restarted = await app.restart();
    await row(restarted, SAMPLE_ROW).waitFor();
    expect(await restarted.getByTestId(TEST_IDS.navLibrary).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => restarted.title()).toMatch(/^Your voices · /);
  });

  it('removes from this computer with Undo and Recently removed, or deletes from the account after confirming', async () => {
    const { app, mock, voices } = await launch();
    const { page } = app;
    await openLibrary(page);

    await row(page, SAMPLE_ROW).click();
    await page.getByTestId(TEST_IDS.voiceDelete).click();
    await row(page, SAMPLE_ROW).waitFor({ state: 'detached' });
    expect(mock.voices.has(voices.http.voice!)).toBe(true);
    await toast(page, 'Removed 3 voices from this computer.').getByTestId(TEST_IDS.toastAction).click();
    await row(page, SAMPLE_ROW).waitFor();
    expect(await cloneIds(page)).toEqual([voices.chinese.voice, voices.http.voice, voices.live.voice, voices.failed.id]);
    // The failed clone comes back as it was; nothing else changed.
    expect(app.core.services.catalog.getVoice(voices.live.id)).toEqual(voices.live);

    // Removed again, and brought back later from "Recently removed".
    await row(page, SAMPLE_ROW).click();
    await page.getByTestId(TEST_IDS.voiceDelete).click();
    await row(page, SAMPLE_ROW).waitFor({ state: 'detached' });
    await page.getByTestId(TEST_IDS.libraryRemoved).locator('summary').click();
    await page.locator(`[data-testid="${TEST_IDS.libraryRestore}"][data-voice-id="${voices.http.id}"]`).click();
    await row(page, SAMPLE_ROW).waitFor();
    expect(await cloneIds(page)).toEqual([voices.chinese.voice, voices.http.voice]);

    await row(page, `voice:${voices.chinese.id}`).click();
    await page.getByTestId(TEST_IDS.voiceDeleteRemote).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.innerText()).toContain('cannot be undone');
    await page.getByTestId(TEST_IDS.confirmAccept).click();
    await row(page, `voice:${voices.chinese.id}`).waitFor({ state: 'detached' });
    expect(mock.voices.has(voices.chinese.voice!)).toBe(false);
    expect(mock.requests.some((request) => request.target === 'delete' && (request.body as { input: { voice: string } }).input.voice === voices.chinese.voice)).toBe(true);

    // A sync does not bring back the voices removed here only.
    await page.getByTestId(TEST_IDS.librarySync).click();
    await toast(page, 'Synced').waitFor();
    expect(await cloneIds(page)).toEqual([voices.http.voice]);
  });

  it('sync imports voices made elsewhere and marks voices the account no longer has', async () => {
    const { app, mock, voices } = await launch();
    const { page } = app;
    const elsewhere = mock.addVoice({ preferredName: 'console', targetModel: 'qwen3-tts-vc-realtime-2025-11-27', language: 'zh' });
    mock.voices.delete(voices.http.voice!);
    await openLibrary(page);
    await page.getByTestId(TEST_IDS.librarySync).click();
    await clone(page, elsewhere.voice).waitFor();
    const imported = page.getByTestId(TEST_IDS.libraryItem).filter({ has: clone(page, elsewhere.voice) });
    expect(await imported.innerText()).toContain('no local sample');
    expect(await clone(page, elsewhere.voice).getAttribute('data-status')).toBe('ready');
    await expect.poll(() => clone(page, voices.http.voice!).getAttribute('data-status')).toBe('missing-remote');
    await toast(page, '1 new from your account, 1 missing there').waitFor();
  });

  it('every voice on the account: one of a model Timbre does not know is listed, found and deleted; the account says how full it is (issue 29, §2)', async () => {
    const { app, mock } = await launch();
    const { page } = app;
    const future = mock.addVoice({ preferredName: 'Beton', targetModel: 'qwen9-omni-next' as TargetModel, language: 'en' });
    await openLibrary(page);
    await page.getByTestId(TEST_IDS.librarySync).click();
    // 3 voices of the fixture plus this one, from total_count.
    await expect.poll(() => page.getByTestId(TEST_IDS.libraryAccountUsage).innerText()).toBe('4 of 1,000 voices in China (Beijing)');
    await page.getByTestId(TEST_IDS.librarySearch).fill('qwen9-omni');
    await expect.poll(() => cloneIds(page)).toEqual([future.voice]);
    // Named by its model, never offered in Try.
    expect(await clone(page, future.voice).innerText()).toContain('For qwen9-omni-next (Timbre cannot speak it yet)');
    expect(await clone(page, future.voice).getByTestId(TEST_IDS.libraryCloneTry).count()).toBe(0);
    await clone(page, future.voice).click();
    expect(await page.getByTestId(TEST_IDS.voiceUnknownModel).innerText()).toContain('Timbre cannot speak with qwen9-omni-next yet');
    expect(await page.getByTestId(TEST_IDS.voiceTry).isDisabled()).toBe(true);
    await page.getByTestId(TEST_IDS.voiceDeleteRemote).click();
    await page.getByTestId(TEST_IDS.confirmAccept).click();
    await expect.poll(() => mock.voices.has(future.voice)).toBe(false);
    // The deletion moves the count, and the count outlives the window without another sync.
    await expect.poll(() => page.getByTestId(TEST_IDS.libraryAccountUsage).innerText()).toBe('3 of 1,000 voices in China (Beijing)');
    await page.reload();
    await openLibrary(page);
    await expect.poll(() => page.getByTestId(TEST_IDS.libraryAccountUsage).innerText()).toBe('3 of 1,000 voices in China (Beijing)');
  });

  it('a full account leads to the voices worth deleting; a voice unused from Timbre for 11 months says what the service will do (issue 29, §2)', async () => {
    const { app, mock, voices } = await launch();
    const { page } = app;
    const day = 24 * 60 * 60 * 1000;
    const { catalog } = app.core.services;
    catalog.putVoice({ ...voices.chinese, createdAt: Date.now() - 400 * day, lastUsedAt: Date.now() - 340 * day });
    catalog.putVoice({ ...voices.http, lastUsedAt: Date.now() });
    catalog.putVoice({ ...voices.live, createdAt: Date.now() - 10 * day });
    for (let i = 0; i < 997; i++) mock.addVoice({ preferredName: `filler${i}`, targetModel: HTTP_MODEL, createdAt: Date.now() - 30 * day - i * 1000 });
    await openLibrary(page);
    // The Library says so before any sync: one voice (the Chinese one) is near the one-year rule.
    await expect.poll(() => page.getByTestId(TEST_IDS.libraryUnusedVoices).innerText())
      .toContain('1 voice not used from Timbre for 11 months: DashScope deletes a voice no synthesis request has used for a year.');
    await page.getByTestId(TEST_IDS.librarySync).click();
    const full = page.getByTestId(TEST_IDS.libraryAccountFull);
    await full.waitFor({ timeout: 20_000 });
    expect(await full.innerText()).toContain('1,000 of 1,000 voices in China (Beijing)');
    await full.getByRole('button', { name: 'Show least recently used first' }).click();
    // Least recently used first: the Chinese voice (unused for 11 months) before the fillers made a month ago.
    await expect.poll(async () => (await rowIds(page))[0]).toBe(`voice:${voices.chinese.id}`);
    await row(page, `voice:${voices.chinese.id}`).click();
    expect(await page.getByTestId(TEST_IDS.voiceLastUsed).innerText()).toContain('DashScope deletes a voice that no synthesis request has used for a year.');
    expect(await page.getByTestId(TEST_IDS.voiceUnusedWarning).innerText()).toContain('Timbre has not used this voice for over 11 months');
    // Voices used lately (or made lately) carry no such notice.
    await page.getByTestId(TEST_IDS.librarySearch).fill('Morning reading');
    await row(page, SAMPLE_ROW).click();
    await expect.poll(() => page.getByTestId(TEST_IDS.voiceLastUsed).count()).toBe(2);
    expect(await page.getByTestId(TEST_IDS.voiceUnusedWarning).count()).toBe(0);
  });

  it('exports the library, says where the file went, and imports it into a fresh data folder, losslessly and without the key', async () => {
    const { app, mock } = await launch();
    const { page } = app;
    // A Try result, spoken through the mock account like the Try screen does.
    const spoken = await app.core.services.synthesis.handlers['synth.start']({
      runId: 'run-export-try', voiceId: 'v-http', text: 'Hello from the old computer.', settings: { languageType: 'English' },
    });
    await openLibrary(page);
    await page.getByTestId(TEST_IDS.libraryExport).click();
    await expect.poll(() => app.savedFiles.length).toBe(1);
    const [{ defaultName, path: zipPath }] = app.savedFiles;
    expect(defaultName).toMatch(/^timbre-catalog-\d{4}-\d{2}-\d{2}\.zip$/);
    const exported = toast(page, `Exported 4 voices to ${zipPath}.`);
    await exported.getByTestId(TEST_IDS.toastAction).click();
    await expect.poll(() => app.openedPaths).toEqual([dirname(zipPath)]);
    const zip = readFileSync(zipPath);
    expect(zip.includes(mock.apiKey)).toBe(false);
    const manifest = JSON.parse(strFromU8(unzipSync(zip)['manifest.json']));
    expect(manifest).toMatchObject({ format: 'timbre-catalog', version: 2, history: [spoken] });

    const fresh = await launchTimbre({ dashscopeBaseUrl: mock.baseUrl, envApiKey: mock.apiKey, noKeychain: true });
    sessions.push(fresh);
    await fresh.page.getByTestId(TEST_IDS.navLibrary).click();
    await fresh.page.getByTestId(TEST_IDS.libraryEmpty).waitFor();
    await fresh.page.getByTestId(TEST_IDS.libraryImport).setInputFiles(zipPath);
    await toast(fresh.page, 'Imported: added 4 voices, added 1 sample.').waitFor();
    await expect.poll(() => cloneIds(fresh.page)).toEqual(await cloneIds(page));

    const byId = <T extends { id: string }>(records: T[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));
    const [source, target] = [app.core.services.catalog, fresh.core.services.catalog];
    expect(byId(target.listVoices())).toEqual(byId(source.listVoices()));
    expect(byId(target.listSamples())).toEqual(byId(source.listSamples()));
    const file = source.getSample('sample-1')!.upload!.file;
    expect(readFileSync(join(fresh.userDataDir, 'audio', file)).equals(readFileSync(join(app.userDataDir, 'audio', file)))).toBe(true);
    // The Try history came along, with the very same audio.
    const history = () => fresh.core.services.synthesis.handlers['synth.history']({ voiceId: 'v-http' });
    expect(await history()).toEqual([spoken]);
    const audioOf = (session: TimbreSession) => session.core.services.synthesis.handlers['synth.readAudio']({ entryId: spoken.id });
    expect(Buffer.from((await audioOf(fresh)).bytes).equals(Buffer.from((await audioOf(app)).bytes))).toBe(true);

    // Importing the same file again adds nothing, and says so.
    await fresh.page.getByTestId(TEST_IDS.libraryImport).setInputFiles(zipPath);
    await toast(fresh.page, /^Nothing new: all \d+ voices and samples in this file are already here\.$/).waitFor();
    expect(target.listVoices()).toHaveLength(4);
    expect(await history()).toEqual([spoken]);
  });

  it('tells the user when a damaged catalog was recovered, and keeps what could be read', async () => {
    // A data folder of our own, so closing the app does not remove it.
    const dataDir = mkdtempSync(join(tmpdir(), 'timbre-e2e-damaged-'));
    const { app, voices } = await launch({ userDataDir: dataDir });
    // Everything in catalog.json (not only in its journal), so cutting the file cuts records.
    await app.core.services.catalog.flush();
    await app.close();
    const text = readFileSync(join(dataDir, 'catalog.json'), 'utf8');
    writeFileSync(join(dataDir, 'catalog.json'), text.slice(0, text.indexOf(`"id":"${voices.failed.id}"`) + 20));

    const reopened = await launchTimbre({ userDataDir: dataDir, noKeychain: true });
    sessions.push(reopened);
    await openLibrary(reopened.page);
    const notice = reopened.page.getByTestId(TEST_IDS.libraryNotice);
    expect(await notice.getAttribute('data-kind')).toBe('recovered-corrupt');
    expect(await notice.innerText()).toContain('recovered 3 voices and 1 samples');
    expect((await cloneIds(reopened.page)).sort()).toEqual([voices.chinese.voice, voices.http.voice, voices.live.voice].sort());
  });

  it('tells the user when the catalog journal was damaged, and keeps every change it could read', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'timbre-e2e-journal-'));
    const { app, voices } = await launch({ userDataDir: dataDir });
    await app.core.services.catalog.flush();
    await app.close();
    // A bad sector in the middle of the journal, and the last change still whole in a damaged line.
    const renamed = { ...voices.http, displayName: 'Renamed before the damage' };
    writeFileSync(join(dataDir, 'catalog.journal'), `\n\u0000\u0007garbage\n{"k":"v","r":${JSON.stringify(renamed)}}\u0000\u0000`);

    const reopened = await launchTimbre({ userDataDir: dataDir, noKeychain: true });
    sessions.push(reopened);
    await openLibrary(reopened.page);
    const notice = reopened.page.getByTestId(TEST_IDS.libraryNotice);
    expect(await notice.getAttribute('data-kind')).toBe('journal-damaged');
    expect(await notice.innerText()).toMatch(/Recent changes to the catalog could not all be read .*kept the damaged journal as catalog\.damaged-.*\.journal/);
    expect(reopened.core.services.catalog.getVoice(voices.http.id)?.displayName).toBe('Renamed before the damage');
    // Every clone is still there.
    expect(await cloneIds(reopened.page)).toHaveLength(Object.keys(voices).length);
  });

  it('keeps 10,000 voices virtualized: the first paint and a change move a screenful of bytes, not the catalog', async () => {
    const app = await launchTimbre({ noKeychain: true, recordIpc: true });
    sessions.push(app);
    const { catalog } = app.core.services;
    catalog.batch(() => {
      for (let i = 0; i < 10_000; i++) {
        catalog.putVoice(makeVoice({ id: `bulk-${i}`, displayName: `声音 ${i}`, voice: `qwen-tts-vc-bulk${i}-voice-20260101000000000-${(i % 65536).toString(16).padStart(4, '0')}`, createdAt: T0 + i }));
      }
    });
    const { page } = app;
    app.ipcTraffic.length = 0;
    const started = Date.now();
    await openLibrary(page);
    const renderMs = Date.now() - started;
    // Only the rows in view exist, and only about that much crossed into the page.
    expect(await page.getByTestId(TEST_IDS.libraryItem).count()).toBeLessThan(60);
    const bytes = (traffic: typeof app.ipcTraffic) => traffic.reduce((sum, item) => sum + JSON.stringify(item.payload ?? null).length, 0);
    expect(bytes(app.ipcTraffic)).toBeLessThan(150_000);
    // A change to one voice sends that voice's row, not the list.
    app.ipcTraffic.length = 0;
    catalog.putVoice({ ...catalog.getVoice('bulk-9999')!, displayName: 'Renamed' });
    await row(page, 'voice:bulk-9999').filter({ hasText: 'Renamed' }).waitFor();
    expect(bytes(app.ipcTraffic)).toBeLessThan(50_000);
    const typed = Date.now();
    await page.getByTestId(TEST_IDS.librarySearch).fill('声音 9876');
    await expect.poll(() => cloneIds(page)).toEqual(['qwen-tts-vc-bulk9876-voice-20260101000000000-2694']);
    console.log(`library, 10,000 voices: opened in ${renderMs} ms, search answered in ${Date.now() - typed} ms (through the test bridge)`);
    await page.getByTestId(TEST_IDS.librarySearch).fill('');
    await page.locator('.lib-scroll').evaluate((list) => list.scrollTo(0, list.scrollHeight));
    await clone(page, 'qwen-tts-vc-bulk0-voice-20260101000000000-0000').waitFor();
    // The first-run guide counts progress in main instead of reading the catalog.
    app.ipcTraffic.length = 0;
    await page.getByTestId(TEST_IDS.onboardingOpen).click();
    await page.locator(`[data-testid="${TEST_IDS.onboardingStep}"][data-step="voice"][data-done="true"]`).waitFor();
    expect(bytes(app.ipcTraffic)).toBeLessThan(20_000);
    // Away from it, the Library stays in the page but out of reach: not seen, not read out, never
    // reached by Tab, and Ctrl+F does not search it.
    expect(await page.getByRole('searchbox').count()).toBe(0);
    expect(await page.getByTestId(TEST_IDS.librarySearch).isVisible()).toBe(false);
    await page.keyboard.press('Control+f');
    const focusInLibrary = () => page.evaluate(() => document.activeElement?.closest('.lib-screen') != null);
    expect(await focusInLibrary()).toBe(false);
    for (let press = 0; press < 40; press++) {
      await page.keyboard.press('Tab');
      expect(await focusInLibrary()).toBe(false);
    }
    // It stays current; back on it, it is where the user left it.
    catalog.putVoice({ ...catalog.getVoice('bulk-1')!, displayName: 'Renamed while away' });
    await page.getByTestId(TEST_IDS.navLibrary).click();
    await row(page, 'voice:bulk-1').filter({ hasText: 'Renamed while away' }).waitFor({ state: 'visible' });
    expect(await clone(page, 'qwen-tts-vc-bulk0-voice-20260101000000000-0000').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Your voices');
  });

  it('renders the Library in both languages and themes for the screenshots', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const locale of ['en-US', 'zh-CN']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const { app, voices } = await launch({ locale, colorScheme });
        await openLibrary(app.page);
        await clone(app.page, voices.live.voice!).locator('button').first().click();
        await app.page.getByTestId(TEST_IDS.voiceSnippet).waitFor();
        await app.page.screenshot({ path: join(SCREENSHOTS, `library-${locale}-${colorScheme}.png`) });
        // The smallest window the app allows, with and without the detail panel.
        await app.page.setViewportSize({ width: 900, height: 600 });
        await app.page.screenshot({ path: join(SCREENSHOTS, `library-${locale}-${colorScheme}-900.png`) });
        await app.page.getByTestId(TEST_IDS.voiceDetail).getByRole('button', { name: locale === 'zh-CN' ? '关闭详情' : 'Close details' }).click();
        await app.page.getByTestId(TEST_IDS.voiceDetail).waitFor({ state: 'detached' });
        await app.page.screenshot({ path: join(SCREENSHOTS, `library-list-${locale}-${colorScheme}-900.png`) });
      }
    }
  });
});
