/**
 * Library: the catalog as the Library shows it — its rows, searched and sorted in main, the
 * account's voices brought in by sync, and single voices edited, removed and put back
 * (`library.*`, `voices.*`) — and the events that keep the renderer's mirror of the catalog current.
 */
import { isPendingStatus, summarizeSample, voiceProgress, type VoiceRecord } from '../../../shared/catalog';
import { TimbreError, type AppError } from '../../../shared/errors';
import type { Emit, HandlersOf } from '../../../shared/ipc/contract';
import { CATALOG_ERROR } from '../../../shared/ipc/routes/catalog';
import { UNUSED_VOICE_NOTICE_MS, type Region } from '../../../shared/models';
import type { RemovedVoices } from '../catalog/removed-voices';
import type { CatalogStore } from '../catalog/store';
import type { DashScopeClient } from '../dashscope/client';
import type { Outbox } from '../enroll/outbox';
import type { AccountUsage } from './account-usage';
import { createLibraryRows } from './rows';
import { createSync } from './sync';

export interface LibraryFeatureDeps {
  catalog: CatalogStore;
  /** The clones on their way: listed with their voices, cancelled when a voice is removed. */
  outbox: Pick<Outbox, 'jobs' | 'cancel'>;
  /** Voices removed from this computer, kept so they can be put back. */
  removed: RemovedVoices;
  /** How full the account is, as the client's last answers said (kept across restarts). */
  accountUsage: Pick<AccountUsage, 'get'>;
  dashscope: Pick<DashScopeClient, 'listAccount' | 'delete'>;
  /** The region the DashScope client talks to now. */
  region(): Region;
  emit: Emit;
  now?: () => number;
}

function asAppError(error: unknown): AppError {
  if (error instanceof TimbreError) return error.toAppError();
  return { code: 'INTERNAL', message: 'Something went wrong inside Timbre. Details are in the log.' };
}

export function createLibraryFeature(deps: LibraryFeatureDeps) {
  const { catalog, emit, outbox, removed } = deps;
  const now = deps.now ?? Date.now;
  const sync = createSync({ catalog, dashscope: deps.dashscope, region: deps.region, now });
  const rows = createLibraryRows(catalog);
  // Built while the window opens rather than when the Library is first asked (~30 ms per 10,000 voices).
  const warming = setTimeout(() => rows.warm(), 0);
  const stopMirroring = catalog.onChange((change) => {
    emit('library.changed', {
      voices: change.voices,
      removedVoiceIds: change.removedVoiceIds,
      samples: change.samples.map(summarizeSample),
      removedSampleIds: change.removedSampleIds,
    });
    const changedRows = rows.apply(change);
    if (changedRows.rows.length > 0 || changedRows.removedRowIds.length > 0) emit('library.rowsChanged', changedRows);
  });

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
    'library.rows': (query) => rows.query(query),
    'library.overview': () => {
      const cloned = new Set(catalog.listVoices().map((voice) => voice.sampleId));
      const uncloned = catalog.listSamples()
        .filter((sample) => !cloned.has(sample.id))
        .map(summarizeSample)
        .filter((sample) => sample.enrollable)
        .sort((a, b) => b.createdAt - a.createdAt);
      const region = deps.region();
      const usage = deps.accountUsage.get(region);
      const account = usage && { region, ...usage };
      const since = now() - UNUSED_VOICE_NOTICE_MS;
      const unused = catalog.listVoices().filter((voice) =>
        voice.status === 'ready' && voice.region === region && (voice.lastUsedAt ?? voice.createdAt) < since).length;
      return {
        notices: catalog.notices(), tags: rows.tags(), uncloned: { count: uncloned.length, samples: uncloned.slice(0, 4) }, removed: removed.list(), unused,
        account,
      };
    },
    'library.progress': () => {
      const voices = catalog.listVoices();
      const cloned = new Set(voices.map((voice) => voice.sampleId));
      const samples = catalog.listSamples();
      let sampleToClone: { id: string; createdAt: number } | null = null;
      for (const sample of samples) {
        if (cloned.has(sample.id) || !summarizeSample(sample).hasAudio) continue;
        if (!sampleToClone || sample.createdAt > sampleToClone.createdAt) sampleToClone = sample;
      }
      return { samples: samples.length, sampleToClone: sampleToClone?.id ?? null, voice: voiceProgress(voices) };
    },
    'library.details': ({ rowId }) => {
      const voices = rows.voiceIds(rowId).map((id) => catalog.getVoice(id)).filter((voice) => voice !== undefined);
      const sample = voices[0]?.sampleId ? catalog.getSample(voices[0].sampleId) : undefined;
      const jobs = outbox.jobs().filter((job) => voices.some((voice) => voice.id === job.voiceId));
      return { voices, sample: sample ? summarizeSample(sample) : null, jobs };
    },
    'library.cloneCounts': ({ sampleIds }) => rows.cloneCounts(sampleIds),
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
      // Removed here only: kept so Undo (or "Recently removed") can bring it back; listed before the
      // catalog lets go of it, so what follows the catalog (its Try results) knows it may come back.
      if (!remote) removed.add(deleted, now());
      try {
        catalog.batch(() => {
          for (const voice of deleted) {
            outbox.cancel(voice.id);
            // Deleted here only: the account still has it, and a sync must not bring it back.
            if (!remote && voice.voice) catalog.setHiddenRemote(voice.voice, true);
            catalog.deleteVoice(voice.id);
          }
        });
      } catch (error) {
        if (!remote) removed.take(deleted.map((voice) => voice.id));
        throw error;
      }
      return { deleted: deleted.map((voice) => voice.id), failed };
    },
    'voices.restore': ({ ids }) => {
      const voices = removed.take(ids);
      if (voices.length === 0) throw new TimbreError(CATALOG_ERROR.notRemoved, 'This voice can no longer be restored', { details: { id: ids[0] } });
      catalog.batch(() => {
        for (const voice of voices) {
          if (voice.voice) catalog.setHiddenRemote(voice.voice, false);
          // Its job was cancelled on removal: a clone that was still on its way comes back as failed, to send again.
          const interrupted = isPendingStatus(voice.status);
          catalog.putVoice(interrupted
            ? { ...voice, status: 'failed', error: { code: CATALOG_ERROR.interrupted, message: 'The clone was interrupted; send it again' }, updatedAt: now() }
            : voice);
        }
      });
      return { restored: voices.map((voice) => voice.id) };
    },
  } satisfies HandlersOf<'library' | 'voices'>;

  return {
    handlers,
    sync,
    dispose() {
      clearTimeout(warming);
      stopMirroring();
    },
  };
}

export type LibraryFeature = ReturnType<typeof createLibraryFeature>;
