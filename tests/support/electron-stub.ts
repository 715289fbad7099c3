// Tests run without the Electron binary. electron-store imports `electron` only to find default
// paths; Timbre always passes an explicit `cwd`, so an empty app/ipcMain is all it needs.
export default { app: undefined, ipcMain: undefined, shell: undefined };
