/**
 * Catalog write: adding one voice to a 10,000- and to a 100,000-voice catalog until it is durable
 * on disk (one line appended to the catalog's journal and fsynced). Floor: the same line appended
 * the same durable way by bare fs calls, so the figure shows what the store adds to the disk's own
 * cost; the two sizes show whether that cost grows with the catalog.
 */
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JOURNAL_FILE } from '../../electron/main/catalog/journal';
import { createCatalogStore } from '../../electron/main/catalog/store';
import { makeVoice } from '../../tests/support/catalog-fixtures';
import { seededDataDir } from '../seed';
import { figure, type Figure } from '../stats';

export async function catalogWrite(runs: number): Promise<Figure[]> {
  return [await catalogWriteAt(10_000, runs), await catalogWriteAt(100_000, runs)];
}

async function catalogWriteAt(VOICES: number, runs: number): Promise<Figure> {
  const dataDir = await seededDataDir(VOICES);
  try {
    const catalog = createCatalogStore(dataDir);
    const added: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < runs; run++) {
      const voice = makeVoice({ id: `bench-added-${run}`, displayName: `Added ${run}`, preferredName: `added_${run}` });
      const started = performance.now();
      catalog.putVoice(voice);
      added.push(performance.now() - started);
      const journal = readFileSync(join(dataDir, JOURNAL_FILE), 'utf8');
      const line = journal.slice(journal.lastIndexOf('\n'));
      if (!line.includes(`"bench-added-${run}"`)) throw new Error(`the added voice is not in ${JOURNAL_FILE}`);

      const bareStarted = performance.now();
      const fd = openSync(join(dataDir, 'floor.journal'), 'a');
      writeSync(fd, line);
      fsyncSync(fd);
      closeSync(fd);
      bare.push(performance.now() - bareStarted);
    }
    return figure({
      id: `catalog-write-${VOICES}`,
      label: `catalog write (1 voice into ${VOICES.toLocaleString('en')}, durable)`,
      unit: 'ms',
      target: '≤ 20 ms',
      runs: added,
      floor: { label: 'same line: append + fsync', runs: bare },
      meets: (value) => value.median <= 20,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
