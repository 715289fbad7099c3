/**
 * A tiny tmpfs for the tests that need a full disk or a read-only one. Mounting needs root (CI
 * containers and this project's dev machine have it); elsewhere `mountSmallDisk` returns the
 * reason, and the test skips with it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Makes the file system read-only (as a read-only USB stick or a locked network share). */
  readOnly(): void;
  writable(): void;
  /** Writes filler until the disk is full, leaving `spareBytes` free (roughly). */
  fill(spareBytes?: number): void;
  unmount(): void;
}

export function mountSmallDisk(sizeKb = 1024): SmallDisk | string {
  const dir = mkdtempSync(join(tmpdir(), 'timbre-small-disk-'));
  const mount = (...args: string[]) => execFileSync('mount', args, { stdio: 'pipe' });
  try {
    mount('-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a small tmpfs here (${(error as Error).message.split('\n')[0]}); needs root`;
  }
  return {
    dir,
    readOnly: () => mount('-o', 'remount,ro', dir),
    writable: () => mount('-o', 'remount,rw', dir),
    fill(spareBytes = 0) {
      // dd stops at ENOSPC; the filler's size then is whatever fitted.
      const blocks = Math.max(0, Math.floor((sizeKb * 1024 - spareBytes) / 4096));
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${join(dir, 'filler')}`, 'bs=4096', `count=${blocks}`], { stdio: 'pipe' });
      } catch {
        // full
      }
    },
    unmount() {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
