import { AlertTriangle, RotateCcw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../../../shared/testids';
import { describeError } from '../../../i18n';
import { useRecord, type Problem } from '../record-store';

/** A failed save, import or decode, explained on screen until dismissed or retried. */
export function ProblemNotice({ problem }: { problem: Problem }) {
  const { t } = useTranslation('record');
  const dismiss = useRecord((state) => state.dismissProblem);
  const retrySave = useRecord((state) => state.retrySave);
  const canRetry = useRecord((state) => problem.kind === 'saveFailed' && state.unsaved !== null);
  const busy = useRecord((state) => state.busy);
  const title = problem.name || !['importFailed', 'decodeFailed'].includes(problem.kind)
    ? t(`problems.${problem.kind}.title`, { name: problem.name })
    : t(`problems.${problem.kind}.titleNoName`);
  return (
    <div className="callout danger" role="alert" data-testid={TEST_IDS.sampleProblem} data-kind={problem.kind} data-code={problem.error?.code}>
      <AlertTriangle size={18} aria-hidden />
      <div className="callout-body">
        <strong>{title}</strong>
        <p>{problem.error ? describeError(t, problem.error) : t(`problems.${problem.kind}.body`)}</p>
      </div>
      <div className="notice-actions">
        {canRetry && (
          <button type="button" className="button primary" disabled={busy !== null} onClick={() => void retrySave()}>
            <RotateCcw size={16} aria-hidden /> {t('problems.retry')}
          </button>
        )}
        <button type="button" className="button" onClick={dismiss}>{t('problems.dismiss')}</button>
      </div>
    </div>
  );
}
