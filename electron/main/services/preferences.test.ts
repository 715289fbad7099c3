import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES } from '../../../shared/ipc/routes/settings';
import { createPreferencesService } from './preferences';

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
