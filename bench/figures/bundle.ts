/**
 * Renderer bundle: gzip size of the built renderer's JavaScript (level 9, as a server would
 * pre-compress it). Floor: the smallest React 19 app (react + react-dom/client rendering one
 * element), minified for production the same way. Sizes do not vary between runs, so each is
 * measured once.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
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

export async function rendererBundle(): Promise<Figure> {
  const assets = join(RENDERER_DIR, 'assets');
  const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
  if (scripts.length === 0) throw new Error(`no built JavaScript in ${assets}`);
  const appKb = scripts.reduce((sum, name) => sum + gzipKb(readFileSync(join(assets, name))), 0);

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
