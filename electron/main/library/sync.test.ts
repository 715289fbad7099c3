import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeVoice } from '../../../tests/support/catalog-fixtures';
import { clientFor } from '../../../tests/mock-dashscope/harness';
import { startMockDashScope, type MockDashScope } from '../../../tests/mock-dashscope/server';
import { createCatalogStore, type CatalogStore } from '../catalog/store';
import { createSync } from './sync';

let mock: MockDashScope;
let dir: string;
let catalog: CatalogStore;
beforeAll(async () => {
  mock = await startMockDashScope({ region: 'cn-beijing' });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.voices.clear();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = mkdtempSync(join(tmpdir(), 'timbre-sync-'));
  catalog = createCatalogStore(dir);
});

const syncer = () => createSync({ catalog, dashscope: clientFor(mock).client, region: () => 'cn-beijing', now: () => 1_800_000_000_000 });

describe('sync', () => {
  it('imports voices made elsewhere, marked as having no local sample', async () => {
    const made = mock.addVoice({ preferredName: 'guanyu', targetModel: 'qwen3-tts-vc-realtime-2026-01-15', language: 'zh', createdAt: Date.UTC(2025, 7, 11, 9, 59, 32) });
    const summary = await syncer().sync();
    expect(summary).toMatchObject({ region: 'cn-beijing', imported: 1, missing: 0, remoteTotal: 1 });
    const [voice] = catalog.listVoices();
    expect(voice).toMatchObject({
      voice: made.voice, sampleId: null, targetModel: 'qwen3-tts-vc-realtime-2026-01-15', region: 'cn-beijing',
      preferredName: 'guanyu', displayName: 'guanyu', language: 'zh', status: 'ready', consentAt: null,
      createdAt: Date.UTC(2025, 7, 11, 9, 59, 32),
    });
    // A second sync finds nothing new: no duplicates.
    expect(await syncer().sync()).toMatchObject({ imported: 0 });
    expect(catalog.listVoices()).toHaveLength(1);
  });

  it('marks local voices the account no longer has, and restores them when they are back', async () => {
    const kept = mock.addVoice({ preferredName: 'kept', targetModel: 'qwen3-tts-vc-2026-01-22' });
    catalog.putVoice(makeVoice({ id: 'local-kept', voice: kept.voice }));
    catalog.putVoice(makeVoice({ id: 'local-gone', voice: 'qwen-tts-vc-gone-voice-20250101000000000-aaaa' }));
    catalog.putVoice(makeVoice({ id: 'pending', voice: null, status: 'queued' }));
    catalog.putVoice(makeVoice({ id: 'other-region', voice: 'qwen-tts-vc-sg-voice-20250101000000000-bbbb', region: 'ap-southeast-1' }));

    expect(await syncer().sync()).toMatchObject({ imported: 0, missing: 1, restored: 0 });
    expect(catalog.getVoice('local-gone')?.status).toBe('missing-remote');
    expect(catalog.getVoice('local-kept')?.status).toBe('ready');
    expect(catalog.getVoice('pending')?.status).toBe('queued');
    expect(catalog.getVoice('other-region')?.status).toBe('ready');

    mock.voices.set('qwen-tts-vc-gone-voice-20250101000000000-aaaa', {
      voice: 'qwen-tts-vc-gone-voice-20250101000000000-aaaa', preferredName: 'gone', targetModel: 'qwen3-tts-vc-2026-01-22',
      createdAt: Date.UTC(2025, 0, 1), modifiedAt: Date.UTC(2025, 0, 1),
    });
    expect(await syncer().sync()).toMatchObject({ restored: 1, missing: 0 });
    expect(catalog.getVoice('local-gone')?.status).toBe('ready');
  });

  it('does not bring back a voice the user deleted on this computer only', async () => {
    const hidden = mock.addVoice({ preferredName: 'hidden', targetModel: 'qwen3-tts-vc-2026-01-22' });
    catalog.setHiddenRemote(hidden.voice, true);
    expect(await syncer().sync()).toMatchObject({ imported: 0, remoteTotal: 1 });
    expect(catalog.listVoices()).toEqual([]);
  });

  it('keeps every voice on the account, also those of models Timbre does not know, with the model named (issue 29, §2)', async () => {
    const future = mock.addVoice({ preferredName: 'Future', targetModel: 'qwen4-tts-vc' as never, createdAt: Date.UTC(2026, 5, 1) });
    mock.addVoice({ preferredName: 'known', targetModel: 'qwen3-tts-vc-2026-01-22' });
    // A voice for a realtime Omni model is one Timbre speaks (§7), not an unknown one.
    mock.addVoice({ preferredName: 'Live', targetModel: 'qwen3.5-omni-flash-realtime' });
    expect(await syncer().sync()).toMatchObject({ imported: 3, unknownModel: 1, remoteTotal: 3 });
    expect(catalog.findVoiceByServiceId(future.voice)).toMatchObject({
      targetModel: 'qwen4-tts-vc', preferredName: 'Future', displayName: 'Future', status: 'ready', sampleId: null,
    });
  });

  it('reads every page of a large account', async () => {
    for (let i = 0; i < 120; i++) mock.addVoice({ preferredName: `v${i}`, targetModel: 'qwen3-tts-vc-2026-01-22' });
    expect(await syncer().sync()).toMatchObject({ imported: 120 });
  });

  it('fails with the client error and changes nothing when the account cannot be listed', async () => {
    catalog.putVoice(makeVoice({ id: 'local', voice: 'qwen-tts-vc-x-voice-20250101000000000-cccc' }));
    await mock.setReachable(false);
    try {
      await expect(syncer().sync()).rejects.toMatchObject({ code: 'network.refused' });
    } finally {
      await mock.setReachable(true);
    }
    expect(catalog.getVoice('local')?.status).toBe('ready');
  });
});
