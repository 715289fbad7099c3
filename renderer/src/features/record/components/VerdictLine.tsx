import { CircleAlert, CircleCheck, CircleX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { verdictOf } from '../../../../../shared/audio/checks';
import type { SampleCheck } from '../../../../../shared/catalog';
import { TEST_IDS } from '../../../../../shared/testids';
import { variantOf } from './ChecksList';

const LOOK = {
  pass: { Icon: CircleCheck, callout: 'success' },
  warn: { Icon: CircleAlert, callout: 'warning' },
  block: { Icon: CircleX, callout: 'danger' },
} as const;

/** The sample's verdict in one line ("Ready to clone" / "Will work, could be better: …" / "Can't be cloned: …"). */
export function VerdictLine({ checks }: { checks: SampleCheck[] }) {
  const { t } = useTranslation('record');
  const { verdict, because } = verdictOf(checks);
  const { Icon, callout } = LOOK[verdict];
  const [first] = because;
  const reason = first ? t(`headline.${first.name}.${variantOf(first)}`) : '';
  const reasons = because.length > 1 ? t('verdict.more', { reason, count: because.length - 1 }) : reason;
  return (
    <div className={`callout ${callout} verdict`} data-testid={TEST_IDS.sampleVerdict} data-verdict={verdict} role="status">
      <Icon size={20} aria-hidden />
      <div className="callout-body">
        <strong className="callout-title">{t(`verdict.${verdict}`, { reason: reasons })}</strong>
        <span>{t(`verdict.${verdict}Hint`)}</span>
      </div>
    </div>
  );
}
