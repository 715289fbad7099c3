import { CircleAlert, CircleCheck, CircleX, Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { NO_FIXES, fixesFor, type FixSet } from '../../../../../shared/audio/fixes';
import type { SampleCheck } from '../../../../../shared/catalog';
import { TEST_IDS } from '../../../../../shared/testids';

const ICONS = { pass: CircleCheck, warn: CircleAlert, block: CircleX } as const;

/** Which message a check shows: its issue, or its status. */
export function variantOf(check: SampleCheck): string {
  return typeof check.values.issue === 'string' ? check.values.issue : check.status;
}

/**
 * The individual checks behind the verdict, blockers first. A check that the fixes turned into a
 * pass says so; advice fits where the sample came from (an import is not "recorded again").
 */
export function ChecksList({ checks, withoutFixes = checks, fixes = NO_FIXES, imported = false }: {
  checks: SampleCheck[];
  /** The same checks without the fixes (absent for a stored sample: nothing to compare). */
  withoutFixes?: SampleCheck[];
  fixes?: FixSet;
  /** Imported rather than recorded: advice never says "record again". */
  imported?: boolean;
}) {
  const { t } = useTranslation('record');
  const order = { block: 0, warn: 1, pass: 2 };
  const sorted = [...checks].sort((a, b) => order[a.status] - order[b.status]);
  const before = new Map(withoutFixes.map((check) => [check.name, check]));
  /** The applied fixes that turned this check into a pass, if it was not one without them. */
  const mendedBy = (check: SampleCheck) => (check.status === 'pass' ? fixesFor(before.get(check.name) ?? check).filter((fix) => fixes[fix]) : []);
  return (
    <ul className="checks" data-testid={TEST_IDS.sampleChecks}>
      {sorted.map((check) => {
        const Icon = ICONS[check.status];
        const variant = variantOf(check);
        const values = check.values;
        const mended = mendedBy(check);
        return (
          <li key={check.name} className={`check ${check.status}`} data-check={check.name} data-status={check.status} data-mended={mended.length ? 'true' : undefined}>
            <Icon size={18} className="check-icon" aria-hidden />
            <div className="check-body">
              <div className="check-title">
                <strong>{t(`checks.${check.name}.label`)}</strong>
                <span className={`badge ${check.status === 'pass' ? 'success' : check.status === 'warn' ? 'warning' : 'danger'}`}>{t(`status.${check.status}`)}</span>
              </div>
              <p className="check-reason">{t(`checks.${check.name}.${variant}`, values)}</p>
              {mended.length > 0 && (
                <p className="check-mended">
                  <Sparkles size={14} aria-hidden /> {t('fixes.mendedBy', { fix: mended.map((fix) => t(`fixes.${fix}.label`)).join(' + ') })}
                </p>
              )}
              {check.status !== 'pass' && (
                <p className="check-fix muted">{t(`checks.${check.name}.${variant}Fix`, { ...values, context: imported ? 'imported' : undefined })}</p>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
