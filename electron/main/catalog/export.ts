/**
 * Moving a catalog to another computer: a zip with `manifest.json` (format name, version, every
 * sample and voice record and every Try history entry of the exported voices exactly as stored, a
 * checksum per file) and the audio files of the samples and of the history under `audio/`. Records
 * carry no secrets, so an export never contains the API key.
 *
 * Import merges: a record already here (same id, or for voices the same service voice id) is
 * replaced only by a newer one (`updatedAt`; `createdAt` for history entries), so importing the
 * same file twice changes nothing. History comes in only for voices that end up in the catalog.
 * A voice a sync brought in takes the user's fields from the export whatever the dates (the sync
 * only knew the account); user fields in the file that lose to newer ones here are reported.
 *
 * Nothing in the zip is trusted: it is read directory first (see zip.ts) within
 * IMPORT_LIMITS; only the files of records that are applied are written, each under a name made
 * from its record's id, never over a file a record here uses; a record whose audio is neither
 * in the zip nor declared missing refuses the whole file.
 */
import { createHash, randomUUID } from 'node:crypto';
import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { isPendingStatus, type SampleRecord, type VoiceRecord } from '../../../shared/catalog';
import { sampleRecord, voiceRecord } from '../../../shared/catalog-schema';
import { TimbreError } from '../../../shared/errors';
import { CATALOG_ERROR, type ImportSummary } from '../../../shared/ipc/routes/catalog';
import { historyEntry } from '../../../shared/ipc/routes/synthesis';
import { MAX_IMPORT_BYTES } from '../../../shared/samples';
import type { AudioFiles } from './audio-files';
import { readCentralDirectory, readEntry, ZipRefused, type ZipEntry } from './zip';
import type { CatalogStore } from './store';
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
  audioFiles: Pick<AudioFiles, 'read' | 'write' | 'remove'>;
  history: Pick<SynthesisHistory, 'list' | 'get' | 'add'>;
  appVersion: string;
  now?: () => number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const HASH_SLICE = 4 * 1024 * 1024;

/** SHA-256 of a large file in slices, letting other work run in between (a 100 MB file is ~0.3 s of hashing). */
async function sha256Yielding(bytes: Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  for (let offset = 0; offset < bytes.length; offset += HASH_SLICE) {
    hash.update(bytes.subarray(offset, offset + HASH_SLICE));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return hash.digest('hex');
}
const audioFilesOf = (sample: SampleRecord) => [sample.original?.file, sample.upload?.file].filter((file): file is string => !!file);

/** What bounds an import's work, whatever the zip claims. */
export const IMPORT_LIMITS = {
  manifestBytes: 64 * 1024 * 1024,
  /** One audio file: as large as a file Timbre takes in at all. */
  entryBytes: MAX_IMPORT_BYTES,
  totalBytes: 4 * 1024 * 1024 * 1024,
};

/** The fields of a voice only a person can enter; a sync never knows them. */
const userFields = (voice: VoiceRecord) => ({
  displayName: voice.displayName, notes: voice.notes, tags: voice.tags, consentAt: voice.consentAt,
  transcript: voice.transcript, sampleId: voice.sampleId, language: voice.language, preferredName: voice.preferredName,
});

/** A voice as a sync brings it in from the account (see sync.ts), untouched since. */
const isSyncPlaceholder = (voice: VoiceRecord) =>
  voice.sampleId === null && voice.consentAt === null && voice.notes === '' && voice.tags.length === 0 && voice.transcript === ''
  && voice.displayName === (voice.preferredName || voice.voice);

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

  function readManifest(text: Uint8Array): Manifest {
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

  /**
   * The zip's directory against the manifest, before anything is inflated: every entry must be
   * the manifest or a file it lists with the size it lists, within the limits.
   */
  function checkedEntries(entries: Map<string, ZipEntry>, manifest: Manifest): Map<string, { entry: ZipEntry; sha256: string }> {
    const files = new Map<string, { entry: ZipEntry; sha256: string }>();
    let total = 0;
    for (const listed of manifest.files) {
      const name = listed.path.slice(AUDIO_PREFIX.length);
      if (!listed.path.startsWith(AUDIO_PREFIX) || !SAFE_FILE.test(name)) throw invalid('unsafe file name');
      const entry = entries.get(listed.path);
      if (!entry || entry.size !== listed.bytes) throw invalid('damaged file');
      if (entry.size > IMPORT_LIMITS.entryBytes) throw invalid('a file is too large');
      total += entry.size;
      files.set(name, { entry, sha256: listed.sha256 });
    }
    if (total > IMPORT_LIMITS.totalBytes) throw invalid('the files are too large together');
    for (const name of entries.keys()) {
      if (name !== MANIFEST && !files.has(name.slice(AUDIO_PREFIX.length))) throw invalid('a file the manifest does not list');
    }
    return files;
  }

  /**
   * A name for an imported file that comes from its record's id and replaces nothing: the zip's
   * own name when it is the record's (so a round trip keeps names), else `<id>.<role>.<ext>`.
   */
  async function targetName(recordId: string, role: string, zipName: string, bytes: Uint8Array | null): Promise<string> {
    const ext = /\.([A-Za-z0-9]{1,5})$/.exec(zipName)?.[1] ?? 'audio';
    const ownName = zipName.startsWith(`${recordId}.`) || zipName.startsWith(`${recordId}-`);
    const preferred = ownName ? zipName : `${recordId}.${role}.${ext}`;
    if (!SAFE_FILE.test(preferred)) throw invalid('unsafe record id');
    if (bytes === null) return preferred; // declared missing: the record keeps a name that points at nothing else
    const existing = await deps.audioFiles.read(preferred).catch(() => null);
    if (existing === null || Buffer.from(existing.buffer, existing.byteOffset, existing.byteLength).equals(bytes)) return preferred;
    return `${recordId}.${role}-${randomUUID().slice(0, 8)}.${ext}`;
  }

  async function importCatalog(zip: Uint8Array): Promise<ImportSummary> {
    let manifest: Manifest;
    let zipFiles: Map<string, { entry: ZipEntry; sha256: string }>;
    /** A listed file's bytes, inflated off the main thread and checked against the manifest. */
    let fileBytes: (name: string) => Promise<Uint8Array>;
    try {
      const entries = readCentralDirectory(zip);
      const manifestEntry = entries.get(MANIFEST);
      if (!manifestEntry) throw invalid('no manifest');
      if (manifestEntry.size > IMPORT_LIMITS.manifestBytes) throw invalid('manifest is too large');
      manifest = readManifest(await readEntry(zip, manifestEntry));
      zipFiles = checkedEntries(entries, manifest);
      fileBytes = async (name) => {
        const listed = zipFiles.get(name)!;
        const bytes = await readEntry(zip, listed.entry).catch((error: unknown) => {
          throw error instanceof ZipRefused ? invalid(error.reason) : error;
        });
        if ((await sha256Yielding(bytes)) !== listed.sha256) throw invalid('damaged file');
        return bytes;
      };
    } catch (error) {
      if (error instanceof ZipRefused) throw invalid(error.reason);
      throw error;
    }

    const samples = manifest.samples.map((raw) => sampleRecord.safeParse(raw));
    const voices = manifest.voices.map((raw) => voiceRecord.safeParse(raw));
    const historyEntries = manifest.history.map((raw) => historyEntry.safeParse(raw));
    if ([...samples, ...voices, ...historyEntries].some((result) => !result.success)) throw invalid('a record does not match its format');
    const declaredMissing = new Set(manifest.missingFiles);
    for (const file of samples.flatMap((result) => (result.success ? audioFilesOf(result.data) : []))) {
      if (!zipFiles.has(file) && !declaredMissing.has(file)) throw invalid('a sample\'s audio is missing');
    }

    const summary: ImportSummary = { addedVoices: 0, updatedVoices: 0, addedSamples: 0, unchanged: 0, audioFiles: 0, conflicts: [] };
    /** Files this import wrote; the ones no record ends up using are removed again. */
    const written = new Set<string>();
    const isNewer = (incoming: SampleRecord) => {
      const local = catalog.getSample(incoming.id);
      return !local || incoming.updatedAt > local.updatedAt;
    };
    /** Writes a record's file from the zip under a name of its own; returns the reference to store. */
    const importFile = async <T extends { file: string }>(recordId: string, role: string, ref: T): Promise<T> => {
      const bytes = zipFiles.has(ref.file) ? await fileBytes(ref.file) : null;
      const file = await targetName(recordId, role, ref.file, bytes);
      if (bytes !== null && !(await deps.audioFiles.read(file).catch(() => null))) {
        written.add(file);
        await deps.audioFiles.write(file, bytes);
        summary.audioFiles++;
      }
      return { ...ref, file };
    };

    /** Files of records this import replaced; they go once nothing points at them. */
    const replacedFiles: string[] = [];
    try {
      // Only the samples this import applies bring files, each under its own record's id.
      const applied: SampleRecord[] = [];
      for (const result of samples) {
        if (!result.success) continue;
        const incoming = result.data;
        if (!isNewer(incoming)) {
          summary.unchanged++;
          continue;
        }
        applied.push({
          ...incoming,
          original: incoming.original && (await importFile(incoming.id, 'original', incoming.original)),
          upload: incoming.upload && (await importFile(incoming.id, 'upload', incoming.upload)),
        });
      }
      /** Exported voice id → the id the voice has in this catalog after the merge. */
      const localVoiceIds = new Map<string, string>();
      catalog.batch(() => {
        for (const sample of applied) {
          // Changed here while the files were written: the newer local record stays.
          if (!isNewer(sample)) {
            summary.unchanged++;
            continue;
          }
          const local = catalog.getSample(sample.id);
          if (local) replacedFiles.push(...audioFilesOf(local));
          else summary.addedSamples++;
          catalog.putSample(sample);
        }
        for (const result of voices) if (result.success) mergeVoice(result.data, localVoiceIds, summary);
      });

      for (const result of historyEntries) {
        if (!result.success) continue;
        const voiceId = localVoiceIds.get(result.data.voiceId);
        // An entry is only worth keeping with its voice and its audio.
        if (!voiceId || !zipFiles.has(result.data.audio.file)) continue;
        const local = history.get(result.data.id);
        if (local && result.data.createdAt <= local.createdAt) continue;
        // Like samples: the entry is stored once its file is safely on disk.
        const audio = await importFile(result.data.id, 'synth', result.data.audio);
        history.add({ ...result.data, voiceId, audio });
        if (local) replacedFiles.push(local.audio.file);
      }
    } finally {
      // Record first, then files: what the replaced records and an interrupted import leave unused goes.
      const used = usedFiles();
      const unused = [...written, ...replacedFiles].filter((file) => !used.has(file));
      for (const file of new Set(unused)) await deps.audioFiles.remove(file).catch(() => {});
    }
    return summary;
  }

  /** Every audio file a record of this catalog points at. */
  function usedFiles(): Set<string> {
    const voicesHere = catalog.listVoices();
    return new Set([
      ...catalog.listSamples().flatMap(audioFilesOf),
      ...voicesHere.flatMap((voice) => history.list(voice.id).map((entry) => entry.audio.file)),
    ]);
  }

  /**
   * Merges one exported voice (see the file comment). A voice a sync made here knows nothing the
   * user entered, so the export's fields fill it in whatever its date; when the record here is
   * newer and the user's own fields differ, it stays and the conflict is reported.
   */
  function mergeVoice(exported: VoiceRecord, localVoiceIds: Map<string, string>, summary: ImportSummary): void {
    // A job that was still waiting on the other computer is not sent from here on its own:
    // that computer may still send it. The user can retry it here.
    const incoming: VoiceRecord = isPendingStatus(exported.status)
      ? { ...exported, status: 'failed', error: { code: CATALOG_ERROR.interrupted, message: 'Not sent before it was exported' } }
      : exported;
    const local = catalog.getVoice(incoming.id) ?? (incoming.voice ? catalog.findVoiceByServiceId(incoming.voice) : undefined);
    if (!local) {
      catalog.putVoice(incoming);
      // Brought back on purpose: a sync may list it again.
      if (incoming.voice) catalog.setHiddenRemote(incoming.voice, false);
      localVoiceIds.set(incoming.id, incoming.id);
      summary.addedVoices++;
      return;
    }
    localVoiceIds.set(incoming.id, local.id);
    if (isSyncPlaceholder(local) && !isSyncPlaceholder(incoming)) {
      // What the account says (status, when it was last seen) stays; what the user entered comes in.
      catalog.putVoice({ ...local, ...userFields(incoming), updatedAt: Math.max(local.updatedAt, incoming.updatedAt) });
      summary.updatedVoices++;
      return;
    }
    if (incoming.updatedAt > local.updatedAt) {
      catalog.putVoice({ ...incoming, id: local.id });
      summary.updatedVoices++;
      return;
    }
    summary.unchanged++;
    // The file's own fields are not taken: say so when they were something else.
    if (!isSyncPlaceholder(incoming) && JSON.stringify(userFields(local)) !== JSON.stringify(userFields(incoming))) {
      summary.conflicts.push({ voiceId: local.id, displayName: local.displayName });
    }
  }

  return { exportCatalog, importCatalog };
}

export type CatalogExportService = ReturnType<typeof createCatalogExport>;
