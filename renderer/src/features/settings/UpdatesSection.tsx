import { RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/errors';
import { TEST_IDS } from '../../../../shared/testids';
import { useApp } from '../../app-store';
import { toast } from '../../components/toast-store';
import { formatDate } from '../../format';
import { describeError } from '../../i18n';
import { useUpdates } from '../updates/update-store';
import { Section } from './PreferenceSections';

/** Settings › Updates: the automatic-check setting, "Check for updates", and where an update stands. */
export function UpdatesSection() {
  const { t, i18n } = useTranslation('updates');
  const status = useUpdates((state) => state.status);
  const busy = useUpdates((state) => state.busy);
  const { check, install, openReleasesPage } = useUpdates.getState();
  const savedAutoCheck = useApp((state) => state.preferences.checkForUpdates);
  const updatePreferences = useApp((state) => state.updatePreferences);
  // The box follows the click at once while main stores it, and goes back if that fails.
  const [pendingAutoCheck, setPendingAutoCheck] = useState<boolean | null>(null);
  const autoCheck = pendingAutoCheck ?? savedAutoCheck;
  const showError = (error: AppError | null) => error && toast.error(describeError(t, error));

  const unavailable = status?.support === 'unavailable';
  const phase = status?.phase ?? 'idle';
  const stateText = !status
    ? '…'
    : unavailable
      ? t('settings.state.unavailable')
      : t(`settings.state.${phase}`, {
        version: status.version,
        percent: status.percent ?? 0,
        date: status.lastCheckedAt ? formatDate(i18n.language, status.lastCheckedAt) : '',
      });

  return (
    <Section icon={RefreshCw} title={t('settings.title')} intro={t('settings.intro')}>
      <label className="toggle-row">
        <input
          type="checkbox"
          data-testid={TEST_IDS.settingsUpdateAuto}
          checked={autoCheck}
          onChange={(event) => {
            const checkForUpdates = event.target.checked;
            setPendingAutoCheck(checkForUpdates);
            void updatePreferences({ checkForUpdates }).finally(() => setPendingAutoCheck(null));
          }}
        />
        <span>
          <span className="field-label">{t('settings.auto')}</span>
          <span className="field-hint">{t('settings.autoHint')}</span>
        </span>
      </label>
      <div className="settings-data-row">
        <div className="field settings-grow" aria-live="polite">
          <span data-testid={TEST_IDS.settingsUpdateState} data-phase={unavailable ? 'unavailable' : phase}>{stateText}</span>
          {status?.failure && (
            <span className="field-hint" data-testid={TEST_IDS.settingsUpdateFailure}>{t(`settings.failure.${status.failure}`)}</span>
          )}
          {phase === 'ready' && status?.heldBy && <span className="field-hint">{t(`heldBy.${status.heldBy}`)}</span>}
        </div>
        {phase === 'ready' ? (
          <button
            type="button"
            className="button primary"
            data-testid={TEST_IDS.settingsUpdateRestart}
            disabled={busy === 'install' || Boolean(status?.heldBy)}
            onClick={() => void install().then(showError)}
          >
            {t('actions.restart')}
          </button>
        ) : phase === 'available' ? (
          <button type="button" className="button primary" onClick={() => void openReleasesPage().then(showError)}>
            {t('actions.openReleases')}
          </button>
        ) : (
          <button
            type="button"
            className="button"
            data-testid={TEST_IDS.settingsUpdateCheck}
            disabled={!status || unavailable || busy === 'check' || phase === 'checking' || phase === 'downloading'}
            onClick={() => void check().then(showError)}
          >
            {busy === 'check' || phase === 'checking' ? t('actions.checking') : t('actions.check')}
          </button>
        )}
      </div>
    </Section>
  );
}
