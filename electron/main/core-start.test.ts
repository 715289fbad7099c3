/**
 * Timbre always starts: whatever is in the data folder (damaged files of every store, a directory
 * where a file should be, a read-only disk), `createCore` resolves, keeps what can be kept, sets
 * the rest aside and tells the user once.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSample, makeVoice } from '../../tests/support/catalog-fixtures';
import { mountSmallDisk } from '../../tests/support/small-disk';
import { createCore, type Core } from './core';
import { CATALOG_FILE } from './catalog/store';

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'timbre-start-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string): Promise<Core> {
  const core = await createCore({
    dataDir, appVersion: '0.0.0-test', platform: 'linux', systemLocale: 'en-US', secretStore: null,
    emit: () => {}, openPath: async () => {}, log: { info: () => {}, warn: () => {}, error: () => {} },
  });
  cores.push(core);
  return core;
}

async function listed(core: Core) {
  const result = await core.router.invoke('library.list', undefined);
  if (!result.ok) throw new Error(result.error.code);
  return result.value as { voices: Array<{ id: string }>; notices: Array<{ kind: string; file: string | null; keptAs: string | null }> };
}

const HISTORY_ENTRY = {
  id: 'h1', voiceId: 'v1', voice: 'qwen-tts-vc-a-voice-1-aaaa', model: 'qwen3-tts-vc-2026-01-22', region: 'cn-beijing', text: '你好',
  settings: { languageType: 'Chinese' }, audio: { file: 'h1.synth.wav', mime: 'audio/wav', bytes: 44, durationSeconds: 0, sampleRate: 24_000, channels: 1 },
  createdAt: 1, firstAudioMs: 1, totalMs: 1, parts: 1, characters: 2, requestId: null,
};
const validHistory = JSON.stringify({ schemaVersion: 1, entries: [HISTORY_ENTRY] });

/** Every kind of damage the adversarial run found; a directory is made rather than written. */
const DAMAGE: Array<[string, string | 'directory']> = [
  ['empty', ''],
  ['truncated', validHistory.slice(0, validHistory.length / 2)],
  ['garbage', 'ÿØÿà\u0000\u0001 not json at all'],
  ['zero bytes', '\u0000'.repeat(512)],
  ['BOM then garbage', '\ufeff{{{'],
  ['an array', '[1,2,3]'],
  ['a number', '42'],
  ['a string', '"entries"'],
  ['null', 'null'],
  ['true', 'true'],
  ['entries not a list', '{"schemaVersion":1,"entries":{"h1":{}}}'],
  ['entries null', '{"schemaVersion":1,"entries":null}'],
  ['no entries', '{"schemaVersion":1}'],
  ['deeply nested', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
  ['a directory', 'directory'],
];

describe('start-up with damaged data files', () => {
  it.each(DAMAGE)('synthesis-history.json %s: starts, sets the file aside, tells the user once', async (_name, content) => {
    const dataDir = newDataDir();
    if (content === 'directory') mkdirSync(join(dataDir, 'synthesis-history.json'));
    else writeFileSync(join(dataDir, 'synthesis-history.json'), content);

    const core = await start(dataDir);
    const { notices } = await listed(core);
    expect(notices).toEqual([expect.objectContaining({ kind: 'file-set-aside', file: 'synthesis-history.json' })]);
    const keptAs = notices[0].keptAs!;
    expect(existsSync(join(dataDir, keptAs))).toBe(true);
    expect(await core.router.invoke('synth.history', { voiceId: 'v1' })).toEqual({ ok: true, value: [] });
    await core.dispose();

    // Once: the next start has nothing new to tell.
    const again = await start(dataDir);
    expect((await listed(again)).notices).toHaveLength(1);
  });

  it('reads a history file that starts with a byte-order mark (saved by a text editor)', async () => {
    const dataDir = newDataDir();
    writeFileSync(join(dataDir, 'synthesis-history.json'), `\ufeff${validHistory}`);
    const core = await start(dataDir);
    expect((await listed(core)).notices).toEqual([]);
    const history = await core.router.invoke('synth.history', { voiceId: 'v1' });
    expect(history).toMatchObject({ ok: true, value: [expect.objectContaining({ id: 'h1' })] });
  });

  it.each(['preferences.json', 'outbox.json'])('%s damaged: starts and says so', async (file) => {
    const dataDir = newDataDir();
    writeFileSync(join(dataDir, file), '{"jobs": ');
    const core = await start(dataDir);
    expect((await listed(core)).notices).toEqual([expect.objectContaining({ kind: 'file-set-aside', file })]);
    expect(await core.router.invoke('settings.get', undefined)).toMatchObject({ ok: true });
  });

  it('a catalog that cannot be read (a directory in its place) opens empty with a notice', async () => {
    const dataDir = newDataDir();
    mkdirSync(join(dataDir, CATALOG_FILE));
    const core = await start(dataDir);
    const { notices } = await listed(core);
    expect(notices).toEqual([expect.objectContaining({ kind: 'recovered-corrupt' })]);
    expect(readdirSync(dataDir).some((name) => name.startsWith('catalog.corrupt-'))).toBe(true);
    // And it can be written again.
    expect(await core.router.invoke('library.dismissNotice', { id: (notices[0] as unknown as { id: string }).id })).toEqual({ ok: true, value: undefined });
  });
});

describe('a read-only data folder', () => {
  it('opens read-only: the catalog is shown, app.info says so, and a change is refused in plain words', async (context) => {
    const disk = mountSmallDisk();
    if (typeof disk === 'string') return context.skip(disk);
    try {
      const dataDir = join(disk.dir, 'Timbre');
      mkdirSync(dataDir);
      const voice = makeVoice({ id: 'v1', sampleId: 's1' });
      writeFileSync(join(dataDir, CATALOG_FILE), JSON.stringify({ schemaVersion: 2, samples: { s1: makeSample({ id: 's1' }) }, voices: { v1: voice }, hiddenRemote: [], notices: [] }));
      // Damage too, so the read-only path also has to cope with a file it cannot move aside.
      writeFileSync(join(dataDir, 'synthesis-history.json'), 'garbage');
      disk.readOnly();

      const core = await start(dataDir);
      expect(await core.router.invoke('app.info', undefined)).toMatchObject({ ok: true, value: { readOnly: true, dataDir } });
      const { voices } = await listed(core);
      expect(voices.map((item) => item.id)).toEqual(['v1']);

      const update = await core.router.invoke('voices.update', { id: 'v1', displayName: 'Renamed' });
      expect(update).toMatchObject({ ok: false, error: { code: 'data.read_only' } });
      expect((await listed(core)).voices).toEqual([expect.objectContaining({ displayName: voice.displayName })]);
      expect(await core.router.invoke('settings.update', { theme: 'dark' })).toMatchObject({ ok: false, error: { code: 'data.read_only' } });
      await core.dispose();
      cores.splice(cores.indexOf(core), 1);
      expect(readFileSync(join(dataDir, 'synthesis-history.json'), 'utf8')).toBe('garbage');
    } finally {
      disk.unmount();
    }
  });
});

describe('a read-only data folder with a clone waiting for the network', () => {
  it('starts, keeps the job as it is, and nothing throws later when the network comes and goes', async (context) => {
    const disk = mountSmallDisk();
    if (typeof disk === 'string') return context.skip(disk);
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const dataDir = join(disk.dir, 'Timbre');
      mkdirSync(dataDir);
      // v2 was being sent when the last run stopped: the start wants to mark it queued again.
      const voices = {
        v1: makeVoice({ id: 'v1', sampleId: 's1', voice: null, status: 'waiting-network' }),
        v2: makeVoice({ id: 'v2', sampleId: 's1', voice: null, status: 'sending', targetModel: 'qwen3-tts-vc-realtime-2026-01-15' }),
      };
      writeFileSync(join(dataDir, CATALOG_FILE), JSON.stringify({ schemaVersion: 2, samples: { s1: makeSample({ id: 's1' }) }, voices, hiddenRemote: [], notices: [] }));
      const job = { attempts: 1, serviceFailures: 0, error: null, nextAttemptAt: null, unsureSince: null, existingVoices: null, createdAt: 1 };
      const outbox = JSON.stringify({ jobs: { v1: { ...job, voiceId: 'v1', state: 'waiting-network' }, v2: { ...job, voiceId: 'v2', state: 'sending' } } });
      writeFileSync(join(dataDir, 'outbox.json'), outbox);
      disk.readOnly();

      const core = await start(dataDir);
      // The outbox resumes in a microtask; the OS reports the network from a timer (index.ts).
      await new Promise((resolve) => setTimeout(resolve, 50));
      core.setOnline(false);
      core.setOnline(true);
      await new Promise((resolve) => setTimeout(resolve, 50));

      expect(uncaught).toEqual([]);
      expect(await core.router.invoke('app.info', undefined)).toMatchObject({ ok: true, value: { readOnly: true } });
      expect((await listed(core)).voices.map((voice) => [voice.id, (voice as { status?: string }).status]).sort()).toEqual([['v1', 'waiting-network'], ['v2', 'sending']]);
      expect(readFileSync(join(dataDir, 'outbox.json'), 'utf8')).toBe(outbox);
      await core.dispose();
      cores.splice(cores.indexOf(core), 1);
    } finally {
      process.off('uncaughtException', onUncaught);
      disk.unmount();
    }
  });
});

describe('a read-only data folder with a clone that failed for want of a key', () => {
  it('saving a key for the session works; the clone that cannot be sent again stays failed', async (context) => {
    const disk = mountSmallDisk();
    if (typeof disk === 'string') return context.skip(disk);
    try {
      const dataDir = join(disk.dir, 'Timbre');
      mkdirSync(dataDir);
      const voice = makeVoice({
        id: 'v1', sampleId: 's1', voice: null, status: 'failed', error: { code: 'dashscope.missing_api_key', message: 'No DashScope API key is set' },
      });
      writeFileSync(join(dataDir, CATALOG_FILE), JSON.stringify({ schemaVersion: 2, samples: { s1: makeSample({ id: 's1' }) }, voices: { v1: voice }, hiddenRemote: [], notices: [] }));
      disk.readOnly();

      const core = await start(dataDir);
      expect(await core.router.invoke('keys.save', { region: 'cn-beijing', apiKey: 'sk-read-only-0000000000000000', sessionOnly: true }))
        .toMatchObject({ ok: true, value: { hasKey: true } });
      expect((await listed(core)).voices).toEqual([expect.objectContaining({ id: 'v1', status: 'failed' })]);
      await core.dispose();
      cores.splice(cores.indexOf(core), 1);
    } finally {
      disk.unmount();
    }
  });
});

describe('typed errors at the edges', () => {
  it('settings.update with a field present but undefined leaves it unchanged', async () => {
    const core = await start(newDataDir());
    const result = await core.router.invoke('settings.update', { theme: 'dark', region: undefined });
    expect(result).toMatchObject({ ok: true, value: { theme: 'dark', region: 'cn-beijing' } });
  });

  it('an id of any length is refused without echoing it back', async () => {
    const core = await start(newDataDir());
    const id = 'x'.repeat(1_000_000);
    const result = await core.router.invoke('voices.update', { id, displayName: 'A' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(JSON.stringify(result).length).toBeLessThan(2_000);
  });
});
