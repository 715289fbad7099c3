import { useEffect } from 'react';
import i18n from 'i18next';
import { timbre } from '../../api';
import { useApp } from '../../app-store';
import { describeError } from '../../i18n';

/**
 * A desktop notification when a clone finishes or fails while Timbre's window is not focused (a
 * clone runs in the background and can take a minute). Clicking it brings the window back to that voice.
 */
export function useCloneNotifications() {
  useEffect(() => {
    // Each clone's voice name, from the Library rows main reports changed (a clone's row changes as it is made).
    const names = new Map<string, string>();
    const offRows = timbre().on('library.rowsChanged', ({ rows }) => {
      for (const row of rows) for (const clone of row.clones) names.set(clone.id, row.name);
    });
    const offProgress = timbre().on('enroll.progress', (progress) => {
    if (progress.state !== 'done' && progress.state !== 'failed') return;
    if (document.hasFocus() || typeof Notification === 'undefined') return;
    const show = async () => {
      if (Notification.permission === 'default') await Notification.requestPermission();
      if (Notification.permission !== 'granted') return;
      const name = names.get(progress.voiceId) ?? '';
      const notification = progress.state === 'done'
        ? new Notification(i18n.t('enroll:notify.ready', { name }), { body: i18n.t('enroll:notify.readyBody') })
        : new Notification(i18n.t('enroll:notify.failed', { name }), { body: progress.error ? describeError(i18n.t, progress.error) : '' });
      notification.onclick = () => {
        window.focus();
        if (progress.state === 'done') useApp.getState().openTry(progress.voiceId);
        else useApp.getState().go('library');
      };
    };
    void show();
    });
    return () => {
      offRows();
      offProgress();
    };
  }, []);
}
