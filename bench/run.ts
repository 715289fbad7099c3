/**
 * `npm run bench`: measures what users feel, each figure next to its floor measured in the same
 * run (ratios hold on a noisy machine; absolute times do not). Targets are reported, not asserted:
 * the bench exits 0 unless a measurement crashes. Prints a table and writes bench/results.json.
 *
 * Started by package.json as `tsx --import ./bench/electron-stub-loader.mjs bench/run.ts` after a
 * build into $TIMBRE_OUT_DIR (default out/). BENCH_RUNS sets the runs per figure (at least 5).
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHROMIUM_PATH } from '../tests/e2e/harness';
import { catalogWrite } from './figures/catalog-write';
import { rendererBundle } from './figures/bundle';
import { coldStart } from './figures/cold-start';
import { enrollmentOverhead } from './figures/enrollment';
import { library } from './figures/library';
import { stopToPreview } from './figures/preview';
import { quit } from './figures/quit';
import { sampleQuality } from './figures/sample-quality';
import { ROOT } from './paths';
import { printReport, writeResults, type Machine } from './report';
import type { Figure } from './stats';

const RUNS = Math.max(5, Number(process.env.BENCH_RUNS) || 5);

function machine(): Machine {
  const chromium = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    chromium: chromium.replace(/^Chromium\s+/, ''),
  };
}

/** One figure's measurement; a crash is reported in the table (and fails the run) instead of hiding the others. */
async function measure(name: string, run: () => Promise<Figure | Figure[]>, failures: string[]): Promise<Figure[]> {
  process.stderr.write(`bench: ${name}…\n`);
  try {
    const result = await run();
    return Array.isArray(result) ? result : [result];
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    failures.push(`${name}: ${error instanceof Error ? error.stack : message}`);
    return [{ id: name, label: name, unit: 'ms', target: '', notMeasured: `crashed (${message})` }];
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const failures: string[] = [];
  const figures: Figure[] = [
    ...(await measure('renderer bundle', rendererBundle, failures)),
    ...(await measure('catalog write', () => catalogWrite(RUNS), failures)),
    ...(await measure('cold start', () => coldStart(RUNS), failures)),
    ...(await measure('library', () => library(RUNS), failures)),
    ...(await measure('enrollment', () => enrollmentOverhead(RUNS), failures)),
    ...(await measure('stop to preview', () => stopToPreview(RUNS), failures)),
    ...(await measure('sample quality', () => sampleQuality(RUNS), failures)),
    ...(await measure('quit', () => quit(RUNS), failures)),
  ];
  const results = {
    date: new Date().toISOString(),
    machine: machine(),
    runs: RUNS,
    durationSeconds: (performance.now() - started) / 1000,
    figures,
  };
  printReport(results);
  writeResults(join(ROOT, 'bench', 'results.json'), results);
  for (const failure of failures) console.error(`\nbench: ${failure}`);
  // Chromium instances started by the E2E harness stay open until the process ends.
  process.exit(failures.length > 0 ? 1 : 0);
}

await main();
