import { useEffect } from 'react';
import type { Region } from '../../../../shared/models';
import { timbre } from '../../api';
import { useOnboarding } from './onboarding-store';

/** Keeps the guide's progress current while something shows it (a new key, sample or voice ticks its step). */
export function useGuideProgress(active: boolean, region: Region) {
  const refresh = useOnboarding((state) => state.refresh);
  useEffect(() => {
    if (!active) return;
    void refresh(region);
    const unsubscribe = [
      timbre().on('keys.changed', () => void refresh(region)),
      timbre().on('library.changed', () => void refresh(region)),
    ];
    return () => unsubscribe.forEach((off) => off());
  }, [active, region, refresh]);
}
