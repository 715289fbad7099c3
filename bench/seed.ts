/**
 * A large catalog for the bench: `count` voices, each with the sample it was cloned from, written
 * through the app's own catalog store in one batch (one journal append, then merged).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCatalogStore, type CatalogStore } from '../electron/main/catalog/store';
import { TARGET_MODELS } from '../shared/models';
import { makeSample, makeVoice } from '../tests/support/catalog-fixtures';

const FIRST_NAMES = ['Alice', 'Bruno', 'Chen Wei', 'Dana', 'Emeka', 'Fatima', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Li Na', 'Mateo', 'Nadia', 'Oskar', 'Priya', 'Rosa', 'Sven', 'Tomás', 'Zoë'];
const ROLES = ['narration', 'podcast intro', 'lecture', 'audiobook', 'assistant', 'news read', 'warm', 'calm'];
const T0 = Date.UTC(2025, 0, 1);

/** The keystroke figure's query: one letter, found only in the name Zoë (a twentieth of the voices). */
export const SEARCH_KEY = 'z';
/** Matches the service voice ids (`data-voice-id` in the list) of the voices SEARCH_KEY finds. */
export const matchesSearchKey = /^qwen-tts-vc-zoe_/;

const asciiName = (name: string) => name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '_');

/** The display name of the i-th seeded voice. */
export const seededName = (i: number) => `${FIRST_NAMES[i % FIRST_NAMES.length]} ${ROLES[Math.floor(i / FIRST_NAMES.length) % ROLES.length]} ${i + 1}`;

export function seedVoices(catalog: CatalogStore, count: number): void {
  catalog.batch(() => {
    for (let i = 0; i < count; i++) {
      const firstName = FIRST_NAMES[i % FIRST_NAMES.length];
      const name = seededName(i);
      const preferredName = `${asciiName(firstName)}_${i}`;
      const createdAt = T0 + i * 60_000;
      const seconds = 10 + (i % 11);
      // Metadata only: the Library lists samples without opening their audio.
      const upload = { file: `bench-sample-${i}-upload.wav`, mime: 'audio/wav', bytes: 44 + seconds * 48_000, durationSeconds: seconds, sampleRate: 24_000, channels: 1 };
      const sample = makeSample({ id: `bench-sample-${i}`, displayName: name, createdAt, updatedAt: createdAt, upload });
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

/** A fresh data folder whose catalog holds `count` seeded voices, merged into catalog.json as a catalog at rest is. */
export async function seededDataDir(count: number): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), `timbre-bench-${count}-`));
  const catalog = createCatalogStore(dataDir);
  seedVoices(catalog, count);
  await catalog.flush();
  await catalog.close();
  return dataDir;
}
