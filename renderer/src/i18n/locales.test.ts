import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadLanguage } from './index';

const resources = Object.fromEntries(await Promise.all(LANGUAGES.map(async (language) => [language, await loadLanguage(language)] as const)));

/** ["a.b.c", value] for every leaf; plural forms (key_one, key_other) count as their base key. */
function leaves(tree: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, unknown]> =>
    value && typeof value === 'object' ? leaves(value as Record<string, unknown>, `${prefix}${key}.`) : [[`${prefix}${key}`, value]],
  );
}
const leafKeys = (tree: Record<string, unknown>) => leaves(tree).map(([key]) => key);

const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('translations', () => {
  it('every namespace exists in every language with the same keys', () => {
    const namespaces = new Set(LANGUAGES.flatMap((language) => Object.keys(resources[language] ?? {})));
    for (const namespace of namespaces) {
      const [first, ...others] = LANGUAGES.map((language) => {
        const tree = resources[language]?.[namespace];
        expect(tree, `${language}/${namespace}.json is missing`).toBeDefined();
        return new Set(leafKeys(tree ?? {}).map(baseKey));
      });
      for (const other of others) {
        expect([...first].filter((key) => !other.has(key)), `keys missing in zh-CN/${namespace}`).toEqual([]);
        expect([...other].filter((key) => !first.has(key)), `keys missing in en/${namespace}`).toEqual([]);
      }
    }
  });

  it('no translation is left empty', () => {
    for (const language of LANGUAGES) {
      for (const [namespace, tree] of Object.entries(resources[language] ?? {})) {
        const empty = leaves(tree)
          .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
          .map(([key]) => key);
        expect(empty, `${language}/${namespace}`).toEqual([]);
      }
    }
  });

  it('counts are formatted per locale (10,000 in English, not 10000)', () => {
    const unformatted = LANGUAGES.flatMap((language) => Object.entries(resources[language] ?? {}).flatMap(([namespace, tree]) =>
      leaves(tree).filter(([, value]) => /\{\{\s*(count|total)\s*\}\}/.test(String(value))).map(([key]) => `${language}/${namespace}:${key}`)));
    expect(unformatted).toEqual([]);
  });

  it('every literal key the interface asks for exists', () => {
    const srcRoot = resolve(import.meta.dirname, '..');
    const known = new Set(
      Object.entries(resources.en).flatMap(([namespace, tree]) => leafKeys(tree).map((key) => `${namespace}:${baseKey(key)}`)),
    );
    const missing: string[] = [];
    for (const file of sourceFiles(srcRoot)) {
      const text = readFileSync(file, 'utf8');
      const namespace = /useTranslation\(\s*['"]([\w-]+)['"]/.exec(text)?.[1] ?? 'common';
      for (const match of text.matchAll(/\bt\(\s*'([\w.:-]+)'/g)) {
        const key = match[1].includes(':') ? match[1] : `${namespace}:${match[1]}`;
        if (!known.has(key)) missing.push(`${file.slice(srcRoot.length + 1)} → ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('number formatting in translations', () => {
  it('groups digits the way each language does', async () => {
    const { initI18n, setLanguage } = await import('./index');
    const i18n = await initI18n('en');
    expect(i18n.t('library:filters.count', { count: 12_345, total: 20_000 })).toBe('12,345 of 20,000');
    await setLanguage('zh-CN');
    expect(i18n.t('onboarding:progress', { done: 1, total: 3 })).toBe('已完成 1/3 步');
  });
});

describe('describeError', () => {
  it('translates dotted error codes and falls back to the message main sent', async () => {
    const { initI18n, describeError, setLanguage } = await import('./index');
    const i18n = await initI18n('zh-CN');
    const zh = describeError(i18n.t, { code: 'INTERNAL', message: 'fallback' });
    expect(zh).toBe(resources['zh-CN'].errors.INTERNAL);
    const dotted = Object.keys(resources.en.errors).find((code) => code.includes('.'));
    if (dotted) expect(describeError(i18n.t, { code: dotted, message: 'fallback' })).toBe(resources['zh-CN'].errors[dotted]);
    await setLanguage('en');
    expect(describeError(i18n.t, { code: 'no.such.code', message: 'What main said.' })).toBe('What main said.');
  });
});

describe('the secret store is named as the OS names it', () => {
  it('from the first string, though launch learns the platform before the strings are set up', async () => {
    const { initI18n, setPlatform } = await import('./index');
    setPlatform('darwin');
    const i18n = await initI18n('en');
    expect(i18n.t('settings:toast.keySaved')).toBe('API key saved in the macOS Keychain.');
    setPlatform('linux');
  });

  it('says keyring on Linux, Keychain on macOS, Credential Manager on Windows, in both languages', async () => {
    const { initI18n, setLanguage, setPlatform } = await import('./index');
    const i18n = await initI18n('en');
    setPlatform('linux');
    expect(i18n.t('settings:toast.keySaved')).toBe('API key saved in the system keyring.');
    setPlatform('darwin');
    expect(i18n.t('settings:toast.keySaved')).toBe('API key saved in the macOS Keychain.');
    await setLanguage('zh-CN');
    expect(i18n.t('settings:toast.keySaved')).toBe('API 密钥已保存到钥匙串。');
    setPlatform('win32');
    expect(i18n.t('onboarding:promises.key')).toBe('密钥保存在Windows 凭据管理器中。');
    await setLanguage('en');
  });
});
