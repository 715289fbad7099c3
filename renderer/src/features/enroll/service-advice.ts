/**
 * What the service said about a clone, said back as what happened to the sample and what to do:
 * the `fallback_reason` of a degraded clone (§1.1) and the advice for each `Audio.*` refusal (§3.2).
 */
import type { TFunction } from 'i18next';
import type { AppError } from '../../../../shared/errors';

/** The reasons the service documents (§1.1, S3); any other gets the general explanation. */
const FALLBACK_REASONS = ['no_merged_segments', 'no_valid_asr_segments'];

export function explainFallback(t: TFunction, reason: string): string {
  return FALLBACK_REASONS.includes(reason) ? String(t(`enroll:fallback.${reason}`)) : String(t('enroll:fallback.other'));
}

const AUDIO_ADVICE: Record<string, string> = {
  'dashscope.audio_preprocess_failed': 'preprocess',
  'dashscope.audio_too_long': 'tooLong',
  'dashscope.audio_sample_rate_too_low': 'sampleRate',
  'dashscope.audio_undecodable': 'undecodable',
};

/** What to do about a refused sample, or null when the refusal is not about the audio. */
export function audioAdvice(t: TFunction, error: AppError): string | null {
  const advice = error.details?.tooLittleSpeech === true ? 'tooLittleSpeech' : AUDIO_ADVICE[error.code];
  return advice ? String(t(`enroll:result.fix.audio.${advice}`)) : null;
}
