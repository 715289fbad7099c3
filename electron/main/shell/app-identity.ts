/**
 * Who Timbre is to the OS. On Windows the App User Model ID ties the running window, its taskbar
 * button and its toasts to the Start-menu shortcut the installer made, which carries electron-builder's
 * `appId`; Electron's default (`electron.app.Timbre`) matches nothing, so toasts are dropped or
 * mislabelled and the window groups apart from a pinned shortcut. Must equal `appId` in
 * electron-builder.yml (tests/unit/packaging.test.ts holds them equal).
 */
export const APP_USER_MODEL_ID = 'app.timbre.desktop';
