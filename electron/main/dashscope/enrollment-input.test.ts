import { describe, expect, it } from 'vitest';
import { ENROLLMENT_AUDIO } from '../../../shared/models';
import { audioData, checkPreferredName, toDataUrl } from './enrollment-input';
import { DASHSCOPE_ERROR, DashScopeError } from './errors';

function refusal(run: () => unknown): DashScopeError {
  try {
    run();
  } catch (error) {
    if (error instanceof DashScopeError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('enrollment input checks', () => {
  it('encodes bytes as a base64 data URL', () => {
    expect(toDataUrl(new Uint8Array([1, 2, 3, 255]), 'audio/wav')).toBe('data:audio/wav;base64,AQID/w==');
    const view = new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4);
    expect(toDataUrl(view, 'audio/mpeg')).toBe('data:audio/mpeg;base64,AQID');
  });

  it('checks the preferred name against the pattern', () => {
    expect(() => checkPreferredName('Alice_01')).not.toThrow();
    for (const name of ['', 'has space', 'x'.repeat(17), 'dash-name', '名字']) {
      expect(refusal(() => checkPreferredName(name)).code).toBe(DASHSCOPE_ERROR.invalidPreferredName);
    }
  });

  it('accepts the three media types and refuses others', () => {
    for (const type of ['audio/wav', 'audio/mpeg', 'audio/mp4']) expect(audioData({ dataUrl: `data:${type};base64,AAAA` })).toContain(type);
    const error = refusal(() => audioData({ dataUrl: 'data:audio/ogg;base64,AAAA' }));
    expect(error.code).toBe(DASHSCOPE_ERROR.unsupportedAudioType);
    expect(error.details).toMatchObject({ mediaType: 'audio/ogg' });
    expect(refusal(() => audioData({ dataUrl: 'not a data url' })).code).toBe(DASHSCOPE_ERROR.unsupportedAudioType);
  });

  it('refuses a data URL over the limit, with its size in MB', () => {
    const dataUrl = `data:audio/wav;base64,${'A'.repeat(ENROLLMENT_AUDIO.maxDataUrlBytes)}`;
    const error = refusal(() => audioData({ dataUrl }));
    expect(error.code).toBe(DASHSCOPE_ERROR.audioTooLarge);
    expect(error.details).toMatchObject({ sizeMb: 10.01, maxMb: 10 });
    expect(error.retryable).toBe(false);
  });

  it('accepts only public https links', () => {
    expect(audioData({ url: 'https://example.com/sample.wav' })).toBe('https://example.com/sample.wav');
    const cases: Array<[string, string]> = [
      ['http://example.com/a.wav', 'not_https'],
      ['ftp://example.com/a.wav', 'not_https'],
      ['not a url', 'invalid'],
      ['https://localhost/a.wav', 'private_host'],
      ['https://127.0.0.1/a.wav', 'private_host'],
      ['https://192.168.1.20/a.wav', 'private_host'],
      ['https://10.0.0.5/a.wav', 'private_host'],
      ['https://172.20.0.1/a.wav', 'private_host'],
      ['https://[::1]/a.wav', 'private_host'],
      ['https://nas/a.wav', 'private_host'],
    ];
    for (const [url, reason] of cases) {
      const error = refusal(() => audioData({ url }));
      expect(error.code, url).toBe(DASHSCOPE_ERROR.audioUrlNotPublic);
      expect(error.details, url).toMatchObject({ reason });
    }
  });
});
