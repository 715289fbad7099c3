/**
 * The DashScope client for the main process: voice enrollment (create, list, delete) and
 * synthesis with a cloned voice. Plain TypeScript over fetch and `ws`; no Electron.
 * Every failure is a DashScopeError (see errors.ts for the codes).
 */
import { REGION_BASE_URLS, type Region } from '../../../shared/models';
import { customHttpBase } from '../../../shared/settings';
import { resolveContext, type DashScopeClientDeps, type Endpoints } from './context';
import { createEnrollment, type AccountVoices, type CreateVoiceRequest, type CreatedVoice, type DeletedVoice, type ListedVoice, type VoicePage } from './enrollment';
import { createSynthesis, type SynthesisRequest, type SynthesisResult } from './synthesis';

export interface DashScopeClient {
  create(request: CreateVoiceRequest): Promise<CreatedVoice>;
  /** Every voice of the account in this region, all pages. */
  list(options?: { pageSize?: number; signal?: AbortSignal }): Promise<ListedVoice[]>;
  /** Every voice of the account in this region, with its `total_count`. */
  listAccount(options?: { signal?: AbortSignal }): Promise<AccountVoices>;
  /** One page (`pageIndex` from 0); `listPage(0, 1)` is the cheap "test connection" call. */
  listPage(pageIndex: number, pageSize: number, signal?: AbortSignal): Promise<VoicePage>;
  delete(voice: string, options?: { signal?: AbortSignal }): Promise<DeletedVoice>;
  synthesize(request: SynthesisRequest): Promise<SynthesisResult>;
}

export function createDashScopeClient(deps: DashScopeClientDeps): DashScopeClient {
  const context = resolveContext(deps);
  const enrollment = createEnrollment(context);
  const synthesis = createSynthesis(context);
  return {
    create: enrollment.create,
    list: enrollment.list,
    listAccount: enrollment.listAccount,
    listPage: enrollment.listPage,
    delete: enrollment.delete,
    synthesize: synthesis.synthesize,
  };
}

/**
 * The realtime URL that goes with an HTTP base: `https://host/api/v1` → `wss://host/api-ws/v1/realtime`.
 * Used for custom bases (proxies, the mock, per-workspace domains, whose WS host is UNCONFIRMED, §4:
 * the same host is the documented pattern of both official domains).
 */
export function realtimeUrlFor(httpBase: string): string {
  const url = new URL(customHttpBase(httpBase));
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.pathname = `${url.pathname.replace(/\/api\/v1$/, '')}/api-ws/v1/realtime`;
  return url.toString();
}

/**
 * Endpoints for a region, or for a custom base (which then also serves every region). A custom
 * base may be given as `https://host`, `https://host/` or `https://host/api/v1`.
 */
export function endpointsFor(region: Region, customBase?: string): Endpoints {
  if (customBase) return { http: customHttpBase(customBase), ws: realtimeUrlFor(customBase), region };
  if (region === 'custom') throw new Error('The custom region needs a base URL');
  return { ...REGION_BASE_URLS[region], region };
}

export { DASHSCOPE_ERROR, DashScopeError, isDashScopeError, type DashScopeErrorCode } from './errors';
export { toDataUrl, checkTargetModel, ENROLLMENT_MEDIA_TYPES, type EnrollmentAudio, type EnrollmentMediaType } from './enrollment-input';
export { splitForSynthesis } from './text-split';
export type { DashScopeClientDeps, Endpoints, Timeouts } from './context';
export type { RetryPolicy } from './context';
export { matchesRequest, type AccountVoices, type CreateVoiceRequest, type CreatedVoice, type DeletedVoice, type ListedVoice, type VoicePage } from './enrollment';
export type { SynthesisRequest, SynthesisResult } from './synthesis';
