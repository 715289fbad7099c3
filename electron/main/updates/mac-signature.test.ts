import { describe, expect, it } from 'vitest';
import { appBundleOf, parseCodesignDetails } from './mac-signature';

// What `codesign -dv --verbose=2` prints for each kind of copy (macOS 14/15).
const DEVELOPER_ID = `Executable=/Applications/Timbre.app/Contents/MacOS/Timbre
Identifier=app.timbre.desktop
Format=app bundle with Mach-O thin (arm64)
CodeDirectory v=20500 size=1234 flags=0x10000(runtime) hashes=28+7 location=embedded
Signature size=9000
Authority=Developer ID Application: Timbre Contributors (ABCDE12345)
Authority=Developer ID Certification Authority
Authority=Apple Root CA
Timestamp=6 Dec 2026 at 10:00:00
TeamIdentifier=ABCDE12345
Runtime Version=15.0.0`;
const AD_HOC = `Executable=/Applications/Timbre.app/Contents/MacOS/Timbre
Identifier=Timbre
Format=app bundle with Mach-O thin (arm64)
CodeDirectory v=20400 size=1234 flags=0x20002(adhoc,linker-signed) hashes=28+7 location=embedded
Signature=adhoc
Info.plist entries=30
TeamIdentifier=not set`;
const UNSIGNED = '/Applications/Timbre.app: code object is not signed at all';

describe('whether this macOS copy can update itself', () => {
  it('tells a Developer ID copy from an ad-hoc and an unsigned one', () => {
    expect(parseCodesignDetails(DEVELOPER_ID)).toBe('developer-id');
    expect(parseCodesignDetails(AD_HOC)).toBe('ad-hoc');
    expect(parseCodesignDetails(UNSIGNED)).toBe('unsigned');
    expect(parseCodesignDetails('')).toBe('unsigned');
  });

  it('finds the .app bundle around the running executable', () => {
    expect(appBundleOf('/Applications/Timbre.app/Contents/MacOS/Timbre')).toBe('/Applications/Timbre.app');
  });
});
