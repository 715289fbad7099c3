#!/usr/bin/env node
/**
 * `npm start` and `npm run dev` run this first. Since Electron 42, `npm install` no longer
 * downloads Electron's binary (the package fetches it on first use), and electron-vite only reads
 * `node_modules/electron/path.txt`, failing with "Electron uninstall" when it is missing. So: if
 * the binary is not there, download it with Electron's own installer; if that cannot work
 * (offline), say in one sentence what to do. `npm ci` and `npm test` never need the binary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The Electron executable the package has downloaded, if any. */
export function installedElectron(electronDir) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/**
 * Makes sure electron-vite will find an Electron binary; returns its path, or the sentence to print.
 * `ELECTRON_EXEC_PATH` (honoured by electron-vite) wins, for people who keep Electron elsewhere.
 */
export function ensureElectron({ electronDir, env = process.env, install = defaultInstall } = {}) {
  if (env.ELECTRON_EXEC_PATH && existsSync(env.ELECTRON_EXEC_PATH)) return { ok: true, path: env.ELECTRON_EXEC_PATH };
  const found = installedElectron(electronDir);
  if (found) return { ok: true, path: found };
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
  console.log(`Downloading Electron ${version} (once, about 100 MB), which runs Timbre from source…`);
  const attempt = install(electronDir, env);
  const installed = attempt.ok && installedElectron(electronDir);
  if (installed) return { ok: true, path: installed };
  const said = attempt.output?.trim();
  return {
    ok: false,
    message:
      `Timbre could not download Electron ${version}, which npm start needs to open the app: connect to the internet and run it again, ` +
      'or set ELECTRON_EXEC_PATH to an Electron binary of that version.' +
      (said ? `\nElectron's installer said:\n${said.split('\n').slice(-10).map((line) => `  ${line}`).join('\n')}` : ''),
  };
}

/**
 * Electron's own installer (node_modules/electron/install.js): honours ELECTRON_MIRROR and its cache.
 * @electron/get 5 uses HTTP(S)_PROXY only when ELECTRON_GET_USE_PROXY is set, so a proxy the user
 * has set is passed on that way. Its output is kept for when it fails.
 */
function defaultInstall(electronDir, env) {
  const usesProxy = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => env[name]);
  const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    env: usesProxy && !env.ELECTRON_GET_USE_PROXY ? { ...env, ELECTRON_GET_USE_PROXY: 'true' } : env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  return { ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? String(run.error) : ''}` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const result = ensureElectron({ electronDir });
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
}
