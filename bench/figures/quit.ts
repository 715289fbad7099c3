/**
 * Quitting: `core.dispose()` on a 10,000-voice catalog just after a burst of edits, from the call
 * to the data folder being released. Windows' NSIS installer kills Timbre about 1.3 s after
 * "Restart to update"; quitting must finish well before (target ≤ 500 ms). Even a kill that came
 * first would lose nothing (electron/main/core-kill.test.ts). Floor: opening and closing the same
 * catalog store alone, with no features on top.
 */
import { performance } from 'node:perf_hooks';
import { createCatalogStore } from '../../electron/main/catalog/store';
import { createCore } from '../../electron/main/core';
import { makeVoice } from '../../tests/support/catalog-fixtures';
import { seededDataDir } from '../seed';
import { figure, type Figure } from '../stats';

const VOICES = 10_000;
const quiet = { info() {}, warn() {}, error() {} };

export async function quit(runs: number): Promise<Figure[]> {
  const dataDir = await seededDataDir(VOICES);
  const disposing: number[] = [];
  const bare: number[] = [];
  for (let run = 0; run < runs; run++) {
    const core = await createCore({
      dataDir, appVersion: 'bench', platform: 'linux', systemLocale: 'en-US', secretStore: null, emit: () => {}, openPath: async () => {}, log: quiet,
    });
    // Busy: edits still being written when the user quits.
    core.services.catalog.batch(() => {
      for (let index = 0; index < 50; index++) core.services.catalog.putVoice(makeVoice({ id: `quit-${run}-${index}`, displayName: `Quit ${index}` }));
    });
    const started = performance.now();
    await core.dispose();
    disposing.push(performance.now() - started);

    const store = createCatalogStore(dataDir);
    const floorStarted = performance.now();
    await store.close();
    bare.push(performance.now() - floorStarted);
  }
  return [figure({
    id: 'quit-10000',
    label: `quit (core.dispose, ${VOICES.toLocaleString('en')} voices, after 50 edits)`,
    unit: 'ms',
    target: '≤ 500 ms (NSIS kills ~1.3 s after Restart)',
    runs: disposing,
    floor: { label: 'the catalog store alone: close', runs: bare },
    meets: (value) => value.median <= 500,
  })];
}
