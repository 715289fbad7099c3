/** The mock's own machinery: fault queue, request log, reachability, formats, and `npm run mock`. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorFault } from './faults';
import { startMockDashScope, type MockDashScope } from './server';
import { gmtString, voiceId } from './voices';

let mock: MockDashScope;
beforeEach(async () => {
  mock = await startMockDashScope();
});
afterEach(async () => {
  await mock.close();
});

const list = (key = mock.apiKey) => fetch(`${mock.baseUrl}/services/audio/tts/customization`, {
  method: 'POST',
  headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
  body: JSON.stringify({ model: 'qwen-voice-enrollment', input: { action: 'list' } }),
});

describe('fault queue', () => {
  it('applies faults once each, in order, only to matching targets', async () => {
    mock.inject(errorFault('InternalError', { match: 'create' }));
    mock.inject(errorFault('Throttling', { match: 'list', retryAfter: 3 }));
    mock.inject(errorFault('ModelUnavailable', { match: ['list', 'delete'] }));
    const first = await list();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect((await list()).status).toBe(503);
    expect((await list()).status).toBe(200);
    expect(mock.pendingFaults).toBe(1); // the create fault is still waiting
  });

  it('repeats a fault `times` times and an unmatched fault hits any request', async () => {
    mock.inject({ ...errorFault('InternalError'), times: 2 });
    expect([(await list()).status, (await list()).status, (await list()).status]).toEqual([500, 500, 200]);
  });

  it('delays a request without changing its answer', async () => {
    mock.inject({ kind: 'delay', ms: 60, match: 'list' });
    const started = performance.now();
    expect((await list()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('resets the connection after reading the body', async () => {
    mock.inject({ kind: 'reset', match: 'list' });
    await expect(list()).rejects.toThrow(/fetch failed/);
    expect(mock.requests).toHaveLength(1);
  });

  it('answers a malformed body with status 200', async () => {
    mock.inject({ kind: 'malformed-json', match: 'list' });
    const response = await list();
    expect(response.status).toBe(200);
    await expect(response.clone().json()).rejects.toThrow();
  });
});

describe('request log', () => {
  it('records path, target, parsed body and whether auth passed, never the Authorization header', async () => {
    await list();
    await list('sk-wrong');
    expect(mock.requests).toHaveLength(2);
    expect(mock.requests[0]).toMatchObject({
      target: 'list', method: 'POST', path: '/api/v1/services/audio/tts/customization', authorized: true,
      body: { model: 'qwen-voice-enrollment', input: { action: 'list' } },
    });
    expect(mock.requests[1].authorized).toBe(false);
    expect(JSON.stringify(mock.requests)).not.toContain(mock.apiKey);
    expect(mock.requests[0].headers.authorization).toBeUndefined();
  });
});

describe('reachability', () => {
  it('refuses connections while unreachable and serves again on the same port', async () => {
    mock.addVoice({ preferredName: 'kept', targetModel: 'qwen3-tts-vc-2026-01-22' });
    await mock.setReachable(false);
    await expect(list()).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await mock.setReachable(true);
    const body = await (await list()).json();
    expect(body.output.total_count).toBe(1);
  });

  it('drops a held request when it becomes unreachable', async () => {
    mock.inject({ kind: 'timeout', match: 'list' });
    const pending = list();
    while (mock.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    await mock.setReachable(false);
    await expect(pending).rejects.toThrow(/fetch failed/);
  });
});

describe('formats', () => {
  it('dates voices in China time and builds ids in the documented format', () => {
    const ms = Date.parse('2025-08-11T09:59:32.123Z');
    expect(gmtString(ms)).toBe('2025-08-11 17:59:32');
    expect(voiceId('guanyu', ms)).toMatch(/^qwen-tts-vc-guanyu-voice-20250811175932123-[0-9a-f]{4}$/);
  });
});

describe('strict behaviours', () => {
  it('dates a created voice by its own skewed clock in its own zone, keeps the name\'s case in the id, and lists it after the lag', async () => {
    let now = Date.parse('2026-03-01T04:00:00Z');
    const strict = await startMockDashScope({ now: () => now, behaviour: { clockSkewMs: -7 * 60_000, gmtOffsetHours: 0, listLagMs: 3_000 } });
    try {
      const voice = strict.addVoice({ preferredName: 'Zoe', targetModel: 'qwen3-tts-vc-2026-01-22' });
      expect(voice.voice).toMatch(/^qwen-tts-vc-Zoe-voice-20260301035300000-[0-9a-f]{4}$/);
      const listed = async () => {
        const response = await fetch(`${strict.baseUrl}/services/audio/tts/customization`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${strict.apiKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ model: 'qwen-voice-enrollment', input: { action: 'list', page_size: 10, page_index: 0 } }),
        });
        return ((await response.json()) as { output: { voice_list: Array<{ gmt_create: string }> } }).output.voice_list;
      };
      expect(await listed()).toEqual([]);
      now += 3_000;
      expect(await listed()).toEqual([expect.objectContaining({ gmt_create: '2026-03-01 03:53:00' })]);
    } finally {
      await strict.close();
    }
  });
});

describe('npm run mock', () => {
  it('prints a working base URL and key, serves the strict behaviours, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/mock-dashscope/cli.ts'], {
      cwd: new URL('../..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const printed: Record<string, string> = {};
    for await (const line of createInterface({ input: child.stdout })) {
      const match = /^\s+(Base URL|API key):\s+(\S+)/.exec(line);
      if (match) printed[match[1]] = match[2];
      if (line.startsWith('Press Ctrl-C')) break;
    }
    const response = await fetch(`${printed['Base URL']}/services/audio/tts/customization`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${printed['API key']}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'qwen-voice-enrollment', input: { action: 'list', page_size: 1, page_index: 0 } }),
    });
    expect(response.status).toBe(200);
    // §1.2 documents page_size up to 1,000,000: a large page is served by default.
    const large = await fetch(`${printed['Base URL']}/services/audio/tts/customization`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${printed['API key']}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'qwen-voice-enrollment', input: { action: 'list', page_size: 1000, page_index: 0 } }),
    });
    expect(large.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 20_000);
});
