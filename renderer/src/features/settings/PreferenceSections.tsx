import { FolderOpen, Info, Monitor, Moon, Palette, SlidersHorizontal, Sun, type LucideIcon } from 'lucide-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { THEMES, UI_LANGUAGES, type Theme } from '../../../../shared/settings';
import { TARGET_MODELS, type SampleLanguage, type TargetModel } from '../../../../shared/models';
import { TEST_IDS } from '../../../../shared/testids';
import { timbre } from '../../api';
import { useApp } from '../../app-store';
import { toast } from '../../components/toast-store';
import { describeError } from '../../i18n';
import { languageOptions } from '../../language-options';

export function Section({ icon: Icon, title, intro, children }: { icon: LucideIcon; title: string; intro?: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="card settings-card" aria-labelledby={titleId}>
      <div className="settings-card-head">
        <Icon size={20} aria-hidden className="settings-card-icon" />
        <div>
          <h2 id={titleId}>{title}</h2>
          {intro && <p className="muted">{intro}</p>}
        </div>
      </div>
      <div className="settings-form">{children}</div>
    </section>
  );
}

export function DefaultsSection() {
  const { t, i18n } = useTranslation('settings');
  const ids = { language: useId() };
  const preferences = useApp((state) => state.preferences);
  const updatePreferences = useApp((state) => state.updatePreferences);
  return (
    <Section icon={SlidersHorizontal} title={t('defaults.title')} intro={t('defaults.intro')}>
      <fieldset className="settings-fieldset">
        <legend className="field-label">{t('defaults.model')}</legend>
        <div className="settings-models" role="radiogroup" data-testid={TEST_IDS.settingsDefaultModel}>
          {TARGET_MODELS.map((model: TargetModel) => (
            <label key={model} className="settings-model" data-selected={preferences.defaultTargetModel === model}>
              <input
                type="radio"
                name="default-target-model"
                value={model}
                checked={preferences.defaultTargetModel === model}
                onChange={() => void updatePreferences({ defaultTargetModel: model })}
              />
              <span className="settings-model-text">
                {/* What the model is for first; its id is for developers, in small print. */}
                <span className="settings-model-name">{t(`enroll:models.purpose.${model}`)}</span>
                <span className="field-hint">{t(`defaults.models.${model}`)}</span>
                <span className="field-hint mono">{model}</span>
              </span>
            </label>
          ))}
        </div>
        <p className="field-hint settings-note">{t('defaults.separateClones')}</p>
      </fieldset>
      <div className="field settings-narrow">
        <label htmlFor={ids.language}>{t('defaults.sampleLanguage')}</label>
        <select
          id={ids.language}
          className="select"
          data-testid={TEST_IDS.settingsSampleLanguage}
          value={preferences.defaultSampleLanguage ?? ''}
          onChange={(event) => void updatePreferences({ defaultSampleLanguage: (event.target.value || null) as SampleLanguage | null })}
        >
          <option value="">{t('defaults.sampleLanguageInterface')}</option>
          {languageOptions(i18n.language).map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
        </select>
        <span className="field-hint">{t('defaults.sampleLanguageHint')}</span>
      </div>
    </Section>
  );
}

const THEME_ICONS: Record<Theme, LucideIcon> = { system: Monitor, light: Sun, dark: Moon };

export function AppearanceSection() {
  const { t } = useTranslation('settings');
  const ids = { language: useId() };
  const preferences = useApp((state) => state.preferences);
  const updatePreferences = useApp((state) => state.updatePreferences);
  return (
    <Section icon={Palette} title={t('appearance.title')}>
      <div className="field settings-narrow">
        <label htmlFor={ids.language}>{t('appearance.language')}</label>
        <select
          id={ids.language}
          className="select"
          data-testid={TEST_IDS.settingsUiLanguage}
          value={preferences.uiLanguage}
          onChange={(event) => void updatePreferences({ uiLanguage: event.target.value as (typeof UI_LANGUAGES)[number] })}
        >
          {UI_LANGUAGES.map((language) => <option key={language} value={language}>{t(`appearance.languages.${language}`)}</option>)}
        </select>
      </div>
      <fieldset className="settings-fieldset">
        <legend className="field-label">{t('appearance.theme')}</legend>
        <div className="settings-segmented" role="radiogroup" data-testid={TEST_IDS.settingsTheme}>
          {THEMES.map((theme) => {
            const Icon = THEME_ICONS[theme];
            return (
              <label key={theme} className="settings-segment" data-selected={preferences.theme === theme}>
                <input
                  type="radio"
                  name="theme"
                  value={theme}
                  checked={preferences.theme === theme}
                  onChange={() => void updatePreferences({ theme })}
                />
                <Icon size={16} aria-hidden /> {t(`appearance.themes.${theme}`)}
              </label>
            );
          })}
        </div>
      </fieldset>
    </Section>
  );
}

export function DataSection() {
  const { t } = useTranslation('settings');
  const info = useApp((state) => state.info);
  const openDataFolder = async () => {
    const result = await timbre().app.openDataFolder();
    if (!result.ok) toast.error(describeError(t, result.error));
  };
  return (
    <Section icon={Info} title={t('data.title')}>
      <div className="settings-data-row">
        <div className="field settings-grow">
          <span className="field-label">{t('data.location')}</span>
          <code className="settings-path mono" data-testid={TEST_IDS.settingsDataDir}>{info?.dataDir ?? '…'}</code>
          <span className="field-hint">{t('data.locationHint')}</span>
        </div>
        <button type="button" className="button" data-testid={TEST_IDS.settingsOpenDataFolder} onClick={() => void openDataFolder()}>
          <FolderOpen size={16} aria-hidden /> {t('data.open')}
        </button>
      </div>
      <div className="field">
        <span className="field-label">{t('data.version')}</span>
        <span data-testid={TEST_IDS.settingsVersion}>{t('data.versionValue', { version: info?.version ?? '…' })}</span>
      </div>
    </Section>
  );
}
