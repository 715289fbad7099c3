import { ClipboardPaste, ExternalLink, LoaderCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { API_KEY_PAGES } from '../../../../shared/models';
import { TEST_IDS } from '../../../../shared/testids';
import { useApp } from '../../app-store';
import { toast } from '../../components/toast-store';
import { describeError } from '../../i18n';
import { ConnectionVerdict } from '../settings/ConnectionVerdict';
import { useSettings } from '../settings/settings-store';

/**
 * The key step done in place: main reads the key from the clipboard, stores it and tests it, and
 * the verdict shows here. Settings stays the place for everything else (region, removal, Advanced).
 */
export function KeyPaste() {
  const { t } = useTranslation('onboarding');
  const region = useApp((state) => state.preferences.region);
  const { busy, verdict, pasteKey, testConnection } = useSettings();
  const consoleRegion = region === 'custom' ? 'cn-beijing' : region;

  async function paste() {
    const error = (await pasteKey(region)) ?? (await testConnection({ region }));
    if (error) toast.error(describeError(t, error));
  }

  return (
    <div className="guide-key-paste">
      <button type="button" className="button primary" data-testid={TEST_IDS.onboardingPasteKey} disabled={busy !== null} onClick={() => void paste()}>
        {busy ? <LoaderCircle size={16} aria-hidden className="spin" /> : <ClipboardPaste size={16} aria-hidden />} {t('steps.key.paste')}
      </button>
      <a href={API_KEY_PAGES[consoleRegion]} target="_blank" rel="noreferrer" className="guide-link">
        {t('steps.key.getKey', { region: t(`common:regions.${consoleRegion}`) })} <ExternalLink size={12} aria-hidden />
      </a>
      {verdict && verdict.region === region && verdict.verdict !== 'ok' && (
        <ConnectionVerdict result={verdict} keyWasTyped={false} onSwitchRegion={(next) => void useApp.getState().updatePreferences({ region: next })} />
      )}
    </div>
  );
}
