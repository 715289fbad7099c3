import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../shell/app-protocol';
import { isTrustedSender } from './sender';

describe('isTrustedSender', () => {
  it('accepts only the installed app’s top-level app://timbre page', () => {
    expect(isTrustedSender({ url: 'app://timbre/index.html', isTopFrame: true }, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender({ url: 'app://timbre/index.html#/library', isTopFrame: true }, APP_ORIGIN)).toBe(true);
    expect(isTrustedSender({ url: 'app://timbre/index.html', isTopFrame: false }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html', isTopFrame: true }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html', isTopFrame: true }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isTopFrame: true }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'not a url', isTopFrame: true }, APP_ORIGIN)).toBe(false);
  });

  it('accepts only the exact dev server origin in development', () => {
    const dev = new URL('http://localhost:5173/').origin;
    expect(isTrustedSender({ url: 'http://localhost:5173/index.html', isTopFrame: true }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', isTopFrame: true }, dev)).toBe(false);
    expect(isTrustedSender({ url: 'app://timbre/index.html', isTopFrame: true }, dev)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isTopFrame: false }, dev)).toBe(false);
  });
});
