import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../shared/ipc/routes/updates';
import { ENGLISH_SCRIPT, speechWav } from '../../tests/support/audio-fixtures';
import { addSampleWithAudio, makeVoice } from '../../tests/support/catalog-fixtures';
import { fakeUpdater } from '../../tests/support/fake-updater';
import { startMockDashScope, type MockDashScope } from '../../tests/mock-dashscope/server';
import { createCore, type Core } from './core';
import { systemClock } from './updates/controller';
import { electronNetwork } from '../../tests/support/electron-network';

const KEY = 'sk-core-updates-000000000000000000cccc';

/** The core knows when a clone is being sent or a Try speaks: the update waits for both. */
describe('updates in the composed core', () => {
  let mock: MockDashScope;
  let core: Core;
  let dataDir: string;
  let updates: UpdateStatus[];

  beforeAll(async () => {
    mock = await startMockDashScope({ region: 'cn-beijing', keys: { 'cn-beijing': KEY, 'ap-southeast-1': 'sk-unused-intl-key-0000' } });
  });
  afterAll(async () => {
    await mock.close();
  });
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'timbre-core-updates-'));
    updates = [];
    core = await createCore({
      dataDir, appVersion: '1.0.0', platform: 'linux', systemLocale: 'en-US', secretStore: null,
      dashscopeBaseUrls: { 'cn-beijing': mock.baseUrl }, network: electronNetwork(),
      emit: (event, payload) => {
        if (event === 'updates.changed') updates.push(payload as UpdateStatus);
      },
      openPath: async () => {},
      log: { info: () => {}, warn: () => {}, error: () => {} },
    });
    await core.router.invoke('keys.save', { region: 'cn-beijing', apiKey: KEY, sessionOnly: true });
  });
  afterEach(async () => {
    await core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const status = () => core.handlers['updates.status']();

  /** Connects a stand-in updater whose 1.1.0 is downloaded and ready. */
  async function readyUpdate() {
    const updater = fakeUpdater();
    updater.publish({ version: '1.1.0', releaseNotes: null });
    core.services.updates.connect(updater);
    await core.handlers['updates.check']();
    expect(updater.downloads).toBe(1);
    updater.finishDownload();
    await expect.poll(async () => (await status()).offer).toBe(true);
    return updater;
  }

  it('reports that it does not update itself until an updater is connected (tests, run from source)', async () => {
    expect(await status()).toMatchObject({ support: 'unavailable', currentVersion: '1.0.0', offer: false });
    expect(await core.router.invoke('updates.check', undefined)).toMatchObject({ ok: false, error: { code: 'UPDATE_UNAVAILABLE' } });
  });

  it('a running Try holds the restart back until it has finished', async () => {
    const remote = mock.addVoice({ preferredName: 'alice', targetModel: 'qwen3-tts-vc-2026-01-22' });
    core.services.catalog.putVoice(makeVoice({ id: 'v1', voice: remote.voice }));
    const updater = await readyUpdate();

    mock.inject({ kind: 'delay', ms: 1500, match: 'synthesize' });
    const run = core.router.invoke('synth.start', { runId: 'try-run-1', voiceId: 'v1', text: 'Hello there.', settings: { languageType: 'English' } });
    await expect.poll(async () => (await status()).heldBy).toBe('try');
    // The window hears at once that the restart is held (the offer on screen stays).
    expect(updates.at(-1)).toMatchObject({ offer: true, heldBy: 'try' });
    expect(await core.router.invoke('updates.install', undefined)).toMatchObject({ ok: false, error: { code: 'UPDATE_BUSY', details: { work: 'try' } } });
    expect(updater.installs).toBe(0);

    expect(await run).toMatchObject({ ok: true });
    expect(updates.at(-1)).toMatchObject({ heldBy: null, offer: true });
    expect(await core.router.invoke('updates.install', undefined)).toEqual({ ok: true, value: undefined });
    expect(updater.installs).toBe(1);
  });

  it('a clone being sent holds the restart back; a recording the page reports does too', async () => {
    const sample = addSampleWithAudio(dataDir, { id: 's1' }, speechWav({ text: ENGLISH_SCRIPT, voice: 'en-us' }));
    core.services.catalog.putSample(sample);
    await readyUpdate();

    mock.inject({ kind: 'delay', ms: 1500, match: 'create' });
    await core.router.invoke('enroll.start', {
      sampleId: 's1', displayName: 'Me', preferredName: 'me', targetModels: ['qwen3-tts-vc-2026-01-22'], language: 'en', transcript: '', consent: true,
    });
    await expect.poll(async () => (await status()).heldBy).toBe('clone');
    expect(updates.at(-1)).toMatchObject({ heldBy: 'clone' });
    await expect.poll(async () => (await status()).heldBy, { timeout: 10_000 }).toBeNull();

    await core.router.invoke('updates.reportRecording', { recording: true });
    expect(updates.at(-1)).toMatchObject({ heldBy: 'recording' });
    expect(await core.router.invoke('updates.install', undefined)).toMatchObject({ ok: false, error: { code: 'UPDATE_BUSY', details: { work: 'recording' } } });
    await core.router.invoke('updates.reportRecording', { recording: false });
    expect(updates.at(-1)).toMatchObject({ heldBy: null, offer: true });
  });

  it('the automatic check follows the setting in Settings', async () => {
    await core.router.invoke('settings.update', { checkForUpdates: false });
    const updater = fakeUpdater();
    // Without the few seconds the first check waits after start.
    core.services.updates.connect(updater, systemClock, { firstCheckAfterMs: 0 });
    expect(updater.checks).toBe(0);
    await core.router.invoke('settings.update', { checkForUpdates: true });
    await expect.poll(() => updater.checks).toBe(1);
  });
});
