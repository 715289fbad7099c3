import { useEffect } from 'react';
import i18n from 'i18next';
import { timbre } from '../../api';
import { useApp } from '../../app-store';
import { describeError } from '../../i18n';
import { useLibrary } from '../library/library-store';

/**
 * A desktop notification when a clone finishes or fails while Timbre's window is not focused (a
 * clone runs in the background and can take a minute). Clicking it brings the window back to that voice.
 */
export function useCloneNotifications() {
  useEffect(() => timbre().on('enroll.progress', (progress) => {
    if (progress.state !== 'done' && progress.state !== 'failed') return;
    if (document.hasFocus() || typeof Notification === 'undefined') return;
    const show = async () => {
      if (Notification.permission === 'default') await Notification.requestPermission();
      if (Notification.permission !== 'granted') return;
      const name = useLibrary.getState().voices.get(progress.voiceId)?.displayName ?? '';
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
  }), []);
}
