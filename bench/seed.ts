/**
 * A large catalog for the bench: `count` voices, each with the sample it was cloned from, written
 * through the app's own catalog store in one batch (one file write).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatalogStore, type CatalogStore } from '../electron/main/services/catalog-store';
import { TARGET_MODELS } from '../shared/models';
import { makeSample, makeVoice } from '../tests/support/catalog-fixtures';

const FIRST_NAMES = ['Alice', 'Bruno', 'Chen Wei', 'Dana', 'Emeka', 'Fatima', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Li Na', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Rosa', 'Sven', 'Tomás', 'Zoë'];
const ROLES = ['narration', 'podcast intro', 'lecture', 'audiobook', 'assistant', 'news read', 'warm', 'calm'];
const T0 = Date.UTC(2025, 0, 1);

/** The query used for the keystroke figure: one letter that matches a tenth of the seeded names. */
export const SEARCH_KEY = 'z';

export function seedVoices(catalog: CatalogStore, count: number, startAt = 0): void {
  catalog.batch(() => {
    for (let i = startAt; i < startAt + count; i++) {
      const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${ROLES[Math.floor(i / FIRST_NAMES.length) % ROLES.length]} ${i + 1}`;
      const preferredName = `v${i}`;
      const createdAt = T0 + i * 60_000;
      const sample = makeSample({ id: `bench-sample-${i}`, displayName: name, createdAt, updatedAt: createdAt });
      catalog.putSample(sample);
      catalog.putVoice(makeVoice({
        id: `bench-voice-${i}`,
        sampleId: sample.id,
        voice: `qwen-tts-vc-${preferredName}-voice-${String(20250101000000000 + i)}-${(i % 65_536).toString(16).padStart(4, '0')}`,
        targetModel: TARGET_MODELS[i % TARGET_MODELS.length],
        preferredName,
        displayName: name,
        language: i % 3 === 0 ? 'zh' : 'en',
        createdAt,
        updatedAt: createdAt,
        consentAt: createdAt,
        tags: i % 4 === 0 ? ['work'] : [],
      }));
    }
  });
}

/** A fresh data folder whose catalog holds `count` seeded voices. */
export function seededDataDir(count: number): string {
  const dataDir = mkdtempSync(join(tmpdir(), `timbre-bench-${count}-`));
  seedVoices(createCatalogStore(dataDir), count);
  return dataDir;
}
