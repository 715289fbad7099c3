import { useEffect, useState } from 'react';
import type { SampleSummary, VoiceRecord } from '../../../../shared/catalog';
import type { EnrollProgress } from '../../../../shared/ipc/routes/catalog';
import { timbre } from '../../api';
import { toast } from '../../components/toast-store';
import i18n, { describeError } from '../../i18n';

export interface RowDetails {
  rowId: string;
  /** Oldest first; empty when the row no longer exists. */
  voices: VoiceRecord[];
  sample: SampleSummary | null;
  jobs: ReadonlyMap<string, EnrollProgress>;
}

/**
 * The full records behind one Library row (a sample's clones), fetched when something shows
 * them and fetched again when main reports that row changed; clone progress is applied as it
 * arrives. The Library's detail panel and the clone screen's progress use it.
 */
export function useRowDetails(rowId: string | null): RowDetails | null {
  const [details, setDetails] = useState<RowDetails | null>(null);

  useEffect(() => {
    if (rowId === null) return;
    let current = true;
    const load = async () => {
      const result = await timbre().library.details({ rowId });
      if (!current) return;
      if (!result.ok) return toast.error(describeError(i18n.t, result.error));
      const { voices, sample, jobs } = result.value;
      setDetails({ rowId, voices, sample, jobs: new Map(jobs.map((job) => [job.voiceId, job])) });
    };
    void load();
    const unsubscribe = [
      timbre().on('library.rowsChanged', ({ rows, removedRowIds }) => {
        if (removedRowIds.includes(rowId) || rows.some((row) => row.id === rowId)) void load();
      }),
      timbre().on('enroll.progress', (progress) => setDetails((shown) => {
        if (!shown || shown.rowId !== rowId || !shown.voices.some((voice) => voice.id === progress.voiceId)) return shown;
        const jobs = new Map(shown.jobs);
        if (progress.state === 'done') jobs.delete(progress.voiceId);
        else jobs.set(progress.voiceId, progress);
        return { ...shown, jobs };
      })),
    ];
    return () => {
      current = false;
      unsubscribe.forEach((off) => off());
    };
  }, [rowId]);

  return details && details.rowId === rowId ? details : null;
}
