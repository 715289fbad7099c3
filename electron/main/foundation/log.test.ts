import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, holdsSecrets, redact } from './log';

describe('log redaction', () => {
  it('scrubs bearer tokens, sk- keys, audio data URLs and known secrets', () => {
    const text = redact('Authorization: Bearer sk-abc123456789 body data:audio/wav;base64,UklGRg== key=my-custom-secret', ['my-custom-secret']);
    expect(text).not.toContain('sk-abc123456789');
    expect(text).not.toContain('UklGRg');
    expect(text).not.toContain('my-custom-secret');
    expect(text).toContain('Bearer [redacted]');
  });

  it('says whether a text holds anything to redact, and a redacted text holds nothing', () => {
    for (const raw of ['Authorization: Bearer abc.def', 'key sk-abc123456789', 'data:audio/wav;base64,UklGRg==']) {
      expect(holdsSecrets(raw)).toBe(true);
      expect(holdsSecrets(redact(raw))).toBe(false);
      expect(redact(redact(raw))).toBe(redact(raw));
    }
    // Words that merely look alike are not walked at every start.
    expect(holdsSecrets('Task-list, risk-free, sk-1')).toBe(false);
  });

  it('writes redacted lines to the log file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'timbre-log-')), 'logs', 'main.log');
    const log = createLogger({ file, secrets: () => ['canary-key-1234'] });
    log.error('request failed', { headers: { Authorization: 'Bearer canary-key-1234' } });
    const content = readFileSync(file, 'utf8');
    expect(content).toContain('ERROR request failed');
    expect(content).not.toContain('canary-key-1234');
  });
});
