import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
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
