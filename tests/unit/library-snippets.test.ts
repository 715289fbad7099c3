/**
 * The Library's code snippets are meant to be copied and run as they are, so they are run here:
 * the HTTP ones against the mock DashScope, the realtime events replayed over its WebSocket.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWav } from '../../shared/audio/wav';
import { snippetsFor } from '../../renderer/src/features/library/snippets';
import { startMockDashScope, type MockDashScope } from '../mock-dashscope/server';

let mock: MockDashScope;
let work: string;
beforeAll(async () => {
  mock = await startMockDashScope({ region: 'cn-beijing' });
  work = mkdtempSync(join(tmpdir(), 'timbre-snippets-'));
});
afterAll(async () => {
  await mock.close();
  rmSync(work, { recursive: true, force: true });
});

const hasPythonRequests = spawnSync('python3', ['-c', 'import requests']).status === 0;
const hasJq = spawnSync('jq', ['--version']).status === 0;

/** Asynchronous: the mock answers from this very process. */
async function run(command: string, args: string[], cwd: string): Promise<string> {
  const { stdout } = await promisify(execFile)(command, args, { cwd, env: { ...process.env, DASHSCOPE_API_KEY: mock.apiKey }, timeout: 30_000 });
  return stdout;
}

describe('library snippets', () => {
  it('point at the region of the voice and never contain a key', () => {
    const [curl, python] = snippetsFor({ voice: 'qwen-tts-vc-a-voice-1-ab12', targetModel: 'qwen3-tts-vc-2026-01-22', region: 'ap-southeast-1', language: 'en' });
    expect(curl.tool).toBe('curl');
    expect(curl.code).toContain('https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/multimodal-generation/generation');
    expect(python.code).toContain('"language_type": "English"');
    const [shell] = snippetsFor({ voice: 'qwen-tts-vc-a-voice-1-ab12', targetModel: 'qwen3-tts-vc-realtime-2025-11-27', region: 'cn-beijing', language: 'zh' });
    expect(shell.code).toContain('wss://dashscope.aliyuncs.com/api-ws/v1/realtime?model=qwen3-tts-vc-realtime-2025-11-27');
    for (const snippet of [curl, python, shell]) expect(snippet.code).not.toMatch(/sk-/);
  });

  it.skipIf(!hasJq)('curl: synthesizes with an HTTP voice and saves output.wav', async () => {
    const made = mock.addVoice({ preferredName: 'http', targetModel: 'qwen3-tts-vc-2026-01-22' });
    const [curl] = snippetsFor({ voice: made.voice, targetModel: made.targetModel as 'qwen3-tts-vc-2026-01-22', region: 'custom', language: 'zh' }, mock.baseUrl);
    const dir = mkdtempSync(join(work, 'curl-'));
    await run('bash', ['-euo', 'pipefail', '-c', curl.code], dir);
    expect(parseWav(readFileSync(join(dir, 'output.wav')))?.durationSeconds).toBeGreaterThan(0);
    const request = mock.requests.findLast((item) => item.target === 'synthesize');
    expect(request?.body).toMatchObject({ model: 'qwen3-tts-vc-2026-01-22', input: { voice: made.voice, language_type: 'Chinese' } });
  });

  it.skipIf(!hasPythonRequests)('python: synthesizes with an HTTP voice and saves output.wav', async () => {
    const made = mock.addVoice({ preferredName: 'py', targetModel: 'qwen3-tts-vc-2026-01-22' });
    const [, python] = snippetsFor({ voice: made.voice, targetModel: 'qwen3-tts-vc-2026-01-22', region: 'custom', language: 'en' }, mock.baseUrl);
    const dir = mkdtempSync(join(work, 'py-'));
    expect(await run('python3', ['-c', python.code], dir)).toContain('Saved output.wav');
    expect(parseWav(readFileSync(join(dir, 'output.wav')))?.durationSeconds).toBeGreaterThan(0);
  });

  it('realtime: the snippet events make the mock stream audio for the voice; the Python parses', async () => {
    const made = mock.addVoice({ preferredName: 'rt', targetModel: 'qwen3-tts-vc-realtime-2026-01-15' });
    const [shell, python] = snippetsFor({ voice: made.voice, targetModel: 'qwen3-tts-vc-realtime-2026-01-15', region: 'custom', language: 'zh' }, mock.baseUrl);
    const url = /"(ws:\/\/[^"]+)"/.exec(shell.code)![1];
    const events = [...shell.code.matchAll(/echo '(\{.*\})'/g)].map((match) => match[1]);
    expect(events).toHaveLength(4);
    const received = await new Promise<Array<{ type: string }>>((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${mock.apiKey}` } });
      const got: Array<{ type: string }> = [];
      socket.on('open', () => events.forEach((event) => socket.send(event)));
      socket.on('message', (data) => got.push(JSON.parse(String(data))));
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
    });
    const types = received.map((event) => event.type);
    expect(types).toContain('response.audio.delta');
    expect(types.at(-1)).toBe('session.finished');
    expect(types).not.toContain('error');
    expect(spawnSync('bash', ['-n', '-c', shell.code]).status).toBe(0);
    expect(spawnSync('python3', ['-c', `import ast, sys; ast.parse(sys.stdin.read())`], { input: python.code }).status).toBe(0);
  });

  it('realtime Omni: the snippet session, silent turn and response make the mock say the text in the voice; the Python parses', async () => {
    const made = mock.addVoice({ preferredName: 'assistant', targetModel: 'qwen3.5-omni-flash-realtime' });
    const [python] = snippetsFor({ voice: made.voice, targetModel: 'qwen3.5-omni-flash-realtime', region: 'custom', language: 'zh' }, mock.baseUrl);
    expect(python.tool).toBe('python');
    const url = /"(ws:\/\/[^"]+)"/.exec(python.code)![1];
    const session = JSON.parse(/^session = (\{.*\})$/m.exec(python.code)![1]) as Record<string, unknown>;
    if (python.code.includes('session["turn_detection"] = None')) session.turn_detection = null;
    const silence = Buffer.alloc(Number(/bytes\((\d+)\)/.exec(python.code)![1])).toString('base64');
    const sent = [...python.code.matchAll(/^send\((\{.*\})\)$/gm)].map((match) => match[1].replace('SILENCE', JSON.stringify(silence)).replace('"session": session', `"session": ${JSON.stringify(session)}`));
    expect(sent).toHaveLength(4);
    const received = await new Promise<Array<Record<string, unknown>>>((resolve, reject) => {
      const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${mock.apiKey}` } });
      const got: Array<Record<string, unknown>> = [];
      socket.on('open', () => sent.forEach((event) => socket.send(event)));
      socket.on('message', (data) => {
        const event = JSON.parse(String(data)) as Record<string, unknown>;
        got.push(event);
        if (event.type === 'response.done' || event.type === 'error') socket.close();
      });
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
    });
    expect(received.filter((event) => event.type === 'error')).toEqual([]);
    expect(received.some((event) => event.type === 'response.audio.delta')).toBe(true);
    const said = received.filter((event) => event.type === 'response.audio_transcript.delta').map((event) => event.delta).join('');
    expect(said).toBe('你好，这是我克隆的声音。');
    expect(spawnSync('python3', ['-c', `import ast, sys; ast.parse(sys.stdin.read())`], { input: python.code }).status).toBe(0);
  });
});
