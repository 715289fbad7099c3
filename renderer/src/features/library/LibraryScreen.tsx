import { useTranslation } from 'react-i18next';
import { ScreenHeader } from '../../components/ScreenHeader';

export function LibraryScreen() {
  const { t } = useTranslation();
  return (
    <>
      <ScreenHeader title={t('screens.library.title')} subtitle={t('screens.library.subtitle')} />
      <div className="empty-state">{t('placeholder')}</div>
    </>
  );
}
