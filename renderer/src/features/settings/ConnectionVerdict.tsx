import { ArrowRight, CircleAlert, CircleCheck, KeyRound, MapPin, Power, WifiOff, type LucideIcon } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConnectionResult } from '../../../../shared/ipc/routes/settings';
import type { ConnectionVerdict as Verdict } from '../../../../shared/settings';
import type { Region } from '../../../../shared/models';
import { TEST_IDS } from '../../../../shared/testids';
import { useApp } from '../../app-store';
import { describeError } from '../../i18n';

const LOOK: Record<Verdict, { icon: LucideIcon; tone: 'success' | 'warning' | 'danger' }> = {
  ok: { icon: CircleCheck, tone: 'success' },
  'invalid-key': { icon: KeyRound, tone: 'danger' },
  'wrong-region': { icon: MapPin, tone: 'warning' },
  offline: { icon: WifiOff, tone: 'warning' },
  'not-activated': { icon: Power, tone: 'warning' },
  error: { icon: CircleAlert, tone: 'danger' },
};

/** What "Test connection" found, in words the user can act on. */
export function ConnectionVerdict({ result, keyWasTyped, onSwitchRegion }: {
  result: ConnectionResult;
  /** The tested key is still in the form, so switching region and saving stores it in the right place. */
  keyWasTyped: boolean;
  onSwitchRegion(region: Region): void;
}) {
  const { t } = useTranslation('settings');
  const go = useApp((state) => state.go);
  // The verdict answers a click on Save or Test: bring it into view, even in a short window.
  const box = useRef<HTMLDivElement>(null);
  // (A block body: newer Chromium returns a promise from scrollIntoView, which React would take for a cleanup.)
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);
  const { icon: Icon, tone } = LOOK[result.verdict];
  const region = t(`common:regions.${result.region}`);
  // DashScope's own words (English), as a clue for support; transport failures have none.
  const serverMessage = typeof result.error?.details?.serverMessage === 'string' ? result.error.details.serverMessage : '';
  const keyRegion = result.keyRegion ? t(`common:regions.${result.keyRegion}`) : '';
  const body = (() => {
    switch (result.verdict) {
      case 'ok':
        return result.voiceCount === undefined ? t('verdict.okBody', { region }) : t('verdict.okVoices', { region, count: result.voiceCount });
      case 'wrong-region':
        return t(keyWasTyped ? 'verdict.wrongRegionBodyTyped' : 'verdict.wrongRegionBodyStored', { region, keyRegion });
      case 'offline':
        // Only a custom address can be mistyped; for Beijing and Singapore the network is the suspect.
        return t(result.region === 'custom' ? 'verdict.offlineBodyCustom' : 'verdict.offlineBody');
      case 'error':
        return result.error ? describeError(t, result.error) : '';
      default:
        return t(`verdict.${result.verdict}Body`, { region });
    }
  })();
  return (
    <div ref={box} className={`callout ${tone}`} data-testid={TEST_IDS.settingsTestResult} data-verdict={result.verdict} role="status" aria-live="polite">
      <Icon size={20} aria-hidden />
      <div className="callout-body">
        <p className="callout-title">{t(`verdict.${result.verdict}`, { keyRegion })}</p>
        <p>{body}</p>
        {result.verdict !== 'ok' && serverMessage && <p className="field-hint">{t('verdict.serverSaid', { message: serverMessage })}</p>}
        {result.verdict === 'wrong-region' && result.keyRegion && (
          <button type="button" className="button" data-testid={TEST_IDS.settingsSwitchRegion} onClick={() => onSwitchRegion(result.keyRegion!)}>
            <MapPin size={16} aria-hidden /> {t('verdict.switchRegion', { keyRegion })}
          </button>
        )}
        {result.verdict === 'ok' && (
          // A working key is the end of this screen's job: say where the path goes on.
          <button type="button" className="button primary" data-testid={TEST_IDS.settingsNextStep} onClick={() => go('record')}>
            {t('verdict.next')} <ArrowRight size={16} aria-hidden />
          </button>
        )}
      </div>
    </div>
  );
}
