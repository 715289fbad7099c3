/**
 * The native application menu, in the interface language. Standard roles do the work (Edit,
 * View, Window), so copy/paste and window shortcuts behave as on every other app on the platform.
 */
import type { MenuItemConstructorOptions } from 'electron';

type MenuLanguage = 'en' | 'zh-CN';

const LABELS: Record<MenuLanguage, Record<string, string>> = {
  en: {
    file: 'File', openData: 'Open Data Folder', edit: 'Edit', view: 'View', window: 'Window', help: 'Help',
    about: 'About Timbre', docs: 'Voice Cloning Documentation', quit: 'Quit Timbre', checkForUpdates: 'Check for Updates…',
  },
  'zh-CN': {
    file: '文件', openData: '打开数据文件夹', edit: '编辑', view: '视图', window: '窗口', help: '帮助',
    about: '关于 Timbre', docs: '声音复刻文档', quit: '退出 Timbre', checkForUpdates: '检查更新…',
  },
};

export const DOCS_URL = 'https://help.aliyun.com/zh/model-studio/qwen-tts-voice-cloning';

export function menuLanguage(uiLanguage: string, systemLocale: string): MenuLanguage {
  const language = uiLanguage === 'system' ? systemLocale : uiLanguage;
  return language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function buildMenuTemplate(
  language: MenuLanguage,
  platform: NodeJS.Platform,
  actions: { about(): void; openDataFolder(): void; openDocs(): void; checkForUpdates(): void },
): MenuItemConstructorOptions[] {
  const label = LABELS[language];
  const isMac = platform === 'darwin';
  return [
    ...(isMac
      ? [{ label: 'Timbre', submenu: [{ label: label.about, click: actions.about }, { label: label.checkForUpdates, click: actions.checkForUpdates }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit', label: label.quit }] } satisfies MenuItemConstructorOptions]
      : []),
    {
      label: label.file,
      submenu: [{ label: label.openData, click: actions.openDataFolder }, ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const, label: label.quit }])],
    },
    { label: label.edit, role: 'editMenu' },
    { label: label.view, submenu: [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { label: label.window, role: 'windowMenu' },
    {
      label: label.help,
      role: 'help',
      submenu: [
        { label: label.docs, click: actions.openDocs },
        ...(isMac ? [] : [{ label: label.checkForUpdates, click: actions.checkForUpdates }, { label: label.about, click: actions.about }]),
      ],
    },
  ];
}
