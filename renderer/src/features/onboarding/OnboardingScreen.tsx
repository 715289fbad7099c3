import { ArrowRight, Check, CircleAlert, HardDrive, KeyRound, LoaderCircle, Mic, ShieldCheck, Sparkles, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { TEST_IDS } from '../../../../shared/testids';
import { useApp } from '../../app-store';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useSettings } from '../settings/settings-store';
import { KeyPaste } from './KeyPaste';
import { doneCount, GUIDE_STEPS, stepDone, useGuide, useOnboarding, type GuideStep } from './onboarding-store';
import './onboarding.css';

const STEP_ICONS: Record<GuideStep, LucideIcon> = { key: KeyRound, sample: Mic, voice: Sparkles };

type StepStatus = 'done' | 'pending' | 'failed' | 'todo';

/** Where each step's button leads, and what it says, given what the user has already done. */
function useStepAction(step: GuideStep): { label: string; run(): void } {
  const { t } = useTranslation('onboarding');
  const { go, openEnroll } = useApp.getState();
  const progress = useOnboarding();
  if (step === 'key') return { label: t(progress.hasKey ? 'steps.key.again' : 'steps.key.action'), run: () => go('settings') };
  if (step === 'sample') return { label: t(progress.sampleCount > 0 ? 'steps.sample.again' : 'steps.sample.action'), run: () => go('record') };
  if (progress.voice === 'ready') return { label: t('steps.voice.try'), run: () => go('try') };
  const sampleId = progress.sampleToClone;
  if (sampleId) return { label: t('steps.voice.action'), run: () => openEnroll(sampleId) };
  if (progress.voice !== 'none') return { label: t('steps.voice.library'), run: () => go('library') };
  return { label: t('steps.voice.needsSample'), run: () => go('record') };
}

function StepCard({ step, number, status, next }: { step: GuideStep; number: number; status: StepStatus; next: boolean }) {
  const { t } = useTranslation('onboarding');
  const region = useApp((state) => state.preferences.region);
  const sampleCount = useOnboarding((state) => state.sampleCount);
  const action = useStepAction(step);
  // A key that is stored but refused stays in view with its verdict and the way to paste another.
  const keyFailed = useSettings((state) => state.verdict !== null && state.verdict.region === region && state.verdict.verdict !== 'ok');
  const Icon = STEP_ICONS[step];
  const detail = status !== 'done'
    ? null
    : step === 'key'
      ? t('steps.key.done', { region: t(`common:regions.${region}`) })
      : step === 'sample' ? t('steps.sample.done', { count: sampleCount }) : t('steps.voice.done');
  const titleId = `guide-step-${step}`;
  return (
    <li className={`card guide-step is-${status}${next ? ' is-next' : ''}`} data-testid={TEST_IDS.onboardingStep} data-step={step} data-done={status === 'done'} aria-labelledby={titleId}>
      <div className="guide-step-head">
        <span className="guide-step-number" aria-hidden>
          {status === 'done' ? <Check size={18} strokeWidth={3} /> : number}
        </span>
        <span className={`badge ${{ done: 'success', pending: 'accent', failed: 'danger', todo: '' }[status]}`}>
          {status === 'pending' && <LoaderCircle size={12} className="spin" aria-hidden />}
          {status === 'failed' && <CircleAlert size={12} aria-hidden />}
          {t(`status.${status}`)}
        </span>
      </div>
      <h2 id={titleId}>
        <Icon size={18} aria-hidden className="guide-step-icon" />
        <span className="visually-hidden">{t('stepNumber', { number })} </span>
        {t(`steps.${step}.title`)}
      </h2>
      <p className="muted">{t(`steps.${step}.body`)}</p>
      {detail && <p className="guide-step-detail">{detail}</p>}
      {step === 'key' && (status !== 'done' || keyFailed) && <KeyPaste />}
      <button type="button" className={next && step !== 'key' ? 'button primary' : 'button'} data-testid={TEST_IDS.onboardingStepAction} onClick={action.run}>
        {action.label} <ArrowRight size={16} aria-hidden />
      </button>
    </li>
  );
}

/** The first-run guide: add a key, record a sample, clone it. Skippable, and reopened from the sidebar. */
export function OnboardingScreen() {
  const { t } = useTranslation('onboarding');
  const progress = useGuide();
  const onboardingDone = useApp((state) => state.preferences.onboardingDone);
  const updatePreferences = useApp((state) => state.updatePreferences);
  const go = useApp((state) => state.go);
  const count = doneCount(progress);
  const total = GUIDE_STEPS.length;
  const allDone = count === total;
  const statusOf = (step: GuideStep): StepStatus => {
    if (stepDone(progress, step)) return 'done';
    if (step === 'key' && progress.keyRefused) return 'failed';
    if (step === 'voice' && (progress.voice === 'pending' || progress.voice === 'failed')) return progress.voice;
    return 'todo';
  };
  const nextStep = progress.loaded ? GUIDE_STEPS.find((step) => !stepDone(progress, step)) : undefined;

  const leave = async () => {
    if (!onboardingDone && !(await updatePreferences({ onboardingDone: true }))) return;
    go(progress.voice === 'ready' ? 'library' : 'record');
  };

  return (
    <div className="guide" data-testid={TEST_IDS.onboarding}>
      <ScreenHeader title={t('title')} subtitle={t('subtitle')} />
      <div className="guide-progress-row">
        <div className="guide-progress" role="progressbar" aria-label={t('progressLabel')} aria-valuemin={0} aria-valuemax={total} aria-valuenow={count} aria-valuetext={t('progress', { done: count, total })}>
          <div className="guide-progress-fill" style={{ width: `${(count / total) * 100}%` }} />
        </div>
        <p className="guide-progress-text" role="status">{progress.loaded ? t('progress', { done: count, total }) : ''}</p>
      </div>
      <ol className="guide-steps">
        {GUIDE_STEPS.map((step, index) => (
          <StepCard key={step} step={step} number={index + 1} status={statusOf(step)} next={step === nextStep} />
        ))}
      </ol>
      <ul className="guide-promises">
        <li><ShieldCheck size={16} aria-hidden /> {t('promises.key')}</li>
        <li><HardDrive size={16} aria-hidden /> {t('promises.local')}</li>
      </ul>
      <div className="guide-footer">
        {allDone ? (
          <button type="button" className="button primary" data-testid={TEST_IDS.onboardingFinish} onClick={() => void leave()}>
            <Check size={16} aria-hidden /> {t('finish')}
          </button>
        ) : (
          <button type="button" className="button" data-testid={TEST_IDS.onboardingSkip} onClick={() => void leave()}>
            {onboardingDone ? t('close') : t('skip')}
          </button>
        )}
        <span className="field-hint">{t('reopenHint')}</span>
      </div>
    </div>
  );
}
