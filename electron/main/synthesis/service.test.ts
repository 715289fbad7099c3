import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseWav } from '../../../shared/audio/wav';
import type { AppError, Result } from '../../../shared/errors';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { HistoryEntry } from '../../../shared/ipc/routes/synthesis';
import { SYNTHESIS_MAX_CHARS, type Region, type TargetModel } from '../../../shared/models';
import { makeVoice } from '../../../tests/support/catalog-fixtures';
import { tonePcm } from '../../../tests/mock-dashscope/audio';
import { TEST_BEHAVIOUR } from '../../../tests/mock-dashscope/behaviour';
import { OMNI_PREAMBLE } from '../../../tests/mock-dashscope/omni-handler';
import { startMockDashScope, type MockDashScope } from '../../../tests/mock-dashscope/server';
import { createCore, type Core } from '../core';
import { splitForSynthesis } from '../dashscope/client';
import type { SaveFileRequest } from '../foundation/save-file';
import { electronNetwork } from '../../../tests/support/electron-network';

const HTTP_MODEL: TargetModel = 'qwen3-tts-vc-2026-01-22';
const REALTIME_MODEL: TargetModel = 'qwen3-tts-vc-realtime-2026-01-15';
const silentLog = { info: () => {}, warn: () => {}, error: () => {} };

type Chunk = EventPayload<'synth.chunk'>;

describe('Try: synthesis runs and history against the mock DashScope', () => {
  let mock: MockDashScope;
  let dataDir: string;
  let core: Core;
  let chunks: Chunk[];
  let chunkListeners: Array<(chunk: Chunk) => void>;
  let saveRequests: SaveFileRequest[];
  let saveAnswer: string | null;

  beforeAll(async () => {
    mock = await startMockDashScope({ region: 'cn-beijing' });
  });
  afterAll(async () => {
    await mock.close();
  });

  const start = (options: { saveFile?: boolean } = {}) =>
    createCore({
      dataDir, appVersion: '0.0.0-test', platform: 'linux', systemLocale: 'en-US',
      secretStore: null, envApiKey: mock.apiKey,
      dashscopeBaseUrls: { 'cn-beijing': mock.baseUrl }, network: electronNetwork(),
      emit: (event, payload) => {
        if (event !== 'synth.chunk') return;
        const chunk = payload as Chunk;
        chunks.push(chunk);
        for (const listener of chunkListeners) listener(chunk);
      },
      openPath: async () => {},
      saveFile: options.saveFile === false ? undefined : async (request) => {
        saveRequests.push(request);
        return saveAnswer;
      },
      log: silentLog,
    });

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'timbre-synthesis-'));
    chunks = [];
    chunkListeners = [];
    saveRequests = [];
    saveAnswer = '/home/user/Downloads/alice.wav';
    mock.requests.length = 0;
    mock.voices.clear();
    mock.setBehaviour(TEST_BEHAVIOUR);
    core = await start();
  });
  afterEach(async () => {
    await core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A ready voice in the catalog, enrolled on the mock for `enrolledFor` (default: its own target model). */
  function addVoice(id: string, targetModel: TargetModel, fields: { enrolledFor?: TargetModel; region?: Region; status?: 'ready' | 'failed' } = {}) {
    const enrolled = mock.addVoice({ preferredName: id, targetModel: fields.enrolledFor ?? targetModel });
    core.services.catalog.putVoice(makeVoice({
      id, voice: enrolled.voice, targetModel, region: fields.region ?? 'cn-beijing', status: fields.status ?? 'ready', displayName: `Voice ${id}`,
    }));
    return enrolled.voice;
  }

  const invoke = (channel: string, input?: unknown) => core.router.invoke(channel, input);
  const speak = (voiceId: string, text: string, settings: Record<string, unknown> = { languageType: 'English' }, runId = `run-${voiceId}-${Date.now()}`) =>
    invoke('synth.start', { runId, voiceId, text, settings }) as Promise<Result<HistoryEntry>>;
  const failed = (result: Result<unknown>): AppError => {
    if (result.ok) throw new Error('expected the call to fail');
    return result.error;
  };
  const value = <T>(result: Result<T>): T => {
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  const streamedPcm = () => Buffer.concat(chunks.map((chunk) => chunk.pcm));
  const audioFilesOnDisk = () => (existsSync(join(dataDir, 'audio')) ? readdirSync(join(dataDir, 'audio')) : []);
  const savedWav = (entry: HistoryEntry) => new Uint8Array(readFileSync(join(dataDir, 'audio', entry.audio.file)));
  const pcmOf = (wav: Uint8Array) => {
    const info = parseWav(wav)!;
    return Buffer.from(wav.subarray(info.dataOffset, info.dataOffset + info.dataLength));
  };
  const firstChunk = () => new Promise<Chunk>((resolve) => chunkListeners.push(resolve));

  it('Omni model: speaks through the chat endpoint and keeps what the model said with the result', async () => {
    addVoice('omni', 'qwen3.5-omni-flash');
    mock.setBehaviour({ omniSays: 'adds-preamble' });
    const text = '你好，这是我复刻的声音。';
    const entry = value(await speak('omni', text, { languageType: 'Chinese', speechRate: 1.5 }));
    expect(mock.requests.map((request) => request.path)).toEqual(['/compatible-mode/v1/chat/completions']);
    expect(chunks.length).toBeGreaterThan(1);
    expect(entry).toMatchObject({ model: 'qwen3.5-omni-flash', text, spokenText: `${OMNI_PREAMBLE}${text}`, settings: { languageType: 'Chinese' } });
    expect(entry.settings).not.toHaveProperty('speechRate');
    expect(pcmOf(savedWav(entry)).equals(streamedPcm())).toBe(true);
    expect(value(await invoke('synth.history', { voiceId: 'omni' }) as Result<HistoryEntry[]>)[0].spokenText).toBe(`${OMNI_PREAMBLE}${text}`);
  });

  it('HTTP model: streams SSE chunks to the renderer as they arrive and saves the WAV at once', async () => {
    addVoice('alice', HTTP_MODEL);
    const text = 'Hello from Timbre. This is my cloned voice.';
    // The HTTP model has no rate/volume/pitch: they are neither sent nor remembered.
    const entry = value(await speak('alice', text, { languageType: 'English', speechRate: 1.5 }));

    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.seq)).toEqual(chunks.map((_, index) => index));
    expect(streamedPcm().equals(Buffer.from(tonePcm(text)))).toBe(true);
    expect(chunks.every((chunk) => chunk.sampleRate === 24_000)).toBe(true);

    const call = mock.requests.find((request) => request.target === 'synthesize')!;
    expect(call.headers['x-dashscope-sse']).toBe('enable');
    expect(call.body).toEqual({ model: HTTP_MODEL, input: { text, voice: entry.voice, language_type: 'English' } });
    // The result URL expires after 24 h: the file was downloaded and kept before answering.
    expect(mock.requests.map((request) => request.target)).toEqual(['synthesize', 'download']);

    expect(entry).toMatchObject({
      voiceId: 'alice', model: HTTP_MODEL, region: 'cn-beijing', text, settings: { languageType: 'English' }, parts: 1,
      characters: text.length, audio: { mime: 'audio/wav', sampleRate: 24_000, channels: 1 },
    });
    expect(entry.settings).not.toHaveProperty('speechRate');
    expect(entry.firstAudioMs).toBe(chunks[0].elapsedMs);
    expect(entry.firstAudioMs!).toBeLessThanOrEqual(entry.totalMs);
    const wav = savedWav(entry);
    expect(pcmOf(wav).equals(Buffer.from(tonePcm(text)))).toBe(true);
    expect(entry.audio.bytes).toBe(wav.length);
    expect(entry.audio.durationSeconds).toBeCloseTo(tonePcm(text).length / 48_000, 5);

    expect(value(await invoke('synth.history', { voiceId: 'alice' }))).toEqual([entry]);
    const read = value(await invoke('synth.readAudio', { entryId: entry.id })) as { bytes: Uint8Array; mime: string };
    expect(Buffer.from(read.bytes).equals(Buffer.from(wav))).toBe(true);
    expect(read.mime).toBe('audio/wav');
  });

  it('realtime model: plays WebSocket deltas as they arrive, sends the session options, saves a WAV', async () => {
    addVoice('bob', REALTIME_MODEL);
    const text = '你好，这是我的声音。';
    const settings = { languageType: 'Chinese', speechRate: 1.5, volume: 70, pitchRate: 0.8 };
    const entry = value(await speak('bob', text, settings));

    expect(chunks.length).toBeGreaterThan(1);
    expect(streamedPcm().equals(Buffer.from(tonePcm(text)))).toBe(true);
    const handshake = mock.requests.find((request) => request.target === 'realtime')!;
    expect(handshake.query.model).toBe(REALTIME_MODEL);
    const update = mock.requests.map((request) => request.body as { type?: string; session?: Record<string, unknown> })
      .find((event) => event?.type === 'session.update')!;
    expect(update.session).toMatchObject({ voice: entry.voice, language_type: 'Chinese', speech_rate: 1.5, volume: 70, pitch_rate: 0.8 });
    expect(entry).toMatchObject({ model: REALTIME_MODEL, settings, parts: 1, audio: { sampleRate: 24_000 } });
    expect(pcmOf(savedWav(entry)).equals(Buffer.from(tonePcm(text)))).toBe(true);
  });

  it('always speaks with the voice\'s own target model; a mismatch is refused by the client before sending and by the service', async () => {
    // The record says HTTP, but the account's voice was made for the realtime model: the service refuses.
    addVoice('carol', HTTP_MODEL, { enrolledFor: REALTIME_MODEL });
    const refused = failed(await speak('carol', 'Hello.'));
    expect(refused.code).toBe('dashscope.invalid_voice');
    expect(mock.requests.filter((request) => request.target === 'synthesize')).toHaveLength(1);
    expect(value(await invoke('synth.history', { voiceId: 'carol' }))).toEqual([]);

    // Asked for another model than the voice's, the composed client refuses before anything is sent.
    mock.requests.length = 0;
    const voice = addVoice('dave', HTTP_MODEL);
    const mismatch = core.services.dashscope.synthesize({ voice, voiceTargetModel: HTTP_MODEL, model: REALTIME_MODEL, text: 'Hello.' });
    await expect(mismatch).rejects.toMatchObject({ code: 'dashscope.model_mismatch', details: { model: REALTIME_MODEL, voiceTargetModel: HTTP_MODEL } });
    expect(mock.requests).toHaveLength(0);
  });

  it('splits long text at sentence ends under the limit and plays the parts in order', async () => {
    addVoice('erin', HTTP_MODEL);
    const sentences = Array.from({ length: 24 }, (_, i) => `Sentence number ${i + 1} is here to make this text long enough.`);
    const text = sentences.join(' ');
    expect(text.length).toBeGreaterThan(2 * SYNTHESIS_MAX_CHARS);
    const entry = value(await speak('erin', text));

    const sent = mock.requests.filter((request) => request.target === 'synthesize').map((request) => (request.body as { input: { text: string } }).input.text);
    expect(sent).toHaveLength(3);
    expect(entry.parts).toBe(3);
    for (const part of sent) {
      expect(part.length).toBeLessThanOrEqual(SYNTHESIS_MAX_CHARS);
      expect(part.endsWith('.')).toBe(true);
    }
    expect(sent).toEqual(splitForSynthesis(text, SYNTHESIS_MAX_CHARS));
    const inOrder = Buffer.concat(sent.map((part) => tonePcm(part)));
    expect(streamedPcm().equals(inOrder)).toBe(true);
    expect(pcmOf(savedWav(entry)).equals(inOrder)).toBe(true);
  });

  it('cancel stops a run that is waiting for DashScope: nothing is kept', async () => {
    addVoice('frank', HTTP_MODEL);
    mock.inject({ kind: 'delay', ms: 10_000, match: 'synthesize' });
    const running = speak('frank', 'Hello there.', { languageType: 'English' }, 'run-cancel-early');
    await expect.poll(() => mock.requests.some((request) => request.target === 'synthesize')).toBe(true);
    expect(value(await invoke('synth.cancel', { runId: 'run-cancel-early' }))).toEqual({ cancelled: true });

    const error = failed(await running);
    expect(error.code).toBe('dashscope.cancelled');
    expect(error.details?.partialSeconds).toBeUndefined();
    expect(value(await invoke('synth.history', { voiceId: 'frank' }))).toEqual([]);
    expect(audioFilesOnDisk()).toEqual([]);
    // A finished run cannot be cancelled again.
    expect(value(await invoke('synth.cancel', { runId: 'run-cancel-early' }))).toEqual({ cancelled: false });
  });

  it('cancel after audio started playing discards the partial audio and says how much had played', async () => {
    addVoice('gina', HTTP_MODEL);
    // The stream arrives, then fetching the final file hangs: cancel lands while audio is playing.
    mock.inject({ kind: 'delay', ms: 10_000, match: 'download' });
    const text = 'A sentence that streams for a little while.';
    const first = firstChunk();
    const running = speak('gina', text, { languageType: 'English' }, 'run-cancel-late');
    await first;
    await expect.poll(() => mock.requests.some((request) => request.target === 'download')).toBe(true);
    await invoke('synth.cancel', { runId: 'run-cancel-late' });

    const error = failed(await running);
    expect(error.code).toBe('dashscope.cancelled');
    expect(error.details?.partialSeconds).toBeCloseTo(tonePcm(text).length / 48_000, 2);
    expect(value(await invoke('synth.history', { voiceId: 'gina' }))).toEqual([]);
    expect(audioFilesOnDisk()).toEqual([]);
  });

  it.each([
    ['HTTP stream drops', HTTP_MODEL, 'synthesize', 'disconnect', 'network.connection_lost'],
    ['realtime session sends an error', REALTIME_MODEL, 'realtime', 'error-event', 'dashscope.server_error'],
  ] as const)('a mid-stream failure (%s) gives a clear error and keeps no partial audio', async (_label, model, target, mode, code) => {
    addVoice('hank', model);
    mock.inject({ kind: 'mid-stream', afterChunks: 2, mode, match: target });
    const error = failed(await speak('hank', 'This text is long enough to stream in several chunks.'));
    expect(error.code).toBe(code);
    expect(chunks).toHaveLength(2);
    // Two 0.1 s chunks had been played when it broke off.
    expect(error.details?.partialSeconds).toBeCloseTo(0.2, 5);
    expect(value(await invoke('synth.history', { voiceId: 'hank' }))).toEqual([]);
    expect(audioFilesOnDisk()).toEqual([]);
  });

  it('refuses voices that cannot speak here before calling DashScope', async () => {
    addVoice('iris', HTTP_MODEL, { status: 'failed' });
    addVoice('jack', HTTP_MODEL, { region: 'ap-southeast-1' });
    expect(failed(await speak('iris', 'Hi.'))).toMatchObject({ code: 'synth.voice_not_ready', details: { status: 'failed' } });
    expect(failed(await speak('jack', 'Hi.'))).toMatchObject({
      code: 'synth.region_mismatch', details: { voiceRegion: 'ap-southeast-1', activeRegion: 'cn-beijing' },
    });
    expect(failed(await speak('nobody', 'Hi.'))).toMatchObject({ code: 'synth.voice_not_found' });
    expect(mock.requests).toHaveLength(0);

    const { voices } = value(await invoke('synth.voices', { query: '', limit: 200, include: ['iris'] })) as { voices: Array<{ voice: { id: string } }> };
    expect(voices.map((item) => item.voice.id)).toEqual(['jack']);
  });

  it('a voice of a model Timbre does not know is not offered in Try, and is refused by name (issue 29, §2)', async () => {
    core.services.catalog.putVoice(makeVoice({ id: 'omni-next', voice: 'qwen-omni-vc-Next-voice-20260101000000000-abcd', targetModel: 'qwen4-omni' }));
    expect(failed(await speak('omni-next', 'Hi.'))).toMatchObject({ code: 'synth.model_unsupported', details: { model: 'qwen4-omni' } });
    const { voices } = value(await invoke('synth.voices', { query: '', limit: 200, include: ['omni-next'] })) as { voices: unknown[] };
    expect(voices).toEqual([]);
    expect(mock.requests).toHaveLength(0);
  });

  it('remembers when Timbre last spoke with a voice (the service deletes voices unused for a year, issue 29 §2)', async () => {
    addVoice('kim', HTTP_MODEL);
    expect(core.services.catalog.getVoice('kim')?.lastUsedAt).toBeNull();
    const before = Date.now();
    value(await speak('kim', 'Hello.'));
    expect(core.services.catalog.getVoice('kim')?.lastUsedAt).toBeGreaterThanOrEqual(before);
  });

  it('lists a bounded window of voices: the newest, those matching a search, and the ones asked for', async () => {
    const { catalog } = core.services;
    catalog.batch(() => {
      for (let i = 0; i < 250; i++) {
        catalog.putVoice(makeVoice({ id: `v${i}`, voice: `qwen-tts-vc-v${i}-voice-1`, displayName: i % 50 === 0 ? `Zoë ${i}` : `Voice ${i}`, createdAt: 1_000 + i, tags: i === 7 ? ['podcast'] : [] }));
      }
      catalog.putVoice(makeVoice({ id: 'broken', status: 'failed', voice: null, createdAt: 5_000 }));
    });
    type Listed = { voices: Array<{ voice: { id: string } }>; matching: number; speakable: number };
    const list = async (query: string, include: string[] = [], limit = 200) =>
      value(await invoke('synth.voices', { query, limit, include })) as Listed;
    const ids = (listed: Listed) => listed.voices.map((item) => item.voice.id);

    const newest = await list('');
    expect(newest).toMatchObject({ matching: 250, speakable: 250 });
    expect(ids(newest)).toHaveLength(200);
    expect(ids(newest).slice(0, 2)).toEqual(['v249', 'v248']);
    // An old voice in use stays listed, after the newest; one that cannot speak is not.
    expect(ids(await list('', ['v3', 'broken', 'v249'])).slice(199)).toEqual(['v50', 'v3']);
    // Names (accents and case kept as typed), voice ids and tags are searched.
    expect(ids(await list('zoë'))).toEqual(['v200', 'v150', 'v100', 'v50', 'v0']);
    expect(await list('v12-voice')).toMatchObject({ matching: 1, speakable: 250 });
    expect(ids(await list('PODCAST'))).toEqual(['v7']);
    expect(failed(await invoke('synth.voices', { query: '', limit: 5_000, include: [] }))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('history survives a restart, exports through the save dialog, and deletes with its file', async () => {
    addVoice('kate', HTTP_MODEL);
    const older = value(await speak('kate', 'First try.'));
    const newer = value(await speak('kate', 'Second try, a little longer.'));
    await core.dispose();
    core = await start();
    expect(value(await invoke('synth.history', { voiceId: 'kate' }))).toEqual([newer, older]);

    expect(value(await invoke('synth.export', { entryId: newer.id }))).toEqual({ path: '/home/user/Downloads/alice.wav' });
    expect(saveRequests).toHaveLength(1);
    expect(saveRequests[0].defaultName).toMatch(/^Voice kate-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.wav$/);
    expect(saveRequests[0].filters).toEqual([{ name: 'WAV', extensions: ['wav'] }]);
    expect(Buffer.from(saveRequests[0].bytes).equals(Buffer.from(savedWav(newer)))).toBe(true);
    saveAnswer = null;
    expect(value(await invoke('synth.export', { entryId: newer.id }))).toEqual({ path: null });

    value(await invoke('synth.deleteHistory', { entryId: older.id }));
    expect(value(await invoke('synth.history', { voiceId: 'kate' }))).toEqual([newer]);
    expect(audioFilesOnDisk()).toEqual([newer.audio.file]);
    expect(failed(await invoke('synth.readAudio', { entryId: older.id })).code).toBe('synth.entry_not_found');

    // Neither the history file nor anything else written carries the API key.
    expect(readFileSync(join(dataDir, 'synthesis-history.json'), 'utf8')).not.toContain(mock.apiKey);
  });

  it('a voice removed from the catalog takes its results with it', async () => {
    addVoice('liam', HTTP_MODEL);
    addVoice('mona', HTTP_MODEL);
    const gone = value(await speak('liam', 'Goodbye.'));
    const kept = value(await speak('mona', 'Still here.'));
    core.services.catalog.deleteVoice('liam');
    expect(value(await invoke('synth.history', { voiceId: 'liam' }))).toEqual([]);
    await expect.poll(() => audioFilesOnDisk()).toEqual([kept.audio.file]);
    expect(gone.audio.file).not.toBe(kept.audio.file);
  });

  it('a voice removed from this computer keeps its results while it can come back, and they come back with it', async () => {
    addVoice('omar', HTTP_MODEL);
    const kept = value(await speak('omar', 'Keep this one.'));
    expect(value(await invoke('voices.delete', { ids: ['omar'], remote: false }))).toEqual({ deleted: ['omar'], failed: [] });
    expect(audioFilesOnDisk()).toEqual([kept.audio.file]);
    expect(value(await invoke('voices.restore', { ids: ['omar'] }))).toEqual({ restored: ['omar'] });
    expect(value(await invoke('synth.history', { voiceId: 'omar' }))).toEqual([kept]);
    expect(Buffer.from((value(await invoke('synth.readAudio', { entryId: kept.id })) as { bytes: Uint8Array }).bytes).equals(Buffer.from(savedWav(kept)))).toBe(true);

    // Deleted from the account as well, it cannot come back: its results go.
    value(await invoke('voices.delete', { ids: ['omar'], remote: true }));
    expect(value(await invoke('synth.history', { voiceId: 'omar' }))).toEqual([]);
    await expect.poll(() => audioFilesOnDisk()).toEqual([]);
  });

  it('results of a removed voice go when it falls off the list of voices that can come back', async () => {
    addVoice('pia', HTTP_MODEL);
    const entry = value(await speak('pia', 'Soon forgotten.'));
    value(await invoke('voices.delete', { ids: ['pia'], remote: false }));
    // The list keeps the newest 200 removals; 200 later ones push this one off.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const others = Array.from({ length: 200 }, (_, i) => `later-${i}`);
    for (const id of others) core.services.catalog.putVoice(makeVoice({ id, targetModel: HTTP_MODEL }));
    value(await invoke('voices.delete', { ids: others, remote: false }));
    expect(failed(await invoke('voices.restore', { ids: ['pia'] })).code).toBe('catalog.not_removed');
    expect(value(await invoke('synth.history', { voiceId: 'pia' }))).toEqual([]);
    await expect.poll(() => audioFilesOnDisk()).not.toContain(entry.audio.file);
  });

  it('without a save dialog (no Electron), export says it is unavailable', async () => {
    await core.dispose();
    core = await start({ saveFile: false });
    addVoice('nina', HTTP_MODEL);
    const entry = value(await speak('nina', 'Hello.'));
    expect(failed(await invoke('synth.export', { entryId: entry.id })).code).toBe('synth.export_unavailable');
  });
});
