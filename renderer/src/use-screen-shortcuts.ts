import { useEffect } from 'react';
import type { Screen } from './app-store';

/** Ctrl+1…N (⌘ on macOS) opens the Nth screen of the sidebar, as tabs do in browsers and editors. */
export function useScreenShortcuts(screens: readonly Screen[], go: (screen: Screen) => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const index = Number(event.key) - 1;
      if (!Number.isInteger(index) || index < 0 || index >= screens.length) return;
      event.preventDefault();
      go(screens[index]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screens, go]);
}
