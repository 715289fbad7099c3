/**
 * The renderer's mirror of the catalog (main owns it): loaded once, then kept current by
 * `library.changed` and `enroll.progress`. Also the Library's view state; the sort is remembered.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { CatalogNotice, SampleSummary, VoiceRecord } from '../../../../shared/catalog';
import type { AppError } from '../../../../shared/errors';
import type { EnrollProgress, ImportSummary, LibraryChange, SyncSummary } from '../../../../shared/ipc/routes/catalog';
import type { SampleLanguage } from '../../../../shared/models';
import { timbre } from '../../api';
import { toast } from '../../components/toast-store';
import i18n, { describeError } from '../../i18n';
import { NO_FILTERS, SORT_KEYS, type LibraryFilters, type SortKey } from './library-filter';

export type LibraryActivity = 'delete' | 'export' | 'import';

interface LibraryState {
  loaded: boolean;
  voices: ReadonlyMap<string, VoiceRecord>;
  samples: ReadonlyMap<string, SampleSummary>;
  jobs: ReadonlyMap<string, EnrollProgress>;
  notices: CatalogNotice[];
  filters: LibraryFilters;
  sort: SortKey;
  /** Voices ticked for a bulk action. */
  selection: ReadonlySet<string>;
  /** The voice shown in the detail panel. */
  openVoiceId: string | null;
  syncing: boolean;
  lastSync: SyncSummary | null;
  /** The catalog-wide action under way (shown on its button and announced); one at a time. */
  busy: LibraryActivity | null;

  load(): Promise<void>;
  setFilters(patch: Partial<LibraryFilters>): void;
  setSort(sort: SortKey): void;
  toggleSelected(id: string): void;
  setSelection(ids: Iterable<string>): void;
  open(id: string | null): void;
  sync(): Promise<void>;
  /** Resolves with the ids that were deleted. */
  remove(ids: string[], remote: boolean): Promise<string[]>;
  update(id: string, patch: { displayName?: string; notes?: string; tags?: string[] }): Promise<boolean>;
  retry(voiceId: string, edits?: { preferredName?: string; language?: SampleLanguage; transcript?: string }): Promise<boolean>;
  sendNow(): Promise<void>;
  exportVoices(ids?: string[]): Promise<void>;
  importFile(file: File): Promise<ImportSummary | null>;
  dismissNotice(id: string): Promise<void>;
}

const showError = (error: AppError) => toast.error(describeError(i18n.t, error));

function applyChange(state: LibraryState, change: LibraryChange): Partial<LibraryState> {
  const voices = new Map(state.voices);
  const samples = new Map(state.samples);
  for (const voice of change.voices) voices.set(voice.id, voice);
  for (const id of change.removedVoiceIds) voices.delete(id);
  for (const sample of change.samples) samples.set(sample.id, sample);
  for (const id of change.removedSampleIds) samples.delete(id);
  const patch: Partial<LibraryState> = { voices, samples };
  if (change.removedVoiceIds.some((id) => state.selection.has(id))) {
    patch.selection = new Set([...state.selection].filter((id) => voices.has(id)));
  }
  if (state.openVoiceId && !voices.has(state.openVoiceId)) patch.openVoiceId = null;
  return patch;
}

/** Saves bytes the way a browser download does (Electron turns it into a save dialog). */
function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

let subscribed = false;
let loading: Promise<void> | null = null;

export const useLibrary = create<LibraryState>()(
  persist(
    (set, get) => ({
      loaded: false,
      voices: new Map(),
      samples: new Map(),
      jobs: new Map(),
      notices: [],
      filters: NO_FILTERS,
      sort: 'created-desc',
      selection: new Set(),
      openVoiceId: null,
      syncing: false,
      lastSync: null,
      busy: null,

      load() {
        if (!subscribed) {
          subscribed = true;
          timbre().on('library.changed', (change) => set((state) => applyChange(state, change)));
          timbre().on('enroll.progress', (progress) => set((state) => {
            const jobs = new Map(state.jobs);
            if (progress.state === 'done') jobs.delete(progress.voiceId);
            else jobs.set(progress.voiceId, progress);
            return { jobs };
          }));
        }
        // Once loaded, the events keep the mirror current: no reloading 10,000 voices per visit.
        if (get().loaded) return Promise.resolve();
        loading ??= (async () => {
          const result = await timbre().library.list();
          loading = null;
          if (!result.ok) return showError(result.error);
          const { voices, samples, jobs, notices } = result.value;
          set({
            loaded: true,
            voices: new Map(voices.map((voice) => [voice.id, voice])),
            samples: new Map(samples.map((sample) => [sample.id, sample])),
            jobs: new Map(jobs.map((job) => [job.voiceId, job])),
            notices,
          });
        })();
        return loading;
      },

      setFilters: (patch) => set((state) => ({ filters: { ...state.filters, ...patch } })),
      setSort: (sort) => set({ sort }),
      toggleSelected: (id) => set((state) => {
        const selection = new Set(state.selection);
        if (!selection.delete(id)) selection.add(id);
        return { selection };
      }),
      setSelection: (ids) => set({ selection: new Set(ids) }),
      open: (openVoiceId) => set({ openVoiceId }),

      async sync() {
        set({ syncing: true });
        const result = await timbre().library.sync();
        set({ syncing: false });
        if (!result.ok) return showError(result.error);
        set({ lastSync: result.value });
        toast.success(i18n.t('library:sync.done', { ...result.value, count: result.value.imported }));
      },

      async remove(ids, remote) {
        set({ busy: 'delete' });
        const result = await timbre().voices.delete({ ids, remote });
        set({ busy: null });
        if (!result.ok) {
          showError(result.error);
          return [];
        }
        const { deleted, failed } = result.value;
        if (deleted.length > 0) toast.success(i18n.t(remote ? 'library:delete.doneRemote' : 'library:delete.doneLocal', { count: deleted.length }));
        for (const failure of failed.slice(0, 3)) showError(failure.error);
        return deleted;
      },

      async update(id, patch) {
        const result = await timbre().voices.update({ id, ...patch });
        if (!result.ok) showError(result.error);
        return result.ok;
      },

      async retry(voiceId, edits = {}) {
        const result = await timbre().enroll.retry({ voiceId, ...edits });
        if (!result.ok) showError(result.error);
        return result.ok;
      },

      async sendNow() {
        const result = await timbre().enroll.sendNow();
        if (!result.ok) showError(result.error);
      },

      async exportVoices(ids) {
        set({ busy: 'export' });
        const result = await timbre().catalog.export(ids ? { voiceIds: ids } : {});
        set({ busy: null });
        if (!result.ok) return showError(result.error);
        download(result.value.zip, result.value.fileName);
        toast.success(i18n.t('library:export.done', { count: result.value.voices, fileName: result.value.fileName }));
      },

      async importFile(file) {
        set({ busy: 'import' });
        const result = await timbre().catalog.import({ zip: new Uint8Array(await file.arrayBuffer()) });
        set({ busy: null });
        if (!result.ok) {
          showError(result.error);
          return null;
        }
        const { addedVoices, updatedVoices, addedSamples, conflicts } = result.value;
        toast.success(i18n.t('library:import.done', { count: addedVoices, updated: updatedVoices, samples: addedSamples }));
        // Fields in the file that lost to newer ones here are named, never dropped silently.
        if (conflicts.length > 0) {
          toast.info(i18n.t('library:import.conflicts', { count: conflicts.length, names: conflicts.slice(0, 5).map((item) => item.displayName).join(', ') }));
        }
        return result.value;
      },

      async dismissNotice(id) {
        const result = await timbre().library.dismissNotice({ id });
        if (!result.ok) return showError(result.error);
        set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }));
      },
    }),
    {
      name: 'timbre.library',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      // Only the chosen sort is remembered; the catalog itself always comes from main.
      partialize: (state) => ({ sort: state.sort }),
      merge: (persisted, current) => {
        const sort = (persisted as { sort?: unknown } | undefined)?.sort;
        return { ...current, sort: (SORT_KEYS as readonly unknown[]).includes(sort) ? (sort as SortKey) : current.sort };
      },
    },
  ),
);
