import { describe, expect, it } from 'vitest';
import en from '../../../renderer/src/i18n/locales/en/errors.json';
import zh from '../../../renderer/src/i18n/locales/zh-CN/errors.json';
import { DASHSCOPE_ERROR, DashScopeError, fromServiceError, fromTransportError } from './errors';

const map = (status: number, code?: string, message = 'server says no') =>
  fromServiceError(status, code === undefined ? undefined : { code, message, request_id: 'req-1' }, { region: 'cn-beijing' });

describe('fromServiceError', () => {
  it.each([
    [401, 'InvalidApiKey', DASHSCOPE_ERROR.invalidKey, false],
    [429, 'Throttling', DASHSCOPE_ERROR.throttled, true],
    [429, 'Throttling.RateQuota', DASHSCOPE_ERROR.throttled, true],
    [429, 'Throttling.BurstRate', DASHSCOPE_ERROR.throttled, true],
    [429, 'Throttling.AllocationQuota', DASHSCOPE_ERROR.throttled, true],
    [400, 'Throttling.AllocationQuota', DASHSCOPE_ERROR.voiceQuotaReached, false],
    [400, 'Audio.PreprocessError', DASHSCOPE_ERROR.audioPreprocessFailed, false],
    [400, 'Audio.DurationLimitError', DASHSCOPE_ERROR.audioTooLong, false],
    [400, 'Audio.AudioRateError', DASHSCOPE_ERROR.audioSampleRateTooLow, false],
    [400, 'Audio.DecoderError', DASHSCOPE_ERROR.audioUndecodable, false],
    [400, 'Arrearage', DASHSCOPE_ERROR.arrearage, false],
    [403, 'AccessDenied', DASHSCOPE_ERROR.accessDenied, false],
    [403, 'AccessDenied.Unpurchased', DASHSCOPE_ERROR.accessDenied, false],
    [403, 'Model.AccessDenied', DASHSCOPE_ERROR.accessDenied, false],
    [403, 'Workspace.AccessDenied', DASHSCOPE_ERROR.accessDenied, false],
    [403, 'AllocationQuota.FreeTierOnly', DASHSCOPE_ERROR.freeTierExhausted, false],
    [400, 'DataInspectionFailed', DASHSCOPE_ERROR.contentBlocked, false],
    [404, 'ModelNotFound', DASHSCOPE_ERROR.modelNotFound, false],
    [404, 'NotFound', DASHSCOPE_ERROR.modelNotFound, false],
    [400, 'BadRequest.VoiceNotFound', DASHSCOPE_ERROR.voiceNotFound, false],
    [400, 'InvalidParameter', DASHSCOPE_ERROR.invalidParameter, false],
    [400, 'BadRequest.EmptyInput', DASHSCOPE_ERROR.invalidParameter, false],
    [400, 'BadRequest.EmptyModel', DASHSCOPE_ERROR.invalidParameter, false],
    [400, 'InvalidURL', DASHSCOPE_ERROR.invalidParameter, false],
    [500, 'InternalError', DASHSCOPE_ERROR.serverError, true],
    [500, 'InternalError.Algo', DASHSCOPE_ERROR.serverError, true],
    [500, 'SystemError', DASHSCOPE_ERROR.serverError, true],
    [500, 'RequestTimeOut', DASHSCOPE_ERROR.serverError, true],
    [500, 'ModelServingError', DASHSCOPE_ERROR.serverError, true],
    [503, 'ModelUnavailable', DASHSCOPE_ERROR.unavailable, true],
    [400, 'SomethingNew', DASHSCOPE_ERROR.unknown, false],
  ])('HTTP %i %s → %s (retryable: %s)', (status, code, expected, retryable) => {
    const error = map(status, code);
    expect(error.code).toBe(expected);
    expect(error.retryable).toBe(retryable);
    expect(error.details).toMatchObject({ status, requestId: 'req-1', dashscopeCode: code });
  });

  it('tells too little continuous speech from other preprocessing failures (S10 documents the message)', () => {
    expect(map(400, 'Audio.PreprocessError', 'No segments meet minimum duration requirement').details).toMatchObject({ tooLittleSpeech: true });
    expect(map(400, 'Audio.PreprocessError', 'The text does not match the audio').details?.tooLittleSpeech).toBeUndefined();
  });

  it('falls back to the HTTP status when the body has no code (e.g. an HTML page from a proxy)', () => {
    expect(map(401).code).toBe(DASHSCOPE_ERROR.invalidKey);
    expect(map(429).code).toBe(DASHSCOPE_ERROR.throttled);
    expect(map(403).code).toBe(DASHSCOPE_ERROR.accessDenied);
    expect(map(404).code).toBe(DASHSCOPE_ERROR.modelNotFound);
    expect(map(502)).toMatchObject({ code: DASHSCOPE_ERROR.serverError, retryable: true });
    expect(map(503)).toMatchObject({ code: DASHSCOPE_ERROR.unavailable, retryable: true });
    expect(map(418).code).toBe(DASHSCOPE_ERROR.unknown);
  });

  it('says that keys are region-bound on a 401 and names the region', () => {
    const error = map(401, 'InvalidApiKey', 'Invalid API-key provided.');
    expect(error.message).toMatch(/China \(Beijing\).*region-bound/);
    expect(error.details).toMatchObject({ region: 'cn-beijing' });
  });

  it('recognises "Invalid voice specified" as a voice/model mismatch', () => {
    expect(map(400, 'InvalidParameter', 'Invalid voice specified.').code).toBe(DASHSCOPE_ERROR.invalidVoice);
  });

  it('carries Retry-After into the error and its details', () => {
    const error = fromServiceError(429, { code: 'Throttling' }, { region: 'cn-beijing', retryAfterMs: 4_500 });
    expect(error.retryAfterMs).toBe(4_500);
    expect(error.details).toMatchObject({ seconds: 5 });
  });

  it('becomes an AppError for the IPC router', () => {
    expect(map(429, 'Throttling').toAppError()).toMatchObject({ code: 'dashscope.throttled', retryable: true, details: { status: 429 } });
  });
});

describe('fromTransportError', () => {
  const fetchFailure = (cause: object) => Object.assign(new TypeError('fetch failed'), { cause });
  const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

  it.each([
    ['ENOTFOUND', DASHSCOPE_ERROR.offline, false],
    ['EAI_AGAIN', DASHSCOPE_ERROR.offline, false],
    ['ENETUNREACH', DASHSCOPE_ERROR.offline, false],
    ['ECONNREFUSED', DASHSCOPE_ERROR.refused, false],
    ['ECONNRESET', DASHSCOPE_ERROR.connectionLost, true],
    ['UND_ERR_SOCKET', DASHSCOPE_ERROR.connectionLost, true],
    ['UND_ERR_CONNECT_TIMEOUT', DASHSCOPE_ERROR.timeout, true],
    ['CERT_HAS_EXPIRED', DASHSCOPE_ERROR.tls, false],
    ['ERR_SSL_WRONG_VERSION_NUMBER', DASHSCOPE_ERROR.tls, false],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', DASHSCOPE_ERROR.tls, false],
  ])('%s → %s', (code, expected, mayHaveSucceeded) => {
    const error = fromTransportError(fetchFailure(coded(code)));
    expect(error.code).toBe(expected);
    expect(error.mayHaveSucceeded).toBe(mayHaveSucceeded);
    expect(error.retryable).toBe(expected !== DASHSCOPE_ERROR.tls);
  });

  it('finds codes inside an AggregateError (every address refused)', () => {
    const aggregate = Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')]), {});
    expect(fromTransportError(fetchFailure(aggregate)).code).toBe(DASHSCOPE_ERROR.refused);
  });

  it('treats "other side closed" and unknown failures as possibly delivered', () => {
    expect(fromTransportError(fetchFailure(new Error('other side closed'))).code).toBe(DASHSCOPE_ERROR.connectionLost);
    const unknown = fromTransportError(new Error('weird'));
    expect(unknown).toMatchObject({ code: DASHSCOPE_ERROR.failed, retryable: true, mayHaveSucceeded: true });
  });

  // Electron's net.fetch rejects with `new Error("net::ERR_…")`, no code and no cause.
  it.each([
    ['NAME_NOT_RESOLVED', DASHSCOPE_ERROR.offline, true, false],
    ['INTERNET_DISCONNECTED', DASHSCOPE_ERROR.offline, true, false],
    ['ADDRESS_UNREACHABLE', DASHSCOPE_ERROR.offline, true, false],
    ['DNS_TIMED_OUT', DASHSCOPE_ERROR.offline, true, false],
    ['CONNECTION_REFUSED', DASHSCOPE_ERROR.refused, true, false],
    ['PROXY_CONNECTION_FAILED', DASHSCOPE_ERROR.proxy, true, false],
    ['TUNNEL_CONNECTION_FAILED', DASHSCOPE_ERROR.proxy, true, false],
    ['PROXY_AUTH_REQUESTED', DASHSCOPE_ERROR.proxy, true, false],
    ['PROXY_CERTIFICATE_INVALID', DASHSCOPE_ERROR.proxy, true, false],
    ['PAC_SCRIPT_FAILED', DASHSCOPE_ERROR.proxy, true, false],
    ['MANDATORY_PROXY_CONFIGURATION_FAILED', DASHSCOPE_ERROR.proxy, true, false],
    ['SOCKS_CONNECTION_FAILED', DASHSCOPE_ERROR.proxy, true, false],
    ['CERT_AUTHORITY_INVALID', DASHSCOPE_ERROR.tls, false, false],
    ['CERT_DATE_INVALID', DASHSCOPE_ERROR.tls, false, false],
    ['CERT_COMMON_NAME_INVALID', DASHSCOPE_ERROR.tls, false, false],
    ['SSL_PROTOCOL_ERROR', DASHSCOPE_ERROR.tls, false, false],
    ['SSL_VERSION_OR_CIPHER_MISMATCH', DASHSCOPE_ERROR.tls, false, false],
    ['CONNECTION_TIMED_OUT', DASHSCOPE_ERROR.timeout, true, false],
    ['TIMED_OUT', DASHSCOPE_ERROR.timeout, true, true],
    ['CONNECTION_RESET', DASHSCOPE_ERROR.connectionLost, true, true],
    ['CONNECTION_CLOSED', DASHSCOPE_ERROR.connectionLost, true, true],
    ['EMPTY_RESPONSE', DASHSCOPE_ERROR.connectionLost, true, true],
    ['NETWORK_CHANGED', DASHSCOPE_ERROR.connectionLost, true, true],
    ['INCOMPLETE_CHUNKED_ENCODING', DASHSCOPE_ERROR.connectionLost, true, true],
    ['CONTENT_LENGTH_MISMATCH', DASHSCOPE_ERROR.connectionLost, true, true],
    ['HTTP2_PROTOCOL_ERROR', DASHSCOPE_ERROR.connectionLost, true, true],
    ['FAILED', DASHSCOPE_ERROR.failed, true, true],
    ['TOO_MANY_REDIRECTS', DASHSCOPE_ERROR.redirected, false, false],
  ])('Electron\'s net::ERR_%s → %s (retryable %s, may have arrived %s)', (name, expected, retryable, mayHaveSucceeded) => {
    const error = fromTransportError(new Error(`net::ERR_${name}`));
    expect(error).toMatchObject({ code: expected, retryable, mayHaveSucceeded });
  });

  it('says which net error it was in the log, never in what the user reads', () => {
    for (const name of ['PROXY_CONNECTION_FAILED', 'CERT_AUTHORITY_INVALID', 'NAME_NOT_RESOLVED']) {
      const error = fromTransportError(new Error(`net::ERR_${name}`));
      expect(error.details).toMatchObject({ transportCode: `net::ERR_${name}` });
      for (const messages of [en, zh] as Array<Record<string, string>>) {
        expect(messages[error.code], error.code).toBeTruthy();
        expect(messages[error.code]).not.toMatch(/net::|ERR_/);
      }
    }
  });

  it('passes a DashScopeError through unchanged', () => {
    const original = new DashScopeError(DASHSCOPE_ERROR.throttled, 'x');
    expect(fromTransportError(original)).toBe(original);
  });
});

describe('the voice quota (its code is UNCONFIRMED, so it is read from what the answer says)', () => {
  it.each([
    [429, 'Throttling.AllocationQuota', 'Voice quota exceeded: the account has reached the maximum number of voices.'],
    [400, 'BadRequest.VoiceLimitExceeded', 'Too many voices.'],
    [400, 'InvalidParameter', 'Exceeded the maximum number of voices for this account.'],
    [403, 'Quota.Exceeded', '音色数量已达上限'],
  ])('%s %s "%s" is the quota, never retried', (status, code, message) => {
    expect(map(status, code, message)).toMatchObject({ code: DASHSCOPE_ERROR.voiceQuotaReached, retryable: false });
  });

  it.each([
    [429, 'Throttling.AllocationQuota', 'Allocated quota exceeded, please increase your quota limit.', DASHSCOPE_ERROR.throttled],
    [400, 'Audio.PreprocessError', 'The number of valid voice segments is 0.', DASHSCOPE_ERROR.audioPreprocessFailed],
    [400, 'InvalidParameter', 'The voice sample duration exceeds the limit.', DASHSCOPE_ERROR.invalidParameter],
  ])('%s %s "%s" is not', (status, code, message, expected) => {
    expect(map(status, code, message).code).toBe(expected);
  });
});

describe('error messages for the UI', () => {
  it('say which time limit fired, with its value', () => {
    const limits = [DASHSCOPE_ERROR.timeout, DASHSCOPE_ERROR.streamIdle, DASHSCOPE_ERROR.streamDeadline];
    for (const messages of [en, zh] as Array<Record<string, string>>) {
      expect(new Set(limits.map((code) => messages[code])).size).toBe(3);
      expect(messages[DASHSCOPE_ERROR.streamIdle]).toContain('{{seconds}}');
      expect(messages[DASHSCOPE_ERROR.streamDeadline]).toContain('{{minutes}}');
    }
  });

  const codes = Object.values(DASHSCOPE_ERROR);
  const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

  it('has an English and a Chinese message for every code', () => {
    for (const code of codes) {
      expect((en as Record<string, string>)[code], `en ${code}`).toBeTruthy();
      expect((zh as Record<string, string>)[code], `zh-CN ${code}`).toBeTruthy();
    }
  });

  it('uses the same interpolation values in both languages', () => {
    for (const code of codes) {
      expect(placeholders((zh as Record<string, string>)[code]), code).toEqual(placeholders((en as Record<string, string>)[code]));
    }
  });

  it('writes the Chinese messages in Chinese', () => {
    for (const code of codes) expect((zh as Record<string, string>)[code], code).toMatch(/[\u4e00-\u9fff]/);
  });
});
