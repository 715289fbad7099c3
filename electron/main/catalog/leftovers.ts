/**
 * What crashes leave in the data folder: temporary files of writes that never reached their
 * rename, and audio files whose record was never written (the audio is saved first) or whose
 * removal was cut short. Cleaned once per start, in the background, after the journal is merged.
 *
 * Only files older than this run are candidates, so nothing being written now is touched. An
 * audio file is kept while any record names it: the catalog in memory, or any file at the top of
 * the data folder (catalog, journals, Try's history, and the damaged copies kept aside, whose
 * records the user may still want back), read for every `"file": "<name>"` in it.
 */
import { lstat, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataFolder } from '../foundation/data-folder';
import type { Logger } from '../foundation/log';
import type { CatalogStore } from './store';

export interface LeftoversDeps {
  folder: DataFolder;
  catalog: Pick<CatalogStore, 'flush' | 'listSamples'>;
  audioDir: string;
  /** When this run opened the folder (ms): anything modified since is this run's own. */
  startedAt: number;
  log: Logger;
}

export interface CleanedLeftovers {
  tempFiles: number;
  audioFiles: number;
  bytesFreed: number;
}

const FILE_REFERENCE = /"file"\s*:\s*"([^"\\]+)"/g;

interface FoundFile {
  name: string;
  path: string;
  size: number;
  mtimeMs: number;
}

/** The regular files in `dir`; none when it cannot be listed. */
async function filesIn(dir: string): Promise<FoundFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const files = await Promise.all(names.map(async (name) => {
    const path = join(dir, name);
    const stat = await lstat(path).catch(() => null);
    return stat?.isFile() ? { name, path, size: stat.size, mtimeMs: stat.mtimeMs } : null;
  }));
  return files.filter((file) => file !== null);
}

/** Every file name a `"file"` field holds in these files (set aside or not, valid JSON or not). */
async function namedIn(files: FoundFile[]): Promise<Set<string>> {
  const named = new Set<string>();
  for (const file of files) {
    const text = await readFile(file.path, 'latin1').catch(() => '');
    for (const match of text.matchAll(FILE_REFERENCE)) named.add(match[1]);
  }
  return named;
}

export async function cleanLeftovers(deps: LeftoversDeps): Promise<CleanedLeftovers> {
  const cleaned: CleanedLeftovers = { tempFiles: 0, audioFiles: 0, bytesFreed: 0 };
  if (deps.folder.readOnly) return cleaned;
  await deps.catalog.flush();
  const [top, audio] = await Promise.all([filesIn(deps.folder.dir), filesIn(deps.audioDir)]);
  const old = (file: FoundFile) => file.mtimeMs < deps.startedAt;
  const remove = async (file: FoundFile, kind: 'tempFiles' | 'audioFiles') => {
    try {
      await rm(file.path, { force: true });
      cleaned[kind]++;
      cleaned.bytesFreed += file.size;
    } catch (error) {
      deps.log.warn('data folder: a leftover could not be removed', { kind, code: (error as NodeJS.ErrnoException).code });
    }
  };
  for (const file of [...top, ...audio].filter(old)) {
    if (file.name.endsWith('.tmp')) await remove(file, 'tempFiles');
  }
  const inCatalog = new Set(deps.catalog.listSamples().flatMap((sample) => [sample.original?.file, sample.upload?.file]));
  const unclaimed = audio.filter((file) => old(file) && !file.name.endsWith('.tmp') && !inCatalog.has(file.name));
  // Try's results and the records in set-aside files are only on disk: read it only when needed.
  const named = unclaimed.length > 0 ? await namedIn(top.filter((file) => !file.name.endsWith('.tmp'))) : new Set<string>();
  for (const file of unclaimed) {
    if (!named.has(file.name)) await remove(file, 'audioFiles');
  }
  if (cleaned.tempFiles + cleaned.audioFiles > 0) deps.log.info('data folder: removed what crashes left behind', cleaned);
  return cleaned;
}
