/**
 * Catalog write: adding one voice to a 10,000- and to a 100,000-voice catalog until it is durable
 * on disk (conf's atomic write: temp file, fsync, rename). Floor: the same bytes written the same
 * durable way by bare fs calls, so the figure shows what the store adds to the disk's own cost;
 * the two sizes show how the whole-file rewrite grows with the catalog.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CATALOG_FILE, createCatalogStore } from '../../electron/main/services/catalog-store';
import { makeVoice } from '../../tests/support/catalog-fixtures';
import { seededDataDir } from '../seed';
import { figure, type Figure } from '../stats';

export async function catalogWrite(runs: number): Promise<Figure[]> {
  return [await catalogWriteAt(10_000, runs, '≤ 20 ms', 20), await catalogWriteAt(100_000, runs, 'reported: how the rewrite grows', Infinity)];
}

async function catalogWriteAt(VOICES: number, runs: number, target: string, limitMs: number): Promise<Figure> {
  const dataDir = seededDataDir(VOICES);
  try {
    const catalog = createCatalogStore(dataDir);
    const added: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < runs; run++) {
      const voice = makeVoice({ id: `bench-added-${run}`, displayName: `Added ${run}`, preferredName: `added_${run}` });
      const started = performance.now();
      catalog.putVoice(voice);
      added.push(performance.now() - started);
      if (!readFileSync(join(dataDir, CATALOG_FILE), 'utf8').includes(`"bench-added-${run}"`)) {
        throw new Error('the added voice is not in catalog.json');
      }

      const bytes = readFileSync(join(dataDir, CATALOG_FILE));
      const target = join(dataDir, 'floor.json');
      const bareStarted = performance.now();
      const fd = openSync(`${target}.tmp`, 'w');
      writeSync(fd, bytes);
      fsyncSync(fd);
      closeSync(fd);
      renameSync(`${target}.tmp`, target);
      bare.push(performance.now() - bareStarted);
    }
    return figure({
      id: `catalog-write-${VOICES}`,
      label: `catalog write (1 voice into ${VOICES.toLocaleString('en')}, durable)`,
      unit: 'ms',
      target,
      runs: added,
      floor: { label: 'same bytes: write + fsync + rename', runs: bare },
      meets: (value) => value.median <= limitMs,
      note: `catalog.json holds ${(statSync(join(dataDir, CATALOG_FILE)).size / 1e6).toFixed(1)} MB`,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
