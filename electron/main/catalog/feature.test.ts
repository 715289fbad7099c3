import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAudioFiles } from './audio-files';
import { createCatalogFeature } from './feature';
import { createCatalogStore } from './store';
import { createSynthesisHistory } from './synthesis-history';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'timbre-catalog-'));
  const catalog = createCatalogStore(dir);
  const opened: string[] = [];
  const feature = createCatalogFeature({
    appVersion: 'test', catalog, audioFiles: createAudioFiles(dir), history: createSynthesisHistory(dir),
    saveFile: async ({ defaultName }) => join(dir, 'chosen', defaultName),
    openPath: async (path) => void opened.push(path),
  });
  cleanups.push(async () => {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { handlers: feature.handlers, opened, dir };
}

describe('catalog handlers', () => {
  it('saves an export where the user chose and shows only that folder', async () => {
    const { handlers, opened, dir } = setup();
    const exported = await handlers['catalog.export']({});
    expect(exported).toMatchObject({ path: join(dir, 'chosen', exported.fileName), voices: 0 });
    await handlers['catalog.showExport']({ path: exported.path! });
    expect(opened).toEqual([join(dir, 'chosen')]);
    await expect(handlers['catalog.showExport']({ path: '/etc/passwd' })).rejects.toMatchObject({ code: 'catalog.export_unavailable' });
  });
});
