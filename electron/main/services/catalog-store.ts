import ElectronStore from 'electron-store';
import { sampleRecord, voiceRecord, type SampleRecord, type VoiceRecord } from '../../../shared/catalog';

/**
 * Sample and voice records in electron-store (`catalog.json`, written atomically by conf).
 * Records are keyed by id; audio stays in files (see audio-files.ts), never in here.
 */
export interface CatalogStore {
  getSample(id: string): SampleRecord | undefined;
  listSamples(): SampleRecord[];
  putSample(sample: SampleRecord): void;
  deleteSample(id: string): void;
  getVoice(id: string): VoiceRecord | undefined;
  listVoices(): VoiceRecord[];
  putVoice(voice: VoiceRecord): void;
  deleteVoice(id: string): void;
}

interface CatalogFile {
  samples: Record<string, SampleRecord>;
  voices: Record<string, VoiceRecord>;
}

export function createCatalogStore(dataDir: string): CatalogStore {
  const store = new ElectronStore<CatalogFile>({
    cwd: dataDir,
    name: 'catalog',
    defaults: { samples: {}, voices: {} },
  });
  const samples = new Map<string, SampleRecord>();
  const voices = new Map<string, VoiceRecord>();
  for (const raw of Object.values(store.get('samples'))) {
    const parsed = sampleRecord.safeParse(raw);
    if (parsed.success) samples.set(parsed.data.id, parsed.data);
  }
  for (const raw of Object.values(store.get('voices'))) {
    const parsed = voiceRecord.safeParse(raw);
    if (parsed.success) voices.set(parsed.data.id, parsed.data);
  }
  const flush = () => store.set({ samples: Object.fromEntries(samples), voices: Object.fromEntries(voices) });

  return {
    getSample: (id) => samples.get(id),
    listSamples: () => [...samples.values()],
    putSample(sample) {
      samples.set(sample.id, sampleRecord.parse(sample));
      flush();
    },
    deleteSample(id) {
      if (samples.delete(id)) flush();
    },
    getVoice: (id) => voices.get(id),
    listVoices: () => [...voices.values()],
    putVoice(voice) {
      voices.set(voice.id, voiceRecord.parse(voice));
      flush();
    },
    deleteVoice(id) {
      if (voices.delete(id)) flush();
    },
  };
}
