import { useTranslation } from 'react-i18next';
import { ScreenHeader } from '../../components/ScreenHeader';

export function TryScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeader title={t('screens.try.title')} subtitle={t('screens.try.subtitle')} />
      <div className="empty-state">{t('placeholder')}</div>
    </>
  );
}
