/**
 * The Library's view of the catalog (main owns it and searches it): the window of rows in view,
 * fetched a page at a time, patched by `library.rowsChanged`; the opened row's full records,
 * fetched when it is opened; and the view state (filters, sort, selection). The sort is remembered.
 */
import { create } from 'zustand';
import type { CatalogNotice, SampleSummary } from '../../../../shared/catalog';
import type { AppError } from '../../../../shared/errors';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import type { ImportSummary, RemovedVoice } from '../../../../shared/ipc/routes/catalog';
import type { LibraryRow } from '../../../../shared/ipc/routes/catalog';
import { LIBRARY_PAGE_SIZE, NO_FILTERS, type LibraryFilters, type SortKey } from '../../../../shared/library';
import type { SampleLanguage } from '../../../../shared/models';
import { timbre } from '../../api';
import { toast } from '../../components/toast-store';
import i18n, { describeError } from '../../i18n';
import { rememberedSort, rememberSort, takeFirstRows, type RowsAnswer } from './first-rows';

export type LibraryActivity = 'delete' | 'export' | 'import';

interface LibraryState {
  /** The first answer arrived (before it, nothing is said about an empty library). */
  loaded: boolean;
  /** Rows matching the filters, and rows in the catalog. */
  total: number;
  catalogTotal: number;
  /** Rows held, by position in the filtered, sorted list (only pages that were in view). */
  rows: ReadonlyMap<number, LibraryRow>;
  notices: CatalogNotice[];
  tags: string[];
  uncloned: { count: number; samples: SampleSummary[] };
  removed: RemovedVoice[];
  /** Ready voices not used from Timbre for 11 months. */
  unused: number;
  filters: LibraryFilters;
  sort: SortKey;
  /** Rows ticked for a bulk action, with the voices each holds. */
  selection: ReadonlyMap<string, readonly string[]>;
  /** The row shown in the detail panel, and the clone it was opened on. */
  openRowId: string | null;
  openCloneId: string | null;
  /** The sample playing from its row. */
  playingSampleId: string | null;
  syncing: boolean;
  /** How full the account is in the active region (kept by main across restarts); null before the first sync. */
  account: ChannelOutput<'library.overview'>['account'];
  /** The catalog-wide action under way (shown on its button and announced); one at a time. */
  busy: LibraryActivity | null;

  load(): Promise<void>;
  /** Makes sure the rows at these positions are held (called as the list scrolls). */
  ensureRows(first: number, last: number): void;
  setFilters(patch: Partial<LibraryFilters>): void;
  setSort(sort: SortKey): void;
  toggleSelected(row: LibraryRow): void;
  setSelection(rows: Iterable<LibraryRow>): void;
  open(rowId: string | null, cloneId?: string | null): void;
  sync(): Promise<void>;
  /** Resolves with the ids that were deleted. Removing from this computer offers Undo. */
  remove(voiceIds: string[], remote: boolean): Promise<string[]>;
  restore(voiceIds: string[]): Promise<void>;
  /** Applies one change to every clone of a row (name, notes and tags belong to the voice). */
  update(voiceIds: readonly string[], patch: { displayName?: string; notes?: string; tags?: string[] }): Promise<boolean>;
  retry(voiceId: string, edits?: { preferredName?: string; language?: SampleLanguage; transcript?: string }): Promise<boolean>;
  sendNow(): Promise<void>;
  exportVoices(voiceIds?: string[]): Promise<void>;
  importFile(file: File): Promise<ImportSummary | null>;
  dismissNotice(id: string): Promise<void>;
}

const showError = (error: AppError) => toast.error(describeError(i18n.t, error));

/** Bumped by every new question; an answer to an older one is dropped. */
let generation = 0;
const pagesAsked = new Set<number>();
let subscribed = false;
let loading: Promise<void> | null = null;
let refreshQueued = false;
let overviewQueued = false;

export const useLibrary = create<LibraryState>()(
  (set, get) => {
    /**
     * `fresh`: the first page of a new question, whose answer replaces every row held. `asked`:
     * the answer to this very question when it was already asked (at launch).
     */
    async function fetchPage(page: number, asOf: number, fresh = false, asked?: Promise<RowsAnswer>) {
      pagesAsked.add(page);
      const { filters, sort } = get();
      const result = await (asked ?? timbre().library.rows({ ...filters, sort, offset: page * LIBRARY_PAGE_SIZE, limit: LIBRARY_PAGE_SIZE }));
      if (asOf !== generation) return;
      if (!result.ok) {
        pagesAsked.delete(page);
        return showError(result.error);
      }
      const { rows: answer, offset, total, catalogTotal } = result.value;
      set((state) => {
        // A new total invalidates positions held from before; the pages in view are asked again.
        const rows = new Map(fresh || total !== state.total ? [] : state.rows);
        answer.forEach((row, i) => rows.set(offset + i, row));
        return { loaded: true, rows, total, catalogTotal };
      });
    }

    /**
     * Asks main again: `sameQuestion` after a catalog change (the pages held are refreshed in
     * place), else for new filters or sort (the first page replaces the rows, which stay
     * on screen until it arrives, so typing never flashes an empty list).
     */
    function query(sameQuestion: boolean): Promise<unknown> {
      const asOf = ++generation;
      const pages = pagesAsked.size > 0 ? [...pagesAsked] : [0];
      pagesAsked.clear();
      if (sameQuestion) return Promise.all(pages.map((page) => fetchPage(page, asOf)));
      return fetchPage(0, asOf, true);
    }

    async function loadOverview() {
      const result = await timbre().library.overview();
      if (result.ok) set(result.value);
    }

    function subscribe() {
      if (subscribed) return;
      subscribed = true;
      timbre().on('library.rowsChanged', ({ rows: changed, removedRowIds }) => {
        const state = get();
        const byId = new Map(changed.map((row) => [row.id, row]));
        const rows = new Map(state.rows);
        for (const [position, row] of rows) {
          const update = byId.get(row.id);
          if (update) rows.set(position, update);
        }
        const patch: Partial<LibraryState> = { rows };
        if (removedRowIds.some((id) => state.selection.has(id))) {
          patch.selection = new Map([...state.selection].filter(([id]) => !removedRowIds.includes(id)));
        }
        if (state.openRowId && removedRowIds.includes(state.openRowId)) Object.assign(patch, { openRowId: null, openCloneId: null });
        set(patch);
        // Rows may have come, gone or moved: the pages in view are asked again once per burst of changes.
        if (!refreshQueued) {
          refreshQueued = true;
          queueMicrotask(() => {
            refreshQueued = false;
            void query(true);
          });
        }
      });
      timbre().on('library.changed', () => {
        if (overviewQueued) return;
        overviewQueued = true;
        queueMicrotask(() => {
          overviewQueued = false;
          void loadOverview();
        });
      });
    }

    return {
      loaded: false,
      total: 0,
      catalogTotal: 0,
      rows: new Map(),
      notices: [],
      tags: [],
      uncloned: { count: 0, samples: [] },
      removed: [],
      unused: 0,
      filters: NO_FILTERS,
      sort: rememberedSort(),
      selection: new Map(),
      openRowId: null,
      openCloneId: null,
      playingSampleId: null,
      syncing: false,
      account: null,
      busy: null,

      load() {
        // Once loaded, the events keep the rows and the overview current: nothing to ask again per visit.
        // The screen's loader starts this before React renders the screen, and the screen asks again on mount.
        if (get().loaded) return Promise.resolve();
        loading ??= (async () => {
          subscribe();
          // The rows first, alone: main answers one question at a time, and the overview (notices, tags)
          // is not needed to paint them, so it follows without holding up the first paint. Launch
          // asked for them already; this store listens for changes only from now on, so a change
          // since then asks again.
          const launch = takeFirstRows();
          const { filters, sort } = get();
          if (launch && filters === NO_FILTERS && sort === launch.sort) {
            await fetchPage(0, ++generation, true, launch.answer);
            if (launch.changedSince()) await query(true);
          } else {
            launch?.changedSince();
            await query(false);
          }
          void loadOverview();
        })().finally(() => {
          loading = null;
        });
        return loading;
      },

      ensureRows(first, last) {
        const asOf = generation;
        for (let page = Math.floor(first / LIBRARY_PAGE_SIZE); page <= Math.floor(last / LIBRARY_PAGE_SIZE); page++) {
          if (!pagesAsked.has(page)) void fetchPage(page, asOf);
        }
      },

      setFilters(patch) {
        set((state) => ({ filters: { ...state.filters, ...patch } }));
        void query(false);
      },
      setSort(sort) {
        rememberSort(sort);
        set({ sort });
        void query(false);
      },
      toggleSelected: (row) => set((state) => {
        const selection = new Map(state.selection);
        if (!selection.delete(row.id)) selection.set(row.id, row.clones.map((clone) => clone.id));
        return { selection };
      }),
      setSelection: (rows) => set({ selection: new Map([...rows].map((row) => [row.id, row.clones.map((clone) => clone.id)])) }),
      open: (openRowId, openCloneId = null) => set({ openRowId, openCloneId }),

      async sync() {
        set({ syncing: true });
        const result = await timbre().library.sync();
        set({ syncing: false });
        if (!result.ok) return showError(result.error);
        // The account's count is news even when the catalog did not change.
        void loadOverview();
        toast.success(i18n.t('library:sync.done', { ...result.value, count: result.value.imported }));
      },

      async remove(voiceIds, remote) {
        set({ busy: 'delete' });
        const result = await timbre().voices.delete({ ids: voiceIds, remote });
        set({ busy: null });
        if (!result.ok) {
          showError(result.error);
          return [];
        }
        const { deleted, failed } = result.value;
        if (deleted.length > 0 && remote) toast.success(i18n.t('library:delete.doneRemote', { count: deleted.length }));
        if (deleted.length > 0 && !remote) {
          toast.success(i18n.t('library:delete.doneLocal', { count: deleted.length }), {
            label: i18n.t('library:delete.undo'),
            run: () => void get().restore(deleted),
          });
        }
        for (const failure of failed.slice(0, 3)) showError(failure.error);
        return deleted;
      },

      async restore(voiceIds) {
        const result = await timbre().voices.restore({ ids: voiceIds });
        if (!result.ok) return showError(result.error);
        toast.success(i18n.t('library:removed.restored', { count: result.value.restored.length }));
      },

      async update(voiceIds, patch) {
        const results = await Promise.all(voiceIds.map((id) => timbre().voices.update({ id, ...patch })));
        const failed = results.find((result) => !result.ok);
        if (failed && !failed.ok) showError(failed.error);
        return !failed;
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

      async exportVoices(voiceIds) {
        set({ busy: 'export' });
        const result = await timbre().catalog.export(voiceIds ? { voiceIds } : {});
        set({ busy: null });
        if (!result.ok) return showError(result.error);
        const { path, voices } = result.value;
        if (path === null) return;
        toast.success(i18n.t('library:export.done', { count: voices, path }), {
          label: i18n.t('library:export.showInFolder'),
          run: () => void timbre().catalog.showExport({ path }).then((shown) => {
            if (!shown.ok) showError(shown.error);
          }),
        });
      },

      async importFile(file) {
        set({ busy: 'import' });
        const result = await timbre().catalog.import({ zip: new Uint8Array(await file.arrayBuffer()) });
        set({ busy: null });
        if (!result.ok) {
          showError(result.error);
          return null;
        }
        toast.success(importReport(result.value));
        // Fields in the file that lost to newer ones here are named, never dropped silently.
        const { conflicts } = result.value;
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
    };
  }
);


/** What an import did, in words: what came in, what was updated, or that nothing was new. */
export function importReport({ addedVoices, updatedVoices, addedSamples, unchanged }: ImportSummary): string {
  const t = i18n.t;
  if (addedVoices === 0 && updatedVoices === 0 && addedSamples === 0) return t('library:import.nothingNew', { count: unchanged });
  const parts = [
    addedVoices > 0 ? t('library:import.addedVoices', { count: addedVoices }) : null,
    updatedVoices > 0 ? t('library:import.updatedVoices', { count: updatedVoices }) : null,
    addedSamples > 0 ? t('library:import.addedSamples', { count: addedSamples }) : null,
  ].filter((part) => part !== null);
  return t('library:import.done', { parts: parts.join(t('library:import.separator')) });
}
