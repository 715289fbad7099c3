/** Labels the Library and the enrollment form share: models, languages, statuses. */
import type { TFunction } from 'i18next';
import { languageName } from '../../format';
import type { VoiceStatus } from '../../../../shared/catalog';
import { isRealtimeModel, type SampleLanguage, type TargetModel } from '../../../../shared/models';

/** "Realtime · 2026-01-15" / "实时 · 2026-01-15": the kind of model and its date, which is what tells them apart. */
export function modelLabel(t: TFunction, model: TargetModel): string {
  const date = /(\d{4}-\d{2}-\d{2})$/.exec(model)?.[1] ?? model;
  return t(isRealtimeModel(model) ? 'library:model.realtime' : 'library:model.http', { date });
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
