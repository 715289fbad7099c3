/**
 * The DashScope client for the main process: voice enrollment (create, list, delete) and
 * synthesis with a cloned voice. Plain TypeScript over fetch and `ws`; no Electron.
 * Every failure is a DashScopeError (see errors.ts for the codes).
 */
import { REGION_BASE_URLS, type Region } from '../../../../shared/models';
import { resolveContext, type DashScopeClientDeps, type Endpoints } from './context';
import { createEnrollment, type CreateVoiceRequest, type CreatedVoice, type DeletedVoice, type ListedVoice, type VoicePage } from './enrollment';
import { createSynthesis, type SynthesisRequest, type SynthesisResult } from './synthesis';

export interface DashScopeClient {
  create(request: CreateVoiceRequest): Promise<CreatedVoice>;
  /** Every voice of the account in this region, all pages. */
  list(options?: { pageSize?: number; signal?: AbortSignal }): Promise<ListedVoice[]>;
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
    listPage: enrollment.listPage,
    delete: enrollment.delete,
    synthesize: synthesis.synthesize,
  };
}

/**
 * The realtime URL that goes with an HTTP base: `https://host/api/v1` → `wss://host/api-ws/v1/realtime`.
 * Used for custom bases (proxies, the mock); the WS host of per-workspace domains is UNCONFIRMED (§4).
 */
export function realtimeUrlFor(httpBase: string): string {
  const url = new URL(httpBase);
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  url.pathname = `${url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '')}/api-ws/v1/realtime`;
  return url.toString();
}

/** Endpoints for a region, or for a custom HTTP base (which then also serves every region). */
export function endpointsFor(region: Region, customHttpBase?: string): Endpoints {
  if (customHttpBase) return { http: customHttpBase.replace(/\/+$/, ''), ws: realtimeUrlFor(customHttpBase), region };
  if (region === 'custom') throw new Error('The custom region needs a base URL');
  return { ...REGION_BASE_URLS[region], region };
}

export { DASHSCOPE_ERROR, DashScopeError, isDashScopeError, type DashScopeErrorCode } from './errors';
export { toDataUrl, isTargetModel, ENROLLMENT_MEDIA_TYPES, type EnrollmentAudio, type EnrollmentMediaType } from './enrollment-input';
export { splitForSynthesis } from './text-split';
export type { DashScopeClientDeps, Endpoints, Timeouts } from './context';
export type { RetryPolicy } from './retry';
export { matchesRequest, type CreateVoiceRequest, type CreatedVoice, type DeletedVoice, type ListedVoice, type VoicePage } from './enrollment';
export type { SynthesisRequest, SynthesisResult } from './synthesis';
