import { useEffect, useState } from 'react';
import type { Region } from '../../../../shared/models';
import { timbre } from '../../api';

/** Whether the region has a key (null until known), kept current as keys are saved or removed. */
export function useHasKey(region: Region): boolean | null {
  const [hasKey, setHasKey] = useState<boolean | null>(null);
  useEffect(() => {
    let current = true;
    void timbre().keys.status({ region }).then((result) => {
      if (current && result.ok) setHasKey(result.value.hasKey);
    });
    const off = timbre().on('keys.changed', (status) => {
      if (status.region === region) setHasKey(status.hasKey);
    });
    return () => {
      current = false;
      off();
    };
  }, [region]);
  return hasKey;
}

/** The time now, every second while `active` (elapsed times on screen). */
export function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
