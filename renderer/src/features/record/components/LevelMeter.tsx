import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../../../shared/testids';

/** Input level (−60…0 dBFS) with a clipping light. `data-level` carries the position for tests and tools. */
export function LevelMeter({ level, clipping, active }: { level: number; clipping: boolean; active: boolean }) {
  const { t } = useTranslation('record');
  const percent = Math.round(level * 100);
  return (
    <div className="level-meter">
      <span className="level-label" aria-hidden>{t('recorder.level')}</span>
      <div
        className="level-track"
        role="meter"
        aria-label={t('recorder.level')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid={TEST_IDS.recordLevel}
        data-level={level.toFixed(3)}
        data-clipping={clipping ? 'true' : 'false'}
        data-active={active ? 'true' : 'false'}
      >
        <div className="level-fill" style={{ clipPath: `inset(0 ${100 - percent}% 0 0)` }} />
      </div>
      <span className={`clip-light${clipping ? ' on' : ''}`} aria-live="polite">
        {clipping ? t('recorder.clipping') : ''}
      </span>
    </div>
  );
}
