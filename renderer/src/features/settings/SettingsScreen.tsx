import { useTranslation } from 'react-i18next';
import { ScreenHeader } from '../../components/ScreenHeader';

export function SettingsScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeader title={t('screens.settings.title')} subtitle={t('screens.settings.subtitle')} />
      <div className="empty-state">{t('placeholder')}</div>
    </>
  );
}
