import type { KeyboardEvent } from 'react';

/**
 * Arrow keys (and Home/End) move between the tabs of a `role="tablist"` and select the tab they
 * land on, as the ARIA tabs pattern promises; Tab itself leaves the list (only the selected tab
 * has tabIndex 0).
 */
export function onTabListKeyDown(event: KeyboardEvent<HTMLElement>) {
  const tabs = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]:not(:disabled)')];
  const current = tabs.indexOf(document.activeElement as HTMLElement);
  if (current < 0) return;
  const next = { ArrowRight: current + 1, ArrowDown: current + 1, ArrowLeft: current - 1, ArrowUp: current - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  const tab = tabs[(next + tabs.length) % tabs.length];
  tab.focus();
  tab.click();
}
