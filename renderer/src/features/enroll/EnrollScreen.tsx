import { useTranslation } from 'react-i18next';
import { useApp } from '../../app-store';
import { ScreenHeader } from '../../components/ScreenHeader';

/** The enrollment form for one sample (`useApp().enrollSampleId`). */
export function EnrollScreen() {
  const { t } = useTranslation();
  const sampleId = useApp((state) => state.enrollSampleId);
  return (
    <>
      <ScreenHeader title={t('screens.enroll.title')} subtitle={t('screens.enroll.subtitle')} />
      <div className="empty-state">{sampleId ?? t('placeholder')}</div>
    </>
  );
}
