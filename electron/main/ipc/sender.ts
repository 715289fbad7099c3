/** What the router needs to know about the frame that sent an IPC message. */
export interface SenderFrame {
  url: string;
  /** True only for the window's own top-level frame (not a sub-frame or webview). */
  isTopFrame: boolean;
}

/**
 * Only the app's own top-level page may call main: the packaged file:// page, or the exact dev
 * server origin during `npm run dev`. Sub-frames and any other origin are refused.
 */
export function isTrustedSender(frame: SenderFrame, devServerUrl?: string): boolean {
  if (!frame.isTopFrame) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (devServerUrl) return url.origin === new URL(devServerUrl).origin;
  return url.protocol === 'file:';
}
