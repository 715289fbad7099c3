import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSample, makeVoice } from '../../../tests/support/catalog-fixtures';
import { createAudioFiles } from '../catalog/audio-files';
import { createCatalogStore } from '../catalog/store';
import { createEnrollFeature } from './feature';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'timbre-enroll-'));
  const catalog = createCatalogStore(dir);
  const unused = () => Promise.reject(new Error('no request is expected'));
  const feature = createEnrollFeature({
    dataFolder: dir, catalog, audioFiles: createAudioFiles(dir), dashscope: { create: unused, list: unused },
    region: () => 'cn-beijing', emit: () => {}, log: { info() {}, warn() {}, error() {} },
  });
  cleanups.push(async () => {
    await feature.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  return { catalog, handlers: feature.handlers };
}

describe('enroll handlers', () => {
  it('gives the enrollment form the sample, its voices and the names in use', () => {
    const { catalog, handlers } = setup();
    catalog.putSample(makeSample({ id: 's1' }));
    catalog.putVoice(makeVoice({ id: 'a', sampleId: 's1', preferredName: 'alice' }));
    catalog.putVoice(makeVoice({ id: 'b', sampleId: null, preferredName: 'bob' }));
    const context = handlers['enroll.context']({ sampleId: 's1' });
    expect(context.sample.id).toBe('s1');
    expect(context.voices.map((voice) => voice.id)).toEqual(['a']);
    expect(context.takenNames.sort()).toEqual(['alice', 'bob']);
    expect(() => handlers['enroll.context']({ sampleId: 'missing' })).toThrow(expect.objectContaining({ code: 'catalog.sample_not_found' }));
  });
});
