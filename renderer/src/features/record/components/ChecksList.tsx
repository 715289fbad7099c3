import { CircleAlert, CircleCheck, CircleX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { SampleCheck } from '../../../../../shared/catalog';
import { TEST_IDS } from '../../../../../shared/testids';

const ICONS = { pass: CircleCheck, warn: CircleAlert, block: CircleX } as const;

/** Which message a check shows: its issue, its place (pauses), same-signal stereo, or its status. */
function variantOf(check: SampleCheck): string {
  if (typeof check.values.issue === 'string') return check.values.issue;
  if (check.name === 'pauses' && check.status === 'warn') return String(check.values.where);
  if (check.name === 'channels' && check.values.same === 'yes') return 'same';
  return check.status;
}

export function ChecksList({ checks }: { checks: SampleCheck[] }) {
  const { t } = useTranslation('record');
  // Blockers first, then warnings: what needs doing is read first.
  const order = { block: 0, warn: 1, pass: 2 };
  const sorted = [...checks].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <ul className="checks" data-testid={TEST_IDS.sampleChecks}>
      {sorted.map((check) => {
        const Icon = ICONS[check.status];
        const variant = variantOf(check);
        const values = check.values;
        return (
          <li key={check.name} className={`check ${check.status}`} data-check={check.name} data-status={check.status}>
            <Icon size={18} className="check-icon" aria-hidden />
            <div className="check-body">
              <div className="check-title">
                <strong>{t(`checks.${check.name}.label`)}</strong>
                <span className={`badge ${check.status === 'pass' ? 'success' : check.status === 'warn' ? 'warning' : 'danger'}`}>{t(`status.${check.status}`)}</span>
              </div>
              <p className="check-reason">{t(`checks.${check.name}.${variant}`, values)}</p>
              {check.status !== 'pass' && <p className="check-fix muted">{t(`checks.${check.name}.${variant}Fix`, values)}</p>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
