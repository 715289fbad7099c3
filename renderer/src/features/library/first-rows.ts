/**
 * The Library's first question, asked at launch before the Library's code has arrived, so main
 * answers it while that code downloads. Kept apart from the store (and small) because the shell
 * imports it. The sort is remembered here, in the shape zustand's persist middleware wrote it:
 * written by hand because the middleware serialised the store to localStorage on every change.
 */
import { LIBRARY_PAGE_SIZE, NO_FILTERS, SORT_KEYS, type SortKey } from '../../../../shared/library';
import { timbre } from '../../api';

const SORT_STORAGE = 'timbre.library';

export function rememberedSort(): SortKey {
  try {
    const sort = (JSON.parse(localStorage.getItem(SORT_STORAGE) ?? 'null') as { state?: { sort?: unknown } } | null)?.state?.sort;
    return (SORT_KEYS as readonly unknown[]).includes(sort) ? (sort as SortKey) : 'created-desc';
  } catch {
    return 'created-desc';
  }
}

export function rememberSort(sort: SortKey): void {
  try {
    localStorage.setItem(SORT_STORAGE, JSON.stringify({ state: { sort }, version: 1 }));
  } catch {
    // A full or refused storage only costs the remembered sort.
  }
}

export type RowsAnswer = Awaited<ReturnType<ReturnType<typeof timbre>['library']['rows']>>;

export interface FirstRows {
  sort: SortKey;
  answer: Promise<RowsAnswer>;
  /** Whether a row changed after the question was asked (the answer may be behind); stops listening. */
  changedSince(): boolean;
}

/** Asked at most once per launch, and handed to the store once. */
let asked: FirstRows | 'taken' | null = null;

/** Asks, unless it was asked already: the first page of every voice, in the remembered sort. */
export function askFirstRows(): void {
  if (asked !== null) return;
  const sort = rememberedSort();
  let changed = false;
  const stop = timbre().on('library.rowsChanged', () => {
    changed = true;
  });
  const answer = timbre().library.rows({ ...NO_FILTERS, sort, offset: 0, limit: LIBRARY_PAGE_SIZE });
  asked = {
    sort,
    answer,
    changedSince() {
      stop();
      return changed;
    },
  };
}

/** The question asked at launch, for the store's first load; null once taken (later loads ask afresh). */
export function takeFirstRows(): FirstRows | null {
  if (asked === null || asked === 'taken') return null;
  const taken = asked;
  asked = 'taken';
  return taken;
}
