import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
/** Where `electron-vite build` put the app (the same rule as electron.vite.config.ts and the E2E harness). */
export const OUT_DIR = process.env.TIMBRE_OUT_DIR ?? join(ROOT, 'out');
export const RENDERER_DIR = join(OUT_DIR, 'renderer');
