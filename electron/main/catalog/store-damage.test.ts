/**
 * The journal is the catalog too: a damaged or unreadable `catalog.journal` keeps what can be
 * read, sets the rest aside, says so once in the Library, and the catalog keeps working.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSample, makeVoice } from '../../../tests/support/catalog-fixtures';
import { openDataFolder } from '../foundation/data-folder';
import { JOURNAL_FILE } from './journal';
import { CATALOG_FILE, createCatalogStore } from './store';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'timbre-journal-'));
  dirs.push(dir);
  writeFileSync(join(dir, CATALOG_FILE), JSON.stringify({
    schemaVersion: 2, samples: { s1: makeSample({ id: 's1' }) }, voices: { v1: makeVoice({ id: 'v1', sampleId: 's1' }) }, hiddenRemote: [], notices: [],
  }));
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const put = (id: string) => `\n{"k":"v","r":${JSON.stringify(makeVoice({ id, sampleId: 's1' }))}}`;
const ids = (store: ReturnType<typeof createCatalogStore>) => store.listVoices().map((voice) => voice.id).sort();

describe('a damaged catalog.journal', () => {
  it('keeps every change it can read, even from a damaged line, keeps the file aside and says so once', async () => {
    const dir = dataDir();
    const journal = `${put('v2')}\n\u0000\u0001garbage from a bad sector${put('v3')}xx${put('v4')}${put('v5').slice(0, 40)}`;
    writeFileSync(join(dir, JOURNAL_FILE), journal);

    const store = createCatalogStore(dir);
    // v5 was cut short by a crash (never acknowledged): no loss, no alarm.
    expect(ids(store)).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(store.notices()).toEqual([expect.objectContaining({
      kind: 'journal-damaged', file: JOURNAL_FILE, rejectedRecords: 2, recoveredVoices: 1, keptAs: expect.stringContaining('damaged'),
    })]);
    expect(readFileSync(join(dir, store.notices()[0].keptAs!), 'utf8')).toBe(journal);
    store.putVoice(makeVoice({ id: 'v6', sampleId: 's1' }));
    await store.close();

    const again = createCatalogStore(dir);
    expect(ids(again)).toEqual(['v1', 'v2', 'v3', 'v4', 'v6']);
    expect(again.notices()).toHaveLength(1);
  });

  it('a journal whose last line a crash cut short opens without a notice', () => {
    const dir = dataDir();
    writeFileSync(join(dir, JOURNAL_FILE), `${put('v2')}${put('v3').slice(0, 60)}`);
    const store = createCatalogStore(dir);
    expect(ids(store)).toEqual(['v1', 'v2']);
    expect(store.notices()).toEqual([]);
  });

  it('a directory in its place is moved aside: the catalog opens, says so, and every edit is written again', async () => {
    const dir = dataDir();
    mkdirSync(join(dir, JOURNAL_FILE));
    const store = createCatalogStore(dir);
    expect(ids(store)).toEqual(['v1']);
    const [notice] = store.notices();
    expect(notice).toMatchObject({ kind: 'journal-damaged', file: JOURNAL_FILE, keptAs: expect.stringContaining('unreadable') });
    expect(statSync(join(dir, notice.keptAs!)).isDirectory()).toBe(true);
    store.putVoice(makeVoice({ id: 'v2', sampleId: 's1' }));
    store.dismissNotice(notice.id);
    await store.close();
    const again = createCatalogStore(dir);
    expect(ids(again)).toEqual(['v1', 'v2']);
    expect(again.notices()).toEqual([]);
  });

  it('a journal that cannot be read (another user\'s file, mode 0000) is moved aside and the catalog stays writable', async () => {
    // As root, mode 0000 does not stop reading: the refusal is injected where the store reads.
    const dir = dataDir();
    writeFileSync(join(dir, JOURNAL_FILE), put('v2'));
    const folder = openDataFolder(dir);
    const refusing = {
      ...folder,
      readText: (file: string) => {
        if (file === JOURNAL_FILE) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
        return folder.readText(file);
      },
    };
    const store = createCatalogStore(refusing);
    const [notice] = store.notices();
    expect(notice).toMatchObject({ kind: 'journal-damaged', file: JOURNAL_FILE });
    // What it held is kept, not deleted.
    expect(readFileSync(join(dir, notice.keptAs!), 'utf8')).toBe(put('v2'));
    expect(existsSync(join(dir, JOURNAL_FILE))).toBe(false);
    store.putVoice(makeVoice({ id: 'v3', sampleId: 's1' }));
    await store.close();
    folder.release();
    expect(ids(createCatalogStore(dir))).toEqual(['v1', 'v3']);
  });
});

describe('a catalog.json that parses but holds no records', () => {
  it.each([
    ['{}', '{}'],
    ['a bare version', '{"schemaVersion":2}'],
    ['notices only', '{"schemaVersion":2,"hiddenRemote":[],"notices":[]}'],
    ['voices missing', '{"schemaVersion":2,"samples":{}}'],
  ])('%s is damage: set aside and told, with the journal still applied', (_name, content) => {
    const dir = dataDir();
    writeFileSync(join(dir, CATALOG_FILE), content);
    writeFileSync(join(dir, JOURNAL_FILE), put('v2'));
    const store = createCatalogStore(dir);
    expect(store.notices()).toEqual([expect.objectContaining({ kind: 'recovered-corrupt', keptAs: expect.stringContaining('corrupt') })]);
    expect(readFileSync(join(dir, store.notices()[0].keptAs!), 'utf8')).toBe(content);
    expect(ids(store)).toEqual(['v2']);
  });

  it('an empty library as Timbre writes it opens without a notice', () => {
    const dir = dataDir();
    writeFileSync(join(dir, CATALOG_FILE), '{"schemaVersion":2,"samples":{},"voices":{},"hiddenRemote":[],"notices":[]}');
    const store = createCatalogStore(dir);
    expect(store.notices()).toEqual([]);
    expect(ids(store)).toEqual([]);
  });
});
