import { ShieldAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../shared/testids';

/**
 * Shown on every screen while Chromium runs without its sandbox, which electron-builder's AppImage
 * launcher turns off by itself where user namespaces are restricted: never silently.
 */
export function SandboxBanner() {
  const { t } = useTranslation();
  return (
    <div className="callout warning app-banner" role="status" data-testid={TEST_IDS.sandboxBanner}>
      <ShieldAlert size={18} aria-hidden />
      <div className="callout-body">
        <span className="callout-title">{t('sandbox.title')}</span>
        <p>{t('sandbox.body')}</p>
      </div>
    </div>
  );
}
