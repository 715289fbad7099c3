import { useTranslation } from 'react-i18next';
import { ScreenHeader } from '../../components/ScreenHeader';
import { ApiKeySection } from './ApiKeySection';
import { AppearanceSection, DataSection, DefaultsSection } from './PreferenceSections';
import { UpdatesSection } from './UpdatesSection';
import './settings.css';

export function SettingsScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeader title={t('screens.settings.title')} subtitle={t('screens.settings.subtitle')} />
      <div className="settings-screen">
        <ApiKeySection />
        <DefaultsSection />
        <AppearanceSection />
        <UpdatesSection />
        <DataSection />
      </div>
    </>
  );
}
