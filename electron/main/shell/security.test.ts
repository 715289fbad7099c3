import { describe, expect, it } from 'vitest';
import { API_KEY_PAGES } from '../../../shared/models';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy, isAllowedExternalUrl, isPermissionAllowed } from './security';

const isAppUrl = (url: string) => url.startsWith('file://');

describe('window security policy', () => {
  it('grants only audio media and notifications, and only to the app itself', () => {
    expect(isPermissionAllowed('media', 'file:///index.html', { mediaTypes: ['audio'] }, isAppUrl)).toBe(true);
    expect(isPermissionAllowed('media', 'file:///index.html', { mediaTypes: ['audio', 'video'] }, isAppUrl)).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example', { mediaTypes: ['audio'] }, isAppUrl)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'file:///index.html', {}, isAppUrl)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example', {}, isAppUrl)).toBe(false);
    expect(isPermissionAllowed('notifications', 'file:///index.html', {}, isAppUrl)).toBe(true);
    expect(isPermissionAllowed('notifications', 'https://evil.example', {}, isAppUrl)).toBe(false);
    for (const permission of ['geolocation', 'clipboard-read', 'openExternal', 'hid']) {
      expect(isPermissionAllowed(permission, 'file:///index.html', {}, isAppUrl)).toBe(false);
    }
  });

  it('has a CSP without inline or eval scripts', () => {
    const script = CONTENT_SECURITY_POLICY.split('; ').find((part) => part.startsWith('script-src'));
    expect(script).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self';");
  });

  it('adds to the dev CSP only the preamble hashes, inline styles and the HMR socket', () => {
    const dev = devContentSecurityPolicy('http://localhost:5173', ["'sha256-x='"]);
    expect(dev).toContain("script-src 'self' 'sha256-x='");
    expect(dev).toContain("style-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev.replace("script-src 'self' 'sha256-x='", "script-src 'self'").replace(" 'unsafe-inline'", '').replace(' ws://localhost:5173', '')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('opens only allow-listed https documentation links externally', () => {
    expect(isAllowedExternalUrl('https://help.aliyun.com/zh/model-studio/')).toBe(true);
    expect(isAllowedExternalUrl('http://help.aliyun.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://help.aliyun.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
  });

  it('lets the console API-key page of each region open in the system browser', () => {
    for (const url of Object.values(API_KEY_PAGES)) expect(isAllowedExternalUrl(url)).toBe(true);
  });
});
