import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWindowStateStore, DEFAULT_WINDOW_STATE, restoreBounds } from './window-state';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state', () => {
  it('reopens where the window was', () => {
    const dir = mkdtempSync(join(tmpdir(), 'timbre-window-'));
    createWindowStateStore(dir).save({ x: 100, y: 80, width: 1300, height: 900, maximized: true });
    expect(createWindowStateStore(dir).load(screen)).toEqual({ x: 100, y: 80, width: 1300, height: 900, maximized: true });
  });

  it('drops a position on a display that is gone, keeping the size', () => {
    expect(restoreBounds({ x: 2500, y: 100, width: 1200, height: 800, maximized: false }, screen)).toEqual({ width: 1200, height: 800, maximized: false });
  });

  it('uses defaults for nothing saved and raises tiny sizes to the minimum', () => {
    expect(restoreBounds(undefined, screen)).toEqual(DEFAULT_WINDOW_STATE);
    expect(restoreBounds({ x: 10, y: 10, width: 200, height: 100, maximized: false }, screen)).toMatchObject({ width: 900, height: 600 });
  });

  it('opens at the defaults and closes without throwing when the data folder cannot be written', () => {
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'timbre-window-')), 'file');
    writeFileSync(notAFolder, 'x');
    const warnings: string[] = [];
    const store = createWindowStateStore(notAFolder, { info: () => {}, warn: (message) => warnings.push(message), error: () => {} });
    expect(store.load([])).toEqual(DEFAULT_WINDOW_STATE);
    expect(() => store.save({ width: 1000, height: 700, maximized: false })).not.toThrow();
    expect(warnings).toHaveLength(1);
  });
});
