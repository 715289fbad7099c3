import { describe, expect, it } from 'vitest';
import { serverAnswer } from './errors';

const KEY = 'CANARY-unit-0123456789abcdef';

describe('serverAnswer: every string of an answer as Timbre may keep it', () => {
  it('scrubs the key from fields known and unknown, at any depth, and from field names', () => {
    const answer = serverAnswer({
      request_id: `req ${KEY}`,
      output: { voice: 'qwen-tts-vc-a-voice-1', fallback_reason: `Authorization: Bearer ${KEY}`, added_next_year: { notes: [`saw ${KEY}`] } },
      [`x-${KEY}`]: 1,
    }, [KEY]);
    expect(JSON.stringify(answer)).not.toContain(KEY);
    expect(answer).toMatchObject({
      request_id: 'req [redacted]',
      output: { voice: 'qwen-tts-vc-a-voice-1', fallback_reason: 'Authorization: Bearer [redacted]', added_next_year: { notes: ['saw [redacted]'] } },
    });
  });

  it('cuts long text but keeps audio and result addresses whole; numbers and flags stay as they are', () => {
    const audio = 'QUJD'.repeat(10_000);
    const url = `https://result.example/${'a'.repeat(900)}.wav?Signature=x`;
    const answer = serverAnswer({ message: 'x'.repeat(10_000), output: { audio: { data: audio, url }, finished: true, count: 3 } }, []) as {
      message: string; output: { audio: { data: string; url: string }; finished: boolean; count: number };
    };
    expect(answer.message).toHaveLength(500);
    expect(answer.output).toEqual({ audio: { data: audio, url }, finished: true, count: 3 });
  });

  it('keeps a "__proto__" field a field, and drops what nests deeper than any answer of DashScope', () => {
    const parsed = JSON.parse(`{"__proto__": {"polluted": "yes"}, "deep": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`) as unknown;
    const answer = serverAnswer(parsed, []) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(answer)).toBe(Object.prototype);
    expect(JSON.stringify(answer).length).toBeLessThan(200);
  });
});
