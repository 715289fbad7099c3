import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from '../../electron/main/shell/app-identity';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  productName: string;
  version: string;
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const builderConfig = load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Bare package names imported (statically or dynamically) by code that runs in the main process. */
function mainProcessImports(): Set<string> {
  const files = [...sourceFiles(join(root, 'electron/main')), ...sourceFiles(join(root, 'shared'))];
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'".][^'"]*)['"]/g)) {
      if (/^import\s+type\b/.test(text.slice(text.lastIndexOf('\n', match.index) + 1, match.index + match[0].length))) continue;
      const spec = match[1];
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (name === 'electron' || spec.startsWith('node:') || builtinModules.includes(name)) continue;
      names.add(name);
    }
  }
  return names;
}

// electron-builder's own pieces, so names and defaults are computed the way `npm run dist` computes them.
const requireBuilder = createRequire(join(root, 'node_modules/app-builder-lib/package.json'));
const { expandMacro } = requireBuilder('./out/util/macroExpander.js') as {
  expandMacro(pattern: string, arch: string | null, appInfo: object, extra: { ext: string }): string;
};
const { Arch, getArtifactArchName } = requireBuilder('builder-util') as { Arch: Record<string, number>; getArtifactArchName(arch: number, ext: string): string };
const FpmTarget = (requireBuilder('./out/targets/FpmTarget.js') as { default: { prototype: { getDefaultDepends(target: string): string[] } } }).default;

interface TargetConfig { target: string; arch?: string[] }
interface InstallerConfig {
  win: { target: string }; mac: { target: string | Array<string | TargetConfig> }; linux: { target: string[] };
  nsis: { artifactName?: string; oneClick: boolean; perMachine: boolean; createStartMenuShortcut: boolean };
  dmg: { artifactName?: string }; appImage?: { artifactName?: string }; deb: { artifactName?: string; depends: string[] };
}

/** The file names electron-builder gives the installers, for the architectures each one is built for. */
function installerNames(config: InstallerConfig): string[] {
  const appInfo = { name: pkg.name, productName: pkg.productName, sanitizedProductName: pkg.productName, version: pkg.version };
  // Without an artifactName, electron-builder falls back to target defaults; ours set one each.
  const name = (pattern: string | undefined, ext: string, arch: string) =>
    expandMacro(pattern ?? '${productName}-${version}-${arch}.${ext}', getArtifactArchName(Arch[arch], ext), appInfo, { ext });
  const macTargets = [config.mac.target].flat().map((target) => (typeof target === 'string' ? { target } : target));
  // A DMG without `arch` is built for the Mac it is built on only.
  const dmgArchs = macTargets.find((target) => target.target === 'dmg')?.arch ?? ['x64'];
  return [
    ...(config.win.target === 'nsis' ? [name(config.nsis.artifactName, 'exe', 'x64')] : []),
    ...dmgArchs.map((arch) => name(config.dmg.artifactName, 'dmg', arch)),
    ...(config.linux.target.includes('AppImage') ? [name(config.appImage?.artifactName, 'AppImage', 'x64')] : []),
    ...(config.linux.target.includes('deb') ? [name(config.deb.artifactName, 'deb', 'x64')] : []),
  ];
}

describe('packaging', () => {
  it('electron-builder.yml is valid against electron-builder’s own configuration schema', () => {
    const schema = JSON.parse(readFileSync(join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    expect(validate(builderConfig), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('declares the installers, icons, microphone text and the libsecret dependency', () => {
    const config = builderConfig as {
      productName: string; win: { target: unknown }; mac: { target: unknown; hardenedRuntime: boolean; extendInfo: Record<string, string> };
      linux: { target: string[] }; deb: { depends: string[] }; nsis: { perMachine: boolean }; electronFuses: Record<string, boolean>;
    };
    expect(config.productName).toBe('Timbre');
    expect(config.nsis.perMachine).toBe(false);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.extendInfo.NSMicrophoneUsageDescription).toMatch(/voice/i);
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.deb.depends).toContain('libsecret-1-0');
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false });
    for (const file of ['resources/icon.icns', 'resources/icon.ico', 'resources/icons/512x512.png']) {
      expect(statSync(join(root, file)).size, file).toBeGreaterThan(1000);
    }
  });

  it('builds the installers the README names, per-user on Windows, for Intel and Apple silicon Macs', () => {
    const config = builderConfig as unknown as InstallerConfig;
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('\n## ', readme.indexOf('## Install') + 1));
    const promised = [...install.matchAll(/`([^`\s]+\.(?:exe|dmg|AppImage|deb))`/g)].map((match) => match[1].replace('<version>', pkg.version));
    expect(installerNames(config).sort()).toEqual([...new Set(promised)].sort());
    // The DMG installs; the zip is what electron-updater downloads on macOS.
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }, { target: 'zip', arch: ['x64', 'arm64'] }]);
    // "For your user only, no administrator rights": an assisted installer with perMachine false
    // still offers "for all users" (and a UAC prompt); only one-click per-user never asks.
    expect(install).toMatch(/installs for your user only \(no administrator\s+rights\)/);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, createStartMenuShortcut: true });
  });

  it('names the AppImage without a version, so an update replaces the file people launch', () => {
    const [appImage] = installerNames(builderConfig as unknown as InstallerConfig).filter((name) => name.endsWith('.AppImage'));
    // electron-updater's AppImageUpdater.doInstall keeps the running file's name only when it has no x.y.z.
    expect(appImage).toBe('Timbre-x86_64.AppImage');
    expect(appImage).not.toMatch(/\d+\.\d+\.\d+/);
  });

  it('tells Windows the same app id as the installer’s shortcuts, so toasts and the taskbar find Timbre', () => {
    expect(builderConfig.appId).toBe(APP_USER_MODEL_ID);
  });

  it('declares every package Electron needs on Debian, since depends replaces electron-builder’s list', () => {
    const depends = (builderConfig as unknown as InstallerConfig).deb.depends;
    expect(depends).toEqual(expect.arrayContaining(FpmTarget.prototype.getDefaultDepends('deb')));
    expect(depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libgbm1', 'libasound2', 'libsecret-1-0']));
  });

  it('ships only what the main process needs at run time as dependencies', () => {
    const imported = mainProcessImports();
    const runtime = new Set(Object.keys(pkg.dependencies));
    // Everything main imports must be installed in the packaged app…
    expect([...imported].filter((name) => !runtime.has(name))).toEqual([]);
    // …and nothing else: the renderer is bundled by Vite, tools stay in devDependencies.
    expect([...runtime].filter((name) => !imported.has(name))).toEqual([]);
    expect(pkg.main).toBe('out/main/index.js');
  });
});
