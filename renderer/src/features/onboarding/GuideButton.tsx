import { Compass } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../../shared/testids';
import { useApp } from '../../app-store';
import { doneCount, GUIDE_STEPS, useGuide } from './onboarding-store';
import { useGuideProgress } from './use-guide-progress';
import './onboarding.css';

/** Sidebar entry to the first-run guide; shows how far the user is until the guide is finished or skipped. */
export function GuideButton() {
  const { t } = useTranslation('onboarding');
  const screen = useApp((state) => state.screen);
  const go = useApp((state) => state.go);
  const guideDone = useApp((state) => state.preferences.onboardingDone);
  const region = useApp((state) => state.preferences.region);
  const progress = useGuide();
  useGuideProgress(screen === 'onboarding' || !guideDone, region);
  const showProgress = !guideDone && progress.loaded;
  const count = doneCount(progress);
  return (
    <button
      type="button"
      className="nav-item guide-button"
      data-testid={TEST_IDS.onboardingOpen}
      data-progress={showProgress ? count : undefined}
      aria-current={screen === 'onboarding' ? 'page' : undefined}
      onClick={() => go('onboarding')}
    >
      <Compass size={18} aria-hidden />
      <span>{t('open')}</span>
      {showProgress && (
        <>
          <span className="badge accent" aria-hidden>{t('fraction', { done: count, total: GUIDE_STEPS.length })}</span>
          <span className="visually-hidden">{t('progress', { done: count, total: GUIDE_STEPS.length })}</span>
        </>
      )}
    </button>
  );
}
