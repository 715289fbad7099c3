import { useEffect, useState } from 'react';
import { timbre } from '../../api';

/** How many clones each sample has, asked again whenever main reports changed Library rows. */
export function useCloneCounts(): ReadonlyMap<string, number> {
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());
  useEffect(() => {
    let current = true;
    const load = async () => {
      const result = await timbre().library.cloneCounts();
      if (current && result.ok) setCounts(new Map(Object.entries(result.value)));
    };
    void load();
    const unsubscribe = timbre().on('library.rowsChanged', () => void load());
    return () => {
      current = false;
      unsubscribe();
    };
  }, []);
  return counts;
}
