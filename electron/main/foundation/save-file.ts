/** Saving a file the user names: the OS save dialog plus the write (Electron's `dialog.showSaveDialog`). */
export interface SaveFileRequest {
  /** File name offered in the dialog. */
  defaultName: string;
  bytes: Uint8Array;
  filters: Array<{ name: string; extensions: string[] }>;
}

/** Asks the user where to save and writes the file there; resolves with the path, or null when they cancel. */
export type SaveFile = (request: SaveFileRequest) => Promise<string | null>;
