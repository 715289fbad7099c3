/**
 * What launching has to load and parse, gzip level 9 (as a server would pre-compress it):
 * - renderer first chunk: the scripts index.html loads (its entry and the modules it preloads:
 *   the shell, and the Library, a returning user's first screen), not the screens loaded when
 *   first opened; the note adds the interface language's strings. Floor: the smallest React 19 app (react +
 *   react-dom/client rendering one element), minified for production the same way.
 * - preload: the sandboxed preload script as built (raw bytes: Electron reads it from disk).
 *   Floor: a preload that exposes one function through contextBridge, bundled the same way.
 * Sizes do not vary between runs, so each is measured once.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { OUT_DIR, RENDERER_DIR, ROOT } from '../paths';
import { figure, type Figure } from '../stats';

const gzipKb = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length / 1024;

/** One line rendered by React (the paragraph is #floor, so the cold-start figure can time it as well). */
const MINIMAL_REACT_APP = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
createRoot(document.getElementById('root')).render(createElement('p', { id: 'floor' }, 'Timbre'));
`;

const MINIMAL_PRELOAD = `
const { contextBridge, ipcRenderer } = require('electron');
contextBridge.exposeInMainWorld('timbre', { info: () => ipcRenderer.invoke('app.info') });
`;

/** Paths (relative to the renderer folder) of the JS files index.html itself loads. */
function firstChunk(): string[] {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  return [...new Set([...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1]))];
}

const minified = async (contents: string, options: { platform: 'browser' | 'node'; format: 'esm' | 'cjs'; external?: string[] }) => (await build({
  stdin: { contents, resolveDir: ROOT, loader: 'js' },
  bundle: true,
  minify: true,
  write: false,
  define: { 'process.env.NODE_ENV': '"production"' },
  ...options,
})).outputFiles[0].contents;

/** The smallest React 19 app, minified for production as the renderer is: one ES module. */
export const minimalReactApp = () => minified(MINIMAL_REACT_APP, { platform: 'browser', format: 'esm' });

export async function rendererBundle(): Promise<Figure[]> {
  const scripts = firstChunk();
  if (scripts.length === 0) throw new Error(`index.html in ${RENDERER_DIR} loads no JavaScript`);
  const firstKb = scripts.reduce((sum, script) => sum + gzipKb(readFileSync(join(RENDERER_DIR, script))), 0);
  const assets = join(RENDERER_DIR, 'assets');
  const allScripts = readdirSync(assets).filter((file) => file.endsWith('.js'));
  const allKb = allScripts.reduce((sum, file) => sum + gzipKb(readFileSync(join(assets, file))), 0);
  // The interface's strings are a chunk per language (renderer/src/i18n/locales/<language>.ts),
  // fetched at launch beside the settings: the first paint needs one of them.
  const languageKb = (language: string) => gzipKb(readFileSync(join(assets, allScripts.find((file) => file.startsWith(`${language}-`))!)));

  const preloadFile = join(OUT_DIR, 'preload', 'index.cjs');
  if (!existsSync(preloadFile)) throw new Error(`no preload at ${preloadFile}`);
  const preloadKb = readFileSync(preloadFile).length / 1024;

  return [
    figure({
      id: 'renderer-first-chunk',
      label: `renderer first chunk, gzip (${scripts.length} JS file${scripts.length === 1 ? '' : 's'})`,
      unit: 'KB',
      target: '≤ 150 KB',
      runs: [firstKb],
      floor: { label: 'minimal React 19 app', runs: [gzipKb(await minimalReactApp())] },
      meets: (value) => value.median <= 150,
      note: `the interface language's strings come beside it at launch (English ${languageKb('en').toFixed(1)} KB, Chinese ${languageKb('zh-CN').toFixed(1)} KB); `
        + `every screen together: ${allKb.toFixed(1)} KB gzip in ${allScripts.length} files (${(allKb - firstKb).toFixed(1)} KB loaded when a screen is first opened or a language first used); `
        + 'sizes are deterministic: measured once',
    }),
    figure({
      id: 'preload',
      label: 'preload script',
      unit: 'KB',
      target: '≤ 10 KB',
      runs: [preloadKb],
      floor: { label: 'one-function contextBridge preload', runs: [(await minified(MINIMAL_PRELOAD, { platform: 'node', format: 'cjs', external: ['electron'] })).length / 1024] },
      meets: (value) => value.median <= 10,
    }),
  ];
}
