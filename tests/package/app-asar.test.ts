/**
 * The package check: electron-builder packs the real app around a stand-in Electron distribution
 * (no download, no native rebuild), then the test reads what it produced as Electron would: the
 * fuses in the executable and the files in app.asar. Needs `out/` built (`npm run test:package`).
 */
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
// Not re-exported by the package's index: the wire's sentinel and the byte values of a fuse.
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants.js';
import { build, type Message } from 'esbuild';
import { load } from 'js-yaml';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; main: string; type: string };
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { dev?: boolean }>;
};
const builderConfig = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as { electronFuses: Record<string, boolean> };

/** electron-builder.yml's fuse names → their place on Electron's fuse wire. */
const FUSE_POSITIONS: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};
const fuseState = (on: boolean) => (on ? FuseState.ENABLE : FuseState.DISABLE);
const WIRE_LENGTH = Object.keys(FUSE_POSITIONS).length;

/**
 * A stand-in Linux Electron distribution: an "electron" file carrying a fuse wire as Electron's
 * binary does (sentinel, wire version, wire length, one byte per fuse). Every fuse starts at the
 * opposite of what electron-builder.yml asks, so each one read back later was really flipped.
 */
function standInElectronDist(dir: string): void {
  const wire = new Array<number>(WIRE_LENGTH);
  for (const [name, position] of Object.entries(FUSE_POSITIONS)) wire[position] = fuseState(!builderConfig.electronFuses[name]);
  mkdirSync(dir, { recursive: true });
  const binary = Buffer.concat([Buffer.from('stand-in for the Electron executable\n'), Buffer.from(SENTINEL), Buffer.from([1, WIRE_LENGTH, ...wire])]);
  writeFileSync(join(dir, 'electron'), binary, { mode: 0o755 });
}

const work = mkdtempSync(join(tmpdir(), 'timbre-package-'));
const appOutDir = join(work, 'release', 'linux-unpacked');
const archive = join(appOutDir, 'resources', 'app.asar');
let entries: Set<string>;

beforeAll(async () => {
  if (!existsSync(join(root, pkg.main))) throw new Error(`${pkg.main} is missing: build first (npm run test:package does).`);
  standInElectronDist(join(work, 'electron-dist'));
  const started = performance.now();
  // The same command and config as `npm run dist`, for the unpacked Linux app only.
  await promisify(execFile)(process.execPath, [
    join(root, 'node_modules/electron-builder/cli.js'),
    '--config', 'electron-builder.yml', '--linux', 'dir', '--publish', 'never',
    `-c.electronDist=${join(work, 'electron-dist')}`,
    `-c.directories.output=${join(work, 'release')}`,
    // keytar is an N-API module: the build npm ci made loads in Electron too, and rebuilding needs the network.
    '-c.npmRebuild=false',
  ], { cwd: root, maxBuffer: 16 * 1024 * 1024 });
  console.log(`electron-builder --dir took ${Math.round(performance.now() - started)} ms`);
  entries = new Set(listPackage(archive, { isPack: false }).map((entry) => entry.replace(/\\/g, '/').replace(/^\//, '')));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** "node_modules/a/node_modules/@b/c/lib/x.js" → "node_modules/a/node_modules/@b/c". */
function packageDirOf(entry: string): string | null {
  const match = /^(?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+/.exec(entry);
  return match ? match[0] : null;
}

describe('the packaged app', () => {
  it('has the fuses electron-builder.yml sets, flipped in the executable', async () => {
    const wire = await getCurrentFuseWire(join(appOutDir, pkg.name));
    const expected: Record<number, number> = {};
    for (const [name, position] of Object.entries(FUSE_POSITIONS)) expected[position] = fuseState(builderConfig.electronFuses[name]);
    expect(wire).toEqual({ version: '1', ...expected });
    // Each fuse is set on purpose; none is left to whatever Electron's default is.
    expect(Object.keys(builderConfig.electronFuses).sort()).toEqual(Object.keys(FUSE_POSITIONS).sort());
  });

  it('loads its page the way the fuses allow: a privileged scheme served from the archive, never file://', () => {
    // With GrantFileProtocolExtraPrivileges off, a file:// page is an opaque origin whose module
    // script and stylesheet are refused (CORS), and it cannot read inside app.asar: a blank window.
    expect(builderConfig.electronFuses).toMatchObject({ grantFileProtocolExtraPrivileges: false, onlyLoadAppFromAsar: true });
    const main = extractFile(archive, pkg.main).toString('utf8');
    expect(/\.loadFile\(|\.loadURL\(\s*['"`]file:/.test(main), 'main loads a file:// page').toBe(false);
    expect(/\.registerSchemesAsPrivileged\(/.test(main), 'main registers a privileged scheme').toBe(true);
    expect(/\bprotocol\.handle\(/.test(main), 'main serves it with protocol.handle').toBe(true);
  });

  it('holds package.json with the main entry, and every module main imports resolves inside the archive', async () => {
    const archived = JSON.parse(extractFile(archive, 'package.json').toString('utf8')) as { main: string; type: string };
    expect(archived).toMatchObject({ main: pkg.main, type: pkg.type });
    expect(entries.has(archived.main)).toBe(true);

    // esbuild walks the import graph with Node's resolution (exports conditions, main fields,
    // nested node_modules) over the extracted archive; nothing outside it is reachable. An import
    // that does not resolve fails the build; only a require() inside try/catch (ws's optional
    // bufferutil) is left alone, as Node would survive it.
    const appDir = join(work, 'app');
    extractAll(archive, appDir);
    const result = await build({
      absWorkingDir: appDir,
      entryPoints: [join(appDir, archived.main)],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      external: ['electron'],
      loader: { '.node': 'file' },
      outdir: join(work, 'bundle'),
      metafile: true,
      logLevel: 'silent',
    }).catch((error: { errors?: Message[] }) => {
      throw new Error(`main's imports do not resolve inside app.asar:\n${(error.errors ?? []).map((e) => `${e.location?.file}: ${e.text}`).join('\n')}`);
    });

    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.startsWith('..') || !entries.has(input))).toEqual([]);
    for (const name of ['electron-store', 'keytar', 'ws', 'zod', 'fflate']) {
      expect(inputs.some((input) => input.startsWith(`node_modules/${name}/`)), name).toBe(true);
    }
    // The native keytar binding is part of the graph and sits outside the archive, where it can be loaded.
    const natives = inputs.filter((input) => input.endsWith('.node'));
    expect(natives).toEqual(['node_modules/keytar/build/Release/keytar.node']);
    for (const native of natives) {
      expect(statFile(archive, native)).toMatchObject({ unpacked: true });
      expect(statSync(join(`${archive}.unpacked`, native)).size).toBeGreaterThan(10_000);
    }
  });

  it('ships no dev dependencies, no source maps or sources, and only packages the lockfile knows', () => {
    const packages = new Set([...entries].map(packageDirOf).filter((dir): dir is string => dir !== null));
    expect(packages.size).toBeGreaterThan(5);
    expect([...packages].filter((dir) => !lock.packages[dir])).toEqual([]);
    expect([...packages].filter((dir) => lock.packages[dir].dev)).toEqual([]);
    expect([...entries].filter((entry) => entry.endsWith('.map'))).toEqual([]);
    // The project's sources stay out: main, preload and renderer ship as Vite built them.
    expect([...entries].filter((entry) => /^(electron|renderer|shared|tests|bench|scripts|resources)\//.test(entry))).toEqual([]);
  });

  it('holds every module the page imports, at launch or later (each screen, each language), inside the archive', async () => {
    // The page's strings and screens are chunks imported when first needed: one left out of the
    // archive would only show when that language or screen is opened (the language at launch: a
    // window that never leaves its splash). esbuild follows the page's static and dynamic imports
    // over the extracted archive; one that does not resolve fails the build.
    const html = extractFile(archive, 'out/renderer/index.html').toString('utf8');
    const entry = /<script type="module"[^>]*\ssrc="\.?\/?([^"]+)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    const pageDir = join(work, 'page');
    extractAll(archive, pageDir);
    const result = await build({
      absWorkingDir: pageDir,
      entryPoints: [join(pageDir, 'out/renderer', entry!)],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      loader: { '.css': 'empty', '.wasm': 'empty', '.onnx': 'empty' },
      outdir: join(work, 'page-bundle'),
      metafile: true,
      logLevel: 'silent',
    }).catch((error: { errors?: Message[] }) => {
      throw new Error(`the page's imports do not resolve inside app.asar:\n${(error.errors ?? []).map((e) => `${e.location?.file}: ${e.text}`).join('\n')}`);
    });
    const chunks = Object.keys(result.metafile.inputs).map((input) => posix.basename(input));
    for (const chunk of ['LibraryScreen-', 'RecordScreen-', 'TryScreen-', 'SettingsScreen-', 'en-', 'zh-CN-']) {
      expect(chunks.some((name) => name.startsWith(chunk) && name.endsWith('.js')), chunk).toBe(true);
    }
  });

  it('holds every worker and worklet the page starts (the noise reducers, the speech detector, the speakers analysis, the take listener and its tap) inside the archive', () => {
    // `new Worker(new URL(...))` and a worklet's URL are not imports: the check above does not follow
    // them, and one left out would only fail when a take is first recorded, checked or its noise reduced.
    const scripts = [...entries].filter((entry) => /^out\/renderer\/assets\/[^/]+\.js$/.test(entry));
    const started = new Set(scripts.flatMap((script) => {
      const code = extractFile(archive, script).toString('utf8');
      return [
        ...[...code.matchAll(/new Worker\(new URL\((?:new URL\()?[`"']([^`"']+\.js)[`"']/g)].map((match) => match[1]),
        ...[...code.matchAll(/new URL\([`"']([^`"'/]+\.worklet-[\w-]+\.js)[`"']/g)].map((match) => match[1]),
      ];
    }));
    expect([...started].map((file) => file.replace(/-[\w-]+\.js$/, '')).sort())
      .toEqual(['denoise.worker', 'speakers.worker', 'take-listener.worker', 'take-tap.worklet', 'vad.worker']);
    expect([...started].filter((file) => !entries.has(`out/renderer/assets/${file}`))).toEqual([]);
  });

  it('starts loading the Library with the first chunk, not once it has run', () => {
    // A returning user's first screen is the Library, imported with import(): without these links
    // its chunks were asked for only after the first chunk had run, and the window waited on them.
    const html = extractFile(archive, 'out/renderer/index.html').toString('utf8');
    const linked = new Set([...html.matchAll(/<(?:link rel="modulepreload"|script type="module")[^>]*?\s(?:href|src)="\.\/([^"]+)"/g)].map((match) => match[1]));
    const library = [...linked].find((file) => /^assets\/LibraryScreen-[^/]+\.js$/.test(file));
    expect(library, 'the Library\'s chunk is preloaded').toBeDefined();
    const code = extractFile(archive, `out/renderer/${library}`).toString('utf8');
    const imports = [...code.matchAll(/(?:\bfrom|\bimport)\s*"\.\/([^"]+\.js)"/g)].map((match) => `assets/${match[1]}`);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((file) => !linked.has(file))).toEqual([]);
  });

  it('holds the preload and the renderer page with every file it links to', () => {
    expect(entries.has('out/preload/index.cjs')).toBe(true);
    const html = extractFile(archive, 'out/renderer/index.html').toString('utf8');
    const linked = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((match) => match[1]).filter((url) => !/^[a-z]+:/i.test(url));
    expect(linked.some((url) => url.endsWith('.js'))).toBe(true);
    expect(linked.some((url) => url.endsWith('.css'))).toBe(true);
    const files = linked.map((url) => posix.join('out/renderer', url));
    // Stylesheets may pull in more (fonts, images) by url().
    for (const css of files.filter((file) => file.endsWith('.css'))) {
      const text = extractFile(archive, css).toString('utf8');
      for (const [, url] of text.matchAll(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g)) {
        if (!/^(?:[a-z]+:|#)/i.test(url)) files.push(posix.join(posix.dirname(css), url.split(/[?#]/)[0]));
      }
    }
    expect(files.filter((file) => !entries.has(file))).toEqual([]);
  });
});
