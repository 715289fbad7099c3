import { Lock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../shared/testids';
import { timbre } from '../api';

/** Shown on every screen while the data folder cannot be written: nothing the user changes is kept. */
export function ReadOnlyBanner({ dataDir }: { dataDir: string }) {
  const { t } = useTranslation();
  return (
    <div className="callout warning read-only-banner" role="alert" data-testid={TEST_IDS.readOnlyBanner}>
      <Lock size={18} aria-hidden />
      <div className="callout-body">
        <span className="callout-title">{t('readOnly.title')}</span>
        <p>{t('readOnly.body', { folder: dataDir })}</p>
        <button type="button" className="button" onClick={() => void timbre().app.openDataFolder()}>{t('readOnly.openFolder')}</button>
      </div>
    </div>
  );
}
