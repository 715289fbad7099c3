/**
 * Moving a catalog to another computer: a zip with `manifest.json` (format name, version, every
 * sample and voice record and every Try history entry of the exported voices exactly as stored, a
 * checksum per file) and the audio files of the samples and of the history under `audio/`. Records
 * carry no secrets, so an export never contains the API key.
 *
 * Import merges: a record already here (same id, or for voices the same service voice id) is
 * replaced only by a newer one (`updatedAt`; `createdAt` for history entries), so importing the
 * same file twice changes nothing. History comes in only for voices that end up in the catalog.
 */
import { createHash } from 'node:crypto';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { isPendingStatus, type SampleRecord, type VoiceRecord } from '../../../shared/catalog';
import { sampleRecord, voiceRecord } from '../../../shared/catalog-schema';
import { TimbreError } from '../../../shared/errors';
import { CATALOG_ERROR, type ImportSummary } from '../../../shared/ipc/routes/catalog';
import { historyEntry, type HistoryEntry } from '../../../shared/ipc/routes/synthesis';
import type { AudioFiles } from './audio-files';
import type { CatalogStore } from './catalog-store';
import type { SynthesisHistory } from './synthesis-history';

export const EXPORT_FORMAT = 'timbre-catalog';
/**
 * Bump with a reader for the old layout in `readManifest`.
 * 1: samples and voices. 2: adds `history` (version 1 files read as having none).
 */
export const EXPORT_VERSION = 2;
const MANIFEST = 'manifest.json';
const AUDIO_PREFIX = 'audio/';
const SAFE_FILE = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

const manifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int().positive(),
  exportedAt: z.number(),
  appVersion: z.string(),
  samples: z.array(z.unknown()),
  voices: z.array(z.unknown()),
  /** The Try history entries of the exported voices; absent before version 2. */
  history: z.array(z.unknown()).default([]),
  /** Every audio file in the zip: `audio/<file>`, its size and SHA-256. */
  files: z.array(z.object({ path: z.string(), bytes: z.number().int().nonnegative(), sha256: z.string() })),
  /** Files the records name that were not on disk when exporting. */
  missingFiles: z.array(z.string()).default([]),
});
type Manifest = z.infer<typeof manifestSchema>;

export interface CatalogExportDeps {
  catalog: CatalogStore;
  audioFiles: Pick<AudioFiles, 'read' | 'write'>;
  history: Pick<SynthesisHistory, 'list' | 'get' | 'add'>;
  appVersion: string;
  now?: () => number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const audioFilesOf = (sample: SampleRecord) => [sample.original?.file, sample.upload?.file].filter((file): file is string => !!file);

function invalid(reason: string): TimbreError {
  return new TimbreError(CATALOG_ERROR.importInvalid, `This file is not a Timbre catalog export (${reason})`, { details: { reason } });
}

export function createCatalogExport(deps: CatalogExportDeps) {
  const now = deps.now ?? Date.now;
  const { catalog, history } = deps;

  async function exportCatalog(voiceIds?: string[]): Promise<{ fileName: string; zip: Uint8Array<ArrayBuffer>; voices: number; samples: number }> {
    const voices = voiceIds
      ? voiceIds.map((id) => catalog.getVoice(id)).filter((voice): voice is VoiceRecord => voice !== undefined)
      : catalog.listVoices();
    // Everything, or the samples behind the chosen voices.
    const samples = voiceIds
      ? [...new Set(voices.map((voice) => voice.sampleId).filter((id): id is string => id !== null))]
        .map((id) => catalog.getSample(id)).filter((sample): sample is SampleRecord => sample !== undefined)
      : catalog.listSamples();
    const historyEntries = voices.flatMap((voice) => history.list(voice.id));
    const entries: Zippable = {};
    const files: Manifest['files'] = [];
    const missingFiles: string[] = [];
    for (const file of new Set([...samples.flatMap(audioFilesOf), ...historyEntries.map((entry) => entry.audio.file)])) {
      let bytes: Uint8Array;
      try {
        bytes = await deps.audioFiles.read(file);
      } catch {
        missingFiles.push(file);
        continue;
      }
      // Audio barely compresses; storing it keeps export fast.
      entries[`${AUDIO_PREFIX}${file}`] = [bytes, { level: 0 }];
      files.push({ path: `${AUDIO_PREFIX}${file}`, bytes: bytes.length, sha256: sha256(bytes) });
    }
    const exportedAt = now();
    const manifest: Manifest = {
      format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt, appVersion: deps.appVersion, samples, voices, history: historyEntries, files, missingFiles,
    };
    entries[MANIFEST] = strToU8(JSON.stringify(manifest, null, 2));
    const day = new Date(exportedAt).toISOString().slice(0, 10);
    // fflate allocates a plain ArrayBuffer; its typings just do not say so.
    const zip = zipSync(entries) as Uint8Array<ArrayBuffer>;
    return { fileName: `timbre-catalog-${day}.zip`, zip, voices: voices.length, samples: samples.length };
  }

  function readManifest(entries: Record<string, Uint8Array>): Manifest {
    const text = entries[MANIFEST];
    if (!text) throw invalid('no manifest');
    let raw: unknown;
    try {
      raw = JSON.parse(strFromU8(text));
    } catch {
      throw invalid('manifest is not JSON');
    }
    const head = z.object({ format: z.literal(EXPORT_FORMAT), version: z.number() }).safeParse(raw);
    if (!head.success) throw invalid('not a Timbre export');
    if (head.data.version > EXPORT_VERSION) {
      throw new TimbreError(CATALOG_ERROR.importTooNew, 'This export was made by a newer Timbre', {
        details: { version: head.data.version, supported: EXPORT_VERSION },
      });
    }
    const parsed = manifestSchema.safeParse(raw);
    if (!parsed.success) throw invalid('manifest does not match its format');
    return parsed.data;
  }

  /** Checks every listed file before anything is written, so a damaged zip imports nothing. */
  function checkedFiles(manifest: Manifest, entries: Record<string, Uint8Array>): Map<string, Uint8Array> {
    const files = new Map<string, Uint8Array>();
    for (const listed of manifest.files) {
      const name = listed.path.slice(AUDIO_PREFIX.length);
      const bytes = entries[listed.path];
      if (!listed.path.startsWith(AUDIO_PREFIX) || !SAFE_FILE.test(name)) throw invalid(`unsafe file name ${listed.path}`);
      if (!bytes || bytes.length !== listed.bytes || sha256(bytes) !== listed.sha256) throw invalid(`damaged file ${listed.path}`);
      files.set(name, bytes);
    }
    return files;
  }

  async function importCatalog(zip: Uint8Array): Promise<ImportSummary> {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(zip, { filter: (file) => file.name === MANIFEST || file.name.startsWith(AUDIO_PREFIX) });
    } catch {
      throw invalid('not a zip file');
    }
    const manifest = readManifest(entries);
    const files = checkedFiles(manifest, entries);
    const samples = manifest.samples.map((raw) => sampleRecord.safeParse(raw));
    const voices = manifest.voices.map((raw) => voiceRecord.safeParse(raw));
    const historyEntries = manifest.history.map((raw) => historyEntry.safeParse(raw));
    if ([...samples, ...voices, ...historyEntries].some((result) => !result.success)) throw invalid('a record does not match its format');

    const summary: ImportSummary = { addedVoices: 0, updatedVoices: 0, addedSamples: 0, unchanged: 0, audioFiles: 0 };
    /** Writes a file from the zip unless the same bytes are already here. */
    const writeAudio = async (name: string, bytes: Uint8Array) => {
      const existing = await deps.audioFiles.read(name).catch(() => null);
      if (existing && sha256(existing) === sha256(bytes)) return;
      await deps.audioFiles.write(name, bytes);
      summary.audioFiles++;
    };
    // Audio first: a sample record is only added once its files are safely on disk.
    const wanted = new Set(samples.flatMap((result) => (result.success ? audioFilesOf(result.data) : [])));
    for (const [name, bytes] of files) {
      if (wanted.has(name)) await writeAudio(name, bytes);
    }

    /** Exported voice id → the id the voice has in this catalog after the merge. */
    const localVoiceIds = new Map<string, string>();

    catalog.batch(() => {
      for (const result of samples) {
        if (!result.success) continue;
        const incoming = result.data;
        const local = catalog.getSample(incoming.id);
        if (!local) summary.addedSamples++;
        if (!local || incoming.updatedAt > local.updatedAt) catalog.putSample(incoming);
        else summary.unchanged++;
      }
      for (const result of voices) {
        if (!result.success) continue;
        // A job that was still waiting on the other computer is not sent from here on its own:
        // that computer may still send it. The user can retry it here.
        const incoming: VoiceRecord = isPendingStatus(result.data.status)
          ? { ...result.data, status: 'failed', error: { code: CATALOG_ERROR.interrupted, message: 'Not sent before it was exported' } }
          : result.data;
        const local = catalog.getVoice(incoming.id) ?? (incoming.voice ? catalog.findVoiceByServiceId(incoming.voice) : undefined);
        if (!local) {
          catalog.putVoice(incoming);
          // Brought back on purpose: a sync may list it again.
          if (incoming.voice) catalog.setHiddenRemote(incoming.voice, false);
          localVoiceIds.set(incoming.id, incoming.id);
          summary.addedVoices++;
        } else if (incoming.updatedAt > local.updatedAt) {
          catalog.putVoice({ ...incoming, id: local.id });
          localVoiceIds.set(incoming.id, local.id);
          summary.updatedVoices++;
        } else {
          localVoiceIds.set(incoming.id, local.id);
          summary.unchanged++;
        }
      }
    });

    for (const result of historyEntries) {
      if (!result.success) continue;
      const voiceId = localVoiceIds.get(result.data.voiceId);
      const bytes = files.get(result.data.audio.file);
      // An entry is only worth keeping with its voice and its audio.
      if (!voiceId || !bytes) continue;
      const incoming: HistoryEntry = { ...result.data, voiceId };
      const local = history.get(incoming.id);
      if (local && incoming.createdAt <= local.createdAt) continue;
      // Like samples: the entry is stored once its file is safely on disk.
      await writeAudio(incoming.audio.file, bytes);
      history.add(incoming);
    }
    return summary;
  }

  return { exportCatalog, importCatalog };
}

export type CatalogExportService = ReturnType<typeof createCatalogExport>;
