/**
 * Where Timbre reaches DashScope for a region, and the "Test connection" check: one cheap
 * authenticated call (`list`, page size 1) turned into a verdict the user can act on.
 */
import type { ConnectionResult } from '../../../shared/ipc/routes/settings';
import { customHttpBase } from '../../../shared/settings';
import type { Region } from '../../../shared/models';
import { TimbreError } from '../../../shared/errors';
import { createDashScopeClient, DASHSCOPE_ERROR, endpointsFor, isDashScopeError, type DashScopeError, type Endpoints } from '../dashscope/client';
import type { Logger } from '../foundation/log';

/** Per-region base URLs that replace the real ones (tests, `npm run mock`). */
export type BaseUrlOverrides = Partial<Record<Region, string>>;

export const CONNECTION_ERROR = {
  /** Region `custom` without a base URL. */
  customBaseUrlMissing: 'CUSTOM_BASE_URL_MISSING',
  /** Test connection with no key typed, stored or in the environment. */
  noApiKey: 'NO_API_KEY',
} as const;

/**
 * The endpoints for `region`: an override when there is one, the user's custom URL for `custom`,
 * else the official domain (REGION_BASE_URLS).
 */
export function endpointsForRegion(region: Region, customBaseUrl: string, overrides: BaseUrlOverrides = {}): Endpoints {
  const override = overrides[region];
  if (override) return endpointsFor(region, override);
  if (region === 'custom') {
    if (!customBaseUrl.trim()) throw new TimbreError(CONNECTION_ERROR.customBaseUrlMissing, 'Enter the base URL for the custom region');
    return endpointsFor(region, customHttpBase(customBaseUrl));
  }
  return endpointsFor(region);
}

/** Keys are region-bound (§4): a 401 in one named region is worth one try in the other. */
const OTHER_REGION: Partial<Record<Region, Region>> = { 'cn-beijing': 'ap-southeast-1', 'ap-southeast-1': 'cn-beijing' };

const OFFLINE_CODES = new Set<string>([
  DASHSCOPE_ERROR.offline, DASHSCOPE_ERROR.refused, DASHSCOPE_ERROR.timeout, DASHSCOPE_ERROR.connectionLost, DASHSCOPE_ERROR.failed,
]);
/** §3.2: 403 AccessDenied* means the service is not activated or the key has no access to it. */
const NOT_ACTIVATED_CODES = new Set<string>([DASHSCOPE_ERROR.accessDenied]);

/** A connection test answers quickly or not at all: no retries, a short timeout. */
const PROBE_TIMEOUT_MS = 15_000;

export interface ConnectionTestDeps {
  log: Logger;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ConnectionTestRequest {
  region: Region;
  apiKey: string;
  /** Resolves the endpoints of any region (the other region is probed after a 401). */
  endpoints: (region: Region) => Endpoints;
}

export function createConnectionTester(deps: ConnectionTestDeps) {
  async function probe(apiKey: string, endpoints: Endpoints): Promise<{ voiceCount?: number } | DashScopeError> {
    const client = createDashScopeClient({
      getApiKey: async () => apiKey,
      baseUrl: () => endpoints,
      fetch: deps.fetch,
      log: deps.log,
      retry: { maxAttempts: 1 },
      timeouts: { requestMs: deps.timeoutMs ?? PROBE_TIMEOUT_MS },
    });
    try {
      const page = await client.listPage(0, 1);
      return { voiceCount: page.totalCount };
    } catch (error) {
      if (isDashScopeError(error)) return error;
      throw error;
    }
  }

  return {
    async test(request: ConnectionTestRequest): Promise<ConnectionResult> {
      const { region, apiKey } = request;
      const first = await probe(apiKey, request.endpoints(region));
      if (!isDashScopeError(first)) return { verdict: 'ok', region, ...(first.voiceCount === undefined ? {} : { voiceCount: first.voiceCount }) };
      const error = first.toAppError();
      if (first.code === DASHSCOPE_ERROR.invalidKey) {
        const other = OTHER_REGION[region];
        if (other) {
          const second = await probe(apiKey, request.endpoints(other));
          if (!isDashScopeError(second)) return { verdict: 'wrong-region', region, keyRegion: other, error };
        }
        return { verdict: 'invalid-key', region, error };
      }
      if (NOT_ACTIVATED_CODES.has(first.code)) return { verdict: 'not-activated', region, error };
      if (OFFLINE_CODES.has(first.code)) return { verdict: 'offline', region, error };
      return { verdict: 'error', region, error };
    },
  };
}
