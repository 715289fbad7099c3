import ElectronStore from 'electron-store';
import type { Logger } from '../foundation/log';

export interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export interface WindowState extends Bounds {
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1180, height: 780, maximized: false };
const MIN = { width: 900, height: 600 };

/**
 * Picks where the window opens: the saved bounds when they still overlap a display (monitors get
 * unplugged), else centred defaults. Sizes below the minimum are raised to it.
 */
export function restoreBounds(saved: Partial<WindowState> | undefined, workAreas: Bounds[]): WindowState {
  if (!saved || typeof saved.width !== 'number' || typeof saved.height !== 'number') return DEFAULT_WINDOW_STATE;
  const width = Math.max(MIN.width, saved.width);
  const height = Math.max(MIN.height, saved.height);
  const maximized = saved.maximized === true;
  if (typeof saved.x !== 'number' || typeof saved.y !== 'number') return { width, height, maximized };
  const { x, y } = saved;
  const visible = workAreas.some(
    (area) => x < (area.x ?? 0) + area.width - 100 && x + width > (area.x ?? 0) + 100 && y >= (area.y ?? 0) - 20 && y < (area.y ?? 0) + area.height - 100,
  );
  return visible ? { x, y, width, height, maximized } : { width, height, maximized };
}

/**
 * Window position and size in their own store file, so a bad value never touches the catalog.
 * A nicety: when the data folder cannot be written (read-only, full, not a folder), the window
 * opens at the defaults and closing it still works; the log says why.
 */
export function createWindowStateStore(dataDir: string, log?: Logger) {
  let store: ElectronStore<{ window?: WindowState }> | null = null;
  try {
    store = new ElectronStore<{ window?: WindowState }>({ cwd: dataDir, name: 'window-state', clearInvalidConfig: true });
  } catch (error) {
    log?.warn('the window position will not be kept', error);
  }
  return {
    load: (workAreas: Bounds[]) => restoreBounds(store?.get('window'), workAreas),
    save: (state: WindowState) => {
      try {
        store?.set('window', state);
      } catch (error) {
        log?.warn('could not keep the window position', error);
      }
    },
  };
}
