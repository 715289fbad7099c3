/**
 * A proxy (or a custom base URL) that copies the Authorization header into its answers: the key
 * must reach no record, file, export, IPC answer or event. Every DashScope path the app has goes
 * through the router against the mock's echo fault: create, list (sync), synthesis over HTTP
 * (Try's stream and the plain request), realtime (Qwen-TTS and Omni), an error answer, and the export.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGLISH_SCRIPT, speechWav } from '../../tests/support/audio-fixtures';
import { addSampleWithAudio, makeVoice } from '../../tests/support/catalog-fixtures';
import { startMockDashScope, type MockDashScope } from '../../tests/mock-dashscope/server';
import { createCore, type Core } from './core';

// No "sk-" prefix: the generic sk- pattern must not be what keeps the key out.
const KEY = 'CANARY-echo-4f1c9e27b80d56a3e19c';
const REALTIME = 'qwen3-tts-vc-realtime-2026-01-15';
const OMNI_REALTIME = 'qwen3.5-omni-plus-realtime';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** A file as searchable text; a zip (an export) entry by entry, since deflate hides its contents. */
function fileText(path: string): string {
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    return Object.entries(unzipSync(new Uint8Array(bytes))).map(([name, entry]) => `${name}\n${Buffer.from(entry).toString('latin1')}`).join('\n');
  }
  return bytes.toString('latin1');
}

const text = (value: unknown) => JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? '' : item));

describe('an answer that echoes the Authorization header', () => {
  let mock: MockDashScope;
  let core: Core;
  let root: string;
  const ipc: Record<string, string> = {};
  let calls = 0;

  beforeAll(async () => {
    mock = await startMockDashScope({ region: 'cn-beijing', keys: { 'cn-beijing': KEY } });
    root = mkdtempSync(join(tmpdir(), 'timbre-key-echo-'));
    mkdirSync(join(root, 'exports'));
    core = await createCore({
      dataDir: join(root, 'data'), appVersion: '0.0.0-test', platform: 'linux', systemLocale: 'en-US', secretStore: null,
      dashscopeBaseUrls: { 'cn-beijing': mock.baseUrl },
      emit: (event, payload) => {
        ipc[`event #${calls++} ${event}`] = text(payload);
      },
      saveFile: async ({ defaultName, bytes }) => {
        const path = join(root, 'exports', defaultName);
        writeFileSync(path, bytes);
        return path;
      },
      openPath: async () => {},
      log: { info: () => {}, warn: () => {}, error: () => {} },
    });
  });
  afterAll(async () => {
    await core.dispose();
    await mock.close();
    rmSync(root, { recursive: true, force: true });
  });

  const invoke = async (channel: string, input?: unknown) => {
    const answer = await core.router.invoke(channel, input);
    ipc[`answer #${calls++} ${channel}`] = text(answer);
    return answer as { ok: boolean; value?: unknown; error?: { code: string; message: string; details?: Record<string, unknown> } };
  };
  const voices = async () => ((await invoke('library.list')).value as { voices: Array<Record<string, unknown>> }).voices;

  it('keeps and shows what the answers say, with the key taken out everywhere', async () => {
    await invoke('keys.save', { region: 'cn-beijing', apiKey: KEY, sessionOnly: true });
    const dataDir = join(root, 'data');
    core.services.catalog.putSample(addSampleWithAudio(dataDir, { id: 's1' }, speechWav({ text: ENGLISH_SCRIPT, voice: 'en-us' })));
    mock.inject({ kind: 'echo-auth-answer', match: 'create' });
    mock.inject({ kind: 'echo-auth-answer', match: ['list', 'synthesize'], times: 1_000 });

    // Create: the voice is built in degraded mode, and the reason is kept and shown.
    expect(await invoke('enroll.start', {
      sampleId: 's1', displayName: 'Echo', preferredName: 'echo', targetModels: ['qwen3-tts-vc-2026-01-22'], language: 'en', transcript: '', consent: true,
    })).toMatchObject({ ok: true });
    await expect.poll(async () => (await voices()).map((voice) => voice.status), { timeout: 10_000 }).toEqual(['ready']);
    const [cloned] = await voices();
    expect(cloned.fallbackReason).toContain('proxy saw Authorization: Bearer [redacted]');

    // List: sync imports the extra voice whose id carries the header.
    expect(await invoke('library.sync')).toMatchObject({ ok: true, value: { imported: 1 } });
    expect((await voices()).map((voice) => voice.voice)).toContain('qwen-tts-vc-proxy-voice-Bearer [redacted]');

    // Synthesis over HTTP: Try's stream keeps the request id; the plain request returns one.
    const streamed = await invoke('synth.start', { runId: 'echo-run-1', voiceId: cloned.id, text: 'Hello there.', settings: { languageType: 'English' } });
    expect(streamed).toMatchObject({ ok: true, value: { requestId: expect.stringContaining('[redacted]') } });
    const plain = await core.services.dashscope.synthesize({
      voice: String(cloned.voice), voiceTargetModel: 'qwen3-tts-vc-2026-01-22', model: 'qwen3-tts-vc-2026-01-22', text: 'Hello there.',
    });
    ipc['client synthesize'] = text(plain);
    expect(plain.requestId).toContain('[redacted]');

    // Realtime: the error event that carries the header is what the user is shown.
    const remote = mock.addVoice({ preferredName: 'live', targetModel: REALTIME });
    core.services.catalog.putVoice(makeVoice({ id: 'rt', voice: remote.voice, targetModel: REALTIME, region: 'cn-beijing', sampleId: null }));
    mock.inject({ kind: 'echo-auth-answer', match: 'realtime', times: 10 });
    const live = await invoke('synth.start', { runId: 'echo-run-2', voiceId: 'rt', text: 'Hello there.', settings: { languageType: 'English' } });
    expect(live.ok).toBe(false);
    expect(text(live.error)).toContain('Bearer [redacted]');

    // Realtime Omni, its own session protocol over the same socket: the same.
    const assistant = mock.addVoice({ preferredName: 'assistant', targetModel: OMNI_REALTIME });
    core.services.catalog.putVoice(makeVoice({ id: 'omni-rt', voice: assistant.voice, targetModel: OMNI_REALTIME, region: 'cn-beijing', sampleId: null }));
    mock.inject({ kind: 'echo-auth-answer', match: 'realtime', times: 10 });
    const assistantRun = await invoke('synth.start', { runId: 'echo-run-3', voiceId: 'omni-rt', text: 'Hello there.', settings: { languageType: 'Auto' } });
    expect(assistantRun.ok).toBe(false);
    expect(text(assistantRun.error)).toContain('Bearer [redacted]');

    // An error answer: the clone fails, and its error is kept on the voice and in the outbox.
    mock.inject({ kind: 'echo-auth', match: 'create', times: 10 });
    expect(await invoke('enroll.start', {
      sampleId: 's1', displayName: 'Refused', preferredName: 'refused', targetModels: [REALTIME], language: 'en', transcript: '', consent: true,
    })).toMatchObject({ ok: true });
    await expect.poll(async () => (await voices()).find((voice) => voice.displayName === 'Refused')?.status, { timeout: 10_000 }).toBe('failed');

    // Export: the manifest carries every voice record.
    expect(await invoke('catalog.export', {})).toMatchObject({ ok: true, value: { voices: 5 } });
    await core.services.catalog.flush();

    const places: Record<string, string> = { ...ipc };
    for (const file of filesUnder(root)) places[`file ${file.slice(root.length + 1)}`] = fileText(file);
    expect(Object.keys(places).some((place) => place.endsWith('.zip'))).toBe(true);
    expect(Object.keys(places).some((place) => place.includes('catalog.j'))).toBe(true);
    expect(Object.entries(places).filter(([, found]) => found.includes(KEY)).map(([place]) => place)).toEqual([]);
  }, 60_000);
});
