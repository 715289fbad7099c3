import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { VoiceRecord } from '../../../shared/catalog';
import { NO_FILTERS, type LibraryFilters, type SortKey } from '../../../shared/library';
import { makeSample, makeVoice } from '../../../tests/support/catalog-fixtures';
import { createCatalogStore } from '../catalog/store';
import { createLibraryRows } from './rows';

const dirs: string[] = [];
const catalogs: Array<ReturnType<typeof createCatalogStore>> = [];
afterEach(async () => {
  // A big batch starts merging the journal in a worker: let it finish before its folder goes.
  await Promise.all(catalogs.splice(0).map((catalog) => catalog.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(voices: VoiceRecord[]) {
  const dir = mkdtempSync(join(tmpdir(), 'timbre-rows-'));
  dirs.push(dir);
  const catalog = createCatalogStore(dir);
  catalogs.push(catalog);
  catalog.batch(() => {
    catalog.putSample(makeSample({ id: 's1', displayName: '会议录音' }));
    for (const voice of voices) catalog.putVoice(voice);
  });
  const rows = createLibraryRows(catalog, new Intl.Collator('en'));
  const find = (query = '', filters: Partial<LibraryFilters> = {}, sort: SortKey = 'created-desc') =>
    rows.query({ ...NO_FILTERS, ...filters, query, sort, offset: 0, limit: 50 }).rows.map((row) => row.id);
  return { catalog, rows, find };
}

const voices = [
  makeVoice({ id: 'a', displayName: '小明的播客声音', createdAt: 3, tags: ['播客'], notes: 'warm and calm', language: 'zh' }),
  makeVoice({ id: 'b', displayName: 'Alice', preferredName: 'alice', voice: 'qwen-tts-vc-alice-voice-20260110173000123-ab12', createdAt: 1 }),
  makeVoice({ id: 'c', displayName: 'Bob', targetModel: 'qwen3-tts-vc-realtime-2026-01-15', status: 'failed', createdAt: 2, sampleId: 's1' }),
  makeVoice({ id: 'd', displayName: 'Bob (HTTP)', createdAt: 4, sampleId: 's1', tags: ['news'] }),
];

describe('library rows', () => {
  it('lists one row per sample with each clone inside, named by its first clone', () => {
    const { rows, find } = setup(voices);
    expect(find()).toEqual(['voice:a', 's1', 'voice:b']);
    expect(rows.row('s1')).toMatchObject({
      name: 'Bob', sampleName: '会议录音', tags: ['news'],
      clones: [{ id: 'c', status: 'failed', targetModel: 'qwen3-tts-vc-realtime-2026-01-15' }, { id: 'd', status: 'ready' }],
    });
  });

  it('finds Chinese substrings, voice ids, tags, notes and sample names, ignoring case', () => {
    const { find } = setup(voices);
    expect(find('播客')).toEqual(['voice:a']);
    expect(find('VOICE-20260110')).toEqual(['voice:b']);
    expect(find('calm warm')).toEqual(['voice:a']);
    expect(find('会议')).toEqual(['s1']);
    expect(find('nobody')).toEqual([]);
  });

  it('filters by model, language, status and tag, and sorts', () => {
    const { rows, find } = setup(voices);
    expect(find('', { model: 'qwen3-tts-vc-realtime-2026-01-15' })).toEqual(['s1']);
    expect(find('', { language: 'zh' })).toEqual(['voice:a']);
    expect(find('', { status: 'failed' })).toEqual(['s1']);
    expect(find('', { tag: 'news' })).toEqual(['s1']);
    expect(rows.tags()).toEqual(['news', '播客']);
    expect(find('', {}, 'created-asc')).toEqual(['voice:b', 's1', 'voice:a']);
    expect(find('', {}, 'name')).toEqual(['voice:b', 's1', 'voice:a']);
    expect(find('', {}, 'status')[0]).toBe('s1');
  });

  it('answers one window of rows whatever the catalog size', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => makeVoice({ id: `v${i}`, displayName: `声音 ${i}`, createdAt: i }));
    const { rows } = setup(many);
    const page = rows.query({ ...NO_FILTERS, sort: 'created-desc', offset: 100, limit: 60 });
    expect(page).toMatchObject({ offset: 100, total: 5_000, catalogTotal: 5_000 });
    expect(page.rows.map((row) => row.id)).toEqual(Array.from({ length: 60 }, (_, i) => `voice:v${4_899 - i}`));
    // A window past the end of a shrunken list starts at its last page.
    expect(rows.query({ ...NO_FILTERS, query: '声音 4999', sort: 'name', offset: 120, limit: 60 })).toMatchObject({ offset: 0, total: 1 });
  });

  it('reports only the rows a change touched', () => {
    const { catalog, rows, find } = setup(voices);
    find();
    const changes: unknown[] = [];
    catalog.onChange((change) => changes.push(rows.apply(change)));
    catalog.putVoice({ ...voices[3], displayName: 'Bob again', status: 'missing-remote' });
    catalog.deleteVoice('a');
    expect(changes).toEqual([
      { rows: [expect.objectContaining({ id: 's1', clones: [expect.objectContaining({ id: 'c' }), expect.objectContaining({ id: 'd', status: 'missing-remote' })] })], removedRowIds: [] },
      { rows: [], removedRowIds: ['voice:a'] },
    ]);
    expect(find('', { status: 'missing-remote' })).toEqual(['s1']);
    expect(find()).toEqual(['s1', 'voice:b']);
  });
});
