import { useEffect } from 'react';
import type { Theme } from '../../../shared/settings';

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

/** Sets `data-theme` on <html>; "system" resolves through the OS preference. */
export function applyTheme(theme: Theme) {
  const dark = theme === 'dark' || (theme === 'system' && darkQuery().matches);
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

/** Keeps the theme applied, following OS changes while the preference is "system". */
export function useTheme(theme: Theme) {
  useEffect(() => {
    applyTheme(theme);
    if (theme !== 'system') return;
    const query = darkQuery();
    const follow = () => applyTheme(theme);
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [theme]);
}
