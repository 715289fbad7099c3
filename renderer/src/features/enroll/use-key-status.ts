import { useEffect, useState } from 'react';
import type { Region } from '../../../../shared/models';
import { timbre } from '../../api';
import { createPushClock } from '../../push-clock';

/** Whether the region has a key (null until known), kept current as keys are saved or removed. */
export function useHasKey(region: Region): boolean | null {
  const [hasKey, setHasKey] = useState<boolean | null>(null);
  useEffect(() => {
    let current = true;
    const keyPushes = createPushClock();
    const off = timbre().on('keys.changed', (status) => {
      if (status.region !== region) return;
      keyPushes.pushed();
      setHasKey(status.hasKey);
    });
    void keyPushes.ask(() => timbre().keys.status({ region })).then((status) => {
      if (current && status) setHasKey(status.hasKey);
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
