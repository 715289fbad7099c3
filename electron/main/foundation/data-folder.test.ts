import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSample, makeVoice } from '../../../tests/support/catalog-fixtures';
import { mountSmallDisk } from '../../../tests/support/small-disk';
import { createAudioFiles } from '../catalog/audio-files';
import { CATALOG_FILE, createCatalogStore } from '../catalog/store';
import { LOCK_FILE, openDataFolder } from './data-folder';
import { createPreferencesService } from '../settings/preferences';
import { createSynthesisHistory } from '../catalog/synthesis-history';
import { createOutbox } from '../enroll/outbox';
import { encodeWav } from '../../../shared/audio/wav';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'timbre-folder-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('links in the data folder', () => {
  it('never writes through a link that leads outside the folder', async () => {
    const dataDir = tempDir();
    const outside = tempDir();
    const victim = join(outside, 'important.txt');
    writeFileSync(victim, 'precious');
    const victimCatalog = join(outside, 'catalog-of-someone-else.json');
    writeFileSync(victimCatalog, '{"samples":{},"voices":{}}');
    symlinkSync(victimCatalog, join(dataDir, CATALOG_FILE));
    symlinkSync(victimCatalog, join(dataDir, 'preferences.json'));
    symlinkSync(outside, join(dataDir, 'audio'));

    // The catalog's changes go to its journal, and its snapshot is replaced by rename: the link itself, never its target.
    const catalog = createCatalogStore(dataDir);
    catalog.putVoice(makeVoice({ id: 'v1' }));
    await catalog.flush();
    expect(() => createPreferencesService(dataDir).update({ theme: 'dark' })).toThrow(expect.objectContaining({ code: 'data.link_outside' }));
    await expect(createAudioFiles(dataDir).write('s1.upload.wav', new Uint8Array([1, 2, 3]))).rejects.toMatchObject({ code: 'data.link_outside' });
    await expect(createAudioFiles(dataDir).remove('important.txt')).rejects.toMatchObject({ code: 'data.link_outside' });

    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(readFileSync(victimCatalog, 'utf8')).toBe('{"samples":{},"voices":{}}');
    expect(existsSync(join(outside, 's1.upload.wav'))).toBe(false);
  });

  it('still writes through a link that stays inside the folder, and into a data folder that is itself a link', () => {
    const real = tempDir();
    const linked = join(tempDir(), 'Timbre');
    symlinkSync(real, linked);
    mkdirSync(join(real, 'elsewhere'));
    symlinkSync(join(real, 'elsewhere', 'history.json'), join(real, 'synthesis-history.json'));
    const history = createSynthesisHistory(linked);
    expect(() => history.removeVoices(['none'])).not.toThrow();
    const catalog = createCatalogStore(linked);
    catalog.putVoice(makeVoice({ id: 'v1' }));
    expect(createCatalogStore(real).getVoice('v1')).toBeDefined();
  });
});

describe('one Timbre per data folder', () => {
  /** Opens the folder in another Node process, which then waits to be killed. */
  async function holdInChild(dataDir: string) {
    const script = `import { openDataFolder } from ${JSON.stringify(join(import.meta.dirname, 'data-folder.ts'))};
      openDataFolder(${JSON.stringify(dataDir)}); console.log('locked'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    return child;
  }

  it('refuses a second process while the first runs, and takes over after it was killed', async () => {
    const dataDir = tempDir();
    const child = await holdInChild(dataDir);
    try {
      expect(() => openDataFolder(dataDir)).toThrow(expect.objectContaining({ code: 'data.in_use', details: { dataDir, pid: child.pid } }));
      expect(() => createCatalogStore(dataDir)).toThrow(expect.objectContaining({ code: 'data.in_use' }));
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    // A lock left by a killed process does not keep Timbre from starting.
    const folder = openDataFolder(dataDir);
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    folder.release();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });
});

describe('a full disk', () => {
  it('refuses an edit in plain words and forgets it, instead of showing it until restart', async (context) => {
    const disk = mountSmallDisk(256);
    if (typeof disk === 'string') return context.skip(disk);
    try {
      const catalog = createCatalogStore(disk.dir);
      catalog.putVoice(makeVoice({ id: 'v1', displayName: 'Before' }));
      const history = createSynthesisHistory(disk.dir);
      disk.fill();

      // A big edit that cannot fit.
      const edit = () => catalog.putVoice(makeVoice({ id: 'v1', displayName: 'After', notes: 'n'.repeat(200_000) }));
      expect(edit).toThrow(expect.objectContaining({ code: 'data.disk_full', retryable: true }));
      expect(catalog.getVoice('v1')?.displayName).toBe('Before');
      expect(() => catalog.batch(() => {
        catalog.deleteVoice('v1');
        catalog.putVoice(makeVoice({ id: 'v2', notes: 'n'.repeat(200_000) }));
      })).toThrow(expect.objectContaining({ code: 'data.disk_full' }));
      expect(catalog.listVoices().map((voice) => voice.id)).toEqual(['v1']);
      await expect(createAudioFiles(disk.dir).write('s1.upload.wav', new Uint8Array(300_000))).rejects.toMatchObject({ code: 'data.disk_full' });
      expect(() => history.removeVoices([])).not.toThrow();

      rmSync(join(disk.dir, 'filler'));
      await catalog.close();
      const reopened = createCatalogStore(disk.dir);
      expect(reopened.getVoice('v1')?.displayName).toBe('Before');
      await reopened.close();
    } finally {
      disk.unmount();
    }
  });

  it('a Clone reported as failed is not sent at the next start', async () => {
    const dir = tempDir();
    const wav = encodeWav(new Float32Array(24_000).map((_, i) => Math.sin(i / 10) * 0.3), 24_000);
    const audioFiles = createAudioFiles(dir);
    await audioFiles.write('s1.upload.wav', wav);
    const catalog = createCatalogStore(dir);
    catalog.putSample(makeSample({ id: 's1', upload: { file: 's1.upload.wav', mime: 'audio/wav', bytes: wav.length, durationSeconds: 1 } }));
    const created: string[] = [];
    const dashscope = {
      create: async (request: { preferredName: string }) => {
        created.push(request.preferredName);
        return { voice: 'qwen-tts-vc-mine-voice-20260110173000123-ab12', targetModel: 'qwen3-tts-vc-2026-01-22' as const };
      },
      list: async () => [],
    };
    const log = { info() {}, warn() {}, error() {} };
    const open = (store = createCatalogStore(dir)) => createOutbox({ dataFolder: dir, catalog: store, audioFiles, dashscope, region: () => 'cn-beijing', emit: () => {}, log });
    const first = open(catalog);
    await first.settled();
    // The job file cannot be written (here a folder took its name; a full disk does the same).
    rmSync(join(dir, 'outbox.json'), { force: true });
    mkdirSync(join(dir, 'outbox.json'));
    const request = { sampleId: 's1', displayName: 'Mine', preferredName: 'mine', targetModels: ['qwen3-tts-vc-2026-01-22' as const], language: 'en' as const, transcript: '', consentAt: 1 };
    expect(() => first.enroll(request)).toThrow();
    expect(catalog.listVoices()).toEqual([]);
    await first.dispose();

    rmSync(join(dir, 'outbox.json'), { recursive: true });
    const restarted = open();
    await new Promise((resolve) => setImmediate(resolve));
    await restarted.settled();
    expect(created).toEqual([]);
    expect(restarted.jobs()).toEqual([]);
    await restarted.dispose();
  });
});
