import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { TryVoice } from '../../../../../shared/ipc/routes/synthesis';
import { isOmniModel, isRealtimeModel, TARGET_MODELS } from '../../../../../shared/models';
import { TRY_VOICES_SHOWN } from '../../../../../shared/synthesis';
import { TEST_IDS } from '../../../../../shared/testids';
import { useApp } from '../../../app-store';
import { languageName } from '../../../format';
import { selectedVoice, useTry } from '../try-store';

/** How a model speaks, as its badge names it. */
function kindOf(model: string) {
  if (isOmniModel(model)) return isRealtimeModel(model) ? 'voice.assistantRealtime' : 'voice.assistant';
  return isRealtimeModel(model) ? 'voice.realtime' : 'voice.http';
}

export function VoicePicker() {
  const { t, i18n } = useTranslation('try');
  const id = useId();
  const voices = useTry((state) => state.voices);
  const voiceQuery = useTry((state) => state.voiceQuery);
  const matching = useTry((state) => state.voicesMatching);
  const speakable = useTry((state) => state.voicesSpeakable);
  const findVoices = useTry((state) => state.findVoices);
  const voiceId = useTry((state) => state.voiceId);
  const running = useTry((state) => state.run !== null);
  const selectVoice = useTry((state) => state.selectVoice);
  const activeRegion = useApp((state) => state.preferences.region);
  const current = selectedVoice({ voices, voiceId });
  const label = (item: TryVoice) =>
    item.voice.language ? `${item.voice.displayName} · ${languageName(i18n.language, item.voice.language)}` : item.voice.displayName;

  // The list holds the newest voices; past that many, a search finds the others (in main).
  const searchable = speakable > TRY_VOICES_SHOWN || voiceQuery !== '';
  const found = voiceQuery.trim() === ''
    ? t('voice.findHint', { shown: TRY_VOICES_SHOWN, total: speakable })
    : matching === 0 ? t('voice.noneFound', { query: voiceQuery.trim() }) : t('voice.found', { count: matching });

  return (
    <div className="field">
      {searchable && (
        <>
          <label htmlFor={`${id}-find`}>{t('voice.find')}</label>
          <input
            id={`${id}-find`}
            className="input"
            type="search"
            data-testid={TEST_IDS.tryVoiceFind}
            value={voiceQuery}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-found`}
            onChange={(event) => findVoices(event.target.value)}
          />
          <p id={`${id}-found`} className="muted try-voice-found" role="status">{found}</p>
        </>
      )}
      <label htmlFor={id}>{t('voice.label')}</label>
      <select
        id={id}
        className="select"
        data-testid={TEST_IDS.tryVoice}
        value={voiceId ?? ''}
        disabled={running}
        onChange={(event) => selectVoice(event.target.value)}
      >
        {TARGET_MODELS.map((model) => {
          const group = voices.filter((item) => item.voice.targetModel === model);
          if (group.length === 0) return null;
          return (
            <optgroup key={model} label={`${model} · ${t(kindOf(model))}`}>
              {group.map((item) => (
                <option key={item.voice.id} value={item.voice.id}>{label(item)}</option>
              ))}
            </optgroup>
          );
        })}
      </select>
      {current && (
        <div className="try-voice-meta">
          <span className={isRealtimeModel(current.voice.targetModel) ? 'badge accent' : 'badge'}>{t(kindOf(current.voice.targetModel))}</span>
          <span className="mono muted">{current.voice.targetModel}</span>
        </div>
      )}
      {current && current.voice.region !== activeRegion && (
        <p className="callout warning try-warning" role="note">
          {t('voice.regionMismatch', { voiceRegion: t(`common:regions.${current.voice.region}`), activeRegion: t(`common:regions.${activeRegion}`) })}
        </p>
      )}
    </div>
  );
}
