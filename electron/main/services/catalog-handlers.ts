/**
 * The catalog feature composed: the outbox, sync and export services over the catalog store, the
 * handlers of the `library.*`, `voices.*`, `enroll.*` and `catalog.*` channels, and the events that
 * keep the renderer's mirror of the catalog current.
 */
import { summarizeSample, type VoiceRecord } from '../../../shared/catalog';
import { TimbreError, type AppError } from '../../../shared/errors';
import type { Emit, Handlers } from '../../../shared/ipc/contract';
import { CATALOG_ERROR, type catalogRoutes } from '../../../shared/ipc/routes/catalog';
import type { Region } from '../../../shared/models';
import type { AudioFiles } from './audio-files';
import { createCatalogExport } from './catalog-export';
import type { CatalogStore } from './catalog-store';
import type { DataFolder } from './data-folder';
import type { DashScopeClient } from './dashscope/client';
import type { Logger } from './log';
import type { SynthesisHistory } from './synthesis-history';
import { suggestPreferredName } from './voice-names';
import { createOutbox, type OutboxDelays } from './outbox';
import { createSync } from './sync';

export type CatalogHandlers = Pick<Handlers, keyof typeof catalogRoutes>;

export interface CatalogFeatureDeps {
  dataFolder: DataFolder | string;
  appVersion: string;
  catalog: CatalogStore;
  audioFiles: AudioFiles;
  /** The Try history, exported and imported with its voices. */
  history: SynthesisHistory;
  dashscope: Pick<DashScopeClient, 'create' | 'list' | 'delete'>;
  /** The region the DashScope client talks to now. */
  region(): Region;
  emit: Emit;
  log: Logger;
  now?: () => number;
  outboxDelays?: Partial<OutboxDelays>;
}

function asAppError(error: unknown): AppError {
  if (error instanceof TimbreError) return error.toAppError();
  return { code: 'INTERNAL', message: 'Something went wrong inside Timbre. Details are in the log.' };
}

export function createCatalogFeature(deps: CatalogFeatureDeps) {
  const { catalog, emit } = deps;
  const now = deps.now ?? Date.now;
  const outbox = createOutbox({
    dataFolder: deps.dataFolder, catalog, audioFiles: deps.audioFiles, dashscope: deps.dashscope, region: deps.region, log: deps.log, now,
    delays: deps.outboxDelays,
    emit: (progress) => emit('enroll.progress', progress),
    onOnlineChange: (online) => emit('app.online', { online }),
  });
  const sync = createSync({ catalog, dashscope: deps.dashscope, region: deps.region, now });
  const exporter = createCatalogExport({ catalog, audioFiles: deps.audioFiles, history: deps.history, appVersion: deps.appVersion, now });
  const stopMirroring = catalog.onChange((change) => emit('library.changed', {
    voices: change.voices,
    removedVoiceIds: change.removedVoiceIds,
    samples: change.samples.map(summarizeSample),
    removedSampleIds: change.removedSampleIds,
  }));

  function voiceOrThrow(id: string): VoiceRecord {
    const voice = catalog.getVoice(id);
    if (!voice) throw new TimbreError(CATALOG_ERROR.voiceNotFound, 'No such voice', { details: { id } });
    return voice;
  }

  const handlers = {
    'library.list': () => ({
      voices: catalog.listVoices(),
      samples: catalog.listSamples().map(summarizeSample),
      jobs: outbox.jobs(),
      notices: catalog.notices(),
    }),
    'library.sync': () => sync.sync(),
    'library.dismissNotice': ({ id }) => catalog.dismissNotice(id),

    'voices.update': ({ id, displayName, notes, tags }) => {
      const voice = voiceOrThrow(id);
      catalog.putVoice({
        ...voice,
        ...(displayName !== undefined ? { displayName } : {}),
        ...(notes !== undefined ? { notes } : {}),
        ...(tags !== undefined ? { tags: [...new Set(tags)] } : {}),
        updatedAt: now(),
      });
      return voiceOrThrow(id);
    },
    'voices.delete': async ({ ids, remote }) => {
      const deletable: VoiceRecord[] = [];
      const failed: Array<{ id: string; error: AppError }> = [];
      // A voice being created right now may exist on the account a moment later, where a local
      // delete would not see it and a sync would bring it back: it waits until the send is over.
      const sending = () => new Set(outbox.jobs().filter((job) => job.state === 'sending').map((job) => job.voiceId));
      const refuseSending = (id: string) => failed.push({
        id, error: asAppError(new TimbreError(CATALOG_ERROR.voiceSending, 'This voice is being sent to DashScope right now', { retryable: true })),
      });
      const sendingAtStart = sending();
      for (const id of new Set(ids)) {
        const voice = catalog.getVoice(id);
        if (!voice) continue;
        if (sendingAtStart.has(id)) {
          refuseSending(id);
          continue;
        }
        if (remote && voice.voice) {
          if (voice.region !== deps.region()) {
            failed.push({ id, error: asAppError(new TimbreError(CATALOG_ERROR.wrongRegion, 'This voice belongs to another region', { details: { region: voice.region } })) });
            continue;
          }
          try {
            // "Already gone" from the account is what the user wanted too.
            await deps.dashscope.delete(voice.voice);
          } catch (error) {
            failed.push({ id, error: asAppError(error) });
            continue;
          }
        }
        deletable.push(voice);
      }
      // A job may have started sending while the account deletes above were awaited.
      const sendingNow = sending();
      const deleted = deletable.filter((voice) => !sendingNow.has(voice.id));
      for (const voice of deletable) if (sendingNow.has(voice.id)) refuseSending(voice.id);
      catalog.batch(() => {
        for (const voice of deleted) {
          outbox.cancel(voice.id);
          // Deleted here only: the account still has it, and a sync must not bring it back.
          if (!remote && voice.voice) catalog.setHiddenRemote(voice.voice, true);
          catalog.deleteVoice(voice.id);
        }
      });
      return { deleted: deleted.map((voice) => voice.id), failed };
    },

    'enroll.context': ({ sampleId }) => {
      const sample = catalog.getSample(sampleId);
      if (!sample) throw new TimbreError(CATALOG_ERROR.sampleNotFound, 'No such sample', { details: { id: sampleId } });
      const voices = catalog.listVoices();
      return {
        sample,
        voices: voices.filter((voice) => voice.sampleId === sampleId),
        takenNames: [...new Set(voices.map((voice) => voice.preferredName))],
      };
    },
    'enroll.suggestName': ({ displayName }) => ({
      preferredName: suggestPreferredName(displayName, new Set(catalog.listVoices().map((voice) => voice.preferredName))),
    }),
    'enroll.start': ({ consent: _consent, ...request }) => outbox.enroll({ ...request, consentAt: now() }),
    'enroll.retry': ({ voiceId, ...edits }) => outbox.retry(voiceId, edits),
    'enroll.sendNow': () => outbox.sendNow(),

    'catalog.export': ({ voiceIds }) => exporter.exportCatalog(voiceIds),
    'catalog.import': ({ zip }) => exporter.importCatalog(zip),
  } satisfies CatalogHandlers;

  return {
    handlers,
    outbox,
    sync,
    exporter,
    async dispose() {
      stopMirroring();
      await outbox.dispose();
    },
  };
}

export type CatalogFeature = ReturnType<typeof createCatalogFeature>;
