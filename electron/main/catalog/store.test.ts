import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CATALOG_SCHEMA_VERSION } from '../../../shared/catalog';
import { makeSample, makeVoice } from '../../../tests/support/catalog-fixtures';
import { CATALOG_FILE, createCatalogStore, type CatalogChange } from './store';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'timbre-catalog-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const readFile = (dir: string) => JSON.parse(readFileSync(join(dir, CATALOG_FILE), 'utf8'));

describe('catalog store', () => {
  it('keeps samples and voices across reopening, with defaults filled in', async () => {
    const dir = dataDir();
    const store = createCatalogStore(dir);
    store.putSample(makeSample({ id: 's1', displayName: '小明的声音' }));
    store.putVoice(makeVoice({ id: 'v1', sampleId: 's1', voice: 'qwen-tts-vc-xm-voice-20260110173000123-ab12', tags: ['播客'] }));
    await store.flush();

    const reopened = createCatalogStore(dir);
    expect(reopened.getSample('s1')?.displayName).toBe('小明的声音');
    expect(reopened.getVoice('v1')).toMatchObject({ sampleId: 's1', tags: ['播客'], notes: '', transcript: '', remoteCheckedAt: null });
    expect(reopened.findVoiceByServiceId('qwen-tts-vc-xm-voice-20260110173000123-ab12')?.id).toBe('v1');
    expect(readFile(dir).schemaVersion).toBe(CATALOG_SCHEMA_VERSION);
    expect(reopened.notices()).toEqual([]);
  });

  it('scrubs a key an earlier build stored from the service\'s echo, from the records and from every file', async () => {
    const dir = dataDir();
    const key = 'sk-3f9c0a71b2d84e6f9a1c5b7d';
    const store = createCatalogStore(dir);
    // Written as builds before issue 28 did: the service's text as it came, into the snapshot and the journal.
    store.putVoice(makeVoice({ id: 'v1', voice: 'qwen-tts-vc-a-voice-20260110173000123-ab12', requestId: `req ${key}` }));
    await store.flush();
    store.putVoice(makeVoice({
      id: 'v2', status: 'failed', voice: null,
      error: { code: 'dashscope.unknown', message: 'DashScope said no', details: { serverMessage: `header was Authorization: Bearer ${key}`, echoed: [key] } },
    }));
    await store.close();
    expect(readdirSync(dir).some((file) => readFileSync(join(dir, file), 'utf8').includes(key))).toBe(true);

    const reopened = createCatalogStore(dir);
    expect(reopened.getVoice('v1')?.requestId).toBe('req sk-[redacted]');
    expect(reopened.getVoice('v2')?.error).toEqual({
      code: 'dashscope.unknown', message: 'DashScope said no', details: { serverMessage: 'header was Authorization: Bearer [redacted]', echoed: ['sk-[redacted]'] },
    });
    await reopened.close();
    expect(readdirSync(dir).filter((file) => readFileSync(join(dir, file), 'utf8').includes(key))).toEqual([]);
    // Nothing else moved: the untouched fields are as they were.
    expect(createCatalogStore(dir).getVoice('v1')?.voice).toBe('qwen-tts-vc-a-voice-20260110173000123-ab12');
  });

  it('refuses a record that breaks the schema instead of storing it', () => {
    const store = createCatalogStore(dataDir());
    expect(() => store.putVoice({ ...makeVoice({ id: 'v1' }), status: 'lost' as never })).toThrow();
    expect(store.listVoices()).toEqual([]);
  });

  it('reports each change once, and a batch as one change and one write', () => {
    const dir = dataDir();
    const store = createCatalogStore(dir);
    const changes: CatalogChange[] = [];
    store.onChange((change) => changes.push(change));
    store.putVoice(makeVoice({ id: 'v1' }));
    store.putVoice(makeVoice({ id: 'v1' })); // unchanged: no write, no event
    expect(changes).toHaveLength(1);

    const onDisk = () => createCatalogStore(dir).listVoices().map((voice) => voice.id).sort();
    store.batch(() => {
      for (let i = 2; i <= 5; i++) store.putVoice(makeVoice({ id: `v${i}` }));
      store.deleteVoice('v1');
      // Inside a batch nothing is on disk yet.
      expect(onDisk()).toEqual(['v1']);
    });
    expect(changes).toHaveLength(2);
    expect(changes[1].voices.map((voice) => voice.id)).toEqual(['v2', 'v3', 'v4', 'v5']);
    expect(changes[1].removedVoiceIds).toEqual(['v1']);
    expect(onDisk()).toEqual(['v2', 'v3', 'v4', 'v5']);
  });

  it('remembers voices hidden from sync', () => {
    const dir = dataDir();
    createCatalogStore(dir).setHiddenRemote('qwen-tts-vc-a-voice-1-aaaa', true);
    expect(createCatalogStore(dir).isHiddenRemote('qwen-tts-vc-a-voice-1-aaaa')).toBe(true);
  });

  it('migrates a version 1 file (no version field, tab-indented) and keeps every record', () => {
    const dir = dataDir();
    const v1Voice: Record<string, unknown> = { ...makeVoice({ id: 'v1', sampleId: 's1' }) };
    delete v1Voice.transcript;
    delete v1Voice.remoteCheckedAt;
    writeFileSync(join(dir, CATALOG_FILE), JSON.stringify({
      samples: { s1: makeSample({ id: 's1', transcript: '北风与太阳' }) },
      voices: { v1: v1Voice },
    }, null, '\t'));

    const store = createCatalogStore(dir);
    expect(store.getVoice('v1')).toMatchObject({ transcript: '北风与太阳', remoteCheckedAt: null });
    expect(store.getSample('s1')?.transcript).toBe('北风与太阳');
    const file = readFile(dir);
    expect(file.schemaVersion).toBe(2);
    expect(file.voices.v1.transcript).toBe('北风与太阳');
    expect(store.notices()).toEqual([]);
    // Running again changes nothing (migrations are idempotent and already applied).
    expect(createCatalogStore(dir).getVoice('v1')).toEqual(store.getVoice('v1'));
  });

  it('moves a corrupt file aside, recovers the readable records and says so', async () => {
    const dir = dataDir();
    const store = createCatalogStore(dir);
    store.putSample(makeSample({ id: 's1' }));
    for (let i = 1; i <= 3; i++) store.putVoice(makeVoice({ id: `v${i}`, displayName: `声音 ${i}` }));
    await store.flush();
    const text = readFileSync(join(dir, CATALOG_FILE), 'utf8');
    // A crash that cut the file in the middle of the last voice.
    const cut = text.indexOf('"id":"v3"');
    writeFileSync(join(dir, CATALOG_FILE), text.slice(0, cut + 20));

    const recovered = createCatalogStore(dir);
    expect(recovered.getSample('s1')).toBeDefined();
    expect(recovered.listVoices().map((voice) => voice.id).sort()).toEqual(['v1', 'v2']);
    const [notice] = recovered.notices();
    expect(notice).toMatchObject({ kind: 'recovered-corrupt', recoveredSamples: 1, recoveredVoices: 2 });
    // The damaged original is kept, byte for byte, next to the rebuilt catalog.
    expect(readFileSync(join(dir, notice.keptAs!), 'utf8')).toBe(text.slice(0, cut + 20));
    expect(readFile(dir).voices.v1.displayName).toBe('声音 1');

    // The notice survives a restart until the user dismisses it.
    const again = createCatalogStore(dir);
    expect(again.notices()).toHaveLength(1);
    again.dismissNotice(notice.id);
    expect(createCatalogStore(dir).notices()).toEqual([]);
  });

  it('recovers from garbage in the middle of the file', async () => {
    const dir = dataDir();
    const store = createCatalogStore(dir);
    for (let i = 1; i <= 4; i++) store.putVoice(makeVoice({ id: `v${i}` }));
    await store.flush();
    const text = readFileSync(join(dir, CATALOG_FILE), 'utf8');
    const at = text.indexOf('"id":"v2"') + 12;
    writeFileSync(join(dir, CATALOG_FILE), `${text.slice(0, at)}\u0000\u0000"}{{${text.slice(at + 30)}`);
    const ids = createCatalogStore(dir).listVoices().map((voice) => voice.id).sort();
    expect(ids).toEqual(['v1', 'v3', 'v4']);
  });

  it('sets aside records that no longer fit the schema instead of dropping them silently', () => {
    const dir = dataDir();
    const bad = { ...makeVoice({ id: 'v2' }), status: 'teleported' };
    writeFileSync(join(dir, CATALOG_FILE), JSON.stringify({ schemaVersion: 2, samples: {}, voices: { v1: makeVoice({ id: 'v1' }), v2: bad } }));
    const store = createCatalogStore(dir);
    expect(store.listVoices().map((voice) => voice.id)).toEqual(['v1']);
    const [notice] = store.notices();
    expect(notice).toMatchObject({ kind: 'rejected-records', rejectedRecords: 1 });
    expect(JSON.parse(readFileSync(join(dir, notice.keptAs!), 'utf8'))).toEqual([bad]);
  });

  it('copies a file from a newer Timbre aside before rewriting it', () => {
    const dir = dataDir();
    const newer = JSON.stringify({ schemaVersion: 9, samples: {}, voices: { v1: { ...makeVoice({ id: 'v1' }), futureField: 1 } } });
    writeFileSync(join(dir, CATALOG_FILE), newer);
    const store = createCatalogStore(dir);
    expect(store.getVoice('v1')).toBeDefined();
    const [notice] = store.notices();
    expect(notice.kind).toBe('newer-version');
    expect(readFileSync(join(dir, notice.keptAs!), 'utf8')).toBe(newer);
    expect(readdirSync(dir).filter((name) => name.startsWith('catalog.v9-'))).toHaveLength(1);
  });

  it.each([
    ['a list', '[{"id":"v1"}]'],
    ['records as a list', JSON.stringify({ schemaVersion: 2, samples: [], voices: [makeVoice({ id: 'v1' })] })],
    ['another app\'s settings', '{"windowBounds":{"x":1},"theme":"dark"}'],
    ['a number', '3'],
  ])('treats JSON of the wrong shape (%s) like a damaged file: kept aside, records recovered, noticed', (_name, text) => {
    const dir = dataDir();
    writeFileSync(join(dir, CATALOG_FILE), text);
    const store = createCatalogStore(dir);
    const [notice] = store.notices();
    expect(notice).toMatchObject({ kind: 'recovered-corrupt' });
    expect(readFileSync(join(dir, notice.keptAs!), 'utf8')).toBe(text);
    // The next write does not destroy what was there: it is still in the kept copy.
    store.putVoice(makeVoice({ id: 'v9' }));
    expect(readFileSync(join(dir, notice.keptAs!), 'utf8')).toBe(text);
    if (text.includes('"status"')) expect(store.getVoice('v1')).toBeDefined();
  });

  it('adds one voice to a 10,000-entry catalog quickly, durably on disk', () => {
    const dir = dataDir();
    const store = createCatalogStore(dir);
    store.batch(() => {
      for (let i = 0; i < 10_000; i++) {
        store.putVoice(makeVoice({ id: `v${i}`, displayName: `声音 ${i}`, notes: 'n'.repeat(80), tags: ['a', 'b'] }));
      }
    });
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      store.putVoice(makeVoice({ id: `new${i}` }));
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`catalog write, 10,000 entries: median ${times[3].toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[6].toFixed(1)})`);
    const openStarted = performance.now();
    const reopened = createCatalogStore(dir);
    console.log(`catalog open, 10,007 entries: ${(performance.now() - openStarted).toFixed(0)} ms`);
    expect(reopened.listVoices()).toHaveLength(10_007);
    expect(reopened.getVoice('new6')).toBeDefined();
  });
});
