import { Download, RefreshCw, X } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import { TEST_IDS } from '../../../../shared/testids';
import { useApp } from '../../app-store';
import { IconButton } from '../../components/IconButton';
import { toast } from '../../components/toast-store';
import { describeError } from '../../i18n';
import { useUpdates } from './update-store';
import './updates.css';

/**
 * The one place an update speaks up outside Settings: a quiet notice above the screen, never a
 * dialog. It offers a ready version (main holds the offer while work runs) and tells the outcome of
 * a check the user asked for from the menu.
 */
export function UpdateNotice() {
  const { t } = useTranslation('updates');
  const status = useUpdates((state) => state.status);
  const busy = useUpdates((state) => state.busy);
  const { load, install, later, openReleasesPage } = useUpdates.getState();
  const onSettings = useApp((state) => state.screen === 'settings');

  useEffect(() => {
    void load();
  }, [load]);

  if (!status) return null;
  const showError = (error: AppError | null) => error && toast.error(describeError(t, error));

  if (status.offer) {
    const ready = status.phase === 'ready';
    return (
      <div className="callout info update-notice" role="status" data-testid={TEST_IDS.updateNotice} data-kind={status.phase}>
        {ready ? <RefreshCw size={18} aria-hidden /> : <Download size={18} aria-hidden />}
        <div className="callout-body">
          <span className="callout-title">{t(ready ? 'notice.ready' : 'notice.available', { version: status.version })}</span>
          <span>{t(ready ? 'notice.readyBody' : status.support === 'unsigned' ? 'notice.availableBodyUnsigned' : 'notice.availableBody')}</span>
          {ready && status.heldBy && <span className="field-hint">{t(`heldBy.${status.heldBy}`)}</span>}
          {status.releaseNotes && (
            <details className="update-notes">
              <summary>{t('notice.notes')}</summary>
              <p data-testid={TEST_IDS.updateNotes}>{status.releaseNotes}</p>
            </details>
          )}
          <div className="update-actions">
            {ready ? (
              <button type="button" className="button primary" data-testid={TEST_IDS.updateRestart} disabled={busy === 'install' || status.heldBy !== null} onClick={() => void install().then(showError)}>
                {t('actions.restart')}
              </button>
            ) : (
              <button type="button" className="button primary" data-testid={TEST_IDS.updateOpenReleases} onClick={() => void openReleasesPage().then(showError)}>
                {t('actions.openReleases')}
              </button>
            )}
            <button type="button" className="button" data-testid={TEST_IDS.updateLater} onClick={() => void later()}>
              {t('actions.later')}
            </button>
          </div>
        </div>
      </div>
    );
  }

  // The outcome of "Check for Updates…" from the menu; in Settings the section shows it already.
  if (!status.manual || onSettings) return null;
  const message = status.support === 'unavailable'
    ? t('notice.unavailable')
    : status.phase === 'checking' ? t('notice.checking')
    : status.phase === 'up-to-date' ? t('notice.upToDate', { version: status.currentVersion })
    : status.phase === 'failed' ? t('notice.failed')
    : null;
  if (!message) return null;
  return (
    <div className="callout update-notice" role="status" data-testid={TEST_IDS.updateNotice} data-kind={status.support === 'unavailable' ? 'unavailable' : status.phase}>
      <RefreshCw size={18} aria-hidden />
      <div className="callout-body">{message}</div>
      <IconButton label={t('notice.close')} onClick={() => void later()}>
        <X size={16} aria-hidden />
      </IconButton>
    </div>
  );
}
