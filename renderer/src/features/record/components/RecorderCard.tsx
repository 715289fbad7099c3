import { AlertTriangle, Mic, Square, X } from 'lucide-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ENROLLMENT_AUDIO } from '../../../../../shared/models';
import { TEST_IDS } from '../../../../../shared/testids';
import { useApp } from '../../../app-store';
import { formatClock } from '../format';
import { useRecord } from '../record-store';
import { useSampleLanguage, useTranscript } from '../sample-language';
import { useMicrophones } from '../useMicrophones';
import { useRecorder, type MicProblem } from '../useRecorder';
import { LevelMeter } from './LevelMeter';
import { RoomNotice } from './RoomNotice';

const COUNT_IN_SECONDS = 3;

/** Space and Esc act on the recorder unless the user is typing or on another control. */
function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'].includes(target.tagName));
}

export function RecorderCard() {
  const { t } = useTranslation('record');
  const platform = useApp((state) => state.info?.platform ?? 'other');
  const deviceId = useRecord((state) => state.deviceId);
  const voiceProcessing = useRecord((state) => state.voiceProcessing);
  const setPrefs = useRecord((state) => state.setPrefs);
  const saveRecording = useRecord((state) => state.saveRecording);
  const busy = useRecord((state) => state.busy);
  const language = useSampleLanguage();
  const { text } = useTranscript();
  const { microphones, refresh } = useMicrophones();

  const { view, start, stop, cancel, dismissProblem } = useRecorder({
    deviceId,
    voiceProcessing,
    maxSeconds: ENROLLMENT_AUDIO.maxSeconds,
    countInSeconds: COUNT_IN_SECONDS,
    onRecorded: (blob, heard) => void saveRecording(blob, language, text, heard),
    onStreamOpened: () => void refresh(),
  });
  const { phase } = view;
  const live = phase === 'countdown' || phase === 'recording';
  const idle = phase === 'idle' && busy === null;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.repeat || isTypingTarget(event.target)) return;
      if (event.code === 'Space') {
        event.preventDefault();
        if (phase === 'recording') stop();
        else if (idle) void start();
      } else if (event.code === 'Escape' && live) {
        cancel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [phase, idle, live, start, stop, cancel]);

  // Labels are only known after permission; a remembered device that is gone falls back to the default.
  const knownLabels = microphones.some((mic) => mic.label !== '');
  const savedMissing = deviceId !== null && knownLabels && !microphones.some((mic) => mic.deviceId === deviceId);
  const selectedDevice = savedMissing ? '' : (deviceId ?? '');
  const max = ENROLLMENT_AUDIO.maxSeconds;
  const statusText = {
    idle: busy === 'saving' ? t('recorder.finishing') : t('recorder.ready'),
    opening: t('recorder.opening'),
    countdown: t('recorder.getReady'),
    recording: t('recorder.recording'),
    finishing: t('recorder.finishing'),
  }[phase];

  return (
    <section className="card recorder-card" aria-label={t('tabs.record')}>
      <div className="field">
        <label htmlFor="record-microphone">{t('recorder.microphone')}</label>
        <select
          id="record-microphone"
          className="select"
          data-testid={TEST_IDS.recordMicrophone}
          value={selectedDevice}
          disabled={!idle}
          onChange={(event) => setPrefs({ deviceId: event.target.value || null })}
        >
          <option value="">{t('recorder.systemDefault')}</option>
          {microphones.map((mic, index) => (
            <option key={mic.deviceId} value={mic.deviceId}>{mic.label || t('recorder.unnamedMicrophone', { number: index + 1 })}</option>
          ))}
        </select>
        {savedMissing && <span className="field-hint">{t('recorder.savedMicMissing')}</span>}
      </div>

      <div className={`recorder-stage phase-${phase}`}>
        <div className="record-button-wrap">
          {phase === 'recording' || phase === 'finishing' ? (
            <button type="button" className="record-button stop" data-testid={TEST_IDS.recordStop} onClick={stop} disabled={phase === 'finishing'} aria-label={t('recorder.stop')}>
              <Square size={30} aria-hidden fill="currentColor" />
            </button>
          ) : phase === 'countdown' ? (
            <div className="record-button counting" data-testid={TEST_IDS.recordCountdown} aria-live="assertive">{view.countdown}</div>
          ) : (
            <button type="button" className="record-button" data-testid={TEST_IDS.recordStart} onClick={() => void start()} disabled={!idle} aria-label={t('recorder.start')}>
              <Mic size={34} aria-hidden />
            </button>
          )}
          {live && (
            <button type="button" className="button record-cancel" data-testid={TEST_IDS.recordCancel} onClick={cancel}>
              <X size={16} aria-hidden /> {t('recorder.cancel')}
            </button>
          )}
        </div>
        <div className="recorder-readout">
          <div className={`recorder-status${phase === 'recording' ? ' live' : ''}`} role="status">{statusText}</div>
          <div className="recorder-timer" data-testid={TEST_IDS.recordTimer} data-seconds={(Math.floor(view.elapsed * 10) / 10).toFixed(1)}>
            {formatClock(view.elapsed)}
          </div>
          <TimeTrack elapsed={view.elapsed} max={max} />
          <LevelMeter level={view.level} clipping={view.clipping} active={live} />
          <p className="muted recorder-keys">{t('recorder.keys')}</p>
        </div>
      </div>

      {live && <RoomNotice room={view.room} quietInput={view.quietInput} />}
      {view.problem && <MicProblemNotice problem={view.problem} platform={platform} onDismiss={dismissProblem} />}

      <div className="recorder-limits">
        <h3>{t('recorder.limitsTitle')}</h3>
        <ul>
          <li>{t('recorder.limitRecommended')}</li>
          <li>{t('recorder.limitMinimum')}</li>
          <li>{t('recorder.limitMaximum')}</li>
          <li>{t('recorder.limitQuiet')}</li>
        </ul>
      </div>

      <label className="toggle-row">
        <input
          type="checkbox"
          data-testid={TEST_IDS.recordVoiceProcessing}
          checked={voiceProcessing}
          disabled={!idle}
          onChange={(event) => setPrefs({ voiceProcessing: event.target.checked })}
        />
        <span>
          <span className="field-label">{t('recorder.processing')}</span>
          <span className="field-hint">{t('recorder.processingHint')}</span>
        </span>
      </label>
    </section>
  );
}

/** 0 → 60 s with the recommended 10–20 s zone marked, so the user sees where to stop. */
function TimeTrack({ elapsed, max }: { elapsed: number; max: number }) {
  const { t } = useTranslation('record');
  const at = (seconds: number) => `${(seconds / max) * 100}%`;
  return (
    <div className="time-track" aria-hidden>
      <div className="time-zone" style={{ left: at(ENROLLMENT_AUDIO.recommendedMinSeconds), width: at(ENROLLMENT_AUDIO.recommendedMaxSeconds - ENROLLMENT_AUDIO.recommendedMinSeconds) }}>
        <span>{t('recorder.recommendedZone')}</span>
      </div>
      <div className="time-progress" style={{ width: at(Math.min(elapsed, max)) }} />
      <span className="time-end">{t('recorder.autoStop', { time: formatClock(max, false) })}</span>
    </div>
  );
}

function MicProblemNotice({ problem, platform, onDismiss }: { problem: MicProblem; platform: string; onDismiss(): void }) {
  const { t } = useTranslation('record');
  return (
    <div className="callout danger" role="alert" data-testid={TEST_IDS.recordProblem} data-problem={problem}>
      <AlertTriangle size={18} aria-hidden />
      <div className="callout-body">
        <strong>{t(`mic.${problem}.title`)}</strong>
        <p>{t(`mic.${problem}.body`, { context: platform })}</p>
      </div>
      <button type="button" className="button" onClick={onDismiss}>{t('mic.dismiss')}</button>
    </div>
  );
}
