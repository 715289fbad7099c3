import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './security';
import { buildMenuTemplate, DOCS_URL, menuLanguage } from './menu';

const noop = { about() {}, openDataFolder() {}, openDocs() {}, checkForUpdates() {} };

describe('application menu', () => {
  it('follows the interface language', () => {
    expect(menuLanguage('system', 'zh-CN')).toBe('zh-CN');
    expect(menuLanguage('en', 'zh-CN')).toBe('en');
    const labels = buildMenuTemplate('zh-CN', 'linux', noop).map((item) => item.label);
    expect(labels).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
  });

  it('puts About in the app menu on macOS and in Help elsewhere, with standard edit and window roles', () => {
    const mac = buildMenuTemplate('en', 'darwin', noop);
    expect(mac[0].label).toBe('Timbre');
    expect(JSON.stringify(mac[0].submenu)).toContain('About Timbre');
    const linux = buildMenuTemplate('en', 'linux', noop);
    expect(linux.find((item) => item.role === 'editMenu')).toBeTruthy();
    expect(linux.find((item) => item.role === 'windowMenu')).toBeTruthy();
    expect(JSON.stringify(linux.find((item) => item.role === 'help'))).toContain('About Timbre');
  });

  it('offers "Check for Updates…" next to About, in both languages', () => {
    const clicked: string[] = [];
    const actions = { ...noop, checkForUpdates: () => clicked.push('check') };
    type Item = { label?: string; click?: () => void; submenu?: Item[] };
    const find = (items: Item[], label: string): Item | undefined =>
      items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? item.submenu : [])]).find((item) => item.label === label);
    find(buildMenuTemplate('en', 'linux', actions) as Item[], 'Check for Updates…')?.click?.();
    find(buildMenuTemplate('en', 'darwin', actions) as Item[], 'Check for Updates…')?.click?.();
    find(buildMenuTemplate('zh-CN', 'win32', actions) as Item[], '检查更新…')?.click?.();
    expect(clicked).toEqual(['check', 'check', 'check']);
  });

  it('lists the keyboard shortcuts and drag and drop under Help, with the platform modifier', () => {
    const help = (platform: NodeJS.Platform, language: 'en' | 'zh-CN' = 'en') => JSON.stringify(buildMenuTemplate(language, platform, noop).find((item) => item.role === 'help'));
    expect(help('linux')).toContain('Keyboard Shortcuts and Drag and Drop');
    expect(help('linux')).toContain('Ctrl+1 … Ctrl+5');
    expect(help('darwin')).toContain('⌘+1 … ⌘+5');
    expect(help('linux')).toContain('Drop audio files on the window');
    expect(help('win32', 'zh-CN')).toContain('快捷键与拖放');
  });

  it('links only to an allow-listed documentation page', () => {
    expect(isAllowedExternalUrl(DOCS_URL)).toBe(true);
  });
});
