import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender';

describe('isTrustedSender', () => {
  it('accepts only the packaged top-level file:// page', () => {
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', isTopFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isTopFrame: true })).toBe(false);
    expect(isTrustedSender({ url: 'not a url', isTopFrame: true })).toBe(false);
  });

  it('accepts only the exact dev server origin in development', () => {
    const dev = 'http://localhost:5173/';
    expect(isTrustedSender({ url: 'http://localhost:5173/index.html', isTopFrame: true }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', isTopFrame: true }, dev)).toBe(false);
    expect(isTrustedSender({ url: 'file:///x/index.html', isTopFrame: true }, dev)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: false }, dev)).toBe(false);
  });
});
