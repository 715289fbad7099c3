import { IPC_ERROR, type Result } from '../../../shared/errors';
import { originOf } from '../shell/app-protocol';

/** What the router needs to know about the frame that sent an IPC message. */
export interface SenderFrame {
  url: string;
  /** True only for the window's own top-level frame (not a sub-frame or webview). */
  isTopFrame: boolean;
}

/**
 * Only the app's own top-level page may call main: a frame whose origin is exactly the app's
 * (`app://timbre` installed, the dev server's during `npm run dev`). Sub-frames, `file://` and
 * any other origin are refused.
 */
export function isTrustedSender(frame: SenderFrame, appOrigin: string): boolean {
  if (!frame.isTopFrame) return false;
  return originOf(frame.url) === appOrigin;
}

/** What a refused sender gets back: nothing about the app, no hint of what exists. */
export const FORBIDDEN_SENDER_RESULT: Result<never> = { ok: false, error: { code: IPC_ERROR.forbiddenSender, message: 'Refused.' } };
