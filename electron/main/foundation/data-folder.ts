/**
 * The data folder as one resource: who may write to it, and how. Every store writes through here,
 * so every write is durable (temporary file, fsync, rename), fails with a typed error in plain
 * words (disk full, read-only, a link that leads out of the folder), and nothing is written by a
 * second Timbre on the same folder.
 *
 * - **Lock**: `timbre.lock` holds the pid of the process that opened the folder. A second process
 *   is refused while that one lives; a lock left by a crash (dead pid, or an earlier boot) is taken over.
 * - **Read-only**: a folder that cannot be written (a read-only disk, wrong permissions) opens
 *   anyway; reads work and every write is refused with `data.read_only`.
 * - **Damaged files**: `readJson` sets a file that cannot be read or does not have the expected
 *   shape aside (`<name>.damaged-<time>.json`) and reports it once through `setAsideFiles`.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, lstatSync, mkdirSync, openSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname, uptime } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { TimbreError } from '../../../shared/errors';
import { DATA_ERROR } from '../../../shared/ipc/routes/app';
import type { Logger } from './log';

export const LOCK_FILE = 'timbre.lock';

export interface SetAsideFile {
  /** The file as Timbre names it, e.g. `synthesis-history.json`. */
  file: string;
  /** Where its content was kept, or null when it could not be moved (read-only folder). */
  keptAs: string | null;
  at: number;
}

export interface DataFolder {
  readonly dir: string;
  /** True when the folder cannot be written; every write then fails with `data.read_only`. */
  readonly readOnly: boolean;
  /** A file's text (a leading BOM dropped), or null when it does not exist. Other failures throw. */
  readText(file: string): string | null;
  /**
   * A JSON file's value, or null when it does not exist. A file that cannot be read, is not JSON
   * or fails `shapeOk` is set aside and read as absent: the app starts, and the user is told.
   */
  readJson(file: string, shapeOk: (value: unknown) => boolean): unknown;
  /** Writes durably (temporary file, fsync, rename); throws a typed `data.*` error. */
  write(file: string, bytes: Uint8Array | string): void;
  writeJson(file: string, value: unknown): void;
  /**
   * An append-only file (created if absent). Each append is fsynced before it returns; one that
   * fails is cut back off, so the file never keeps half of it. Throws typed `data.*` errors.
   */
  appendLog(file: string): AppendLog;
  /** Renames a file inside the folder; throws typed `data.*` errors. */
  rename(from: string, to: string): void;
  /** Removes a file inside the folder (absent is fine); throws typed `data.*` errors. */
  remove(file: string): void;
  /** Moves (or copies, with `copy`) a file to `<stem>.<label>-<time><ext>`; null when that failed. */
  keepAside(file: string, label: string, options?: { copy?: boolean }): string | null;
  /** Throws `data.link_outside` when writing `path` would land outside the folder through a link. */
  assertInside(path: string): void;
  /** Files set aside since the folder was opened (each reported once, then forgotten). */
  takeSetAsideFiles(): SetAsideFile[];
  /** Gives up the lock. */
  release(): void;
}

export interface AppendLog {
  append(parts: Uint8Array[]): void;
  /** Bytes in the file now. */
  readonly size: number;
  close(): void;
}

export interface DataFolderOptions {
  log?: Logger;
  now?: () => number;
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code ?? 'unknown';
const READ_ONLY_CODES = new Set(['EROFS', 'EACCES', 'EPERM']);
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);
export const fileStamp = (ms: number) => new Date(ms).toISOString().replace(/[:.]/g, '-');

/** The typed error for a failed write of `file` (a name inside the data folder, never user input). */
export function writeError(file: string, error: unknown): TimbreError {
  if (error instanceof TimbreError) return error;
  const code = errorCode(error);
  if (DISK_FULL_CODES.has(code)) {
    return new TimbreError(DATA_ERROR.diskFull, `The disk is full: ${file} could not be saved`, { details: { file }, retryable: true, cause: error });
  }
  if (READ_ONLY_CODES.has(code)) {
    return new TimbreError(DATA_ERROR.readOnly, `The data folder cannot be written: ${file} could not be saved`, { details: { file }, cause: error });
  }
  return new TimbreError(DATA_ERROR.writeFailed, `${file} could not be saved (${code})`, { details: { file, reason: code }, retryable: true, cause: error });
}

interface LockContent {
  pid: number;
  host: string;
  /** When this computer last started (ms), to tell a pid of an earlier boot from a live one. */
  bootedAt: number;
}

const bootedAt = () => Date.now() - uptime() * 1000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** The process that holds a lock, when it is another one that still runs. */
function liveHolder(text: string): LockContent | null {
  let lock: Partial<LockContent>;
  try {
    lock = JSON.parse(text) as Partial<LockContent>;
  } catch {
    return null;
  }
  if (typeof lock.pid !== 'number' || lock.pid === process.pid) return null;
  // Another computer's lock cannot be checked; in a folder synced between computers it would stay
  // forever and keep Timbre from starting, so only this computer's processes count.
  if (lock.host !== hostname()) return null;
  // A pid from before the last restart of this computer belongs to someone else now.
  if (typeof lock.bootedAt !== 'number' || Math.abs(lock.bootedAt - bootedAt()) > 60_000) return null;
  return isAlive(lock.pid) ? (lock as LockContent) : null;
}

export function openDataFolder(dir: string, options: DataFolderOptions = {}): DataFolder {
  const now = options.now ?? Date.now;
  const log = options.log;
  const setAside: SetAsideFile[] = [];

  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    log?.warn('data folder could not be created', { code: errorCode(error) });
  }
  let realDir = dir;
  try {
    realDir = realpathSync(dir);
  } catch {
    // Not there and not creatable: everything reads as absent, every write is refused.
  }

  const path = (file: string) => join(dir, file);

  function assertInside(target: string): void {
    const inside = (candidate: string) => {
      const rel = relative(realDir, candidate);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    };
    let parent = dirname(resolve(target));
    try {
      parent = realpathSync(parent);
    } catch {
      // A folder that does not exist yet is created inside its (checked) parent.
    }
    let destination = join(parent, basename(target));
    try {
      if (lstatSync(destination).isSymbolicLink()) {
        const link = readlinkSync(destination);
        destination = resolve(parent, link);
        try {
          destination = realpathSync(destination);
        } catch {
          // A dangling link: where it points is what counts.
        }
      }
    } catch {
      // Nothing there yet.
    }
    if (!inside(parent) || !inside(destination)) {
      throw new TimbreError(DATA_ERROR.linkOutside, 'A link in the data folder leads outside it; Timbre does not write through it', {
        details: { file: relative(dir, target) },
      });
    }
  }

  function writeFile(target: string, name: string, bytes: Uint8Array | string): void {
    assertInside(target);
    const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    let fd: number | null = null;
    try {
      fd = openSync(temp, 'wx');
      const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
      for (let offset = 0; offset < data.length;) offset += writeSync(fd, data, offset, data.length - offset);
      fsyncSync(fd);
      closeSync(fd);
      fd = null;
      renameSync(temp, target);
    } catch (error) {
      if (fd !== null) closeSync(fd);
      rmSync(temp, { force: true });
      throw writeError(name, error);
    }
  }

  // Writable? Creating the lock file is the test; a folder that refuses it opens read-only.
  let readOnly = false;
  let locked = false;
  const lockPath = path(LOCK_FILE);
  const lockText = () => JSON.stringify({ pid: process.pid, host: hostname(), bootedAt: bootedAt() } satisfies LockContent);
  let existing: string | null = null;
  try {
    existing = readFileSync(lockPath, 'utf8');
  } catch {
    // No lock yet.
  }
  const holder = existing === null ? null : liveHolder(existing);
  if (holder) {
    throw new TimbreError(DATA_ERROR.inUse, `Another Timbre (process ${holder.pid}) is using this data folder`, {
      details: { dataDir: dir, pid: holder.pid },
    });
  }
  try {
    writeFile(lockPath, LOCK_FILE, lockText());
    // Two starts at once both saw no live holder; the last rename wins, and the loser steps back.
    const winner = liveHolder(readFileSync(lockPath, 'utf8'));
    if (winner) {
      throw new TimbreError(DATA_ERROR.inUse, `Another Timbre (process ${winner.pid}) is using this data folder`, {
        details: { dataDir: dir, pid: winner.pid },
      });
    }
    locked = true;
  } catch (error) {
    if (error instanceof TimbreError && error.code === DATA_ERROR.inUse) throw error;
    if (error instanceof TimbreError && error.code === DATA_ERROR.readOnly) {
      readOnly = true;
      log?.warn('data folder is read-only; opening it read-only', { dataDir: dir });
    } else {
      // A full disk: nothing else can be written either, so there is nothing to protect.
      log?.warn('data folder lock could not be written', { code: error instanceof TimbreError ? error.code : errorCode(error) });
    }
  }

  function keepAside(file: string, label: string, keepOptions: { copy?: boolean } = {}): string | null {
    const dot = file.lastIndexOf('.');
    const [stem, ext] = dot > 0 ? [file.slice(0, dot), file.slice(dot)] : [file, ''];
    const name = `${stem}.${label}-${fileStamp(now())}${ext}`;
    try {
      if (readOnly) return null;
      if (keepOptions.copy) writeFile(path(name), name, readFileSync(path(file)));
      else renameSync(path(file), path(name));
      return name;
    } catch (error) {
      log?.warn('could not keep a damaged file aside', { file, code: errorCode(error) });
      return null;
    }
  }

  function readText(file: string): string | null {
    let text: string;
    try {
      text = readFileSync(path(file), 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return null;
      throw error;
    }
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  function refuseWhenReadOnly(file: string): void {
    if (readOnly) throw writeError(file, Object.assign(new Error('read-only'), { code: 'EROFS' }));
  }

  function appendLog(file: string): AppendLog {
    refuseWhenReadOnly(file);
    const target = path(file);
    assertInside(target);
    let fd: number;
    try {
      fd = openSync(target, 'a');
    } catch (error) {
      throw writeError(file, error);
    }
    let size = fstatSync(fd).size;
    return {
      append(parts) {
        const data = Buffer.concat(parts);
        try {
          for (let offset = 0; offset < data.length;) offset += writeSync(fd, data, offset, data.length - offset);
          fsyncSync(fd);
          size += data.length;
        } catch (error) {
          try {
            ftruncateSync(fd, size);
          } catch {
            // The next line starts on a new line anyway; a cut-off one is skipped when read.
          }
          throw writeError(file, error);
        }
      },
      get size() {
        return size;
      },
      close: () => closeSync(fd),
    };
  }

  return {
    dir,
    readOnly,
    readText,
    appendLog,
    rename(from, to) {
      refuseWhenReadOnly(from);
      assertInside(path(to));
      try {
        renameSync(path(from), path(to));
      } catch (error) {
        throw writeError(from, error);
      }
    },
    remove(file) {
      refuseWhenReadOnly(file);
      try {
        rmSync(path(file), { force: true });
      } catch (error) {
        throw writeError(file, error);
      }
    },
    readJson(file, shapeOk) {
      let reason: string;
      try {
        const text = readText(file);
        if (text === null) return null;
        const value: unknown = JSON.parse(text);
        if (shapeOk(value)) return value;
        reason = 'wrong shape';
      } catch (error) {
        reason = error instanceof SyntaxError ? 'not JSON' : errorCode(error);
      }
      const keptAs = keepAside(file, 'damaged');
      log?.warn('a data file could not be read; set aside, starting without it', { file, keptAs, reason });
      setAside.push({ file, keptAs, at: now() });
      return null;
    },
    write(file, bytes) {
      refuseWhenReadOnly(file);
      writeFile(path(file), file, bytes);
    },
    writeJson(file, value) {
      this.write(file, JSON.stringify(value));
    },
    keepAside,
    assertInside,
    takeSetAsideFiles: () => setAside.splice(0),
    release() {
      if (!locked) return;
      locked = false;
      try {
        if (liveHolder(readFileSync(lockPath, 'utf8')) === null) rmSync(lockPath, { force: true });
      } catch {
        // Gone already.
      }
    },
  };
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
