import { Bookmark, Languages, Play, Square } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type SynthesisSettings } from '../../../../../shared/ipc/routes/synthesis';
import { MAX_TRY_TEXT_CHARS, REALTIME_OPTION_RANGES } from '../../../../../shared/synthesis';
import { hasVoiceOptions, isOmniModel, LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE, LANGUAGE_TYPES, SYNTHESIS_MAX_CHARS, type LanguageType } from '../../../../../shared/models';
import { TEST_IDS } from '../../../../../shared/testids';
import { formatNumber } from '../../../format';
import { languageTypeLabel } from '../language-label';
import { sampleTextsFor } from '../sample-texts';
import { languageSuggestion } from '../../../text-language';
import { selectedVoice, useTry } from '../try-store';
import { VoicePicker } from './VoicePicker';

type OptionName = 'speechRate' | 'volume' | 'pitchRate';
const OPTIONS: Array<{ name: OptionName; label: string; testId: string }> = [
  { name: 'speechRate', label: 'form.speechRate', testId: TEST_IDS.trySpeechRate },
  { name: 'volume', label: 'form.volume', testId: TEST_IDS.tryVolume },
  { name: 'pitchRate', label: 'form.pitch', testId: TEST_IDS.tryPitch },
];

function RealtimeOptions({ settings }: { settings: SynthesisSettings }) {
  const { t, i18n } = useTranslation('try');
  const setSettings = useTry((state) => state.setSettings);
  const running = useTry((state) => state.run !== null);
  const number = (value: number) => formatNumber(i18n.language, value, 1);
  const reset = () => setSettings({
    speechRate: REALTIME_OPTION_RANGES.speechRate.default,
    volume: REALTIME_OPTION_RANGES.volume.default,
    pitchRate: REALTIME_OPTION_RANGES.pitchRate.default,
  });
  return (
    <fieldset className="try-options" disabled={running}>
      <legend className="field-label">{t('form.options')}</legend>
      {OPTIONS.map(({ name, label, testId }) => {
        const range = REALTIME_OPTION_RANGES[name];
        const value = settings[name] ?? range.default;
        return (
          <label key={name} className="try-option">
            <span>{t(label)}</span>
            <input
              type="range"
              data-testid={testId}
              min={range.min}
              max={range.max}
              step={range.step}
              value={value}
              onChange={(event) => setSettings({ [name]: Number(event.target.value) })}
            />
            <output className="try-option-value">{name === 'volume' ? number(value) : `${number(value)}×`}</output>
          </label>
        );
      })}
      <button type="button" className="button try-options-reset" onClick={reset}>{t('form.reset')}</button>
    </fieldset>
  );
}

export function ComposeCard() {
  const { t, i18n } = useTranslation('try');
  const ids = { text: useId(), language: useId() };
  const state = useTry();
  const voice = selectedVoice(state);
  const running = state.run !== null;
  const realtime = voice ? hasVoiceOptions(voice.voice.targetModel) : false;
  // Omni is asked in words to read the text (§7): it takes no language, speed, volume or pitch.
  const omni = voice ? isOmniModel(voice.voice.targetModel) : false;
  const number = (value: number) => formatNumber(i18n.language, value);
  const samples = sampleTextsFor(state.settings.languageType, voice?.voice.language ?? null, i18n.language);
  const canSpeak = Boolean(voice) && !running && state.text.trim() !== '';
  const voiceLanguage = voice?.voice.language ? LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE[voice.voice.language] : null;
  const suggestion = languageSuggestion(state.text, state.settings.languageType, voiceLanguage);
  const languageName = (type: LanguageType) => languageTypeLabel(type, i18n.language, t('form.languageAuto'));

  return (
    <section className="card try-compose" aria-label={t('form.title')}>
      <VoicePicker />

      <div className="field">
        <label htmlFor={ids.text}>{t('form.text')}</label>
        <textarea
          id={ids.text}
          className="textarea try-text"
          data-testid={TEST_IDS.tryText}
          value={state.text}
          maxLength={MAX_TRY_TEXT_CHARS}
          placeholder={t('form.placeholder')}
          onChange={(event) => state.setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && canSpeak) void state.speak();
          }}
        />
        <div className="try-text-foot">
          <span className="field-hint">{t('form.splitHint', { max: number(SYNTHESIS_MAX_CHARS) })}</span>
          <span className="field-hint try-count">
            {t('form.count', { length: number([...state.text].length), max: number(MAX_TRY_TEXT_CHARS) })}
          </span>
        </div>
      </div>

      {!omni && <div className="field try-language">
        <label htmlFor={ids.language}>{t('form.language')}</label>
        <select
          id={ids.language}
          className="select"
          data-testid={TEST_IDS.tryLanguage}
          value={state.settings.languageType}
          disabled={running}
          onChange={(event) => state.setSettings({ languageType: event.target.value as LanguageType })}
        >
          {LANGUAGE_TYPES.map((type) => (
            <option key={type} value={type}>{languageTypeLabel(type, i18n.language, t('form.languageAuto'))}</option>
          ))}
        </select>
      </div>}
      {!omni && suggestion && (
        // The text's script and the chosen language disagree: the voice would read it badly.
        <div className="callout warning try-language-warning" role="status" data-testid={TEST_IDS.tryLanguageWarning}>
          <Languages size={18} aria-hidden />
          <div className="callout-body">
            <p>{t('form.languageMismatch', { text: languageName(suggestion), chosen: languageName(state.settings.languageType) })}</p>
            <button type="button" className="button" data-testid={TEST_IDS.tryLanguageFix} disabled={running}
              onClick={() => state.setSettings({ languageType: suggestion })}>
              {t('form.useLanguage', { language: languageName(suggestion) })}
            </button>
          </div>
        </div>
      )}

      <div className="field">
        <span className="field-label">{t('form.samples')}</span>
        <div className="try-samples">
          {samples.map((sample) => (
            <button key={sample} type="button" className="try-sample" data-testid={TEST_IDS.trySampleText} onClick={() => state.setText(sample)}>
              {sample}
            </button>
          ))}
        </div>
      </div>

      {realtime ? <RealtimeOptions settings={state.settings} /> : voice && <p className="field-hint">{t(omni ? 'form.omniNoOptions' : 'form.httpNoOptions')}</p>}

      <div className="try-actions sticky-actions">
        {running ? (
          <button type="button" className="button danger" data-testid={TEST_IDS.tryCancel} onClick={() => void state.cancel()}>
            <Square size={16} aria-hidden /> {t('form.stop')}
          </button>
        ) : (
          <button type="button" className="button primary" data-testid={TEST_IDS.trySubmit} disabled={!canSpeak} onClick={() => void state.speak()}>
            <Play size={16} aria-hidden /> {t('form.speak')}
          </button>
        )}
        <button type="button" className="button" data-testid={TEST_IDS.tryKeepDraft} disabled={state.text.trim() === ''} onClick={state.keepDraft}>
          <Bookmark size={16} aria-hidden /> {t('form.keep')}
        </button>
      </div>
    </section>
  );
}
