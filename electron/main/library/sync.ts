/**
 * Sync with the account of the active region (voices are per region, §4). Merge rules:
 * - a voice on the account that this computer does not have is imported, marked as having no
 *   local sample (`sampleId: null`), unless the user deleted it here only (hidden);
 * - a ready local voice of this region that the account no longer lists becomes `missing-remote`;
 *   one marked missing earlier that is listed again becomes `ready`;
 * - voices of other regions, and voices still in the outbox, are left alone;
 * - account voices for a target model this version does not know are imported too (they count
 *   against the account's quota, §3.3): listed, searchable and deletable, never spoken.
 */
import { randomUUID } from 'node:crypto';
import type { VoiceRecord } from '../../../shared/catalog';
import type { SyncSummary } from '../../../shared/ipc/routes/catalog';
import { SAMPLE_LANGUAGES, isTargetModel, type Region, type SampleLanguage } from '../../../shared/models';
import type { CatalogStore } from '../catalog/store';
import type { DashScopeClient, ListedVoice } from '../dashscope/client';

export interface SyncDeps {
  catalog: CatalogStore;
  dashscope: Pick<DashScopeClient, 'listAccount'>;
  region(): Region;
  now?: () => number;
  newId?: () => string;
}

const asLanguage = (value: string | undefined): SampleLanguage | null =>
  value !== undefined && (SAMPLE_LANGUAGES as readonly string[]).includes(value) ? (value as SampleLanguage) : null;

export function createSync(deps: SyncDeps) {
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  let running: Promise<SyncSummary> | null = null;

  function importVoice(listed: ListedVoice, region: Region, at: number): VoiceRecord {
    const name = listed.preferredName ?? listed.voice;
    return {
      id: newId(), sampleId: null, voice: listed.voice, targetModel: listed.targetModel, region,
      preferredName: listed.preferredName ?? '', displayName: name, language: asLanguage(listed.language),
      status: 'ready', createdAt: listed.createdAt ?? at, updatedAt: at, requestId: null, fallbackReason: null,
      // Made elsewhere: this computer never saw the user confirm anything for it.
      consentAt: null, error: null, tags: [], notes: '', transcript: '', remoteCheckedAt: at, lastUsedAt: null,
    };
  }

  async function run(): Promise<SyncSummary> {
    const region = deps.region();
    const { voices: remote, totalCount } = await deps.dashscope.listAccount();
    const at = now();
    const listed = new Map(remote.map((voice) => [voice.voice, voice]));
    const summary: SyncSummary = { region, imported: 0, missing: 0, restored: 0, unknownModel: 0, remoteTotal: totalCount };
    const { catalog } = deps;
    catalog.batch(() => {
      for (const voice of catalog.listVoices()) {
        if (voice.region !== region || voice.voice === null) continue;
        if (listed.has(voice.voice)) {
          if (voice.status === 'missing-remote') {
            catalog.putVoice({ ...voice, status: 'ready', updatedAt: at, remoteCheckedAt: at });
            summary.restored++;
          }
        } else if (voice.status === 'ready') {
          catalog.putVoice({ ...voice, status: 'missing-remote', updatedAt: at });
          summary.missing++;
        }
      }
      for (const item of remote) {
        if (catalog.findVoiceByServiceId(item.voice) || catalog.isHiddenRemote(item.voice)) continue;
        // A listed voice with no model named cannot be told apart from any other: nothing to show it as.
        if (item.targetModel === '') continue;
        if (!isTargetModel(item.targetModel)) summary.unknownModel++;
        catalog.putVoice(importVoice(item, region, at));
        summary.imported++;
      }
    });
    return summary;
  }

  return {
    /** One sync at a time: a second call while one runs gets the same result. */
    sync(): Promise<SyncSummary> {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

export type SyncService = ReturnType<typeof createSync>;
