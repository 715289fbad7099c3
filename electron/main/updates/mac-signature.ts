/**
 * Whether this macOS copy can update itself. Squirrel.Mac installs an update only when the new app's
 * signature satisfies the running app's designated requirement: a Developer ID copy can; an
 * unsigned or ad-hoc-signed one (a build without the maintainers' certificate) cannot, and
 * electron-updater's download would then never settle. Such a copy is told, like a .deb, that a
 * newer version exists and where to download it.
 */
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';

export type MacSignature = 'developer-id' | 'ad-hoc' | 'unsigned';

/** Reads what `codesign -dv --verbose=2 <app>` prints (on stderr). */
export function parseCodesignDetails(output: string): MacSignature {
  if (/^Signature=adhoc$/m.test(output)) return 'ad-hoc';
  if (/^Authority=Developer ID Application: /m.test(output)) return 'developer-id';
  return 'unsigned';
}

/** The `.app` bundle around the running executable (`Timbre.app/Contents/MacOS/Timbre`). */
export const appBundleOf = (execPath: string) => dirname(dirname(dirname(execPath)));

export function readMacSignature(appBundle: string): Promise<MacSignature> {
  return new Promise((resolve) => {
    // An unsigned bundle makes codesign exit 1 ("code object is not signed at all"): still an answer.
    execFile('/usr/bin/codesign', ['-dv', '--verbose=2', appBundle], (_error, stdout, stderr) => resolve(parseCodesignDetails(`${stdout}${stderr}`)));
  });
}
