import { describe, expect, it } from 'vitest';
import { parseGmtTimestamp, preferredNameFromVoiceId } from './voice-format';

describe('voice ids', () => {
  it('parses the preferred name, including underscores and digits', () => {
    expect(preferredNameFromVoiceId('qwen-tts-vc-guanyu-voice-20250811175932123-a1b2')).toBe('guanyu');
    expect(preferredNameFromVoiceId('qwen-tts-vc-my_voice_2-voice-20250811175932123-00ff')).toBe('my_voice_2');
  });

  it('reads Omni ids and keeps the name\'s case (§7: real ids such as qwen-omni-vc-Beton-voice-…)', () => {
    expect(preferredNameFromVoiceId('qwen-omni-vc-Beton-voice-20260411093012345-9f0c')).toBe('Beton');
    expect(preferredNameFromVoiceId('qwen-tts-vc-MetroPolice-voice-20260411093012345-9f0c')).toBe('MetroPolice');
  });

  it('returns null for ids in another format', () => {
    expect(preferredNameFromVoiceId('cosyvoice-v3-plus-myvoice-abc123')).toBeNull();
  });
});

describe('gmt timestamps', () => {
  it('reads YYYY-MM-DD HH:MM:SS as China time (UTC+8)', () => {
    expect(parseGmtTimestamp('2025-08-11 17:59:32')).toBe(Date.parse('2025-08-11T09:59:32Z'));
    expect(parseGmtTimestamp('2025-01-01 03:00:00')).toBe(Date.parse('2024-12-31T19:00:00Z'));
  });

  it('honours an explicit offset and rejects garbage', () => {
    expect(parseGmtTimestamp('2025-08-11T17:59:32Z')).toBe(Date.parse('2025-08-11T17:59:32Z'));
    expect(parseGmtTimestamp('yesterday')).toBeNull();
    expect(parseGmtTimestamp(undefined)).toBeNull();
  });
});
