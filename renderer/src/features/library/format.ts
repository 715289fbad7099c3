/** Labels the Library and the enrollment form share: models, languages, statuses. */
import type { TFunction } from 'i18next';
import { languageName } from '../../format';
import type { VoiceStatus } from '../../../../shared/catalog';
import { isTargetModel, type SampleLanguage } from '../../../../shared/models';

/** A model by what it is for, in the words the clone form uses ("Best quality, whole clips"); one Timbre does not know by its name. */
export function modelLabel(t: TFunction, model: string): string {
  return isTargetModel(model) ? t(`enroll:models.purpose.${model}`) : t('enroll:models.unknown', { model });
}

export function languageLabel(uiLanguage: string, language: SampleLanguage | null): string {
  return language ? languageName(uiLanguage, language) : '—';
}

export const STATUS_TONE: Record<VoiceStatus, '' | 'success' | 'warning' | 'danger' | 'accent'> = {
  ready: 'success',
  queued: 'accent',
  sending: 'accent',
  'waiting-network': 'warning',
  failed: 'danger',
  'missing-remote': 'warning',
};
