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
    shortcuts: 'Keyboard Shortcuts and Drag and Drop',
  },
  'zh-CN': {
    file: '文件', openData: '打开数据文件夹', edit: '编辑', view: '视图', window: '窗口', help: '帮助',
    about: '关于 Timbre', docs: '声音复刻文档', quit: '退出 Timbre', checkForUpdates: '检查更新…',
    shortcuts: '快捷键与拖放',
  },
};

/** What the keyboard and drag and drop do, shown as a Help submenu (information only: the page handles the keys). */
const SHORTCUTS: Record<MenuLanguage, Array<[string, string]>> = {
  en: [
    ['{mod}+1 … {mod}+5', 'Record, Samples, Library, Try, Settings'],
    ['Space', 'Start or stop recording (on Record)'],
    ['{mod}+Enter', 'Speak the text (on Try)'],
    ['Esc', 'Stop speaking, close a dialog or panel'],
    ['Enter', 'Confirm a dialog'],
    ['Drop audio files on the window', 'Each file becomes a sample'],
  ],
  'zh-CN': [
    ['{mod}+1 … {mod}+5', '录制、样本、音色库、试听、设置'],
    ['空格', '开始或停止录音（录制页面）'],
    ['{mod}+Enter', '朗读文字（试听页面）'],
    ['Esc', '停止朗读，关闭对话框或面板'],
    ['Enter', '确认对话框'],
    ['把音频文件拖到窗口上', '每个文件成为一个样本'],
  ],
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
        {
          label: label.shortcuts,
          submenu: SHORTCUTS[language].map(([keys, what]) => ({ label: `${keys.replaceAll('{mod}', isMac ? '⌘' : 'Ctrl')}    ${what}`, enabled: false })),
        },
        { type: 'separator' },
        { label: label.docs, click: actions.openDocs },
        ...(isMac ? [] : [{ label: label.checkForUpdates, click: actions.checkForUpdates }, { label: label.about, click: actions.about }]),
      ],
    },
  ];
}
