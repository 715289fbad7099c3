import { useEffect, useState } from 'react';
import type { AppError, Result } from '../../../../shared/errors';

export type AudioBytes = Result<{ bytes: Uint8Array; mime: string }>;

/**
 * A `blob:` URL for audio main reads from disk, for an `<audio>` element. Reloads when `key`
 * changes and revokes the old URL, so switching results never leaks the previous file.
 * `read` must be a stable function of the key (module-level), not a fresh closure.
 */
export function useAudioUrl(key: string | null, read: (key: string) => Promise<AudioBytes>): { url: string | null; error: AppError | null } {
  const [state, setState] = useState<{ key: string; url: string | null; error: AppError | null } | null>(null);

  useEffect(() => {
    if (key === null) return;
    let url: string | null = null;
    let current = true;
    void read(key).then((result) => {
      if (!current) return;
      if (!result.ok) return setState({ key, url: null, error: result.error });
      url = URL.createObjectURL(new Blob([result.value.bytes as Uint8Array<ArrayBuffer>], { type: result.value.mime }));
      setState({ key, url, error: null });
    });
    return () => {
      current = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [key, read]);

  return state && state.key === key ? { url: state.url, error: state.error } : { url: null, error: null };
}
