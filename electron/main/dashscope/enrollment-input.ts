/**
 * Checks on a create request that DashScope would refuse anyway, done before anything is sent
 * (no upload of megabytes to learn the name was wrong) and with a code the UI can explain.
 */
import {
  ENROLLMENT_AUDIO, PREFERRED_NAME_PATTERN, SAMPLE_LANGUAGES, isTargetModel, type SampleLanguage, type TargetModel,
} from '../../../shared/models';
import { DASHSCOPE_ERROR, DashScopeError } from './errors';

/** Data-URL media types DashScope accepts for cloning (§2). */
export const ENROLLMENT_MEDIA_TYPES = ['audio/wav', 'audio/mpeg', 'audio/mp4'] as const;
export type EnrollmentMediaType = (typeof ENROLLMENT_MEDIA_TYPES)[number];

/** The sample as a base64 data URL, or a public https link DashScope downloads itself. */
export type EnrollmentAudio = { dataUrl: string } | { url: string };

export function toDataUrl(bytes: Uint8Array, mime: EnrollmentMediaType): string {
  return `data:${mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`;
}

export function checkPreferredName(preferredName: string): void {
  if (!PREFERRED_NAME_PATTERN.test(preferredName)) {
    throw new DashScopeError(DASHSCOPE_ERROR.invalidPreferredName,
      `The voice name "${preferredName}" must be 1-16 letters, digits or underscores`, { details: { preferredName } });
  }
}

export function checkTargetModel(targetModel: string): asserts targetModel is TargetModel {
  if (!isTargetModel(targetModel)) {
    throw new DashScopeError(DASHSCOPE_ERROR.unknownTargetModel, `Unknown target model "${targetModel}"`, { details: { targetModel } });
  }
}

export function checkLanguage(language: string | undefined): asserts language is SampleLanguage | undefined {
  if (language !== undefined && !(SAMPLE_LANGUAGES as readonly string[]).includes(language)) {
    throw new DashScopeError(DASHSCOPE_ERROR.invalidRequest, `Unknown sample language "${language}"`, { details: { field: 'language', value: language } });
  }
}

const DATA_URL_HEAD = /^data:([^;,]*)((?:;[^;,]*)*);base64,/i;

function checkDataUrl(dataUrl: string): void {
  const head = DATA_URL_HEAD.exec(dataUrl);
  const mediaType = head?.[1].toLowerCase() ?? '';
  if (!head || !(ENROLLMENT_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
    throw new DashScopeError(DASHSCOPE_ERROR.unsupportedAudioType,
      `The sample must be a base64 data URL of type ${ENROLLMENT_MEDIA_TYPES.join(', ')}`, { details: { mediaType: mediaType || 'unknown' } });
  }
  // A data URL is ASCII, so its length is its size in bytes.
  if (dataUrl.length > ENROLLMENT_AUDIO.maxDataUrlBytes) {
    // Rounded up, so a sample just over the limit never reads as "10 MB".
    const sizeMb = Math.ceil(dataUrl.length / 10_000) / 100;
    const maxMb = ENROLLMENT_AUDIO.maxDataUrlBytes / 1_000_000;
    throw new DashScopeError(DASHSCOPE_ERROR.audioTooLarge, `The encoded sample is ${sizeMb} MB; DashScope accepts under ${maxMb} MB`, {
      details: { sizeMb, maxMb },
    });
  }
}

/** Hosts DashScope's servers could never download from. */
function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || /\.(localhost|local|internal|lan|home)$/.test(host)) return true;
  if (!host.includes('.') && !host.includes(':')) return true; // a bare intranet name
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host)?.slice(1).map(Number);
  if (v4) {
    const [a, b] = v4;
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31)
      || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  return host === '::' || host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host);
}

function checkAudioUrl(url: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  if (!parsed || parsed.protocol !== 'https:' || isPrivateHost(parsed.hostname)) {
    throw new DashScopeError(DASHSCOPE_ERROR.audioUrlNotPublic, 'The sample link must be a public https:// address', {
      details: { reason: !parsed ? 'invalid' : parsed.protocol !== 'https:' ? 'not_https' : 'private_host' },
    });
  }
}

/** Validates the sample and returns the string that goes into `input.audio.data`. */
export function audioData(audio: EnrollmentAudio): string {
  if ('dataUrl' in audio) {
    checkDataUrl(audio.dataUrl);
    return audio.dataUrl;
  }
  checkAudioUrl(audio.url);
  return audio.url;
}
