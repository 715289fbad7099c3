import { useTranslation } from 'react-i18next';
import { ScreenHeader } from '../../components/ScreenHeader';

export function RecordScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeader title={t('screens.record.title')} subtitle={t('screens.record.subtitle')} />
      <div className="empty-state">{t('placeholder')}</div>
    </>
  );
}
