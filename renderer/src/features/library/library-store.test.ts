import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../../shared/errors';
import type { LibraryRow, LibraryRowsQuery } from '../../../../shared/ipc/routes/catalog';

const row = (id: string, status: 'queued' | 'sending' | 'ready'): LibraryRow => ({
  id, name: id, sampleId: id, sampleName: id, durationSeconds: 12, hasAudio: true, language: 'en', tags: [], createdAt: 1,
  clones: [{ id: `${id}-voice`, voice: null, targetModel: 'qwen3-tts-vc-2026-01-22', status, degraded: false }],
});

type RowsAnswer = Result<{ rows: LibraryRow[]; offset: number; total: number; catalogTotal: number }>;

/** The part of `window.timbre` the Library uses: rows answered when the test says, events sent by the test. */
function installTimbre() {
  const questions: Array<{ input: LibraryRowsQuery; answer(rows: LibraryRow[]): void }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  window.timbre = {
    library: {
      rows: (input: LibraryRowsQuery) => new Promise<RowsAnswer>((resolve) => {
        questions.push({ input, answer: (rows) => resolve({ ok: true, value: { rows, offset: 0, total: rows.length, catalogTotal: rows.length } }) });
      }),
      overview: () => Promise.resolve({ ok: true, value: { notices: [], tags: [], uncloned: { count: 0, samples: [] }, removed: [] } }),
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
  } as never;
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
  return { questions, emit };
}

/** A fresh launch: new modules, so the question asked "at launch" is asked again. */
async function launch() {
  vi.resetModules();
  const firstRows = await import('./first-rows');
  return { askFirstRows: firstRows.askFirstRows, load: async () => (await import('./library-store')).useLibrary };
}

const settle = () => new Promise((resolve) => setTimeout(resolve));

describe('the Library’s first rows', () => {
  beforeEach(() => localStorage.clear());

  it('are asked for once at launch, in the remembered sort, and shown from that answer', async () => {
    localStorage.setItem('timbre.library', JSON.stringify({ state: { sort: 'name' }, version: 1 }));
    const { questions } = installTimbre();
    const { askFirstRows, load } = await launch();
    askFirstRows();
    askFirstRows();
    expect(questions.map((question) => question.input.sort)).toEqual(['name']);
    const useLibrary = await load();
    const loaded = useLibrary.getState().load();
    questions[0].answer([row('a', 'ready')]);
    await loaded;
    expect(questions).toHaveLength(1);
    expect([...useLibrary.getState().rows.values()].map((shown) => shown.id)).toEqual(['a']);
  });

  it('are asked again when a voice changed between launch and the Library listening', async () => {
    const { questions, emit } = installTimbre();
    const { askFirstRows, load } = await launch();
    askFirstRows();
    // The queue sends a voice while the Library's code is still downloading.
    emit('library.rowsChanged', { rows: [row('a', 'sending')], removedRowIds: [] });
    const useLibrary = await load();
    const loaded = useLibrary.getState().load();
    questions[0].answer([row('a', 'queued')]);
    await settle();
    expect(questions).toHaveLength(2);
    questions[1].answer([row('a', 'sending')]);
    await loaded;
    expect(useLibrary.getState().rows.get(0)?.clones[0].status).toBe('sending');
  });

  it('are asked afresh by a later load once the launch answer was used', async () => {
    const { questions } = installTimbre();
    const { askFirstRows, load } = await launch();
    askFirstRows();
    questions[0].answer([]);
    const useLibrary = await load();
    await useLibrary.getState().load();
    useLibrary.setState({ loaded: false });
    const again = useLibrary.getState().load();
    await settle();
    expect(questions).toHaveLength(2);
    questions[1].answer([row('b', 'ready')]);
    await again;
    expect(useLibrary.getState().rows.get(0)?.id).toBe('b');
  });
});
