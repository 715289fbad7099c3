/**
 * The Samples view's state: the newest samples with their checks, a page at a time (main owns
 * them; this mirrors `samples.list` and follows `library.changed`), and imports set aside because
 * a check blocks them.
 */
import { create } from 'zustand';
import { hasBlocker } from '../../../../shared/audio/checks';
import { SAMPLES_PAGE, type SampleCheck, type SampleRecord } from '../../../../shared/catalog';
import { timbre } from '../../api';
import { useApp } from '../../app-store';
import { toast } from '../../components/toast-store';
import i18n, { describeError } from '../../i18n';
import { useRecord } from '../record/record-store';
import { currentSampleLanguage } from '../record/sample-language';

/** A dropped file whose checks block it: not kept in the catalog unless the user asks. */
export interface SetAside {
  id: string;
  name: string;
  checks: SampleCheck[];
  file: File;
}

interface SamplesState {
  /** The newest `limit` samples, of `total`. */
  samples: SampleRecord[];
  total: number;
  limit: number;
  loaded: boolean;
  setAside: SetAside[];
  /** Files being added from a drop: done / total, while it runs. */
  importing: { done: number; total: number } | null;
  load(): Promise<void>;
  showMore(): Promise<void>;
  rename(id: string, displayName: string): Promise<void>;
  remove(id: string): Promise<void>;
  /** Adds dropped files one after another, each checked and converted like an import on Record. */
  importFiles(files: File[], options?: { keepBlocked?: boolean }): Promise<void>;
  keepAnyway(id: string): Promise<void>;
  forget(id: string): void;
}

let subscribed = false;

/** Resolves once the take on Record has finished converting (or was closed). */
function conversionSettled(): Promise<SampleRecord | null> {
  return new Promise((resolve) => {
    const check = () => {
      const take = useRecord.getState().take;
      if (take?.conversion === 'converting') return false;
      resolve(take ? take.sample : null);
      return true;
    };
    if (check()) return;
    const off = useRecord.subscribe(() => {
      if (check()) off();
    });
  });
}

export const useSamples = create<SamplesState>()((set, get) => {
  async function applyChange(changedIds: string[], removedIds: string[]) {
    if (changedIds.length === 0 && removedIds.length === 0) return;
    // A sample came, went or changed outside the page: the page and the count are asked again.
    const listed = new Set(get().samples.map((sample) => sample.id));
    if (removedIds.length > 0 || changedIds.some((id) => !listed.has(id))) return get().load();
    // Changes to listed samples are read one by one, as the Library's are.
    const read = await Promise.all(changedIds.map((id) => timbre().samples.get({ id })));
    const changed = new Map(read.flatMap((result) => (result.ok ? [[result.value.id, result.value] as const] : [])));
    set({ samples: get().samples.map((sample) => changed.get(sample.id) ?? sample) });
  }

  return {
    samples: [],
    total: 0,
    limit: SAMPLES_PAGE,
    loaded: false,
    setAside: [],
    importing: null,

    async load() {
      if (!subscribed) {
        subscribed = true;
        // Incremental, as the Library mirror is: only the samples that changed are read again.
        timbre().on('library.changed', (change) => void applyChange(change.samples.map((sample) => sample.id), change.removedSampleIds));
      }
      const result = await timbre().samples.list({ limit: get().limit });
      if (result.ok) set({ samples: result.value.samples, total: result.value.total, loaded: true });
      else toast.error(describeError(i18n.t, result.error));
    },

    showMore() {
      set({ limit: get().limit + SAMPLES_PAGE });
      return get().load();
    },

    async rename(id, displayName) {
      const result = await timbre().samples.update({ id, displayName: displayName.trim() });
      if (!result.ok) return void toast.error(describeError(i18n.t, result.error));
      set({ samples: get().samples.map((sample) => (sample.id === id ? result.value : sample)) });
    },

    async remove(id) {
      const result = await timbre().samples.delete({ id });
      if (!result.ok) return void toast.error(describeError(i18n.t, result.error));
      set({ samples: get().samples.filter((sample) => sample.id !== id), total: get().total - 1 });
    },

    async importFiles(files, options = {}) {
      const record = useRecord.getState();
      const language = currentSampleLanguage(i18n.language);
      const setAside: SetAside[] = [];
      let added = 0;
      set({ importing: { done: 0, total: files.length } });
      for (const [index, file] of files.entries()) {
        await record.importFile(file, language, '');
        const sample = await conversionSettled();
        const problem = useRecord.getState().problem;
        if (sample && hasBlocker(sample.checks) && !options.keepBlocked) {
          // A file no check lets through (noise, silence, too short) is not kept unless the user says so.
          await timbre().samples.delete({ id: sample.id });
          setAside.push({ id: crypto.randomUUID(), name: file.name, checks: sample.checks, file });
        } else if (sample) {
          added++;
        } else if (problem) {
          toast.error(problem.error ? describeError(i18n.t, problem.error) : i18n.t('samples:importFailed', { name: file.name }));
        }
        useRecord.getState().closeTake();
        set({ importing: { done: index + 1, total: files.length } });
      }
      set({ importing: null, setAside: [...setAside, ...get().setAside] });
      if (added > 0) toast.success(i18n.t('samples:added', { count: added }));
      if (setAside.length > 0) toast.info(i18n.t('samples:setAside', { count: setAside.length }));
      useApp.getState().go('samples');
      await get().load();
    },

    async keepAnyway(id) {
      const item = get().setAside.find((entry) => entry.id === id);
      if (!item) return;
      get().forget(id);
      await get().importFiles([item.file], { keepBlocked: true });
    },

    forget: (id) => set({ setAside: get().setAside.filter((entry) => entry.id !== id) }),
  };
});
