/**
 * Enroll: the clone form's channels (`enroll.*`) over the outbox, which keeps every requested
 * clone on disk until DashScope has answered for it.
 */
import { TimbreError } from '../../../shared/errors';
import type { Emit, HandlersOf } from '../../../shared/ipc/contract';
import { CATALOG_ERROR } from '../../../shared/ipc/routes/catalog';
import type { Region } from '../../../shared/models';
import type { AudioFiles } from '../catalog/audio-files';
import type { CatalogStore } from '../catalog/store';
import type { DashScopeClient } from '../dashscope/client';
import type { DataFolder } from '../foundation/data-folder';
import type { Logger } from '../foundation/log';
import { createOutbox, type OutboxDelays } from './outbox';
import { suggestPreferredName } from './voice-names';

export interface EnrollFeatureDeps {
  dataFolder: DataFolder | string;
  catalog: CatalogStore;
  audioFiles: AudioFiles;
  dashscope: Pick<DashScopeClient, 'create' | 'list'>;
  /** The region the DashScope client talks to now. */
  region(): Region;
  emit: Emit;
  log: Logger;
  now?: () => number;
  outboxDelays?: Partial<OutboxDelays>;
}

export function createEnrollFeature(deps: EnrollFeatureDeps) {
  const { catalog } = deps;
  const now = deps.now ?? Date.now;
  const outbox = createOutbox({
    dataFolder: deps.dataFolder, catalog, audioFiles: deps.audioFiles, dashscope: deps.dashscope, region: deps.region, log: deps.log, now,
    delays: deps.outboxDelays,
    emit: (progress) => deps.emit('enroll.progress', progress),
    onOnlineChange: (online) => deps.emit('app.online', { online }),
  });

  const handlers = {
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
  } satisfies HandlersOf<'enroll'>;

  return { handlers, outbox, dispose: () => outbox.dispose() };
}

export type EnrollFeature = ReturnType<typeof createEnrollFeature>;
