/**
 * The one error type the DashScope client throws, and the mapping from everything that can go
 * wrong (a refusal before sending, a DashScope error body, a transport failure) to a stable code.
 *
 * Codes are what the renderer translates (`errors` namespace, en and zh-CN); they never change
 * meaning once shipped. Naming: `dashscope.<what>` for refusals (ours or the service's) and for
 * broken exchanges, `network.<what>` for failures below HTTP. `details` always carries `status`, `requestId` and `dashscopeCode` when
 * known, plus the values the translated messages interpolate (noted next to each code).
 */
import { TimbreError } from '../../../shared/errors';
import { redact } from '../foundation/log';

export const DASHSCOPE_ERROR = {
  // Refused by the client before anything is sent.
  missingApiKey: 'dashscope.missing_api_key',
  /** details: preferredName */
  invalidPreferredName: 'dashscope.invalid_preferred_name',
  /** details: targetModel */
  unknownTargetModel: 'dashscope.unknown_target_model',
  /** details: mediaType */
  unsupportedAudioType: 'dashscope.unsupported_audio_type',
  /** details: sizeMb, maxMb */
  audioTooLarge: 'dashscope.audio_too_large',
  /** A link that is not https, or points at a private/local host DashScope cannot reach. */
  audioUrlNotPublic: 'dashscope.audio_url_not_public',
  /** details: model, voiceTargetModel */
  modelMismatch: 'dashscope.model_mismatch',
  /** A malformed call (empty text, unknown language, option out of range). details: field */
  invalidRequest: 'dashscope.invalid_request',

  // Answered by DashScope with an error body.
  /** 401 InvalidApiKey. details: region */
  invalidKey: 'dashscope.invalid_key',
  /** 429 Throttling*. details: seconds (when the server sent Retry-After) */
  throttled: 'dashscope.throttled',
  arrearage: 'dashscope.arrearage',
  accessDenied: 'dashscope.access_denied',
  freeTierExhausted: 'dashscope.free_tier_exhausted',
  contentBlocked: 'dashscope.content_blocked',
  modelNotFound: 'dashscope.model_not_found',
  voiceNotFound: 'dashscope.voice_not_found',
  /** The voice exists but this model cannot use it (e.g. made for another target model). */
  invalidVoice: 'dashscope.invalid_voice',
  invalidParameter: 'dashscope.invalid_parameter',
  /**
   * The account holds as many voices as it may (§3.3: 1,000 per account; 400 Throttling.AllocationQuota).
   * Never retried: only deleting voices frees a slot.
   */
  voiceQuotaReached: 'dashscope.voice_quota_reached',
  /** details: tooLittleSpeech when the service said no stretch of speech was long enough */
  audioPreprocessFailed: 'dashscope.audio_preprocess_failed',
  audioTooLong: 'dashscope.audio_too_long',
  audioSampleRateTooLow: 'dashscope.audio_sample_rate_too_low',
  audioUndecodable: 'dashscope.audio_undecodable',
  serverError: 'dashscope.server_error',
  unavailable: 'dashscope.unavailable',
  /** An error code this client does not know. details: dashscopeCode, serverMessage */
  unknown: 'dashscope.unknown',

  // The exchange itself went wrong.
  /** A 2xx answer that is not the JSON we expect. */
  badResponse: 'dashscope.bad_response',
  /** An API call answered with a redirect: Timbre never follows one (it would re-send the key and audio elsewhere). details: status when known */
  redirected: 'dashscope.redirected',
  /** An answer larger than Timbre reads. details: maxMb */
  answerTooLarge: 'dashscope.answer_too_large',
  /** A streamed synthesis ended before its final event. */
  streamIncomplete: 'dashscope.stream_incomplete',
  /** The synthesized audio could not be downloaded from its result URL. details: status */
  audioDownloadFailed: 'dashscope.audio_download_failed',
  cancelled: 'dashscope.cancelled',
  /** DNS failure or no route (the OS may still say online: DNS, a VPN or a captive portal is broken). */
  offline: 'network.offline',
  refused: 'network.refused',
  /** The system proxy (or its PAC script) could not be used, or would not pass the request on. */
  proxy: 'network.proxy',
  connectionLost: 'network.connection_lost',
  tls: 'network.tls',
  /** A request got no answer in time. details: seconds */
  timeout: 'network.timeout',
  /** A stream (SSE or realtime) sent nothing for too long. details: seconds */
  streamIdle: 'network.stream_idle',
  /** A stream still running at its overall cap. details: minutes */
  streamDeadline: 'network.stream_deadline',
  failed: 'network.failed',
} as const;

export type DashScopeErrorCode = (typeof DASHSCOPE_ERROR)[keyof typeof DASHSCOPE_ERROR];

export interface DashScopeErrorOptions {
  retryable?: boolean;
  status?: number;
  requestId?: string;
  dashscopeCode?: string;
  /** Extra values for the translated message; never secrets or audio. */
  details?: Record<string, unknown>;
  /** How long the server asked us to wait (Retry-After). */
  retryAfterMs?: number;
  /** The request may have taken effect although we got no usable answer (ambiguous outcome). */
  mayHaveSucceeded?: boolean;
  cause?: unknown;
}

export class DashScopeError extends TimbreError {
  declare readonly code: DashScopeErrorCode;
  readonly status?: number;
  readonly requestId?: string;
  readonly dashscopeCode?: string;
  readonly retryAfterMs?: number;
  readonly mayHaveSucceeded: boolean;

  constructor(code: DashScopeErrorCode, message: string, options: DashScopeErrorOptions = {}) {
    const details: Record<string, unknown> = { ...options.details };
    if (options.status !== undefined) details.status = options.status;
    if (options.requestId) details.requestId = options.requestId;
    if (options.dashscopeCode) details.dashscopeCode = options.dashscopeCode;
    super(code, message, { details, retryable: options.retryable ?? false, cause: options.cause });
    this.name = 'DashScopeError';
    this.status = options.status;
    this.requestId = options.requestId;
    this.dashscopeCode = options.dashscopeCode;
    this.retryAfterMs = options.retryAfterMs;
    this.mayHaveSucceeded = options.mayHaveSucceeded ?? false;
  }

  /** The same error with more details (e.g. `maybeCreated`), keeping everything else. */
  withDetails(extra: Record<string, unknown>): DashScopeError {
    return this.copy({ details: { ...this.details, ...extra } });
  }

  /** The same error, marked as possibly having taken effect (e.g. a 502 after the voice was stored). */
  asUnclearOutcome(): DashScopeError {
    return this.copy({ mayHaveSucceeded: true });
  }

  private copy(changes: Partial<DashScopeErrorOptions>): DashScopeError {
    return new DashScopeError(this.code, this.message, {
      retryable: this.retryable,
      status: this.status,
      requestId: this.requestId,
      dashscopeCode: this.dashscopeCode,
      retryAfterMs: this.retryAfterMs,
      mayHaveSucceeded: this.mayHaveSucceeded,
      details: this.details,
      cause: this.cause,
      ...changes,
    });
  }
}

export const isDashScopeError = (value: unknown): value is DashScopeError => value instanceof DashScopeError;

/** A DashScope error body (§3.1); realtime error events carry the same fields under `error`. */
export interface ServiceErrorBody {
  code?: string;
  message?: string;
  request_id?: string;
}

export interface ServiceErrorContext {
  region: string;
  retryAfterMs?: number;
  requestId?: string;
  /** Keys to scrub from server text (a proxy may echo the Authorization header). */
  secrets?: readonly string[];
}

/** Longest server text kept: error details never carry unbounded input. */
const MAX_SERVER_TEXT = 500;

/**
 * Server text as it may be stored, logged and shown: known keys removed (before cutting, so no
 * part of a key survives), length bounded. The whole answer is at most a few MB (http.ts).
 */
export function serverText(value: unknown, secrets: readonly string[] = []): string {
  return typeof value === 'string' ? redact(value, secrets).slice(0, MAX_SERVER_TEXT) : '';
}

/** Fields that carry a payload (base64 audio, the result's address): redacted, but never cut, or the audio would break. */
const PAYLOAD_FIELDS = new Set(['data', 'delta', 'url']);
/** DashScope's answers nest a few levels; anything deeper is no answer of theirs and is dropped, not walked. */
const MAX_ANSWER_DEPTH = 32;

/**
 * A parsed answer (JSON body, SSE event, realtime event) as Timbre may keep and show it: every
 * string in it, under any name and at any depth, has been through serverText, so a field that
 * DashScope or a proxy adds later is scrubbed before any code reads it.
 */
export function serverAnswer(value: unknown, secrets: readonly string[], depth = 0, field = ''): unknown {
  if (typeof value === 'string') return PAYLOAD_FIELDS.has(field) ? redact(value, secrets) : serverText(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_ANSWER_DEPTH) return null;
  if (Array.isArray(value)) return value.map((item) => serverAnswer(item, secrets, depth + 1));
  // fromEntries defines own properties, so a "__proto__" field stays a field.
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [serverText(name, secrets), serverAnswer(item, secrets, depth + 1, name)]));
}

/**
 * The account's voice limit worded another way than the documented 400 Throttling.AllocationQuota
 * (§3.3): recognised by what it says about voices, whatever its code or status.
 */
const VOICE_QUOTA_CODE = /voice.*(limit|quota|exceed|count)|(limit|quota|exceed).*voice/i;
/** Words about how many voices, not about one voice's audio ("voice sample exceeds 60 s" is no quota). */
const VOICE_QUOTA_MESSAGE = /\bvoices?\b.*\b(quota|count|number)\b|\b(quota|count|number|maximum)\b.*\bvoices\b|音色.*(上限|数量|配额)/i;

const REGION_NAMES: Record<string, string> = {
  'cn-beijing': 'China (Beijing)',
  'ap-southeast-1': 'International (Singapore)',
  custom: 'custom',
};

/** Maps a DashScope error (`status` may be 0 for realtime error events) to our code, by `code` first, then by HTTP status. */
export function fromServiceError(status: number, body: ServiceErrorBody | undefined, context: ServiceErrorContext): DashScopeError {
  const secrets = context.secrets ?? [];
  const dashscopeCode = serverText(body?.code, secrets) || undefined;
  const serverMessage = serverText(body?.message, secrets);
  const requestId = serverText(body?.request_id, secrets) || serverText(context.requestId, secrets) || undefined;
  const base = { status: status || undefined, requestId, dashscopeCode, details: { serverMessage } as Record<string, unknown> };
  const describe = (what: string) => `${what} (${[dashscopeCode, serverMessage].filter(Boolean).join(': ') || `HTTP ${status}`})`;
  const make = (code: DashScopeErrorCode, what: string, extra: Partial<DashScopeErrorOptions> = {}) =>
    new DashScopeError(code, describe(what), { ...base, ...extra, details: { ...base.details, ...extra.details } });
  const c = dashscopeCode ?? '';

  if (c === 'InvalidApiKey' || status === 401) {
    const regionName = REGION_NAMES[context.region] ?? context.region;
    return make(DASHSCOPE_ERROR.invalidKey,
      `DashScope (${regionName}) rejected the API key. Keys are region-bound: a key from the other region is refused`,
      { details: { region: context.region } });
  }
  if (status >= 300 && status < 400) return redirectedError(status, requestId);
  const byCode: Array<[(code: string) => boolean, DashScopeErrorCode, string, boolean?]> = [
    [(x) => x === 'Audio.PreprocessError', DASHSCOPE_ERROR.audioPreprocessFailed, 'The sample could not be used for cloning'],
    [(x) => x === 'Audio.DurationLimitError', DASHSCOPE_ERROR.audioTooLong, 'The sample is longer than 60 seconds'],
    [(x) => x === 'Audio.AudioRateError', DASHSCOPE_ERROR.audioSampleRateTooLow, 'The sample rate is below 24 kHz'],
    [(x) => x === 'Audio.DecoderError', DASHSCOPE_ERROR.audioUndecodable, 'The sample could not be decoded'],
    [(x) => x === 'Arrearage', DASHSCOPE_ERROR.arrearage, 'The account has an overdue payment'],
    [(x) => x === 'AllocationQuota.FreeTierOnly', DASHSCOPE_ERROR.freeTierExhausted, 'The free quota is used up'],
    [(x) => x.startsWith('AccessDenied') || x.endsWith('.AccessDenied'), DASHSCOPE_ERROR.accessDenied, 'Access denied'],
    [(x) => x === 'DataInspectionFailed', DASHSCOPE_ERROR.contentBlocked, 'Content moderation blocked the request'],
    [(x) => x === 'ModelNotFound' || x === 'NotFound', DASHSCOPE_ERROR.modelNotFound, 'Model not found'],
    [(x) => x === 'BadRequest.VoiceNotFound', DASHSCOPE_ERROR.voiceNotFound, 'Voice not found'],
    [(x) => x === 'ModelUnavailable', DASHSCOPE_ERROR.unavailable, 'The model is temporarily unavailable', true],
    [(x) => x.startsWith('InternalError') || ['SystemError', 'RequestTimeOut', 'ModelServingError'].includes(x),
      DASHSCOPE_ERROR.serverError, 'DashScope had an internal error', true],
  ];
  // A code this client knows (e.g. Audio.*) is never re-read as the quota from its wording.
  const known = byCode.some(([matches]) => c !== '' && matches(c));
  // §3.3 (S32): a full account is 400 Throttling.AllocationQuota; the same code with 429 is rate limiting.
  const fullAccount = c === 'Throttling.AllocationQuota' && status === 400;
  if (fullAccount || (!known && (VOICE_QUOTA_CODE.test(c) || VOICE_QUOTA_MESSAGE.test(serverMessage)))) {
    return make(DASHSCOPE_ERROR.voiceQuotaReached, 'The account has reached its limit of cloned voices');
  }
  if (c.startsWith('Throttling') || status === 429) {
    const seconds = context.retryAfterMs === undefined ? undefined : Math.ceil(context.retryAfterMs / 1000);
    return make(DASHSCOPE_ERROR.throttled, 'DashScope is rate limiting requests', {
      retryable: true, retryAfterMs: context.retryAfterMs, details: seconds === undefined ? {} : { seconds },
    });
  }
  // S10: "No segments meet minimum duration requirement" is too little continuous speech, not a transcript mismatch.
  if (c === 'Audio.PreprocessError' && /minimum duration/i.test(serverMessage)) {
    return make(DASHSCOPE_ERROR.audioPreprocessFailed, 'The sample has too little continuous speech', { details: { tooLittleSpeech: true } });
  }
  for (const [matches, code, what, retryable] of byCode) {
    if (c && matches(c)) return make(code, what, { retryable: retryable ?? false });
  }
  // "Invalid voice specified" is what a voice on the wrong model gets (§5 S28); it has no code of its own.
  if (/invalid voice/i.test(serverMessage)) return make(DASHSCOPE_ERROR.invalidVoice, 'This model cannot use the voice');
  if (c === 'InvalidParameter' || c === 'InvalidURL' || c.startsWith('BadRequest') || c.startsWith('invalid_')) {
    return make(DASHSCOPE_ERROR.invalidParameter, 'DashScope rejected a parameter');
  }
  if (status === 403) return make(DASHSCOPE_ERROR.accessDenied, 'Access denied');
  if (status === 404) return make(DASHSCOPE_ERROR.modelNotFound, 'Not found');
  if (status === 503) return make(DASHSCOPE_ERROR.unavailable, 'DashScope is temporarily unavailable', { retryable: true });
  if (status >= 500) return make(DASHSCOPE_ERROR.serverError, 'DashScope had a server error', { retryable: true });
  if (status === 400 && !c) return make(DASHSCOPE_ERROR.invalidParameter, 'DashScope rejected the request');
  // The message names the code, so there must be one to show even when the body had none.
  return make(DASHSCOPE_ERROR.unknown, 'DashScope returned an unexpected error', { details: { dashscopeCode: dashscopeCode ?? `HTTP ${status}` } });
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EADDRNOTAVAIL']);
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ERR_STREAM_PREMATURE_CLOSE']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const isTlsCode = (code: string) => /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/.test(code);

/** What went wrong below HTTP, whichever network stack said so. */
type TransportKind = 'offline' | 'refused' | 'proxy' | 'tls' | 'connect-timeout' | 'timeout' | 'lost';

/**
 * Electron's `net.fetch` fails with `new Error("net::ERR_…")`: no `code`, no `cause`
 * (electron lib/common/api/net-client-request.ts, from `net::ErrorToString`). The names are
 * Chromium's (net/base/net_error_list.h); one absent here is `network.failed`.
 */
const CHROMIUM_ERROR = /\bnet::ERR_([A-Z0-9_]+)/;
const CHROMIUM_OFFLINE = new Set([
  'NAME_NOT_RESOLVED', 'NAME_RESOLUTION_FAILED', 'INTERNET_DISCONNECTED', 'ADDRESS_UNREACHABLE', 'ADDRESS_INVALID',
  'CONNECTION_FAILED', 'NETWORK_ACCESS_DENIED', 'HOST_RESOLVER_QUEUE_TOO_LARGE', 'ICANN_NAME_COLLISION',
]);
const CHROMIUM_LOST = new Set([
  'CONNECTION_RESET', 'CONNECTION_CLOSED', 'CONNECTION_ABORTED', 'EMPTY_RESPONSE', 'SOCKET_NOT_CONNECTED', 'NETWORK_CHANGED',
  'NETWORK_IO_SUSPENDED', 'CONTENT_LENGTH_MISMATCH', 'INCOMPLETE_CHUNKED_ENCODING', 'RESPONSE_HEADERS_TRUNCATED', 'QUIC_PROTOCOL_ERROR',
]);

function chromiumKind(name: string): TransportKind | undefined {
  // First: PROXY_CERTIFICATE_INVALID is the proxy's certificate, so the proxy setting is what to check.
  if (/PROXY|^PAC_|^SOCKS_|^TUNNEL_CONNECTION_FAILED$/.test(name)) return 'proxy';
  if (/^(CERT|SSL|CT|ECH|TLS13)_|^CERTIFICATE_|CLIENT_AUTH|^INVALID_ECH_|^QUIC_CERT_|^NO_SSL_VERSIONS_ENABLED$|^INSECURE_RESPONSE$/.test(name)) return 'tls';
  if (name === 'CONNECTION_REFUSED') return 'refused';
  if (CHROMIUM_OFFLINE.has(name) || name.startsWith('DNS_')) return 'offline';
  if (name === 'CONNECTION_TIMED_OUT') return 'connect-timeout';
  if (name === 'TIMED_OUT') return 'timeout';
  if (CHROMIUM_LOST.has(name) || name.startsWith('HTTP2_')) return 'lost';
  return undefined;
}

function nodeKind(codes: string[], text: string): TransportKind | undefined {
  const has = (set: Set<string>) => codes.some((code) => set.has(code));
  if (has(OFFLINE_CODES)) return 'offline';
  if (codes.includes('ECONNREFUSED')) return 'refused';
  if (codes.some(isTlsCode)) return 'tls';
  if (has(TIMEOUT_CODES)) return 'timeout';
  if (has(LOST_CODES) || /socket hang up|other side closed|terminated/i.test(text)) return 'lost';
  return undefined;
}

/**
 * Each kind's code, English message and handling. Only a request that may have reached DashScope
 * is `mayHaveSucceeded`: one that never left (no name, no route, refused, stopped at the proxy or
 * at the certificate, no connection in time) cannot have created a voice.
 */
const TRANSPORT_ERRORS: Record<TransportKind, { code: DashScopeErrorCode; what: string; retryable: boolean; mayHaveSucceeded: boolean }> = {
  offline: { code: DASHSCOPE_ERROR.offline, what: 'Cannot reach DashScope', retryable: true, mayHaveSucceeded: false },
  refused: { code: DASHSCOPE_ERROR.refused, what: 'DashScope refused the connection', retryable: true, mayHaveSucceeded: false },
  proxy: { code: DASHSCOPE_ERROR.proxy, what: 'The proxy did not pass the request on to DashScope', retryable: true, mayHaveSucceeded: false },
  tls: { code: DASHSCOPE_ERROR.tls, what: 'Secure connection to DashScope failed', retryable: false, mayHaveSucceeded: false },
  'connect-timeout': { code: DASHSCOPE_ERROR.timeout, what: 'Connecting to DashScope timed out', retryable: true, mayHaveSucceeded: false },
  timeout: { code: DASHSCOPE_ERROR.timeout, what: 'The connection to DashScope timed out', retryable: true, mayHaveSucceeded: true },
  lost: { code: DASHSCOPE_ERROR.connectionLost, what: 'The connection to DashScope was lost', retryable: true, mayHaveSucceeded: true },
};

/** Every `code` (and message) found along an error's cause chain, including AggregateError members. */
function errorCodes(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [];
  seen.add(error);
  const record = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof record.code === 'string' ? [record.code] : [];
  const members = Array.isArray(record.errors) ? record.errors.flatMap((member) => errorCodes(member, seen)) : [];
  return [...own, ...members, ...errorCodes(record.cause, seen)];
}

/** Maps a failure below HTTP (fetch rejecting, a body breaking off, a socket error) to our code. */
export function fromTransportError(error: unknown): DashScopeError {
  if (isDashScopeError(error)) return error;
  const codes = errorCodes(error);
  const text = error instanceof Error ? `${error.message} ${String((error.cause as Error | undefined)?.message ?? '')}` : String(error);
  // Electron's net.fetch refuses a redirect it was told not to follow by failing ("Redirect was
  // cancelled", or net::ERR_TOO_MANY_REDIRECTS); Node's fetch says "redirect count exceeded" after a loop. Neither is being offline.
  if (/redirect/i.test(text)) return redirectedError();
  const chromium = CHROMIUM_ERROR.exec(text);
  const transportCode = chromium ? chromium[0] : codes[0];
  const kind = chromium ? chromiumKind(chromium[1]) : nodeKind(codes, text);
  const options = { cause: error, details: { transportCode } };
  if (kind) {
    const { code, what, retryable, mayHaveSucceeded } = TRANSPORT_ERRORS[kind];
    return new DashScopeError(code, transportCode ? `${what} (${transportCode})` : what, { ...options, retryable, mayHaveSucceeded });
  }
  // Unknown transport failure: retry, and assume the request might have arrived.
  return new DashScopeError(DASHSCOPE_ERROR.failed, `Network request failed: ${text.trim()}`, { ...options, retryable: true, mayHaveSucceeded: true });
}

export function cancelledError(): DashScopeError {
  return new DashScopeError(DASHSCOPE_ERROR.cancelled, 'The request was cancelled');
}

export function timeoutError(timeoutMs: number): DashScopeError {
  return new DashScopeError(DASHSCOPE_ERROR.timeout, `DashScope did not answer within ${timeoutMs} ms`, {
    retryable: true, mayHaveSucceeded: true, details: { seconds: Math.round(timeoutMs / 1000) },
  });
}

export function streamIdleError(idleMs: number): DashScopeError {
  const seconds = Math.round(idleMs / 1000);
  return new DashScopeError(DASHSCOPE_ERROR.streamIdle, `The audio stream sent nothing for ${seconds} s`, {
    retryable: true, details: { seconds },
  });
}

export function streamDeadlineError(totalMs: number): DashScopeError {
  const minutes = Math.max(1, Math.round(totalMs / 60_000));
  return new DashScopeError(DASHSCOPE_ERROR.streamDeadline, `The audio stream was still running after ${minutes} min`, {
    retryable: false, details: { minutes },
  });
}

export function redirectedError(status?: number, requestId?: string): DashScopeError {
  const answer = status === undefined ? 'a redirect' : `a redirect (HTTP ${status})`;
  return new DashScopeError(DASHSCOPE_ERROR.redirected, `DashScope answered with ${answer}; Timbre does not follow redirects on API calls`, {
    status, requestId,
  });
}

export function answerTooLargeError(maxBytes: number): DashScopeError {
  return new DashScopeError(DASHSCOPE_ERROR.answerTooLarge, `DashScope sent an answer larger than ${maxBytes} bytes`, {
    details: { maxMb: Math.round(maxBytes / 1_000_000) },
  });
}

export function badResponseError(what: string, options: DashScopeErrorOptions = {}): DashScopeError {
  return new DashScopeError(DASHSCOPE_ERROR.badResponse, `DashScope sent an unexpected answer: ${what}`, { retryable: true, ...options });
}
