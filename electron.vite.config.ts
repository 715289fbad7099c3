import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './electron/main/shell/security';

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

/**
 * The first screen of a returning user, though loaded with `import()`: the Library. (The interface
 * strings are not on that path: their chunk is asked for as soon as the first chunk runs, and
 * arrives while main answers launch's questions.)
 */
const FIRST_SCREEN = /\/features\/library\/LibraryScreen\.tsx$/;

/**
 * The Library's chunks start downloading with the first chunk, not once it has run: `<link
 * rel="modulepreload">` fetches and compiles them without running them. Without it, the first
 * chunk ran (~100 ms), then asked for the Library and waited as long again.
 */
function preloadFirstScreen(): Plugin {
  return {
    name: 'timbre-preload-first-screen',
    transformIndexHtml: {
      order: 'post',
      handler: (_html, context) => {
        const bundle = context.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((item) => item.type === 'chunk');
        const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const entry = chunks.find((chunk) => chunk.isEntry);
        const closure = (roots: string[]) => {
          const files = new Set<string>();
          const visit = (file: string) => {
            if (files.has(file)) return;
            files.add(file);
            for (const imported of byFile.get(file)?.imports ?? []) visit(imported);
          };
          roots.forEach(visit);
          return files;
        };
        const loadedAlready = closure(entry ? [entry.fileName] : []);
        const library = chunks.find((chunk) => chunk.isDynamicEntry && FIRST_SCREEN.test(chunk.facadeModuleId ?? ''));
        if (!library) throw new Error('timbre-preload-first-screen: the Library is no longer a chunk of its own');
        const scripts = [...closure([library.fileName])].filter((file) => !loadedAlready.has(file));
        const styles = scripts.flatMap((file) => [...(byFile.get(file)?.viteMetadata?.importedCss ?? [])]);
        return [
          ...scripts.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
          ...styles.map((file) => ({ tag: 'link', attrs: { rel: 'preload', as: 'style', crossorigin: true, href: `./${file}` }, injectTo: 'head' as const })),
        ];
      },
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
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
        // Each request costs the page (and main's app:// handler, JavaScript in Electron's main
        // process) more than its bytes: left alone, Rolldown gave every icon and small module
        // shared by two screens its own chunk, 22 files at launch. The icons the app uses go in one
        // chunk, and the app's small shared modules in another: 9 files at launch.
        output: {
          codeSplitting: {
            groups: [
              { name: 'icons', test: /node_modules[\\/]lucide-react[\\/]/ },
              { name: 'shared', test: /renderer[\\/]src[\\/]/, minShareCount: 2, maxModuleSize: 8_000 },
            ],
          },
        },
      },
    },
    plugins: [react(), contentSecurityPolicyMeta(), preloadFirstScreen()],
  },
});
