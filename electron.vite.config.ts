import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/main/security';

const root = import.meta.dirname;
// TIMBRE_OUT_DIR lets parallel test runs build into separate folders.
const out = process.env.TIMBRE_OUT_DIR ?? resolve(root, 'out');

/**
 * The inline scripts Vite's dev server adds to the page: only React Refresh's preamble (the text
 * @vitejs/plugin-react injects, with the dev server's base "/"). Main's dev CSP admits exactly these.
 */
export const devInlineScriptHashes = [react.preambleCode.replace('__BASE__', '/')].map(
  (code) => `'sha256-${createHash('sha256').update(code).digest('base64')}'`,
);

/**
 * One CSP, written in electron/main/security.ts: the built page carries it in a <meta> too (the
 * `app://` handler also sends it as a header). The dev server page gets none: main adds the dev
 * policy as a header, so hot reload needs no second copy here.
 */
// Chromium ignores (and warns about) frame-ancestors in a <meta>; the header carries it.
const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ').filter((directive) => !directive.startsWith('frame-ancestors')).join('; ');

function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'timbre-csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: (_html, context) =>
        context.server ? [] : [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CONTENT_SECURITY_POLICY }, injectTo: 'head' }],
    },
  };
}

export default defineConfig({
  main: {
    define: { 'import.meta.env.TIMBRE_DEV_INLINE_SCRIPT_HASHES': JSON.stringify(devInlineScriptHashes.join(' ')) },
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
    plugins: [react(), contentSecurityPolicyMeta()],
  },
});
