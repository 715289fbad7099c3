/**
 * `npm start` on a fresh clone: the Electron binary is fetched when missing, and when that cannot
 * work the user reads one sentence saying what to do (not electron-vite's "Electron uninstall").
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script (it runs before anything is built), no types.
import { ensureElectron } from '../../scripts/ensure-electron.mjs';

const SCRIPT = resolve(import.meta.dirname, '../../scripts/ensure-electron.mjs');

/** A fresh `node_modules/electron` as npm 11 leaves it: no binary, no path.txt. */
function freshElectronPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'timbre-electron-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.4.1' }));
  return dir;
}

/** What Electron's install.js leaves behind when the download works. */
function downloadInto(dir: string) {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist', 'electron'), '');
  writeFileSync(join(dir, 'path.txt'), 'electron');
  return { ok: true };
}

describe('npm start on a fresh machine', () => {
  it('downloads the missing binary and goes on', () => {
    const dir = freshElectronPackage();
    let installs = 0;
    const result = ensureElectron({ electronDir: dir, env: {}, install: (target: string) => (installs++, downloadInto(target)) });
    expect(result).toEqual({ ok: true, path: join(dir, 'dist', 'electron') });
    expect(installs).toBe(1);
    // Present now: nothing more to download.
    expect(ensureElectron({ electronDir: dir, env: {}, install: () => (installs++, { ok: false }) })).toMatchObject({ ok: true });
    expect(installs).toBe(1);
  });

  it('uses ELECTRON_EXEC_PATH when it points at a binary', () => {
    const dir = freshElectronPackage();
    const binary = join(dir, 'my-electron');
    writeFileSync(binary, '');
    expect(ensureElectron({ electronDir: dir, env: { ELECTRON_EXEC_PATH: binary }, install: () => ({ ok: false }) })).toEqual({ ok: true, path: binary });
  });

  it('offline: exits 1 with one sentence that says what to do, then what Electron’s installer said', () => {
    const dir = freshElectronPackage();
    // Electron's installer, offline: it fails and says why.
    writeFileSync(join(dir, 'install.js'), 'console.error("RequestError: getaddrinfo ENOTFOUND github.com"); process.exit(1)');
    const run = spawnSync(process.execPath, ['-e', `import(${JSON.stringify(SCRIPT)}).then(({ ensureElectron }) => { const r = ensureElectron({ electronDir: ${JSON.stringify(dir)}, env: {} }); if (!r.ok) { console.error(r.message); process.exit(1); } })`], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/could not download Electron 45\.4\.1.*connect to the internet and run it again/);
    expect(lines.slice(1)).toEqual(["Electron's installer said:", '  RequestError: getaddrinfo ENOTFOUND github.com']);
  });

  it('behind a proxy: tells Electron’s installer to use it (@electron/get 5 needs ELECTRON_GET_USE_PROXY)', () => {
    const dir = freshElectronPackage();
    writeFileSync(join(dir, 'install.js'), 'console.log("use proxy: " + process.env.ELECTRON_GET_USE_PROXY); process.exit(1)');
    const result = ensureElectron({ electronDir: dir, env: { ...process.env, HTTPS_PROXY: 'http://proxy.example:3128' } });
    expect(result.message).toContain('use proxy: true');
  });
});
