import { CircleAlert, CircleCheck, CircleX, Scissors, Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { NO_FIXES, fixesFor, type FixSet } from '../../../../../shared/audio/fixes';
import type { SampleCheck } from '../../../../../shared/catalog';
import { TEST_IDS } from '../../../../../shared/testids';
import type { Trim } from '../audio-pipeline';

const ICONS = { pass: CircleCheck, warn: CircleAlert, block: CircleX } as const;

/** Which message a check shows: its issue, or its status. */
export function variantOf(check: SampleCheck): string {
  return typeof check.values.issue === 'string' ? check.values.issue : check.status;
}

/** The trim a second-voice warning offers (the main speaker's longest stretch), if it offers one. */
function keptVoice(check: SampleCheck): Trim | null {
  const { keepStart, keepEnd } = check.values;
  return check.name === 'speakers' && check.status === 'warn' && typeof keepStart === 'number' && typeof keepEnd === 'number' ? { start: keepStart, end: keepEnd } : null;
}

/**
 * The individual checks behind the verdict, blockers first. A check that the fixes turned into a
 * pass says so; advice fits where the sample came from (an import is not "recorded again"). With
 * `onTrim`, a second-voice warning offers to trim to the main voice.
 */
export function ChecksList({ checks, withoutFixes = checks, fixes = NO_FIXES, imported = false, onTrim }: {
  checks: SampleCheck[];
  /** The same checks without the fixes (absent for a stored sample: nothing to compare). */
  withoutFixes?: SampleCheck[];
  fixes?: FixSet;
  /** Imported rather than recorded: advice never says "record again". */
  imported?: boolean;
  onTrim?: (trim: Trim) => void;
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
        const keep = onTrim && keptVoice(check);
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
              {keep && (
                <button type="button" className="button check-action" data-testid={TEST_IDS.sampleKeepMainVoice} onClick={() => onTrim(keep)}>
                  <Scissors size={14} aria-hidden /> {t(`checks.${check.name}.keep`)}
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
