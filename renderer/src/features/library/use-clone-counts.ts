import { useEffect, useState } from 'react';
import { timbre } from '../../api';

/** How many clones each of these samples has, asked again whenever main reports changed Library rows. */
export function useCloneCounts(sampleIds: readonly string[]): ReadonlyMap<string, number> {
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());
  // One question per set of samples, not per render.
  const key = sampleIds.join('\n');
  useEffect(() => {
    let current = true;
    const ids = key === '' ? [] : key.split('\n');
    const load = async () => {
      const result = await timbre().library.cloneCounts({ sampleIds: ids });
      if (current && result.ok) setCounts(new Map(Object.entries(result.value)));
    };
    void load();
    const unsubscribe = timbre().on('library.rowsChanged', () => void load());
    return () => {
      current = false;
      unsubscribe();
    };
  }, [key]);
  return counts;
}
