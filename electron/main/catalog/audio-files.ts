/**
 * The main process owns every audio file, in `<dataDir>/audio/`. Writes go to a temporary file
 * that is renamed into place (a crash never leaves half a sample under the real name) and are read
 * back before anyone is told they succeeded. The data folder refuses writes when it is read-only
 * or when a link would carry them outside it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TimbreError } from '../../../shared/errors';
import { SAMPLE_ERROR } from '../../../shared/samples';
import { openDataFolder, writeError, type DataFolder } from '../foundation/data-folder';

/** File names are ours (`<uuid>.<kind>.<ext>`); anything else could walk out of the folder. */
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export interface AudioFiles {
  readonly dir: string;
  /** Writes atomically and reads back; resolves with the size on disk. */
  write(file: string, bytes: Uint8Array): Promise<number>;
  read(file: string): Promise<Uint8Array<ArrayBuffer>>;
  /** Removes a file; a file that is already gone is fine. */
  remove(file: string): Promise<void>;
}

function pathIn(dir: string, file: string): string {
  if (!SAFE_NAME.test(file) || file.includes('..')) throw new TimbreError(SAMPLE_ERROR.audioMissing, `Invalid audio file name "${file}"`);
  return join(dir, file);
}

/** Failures the data folder explains in plain words (disk full, read-only). */
const DISK_OR_PERMISSION = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM']);

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code ?? 'unknown';

export function createAudioFiles(dataFolder: DataFolder | string): AudioFiles {
  const folder = typeof dataFolder === 'string' ? openDataFolder(dataFolder) : dataFolder;
  const dir = join(folder.dir, 'audio');
  return {
    dir,
    async write(file, bytes) {
      const target = pathIn(dir, file);
      const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        if (folder.readOnly) throw writeError(file, Object.assign(new Error('read-only'), { code: 'EROFS' }));
        await mkdir(dir, { recursive: true });
        folder.assertInside(target);
        await writeFile(temp, bytes, { flush: true });
        await rename(temp, target);
        const back = await readFile(target);
        if (back.length !== bytes.length || !back.equals(bytes)) {
          throw new TimbreError(SAMPLE_ERROR.saveFailed, `Read back ${back.length} bytes of ${bytes.length}`, {
            details: { reason: 'verify', expectedBytes: bytes.length, actualBytes: back.length },
            retryable: true,
          });
        }
        return back.length;
      } catch (error) {
        await rm(temp, { force: true }).catch(() => {});
        if (error instanceof TimbreError) throw error;
        if (DISK_OR_PERMISSION.has(errorCode(error))) throw writeError(file, error);
        throw new TimbreError(SAMPLE_ERROR.saveFailed, `Could not write ${file}: ${errorCode(error)}`, {
          details: { reason: errorCode(error) },
          retryable: true,
          cause: error,
        });
      }
    },
    async read(file) {
      try {
        return new Uint8Array(await readFile(pathIn(dir, file)));
      } catch (error) {
        if (error instanceof TimbreError) throw error;
        throw new TimbreError(SAMPLE_ERROR.audioMissing, `Could not read ${file}: ${errorCode(error)}`, { details: { file, reason: errorCode(error) }, cause: error });
      }
    },
    async remove(file) {
      const target = pathIn(dir, file);
      folder.assertInside(target);
      await rm(target, { force: true });
    },
  };
}
