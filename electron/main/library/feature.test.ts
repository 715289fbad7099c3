import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NO_FILTERS } from '../../../shared/library';
import type { Region } from '../../../shared/models';
import { makeSample, makeVoice } from '../../../tests/support/catalog-fixtures';
import { clientFor } from '../../../tests/mock-dashscope/harness';
import { startMockDashScope, type MockDashScope } from '../../../tests/mock-dashscope/server';
import { createAudioFiles } from '../catalog/audio-files';
import { createRemovedVoices } from '../catalog/removed-voices';
import { createCatalogStore } from '../catalog/store';
import type { CreatedVoice, DashScopeClient } from '../dashscope/client';
import { createEnrollFeature } from '../enroll/feature';
import { createAccountUsage } from './account-usage';
import { createLibraryFeature } from './feature';
import { encodeWav } from '../../../shared/audio/wav';

let mock: MockDashScope;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  mock = await startMockDashScope({ region: 'cn-beijing' });
});
afterAll(async () => {
  await mock.close();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const quiet = { info() {}, warn() {}, error() {} };

/** The Library over a catalog in a new folder, with the enroll feature whose outbox it lists. */
function compose(dir: string, client: Pick<DashScopeClient, 'create' | 'list' | 'listAccount' | 'delete'>, region: () => Region, emit: (event: string, payload: unknown) => void) {
  const catalog = createCatalogStore(dir);
  // As core composes it: the client's answers say how full the account is.
  const accountUsage = createAccountUsage(dir, { log: quiet });
  const dashscope = accountUsage.observe(client, region);
  const enroll = createEnrollFeature({ dataFolder: dir, catalog, audioFiles: createAudioFiles(dir), dashscope, region, emit, log: quiet });
  const library = createLibraryFeature({ catalog, outbox: enroll.outbox, removed: createRemovedVoices(dir), accountUsage, dashscope, region, emit });
  cleanups.push(async () => {
    library.dispose();
    await enroll.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  return { catalog, enroll, handlers: { ...library.handlers, ...enroll.handlers } };
}

function setup(region: Region = 'cn-beijing') {
  const events: Array<{ event: string; payload: unknown }> = [];
  const { catalog, handlers } = compose(mkdtempSync(join(tmpdir(), 'timbre-library-')), clientFor(mock).client, () => region, (event, payload) => events.push({ event, payload }));
  return { catalog, handlers, events };
}

describe('library handlers', () => {
  it('deletes from the account first, and keeps a voice the account could not delete', async () => {
    const { catalog, handlers } = setup();
    const remote = mock.addVoice({ preferredName: 'gone', targetModel: 'qwen3-tts-vc-2026-01-22' });
    catalog.putVoice(makeVoice({ id: 'a', voice: remote.voice }));
    catalog.putVoice(makeVoice({ id: 'b', voice: 'qwen-tts-vc-b-voice-20250101000000000-bbbb' }));
    catalog.putVoice(makeVoice({ id: 'sg', voice: 'qwen-tts-vc-sg-voice-20250101000000000-cccc', region: 'ap-southeast-1' }));
    mock.inject({ kind: 'error', status: 400, code: 'Arrearage', match: 'delete' });

    const result = await handlers['voices.delete']({ ids: ['b', 'a', 'sg'], remote: true });
    // b: refused by the account (overdue payment); sg: lives in another region than the one in use.
    expect(result.failed).toEqual([
      { id: 'b', error: expect.objectContaining({ code: 'dashscope.arrearage' }) },
      { id: 'sg', error: expect.objectContaining({ code: 'catalog.wrong_region', details: { region: 'ap-southeast-1' } }) },
    ]);
    expect(result.deleted).toEqual(['a']);
    expect(mock.voices.has(remote.voice)).toBe(false);
    expect(catalog.listVoices().map((voice) => voice.id).sort()).toEqual(['b', 'sg']);
  });

  it('a voice already gone from the account is deleted here too', async () => {
    const { catalog, handlers } = setup();
    catalog.putVoice(makeVoice({ id: 'a', voice: 'qwen-tts-vc-never-voice-20250101000000000-dddd' }));
    expect(await handlers['voices.delete']({ ids: ['a'], remote: true })).toEqual({ deleted: ['a'], failed: [] });
  });

  it('deleting here only hides the voice from later syncs, and announces the change', async () => {
    const { catalog, handlers, events } = setup();
    const remote = mock.addVoice({ preferredName: 'kept', targetModel: 'qwen3-tts-vc-2026-01-22' });
    catalog.putVoice(makeVoice({ id: 'a', voice: remote.voice }));
    expect(handlers['library.rows']({ ...NO_FILTERS, sort: 'created-desc', offset: 0, limit: 60 }).rows.map((row) => row.id)).toEqual(['voice:a']);
    await handlers['voices.delete']({ ids: ['a'], remote: false });
    expect(mock.voices.has(remote.voice)).toBe(true);
    expect(catalog.isHiddenRemote(remote.voice)).toBe(true);
    expect(events.filter((item) => item.event.startsWith('library.')).slice(-2)).toEqual([
      { event: 'library.changed', payload: { voices: [], removedVoiceIds: ['a'], samples: [], removedSampleIds: [] } },
      { event: 'library.rowsChanged', payload: { rows: [], removedRowIds: ['voice:a'] } },
    ]);
    mock.voices.delete(remote.voice);
  });

  it('updates local labels only, without duplicate tags', async () => {
    const { catalog, handlers } = setup();
    catalog.putVoice(makeVoice({ id: 'a', voice: 'qwen-tts-vc-a-voice-20250101000000000-eeee', updatedAt: 1 }));
    const updated = await handlers['voices.update']({ id: 'a', displayName: '新名字', tags: ['播客', '播客', 'work'] });
    expect(updated).toMatchObject({ displayName: '新名字', tags: ['播客', 'work'], notes: '', voice: 'qwen-tts-vc-a-voice-20250101000000000-eeee' });
    expect(updated.updatedAt).toBeGreaterThan(1);
    await expect(async () => handlers['voices.update']({ id: 'nope', notes: 'x' })).rejects.toMatchObject({ code: 'catalog.voice_not_found' });
  });

  it('brings back voices removed from this computer; a clone still on its way comes back failed, to send again', async () => {
    const { catalog, handlers } = setup();
    const ready = makeVoice({ id: 'ready', voice: 'qwen-tts-vc-r-voice-20250101000000000-aaaa' });
    const queued = makeVoice({ id: 'queued', status: 'queued', voice: null });
    catalog.batch(() => [ready, queued].forEach((voice) => catalog.putVoice(voice)));
    await handlers['voices.delete']({ ids: ['ready', 'queued'], remote: false });
    expect(catalog.listVoices()).toEqual([]);
    expect(catalog.isHiddenRemote(ready.voice!)).toBe(true);
    expect(handlers['library.overview']().removed.map((voice) => voice.id).sort()).toEqual(['queued', 'ready']);

    expect(handlers['voices.restore']({ ids: ['ready', 'queued'] })).toEqual({ restored: ['ready', 'queued'] });
    expect(catalog.getVoice('ready')).toEqual(ready);
    expect(catalog.getVoice('queued')).toMatchObject({ status: 'failed', error: { code: 'catalog.interrupted' } });
    expect(catalog.isHiddenRemote(ready.voice!)).toBe(false);
    expect(handlers['library.overview']().removed).toEqual([]);
    expect(() => handlers['voices.restore']({ ids: ['ready'] })).toThrow(expect.objectContaining({ code: 'catalog.not_removed' }));
  });

  it("counts the guide's progress in main: samples, the newest one without a voice, and how far the voices are", () => {
    const { catalog, handlers } = setup();
    expect(handlers['library.progress']()).toEqual({ samples: 0, sampleToClone: null, voice: 'none' });
    const audio = { file: 'x.wav', mime: 'audio/wav', bytes: 100, durationSeconds: 12 };
    catalog.batch(() => {
      catalog.putSample(makeSample({ id: 'old', createdAt: 1, original: audio }));
      catalog.putSample(makeSample({ id: 'new', createdAt: 3, original: audio }));
      catalog.putSample(makeSample({ id: 'newest-no-audio', createdAt: 5, original: null, upload: null }));
      catalog.putVoice(makeVoice({ id: 'v1', sampleId: 'new', status: 'failed', voice: null }));
    });
    // "new" has a (failed) voice and the newest sample has no audio: "Clone it" opens "old".
    expect(handlers['library.progress']()).toEqual({ samples: 3, sampleToClone: 'old', voice: 'failed' });
    catalog.putVoice(makeVoice({ id: 'v2', sampleId: 'old', status: 'sending', voice: null }));
    expect(handlers['library.progress']()).toEqual({ samples: 3, sampleToClone: null, voice: 'pending' });
    catalog.putVoice(makeVoice({ id: 'v3', sampleId: 'old', status: 'ready' }));
    expect(handlers['library.progress']().voice).toBe('ready');
  });

  it('counts clones only for the samples asked about', () => {
    const { catalog, handlers } = setup();
    catalog.batch(() => {
      catalog.putVoice(makeVoice({ id: 'a1', sampleId: 'a' }));
      catalog.putVoice(makeVoice({ id: 'a2', sampleId: 'a', targetModel: 'qwen3-tts-vc-realtime-2026-01-15' }));
      catalog.putVoice(makeVoice({ id: 'b1', sampleId: 'b' }));
    });
    expect(handlers['library.cloneCounts']({ sampleIds: ['a', 'none'] })).toEqual({ a: 2 });
    expect(handlers['library.cloneCounts']({ sampleIds: [] })).toEqual({});
  });

  it('refuses to delete a voice while it is being sent, so no paid voice is left behind on the account', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timbre-library-'));
    mkdirSync(join(dir, 'audio'));
    const wav = encodeWav(new Float32Array(24_000 * 4).map((_, i) => Math.sin(i / 9) * 0.3), 24_000);
    writeFileSync(join(dir, 'audio', 's1.upload.wav'), wav);
    // An account whose create answers only when the test says so.
    let answer!: (created: CreatedVoice) => void;
    let sent!: () => void;
    const requested = new Promise<void>((resolve) => {
      sent = resolve;
    });
    const account: string[] = [];
    const dashscope: Pick<DashScopeClient, 'create' | 'list' | 'listAccount' | 'delete'> = {
      create: () => {
        sent();
        return new Promise((resolve) => {
          answer = resolve;
        });
      },
      list: async () => [],
      listAccount: async () => ({ voices: [], totalCount: 0 }),
      delete: async (voice) => {
        account.splice(account.indexOf(voice), 1);
        return { alreadyGone: false };
      },
    };
    const feature = compose(dir, dashscope, () => 'cn-beijing', () => {});
    const { catalog } = feature;
    catalog.putSample(makeSample({ id: 's1', upload: { file: 's1.upload.wav', mime: 'audio/wav', bytes: wav.length, durationSeconds: 4 } }));

    const [voice] = feature.handlers['enroll.start']({
      sampleId: 's1', displayName: 'Mine', preferredName: 'mine', targetModels: ['qwen3-tts-vc-2026-01-22'], language: 'en', transcript: '', consent: true,
    });
    await requested;
    for (const remote of [false, true]) {
      const result = await feature.handlers['voices.delete']({ ids: [voice.id], remote });
      expect(result).toEqual({ deleted: [], failed: [{ id: voice.id, error: expect.objectContaining({ code: 'catalog.voice_sending' }) }] });
    }
    // The account made the voice: it is in the library, ready, and can be deleted from there.
    const made = 'qwen-tts-vc-mine-voice-20260110173000123-ab12';
    account.push(made);
    answer({ voice: made, targetModel: 'qwen3-tts-vc-2026-01-22' });
    await feature.enroll.outbox.settled();
    expect(catalog.getVoice(voice.id)).toMatchObject({ status: 'ready', voice: made });
    expect(await feature.handlers['voices.delete']({ ids: [voice.id], remote: true })).toEqual({ deleted: [voice.id], failed: [] });
    expect(account).toEqual([]);
  });

  it('says how full the account is after a restart, moved by the clones and account deletions made here since the sync', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timbre-library-'));
    mkdirSync(join(dir, 'audio'));
    const wav = encodeWav(new Float32Array(24_000 * 4).map((_, i) => Math.sin(i / 9) * 0.3), 24_000);
    writeFileSync(join(dir, 'audio', 's1.upload.wav'), wav);
    mock.voices.clear();
    const first = mock.addVoice({ preferredName: 'one', targetModel: 'qwen3-tts-vc-2026-01-22' });
    mock.addVoice({ preferredName: 'two', targetModel: 'qwen3.5-omni-plus' });
    const { client } = clientFor(mock);
    const before = compose(dir, client, () => 'cn-beijing', () => {});
    expect(before.handlers['library.overview']().account).toBeNull();

    await before.handlers['library.sync']();
    expect(before.handlers['library.overview']().account).toMatchObject({ region: 'cn-beijing', count: 2 });
    const deleted = before.catalog.findVoiceByServiceId(first.voice)!;
    await before.handlers['voices.delete']({ ids: [deleted.id], remote: true });
    before.catalog.putSample(makeSample({ id: 's1', upload: { file: 's1.upload.wav', mime: 'audio/wav', bytes: wav.length, durationSeconds: 4 } }));
    before.handlers['enroll.start']({
      sampleId: 's1', displayName: 'Mine', preferredName: 'mine', targetModels: ['qwen3-tts-vc-2026-01-22'], language: 'en', transcript: '', consent: true,
    });
    await before.enroll.outbox.settled();
    const listedAt = before.handlers['library.overview']().account!.listedAt;

    // Started again, offline: the figure is there before any sync, as the account now has it.
    const after = compose(dir, client, () => 'cn-beijing', () => {});
    expect(after.handlers['library.overview']().account).toEqual({ region: 'cn-beijing', count: 2, listedAt });
    expect(mock.voices.size).toBe(2);
    // Another region's account has not been listed from here.
    expect(compose(dir, client, () => 'ap-southeast-1', () => {}).handlers['library.overview']().account).toBeNull();

    // A create refused for a full account: the Library leads to the voices to delete at once.
    mock.inject({ kind: 'error', status: 400, code: 'Throttling.AllocationQuota', message: 'Maximum voice storage limit exceeded, please delete existing voices.', match: 'create' });
    after.handlers['enroll.start']({
      sampleId: 's1', displayName: 'Again', preferredName: 'again', targetModels: ['qwen3-tts-vc-realtime-2026-01-15'], language: 'en', transcript: '', consent: true,
    });
    await after.enroll.outbox.settled();
    expect(after.handlers['library.overview']().account).toMatchObject({ count: 1_000, listedAt });
  });
});
