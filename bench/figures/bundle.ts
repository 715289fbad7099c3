/**
 * Renderer bundle: gzip size of the built renderer's JavaScript (level 9, as a server would
 * pre-compress it): the scripts index.html loads and every chunk they reference, so files left in
 * a reused output folder by older builds do not count. Floor: the smallest React 19 app
 * (react + react-dom/client rendering one element), minified for production the same way. Sizes
 * do not vary between runs, so each is measured once.
 */
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RENDERER_DIR, ROOT } from '../paths';
import { figure, type Figure } from '../stats';

const gzipKb = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length / 1024;

const MINIMAL_REACT_APP = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
createRoot(document.getElementById('root')).render(createElement('p', null, 'Timbre'));
`;

/** Paths (relative to the renderer folder) of the JS files the built page can load. */
function loadableScripts(): string[] {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  const pending = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((match) => match[1]);
  const found = new Set<string>();
  while (pending.length > 0) {
    const script = pending.pop()!;
    if (found.has(script)) continue;
    found.add(script);
    // Chunks name each other by file name (`./chunk-abc.js`, `assets/chunk-abc.js`).
    const code = readFileSync(join(RENDERER_DIR, script), 'utf8');
    for (const [, name] of code.matchAll(/["'`](?:\.\/|assets\/)([\w.-]+\.js)["'`]/g)) {
      const chunk = `assets/${name}`;
      if (existsSync(join(RENDERER_DIR, chunk))) pending.push(chunk);
    }
  }
  return [...found];
}

export async function rendererBundle(): Promise<Figure> {
  const scripts = loadableScripts();
  if (scripts.length === 0) throw new Error(`index.html in ${RENDERER_DIR} loads no JavaScript`);
  const appKb = scripts.reduce((sum, script) => sum + gzipKb(readFileSync(join(RENDERER_DIR, script))), 0);

  const minimal = await build({
    stdin: { contents: MINIMAL_REACT_APP, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const floorKb = gzipKb(minimal.outputFiles[0].contents);

  return figure({
    id: 'renderer-bundle',
    label: `renderer bundle, gzip (${scripts.length} JS file${scripts.length === 1 ? '' : 's'})`,
    unit: 'KB',
    target: '≤ 250 KB',
    runs: [appKb],
    floor: { label: 'minimal React 19 app', runs: [floorKb] },
    meets: (value) => value.median <= 250,
    note: 'sizes are deterministic: measured once',
  });
}
