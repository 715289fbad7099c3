import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;
// TIMBRE_OUT_DIR lets parallel test runs build into separate folders.
const out = process.env.TIMBRE_OUT_DIR ?? resolve(root, 'out');

export default defineConfig({
  main: {
    build: {
      outDir: resolve(out, 'main'),
      lib: { entry: resolve(root, 'electron/main/index.ts') },
      // keytar is native: load it from node_modules at run time.
      rollupOptions: { external: ['keytar'] },
    },
  },
  preload: {
    build: {
      outDir: resolve(out, 'preload'),
      lib: { entry: resolve(root, 'electron/preload/index.ts') },
      // A sandboxed preload can only require('electron'): bundle everything else into it.
      externalizeDeps: false,
      // Sandboxed preloads cannot be ESM.
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    build: {
      outDir: resolve(out, 'renderer'),
      // electron-vite leaves the renderer unminified; minified code parses faster on every launch.
      minify: true,
      // Maps would only help someone reading a stack trace, and the package must not ship them.
      sourcemap: false,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
    plugins: [
      react(),
      {
        // Vite's dev server injects CSS as <style> elements; only `npm run dev` allows them.
        name: 'timbre-dev-csp',
        apply: 'serve',
        transformIndexHtml: (html: string) => html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
      },
    ],
  },
});
