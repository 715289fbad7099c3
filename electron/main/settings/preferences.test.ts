import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../shared/settings';
import { createPreferencesService, migratePreferences, PREFERENCES_SCHEMA_VERSION } from './preferences';

describe('preferences', () => {
  it('starts with defaults and keeps updates on disk', () => {
    const dir = mkdtempSync(join(tmpdir(), 'timbre-prefs-'));
    expect(createPreferencesService(dir).get()).toEqual(DEFAULT_PREFERENCES);
    createPreferencesService(dir).update({ theme: 'dark', region: 'ap-southeast-1' });
    expect(createPreferencesService(dir).get()).toMatchObject({ theme: 'dark', region: 'ap-southeast-1', uiLanguage: 'system' });
    expect(JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8')).theme).toBe('dark');
  });

  it('falls back per field when the file holds values it does not understand', () => {
    const dir = mkdtempSync(join(tmpdir(), 'timbre-prefs-'));
    writeFileSync(join(dir, 'preferences.json'), JSON.stringify({ theme: 'purple', uiLanguage: 'zh-CN' }));
    expect(createPreferencesService(dir).get()).toMatchObject({ theme: 'system', uiLanguage: 'zh-CN' });
  });
});

describe('preferences migrations', () => {
  it('version 1 → 2: drops a custom base URL that would send the key unencrypted, keeps the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'timbre-prefs-'));
    writeFileSync(join(dir, 'preferences.json'), JSON.stringify({ region: 'custom', customBaseUrl: 'http://proxy.lan:8080/api/v1', theme: 'dark' }));
    expect(createPreferencesService(dir).get()).toMatchObject({ region: 'custom', customBaseUrl: '', theme: 'dark' });
    const onDisk = JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8'));
    expect(onDisk).toMatchObject({ schemaVersion: PREFERENCES_SCHEMA_VERSION, customBaseUrl: '', region: 'custom' });
  });

  it('keeps secure and local URLs, and is idempotent', () => {
    for (const url of ['https://ws1.cn-beijing.maas.aliyuncs.com', 'http://127.0.0.1:8000/api/v1']) {
      const once = migratePreferences({ region: 'custom', customBaseUrl: url });
      expect(once).toEqual({ file: { region: 'custom', customBaseUrl: url, schemaVersion: 2 }, applied: ['custom-base-url-secure-only'] });
      expect(migratePreferences(once.file)).toEqual({ file: once.file, applied: [] });
    }
  });

  it('a file from a newer version is not migrated backwards', () => {
    expect(migratePreferences({ schemaVersion: 9, customBaseUrl: 'http://proxy.lan' })).toEqual({
      file: { schemaVersion: 9, customBaseUrl: 'http://proxy.lan' }, applied: [],
    });
  });
});
