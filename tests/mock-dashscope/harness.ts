/**
 * Wires a DashScope client to a mock for tests: reached through the installed app's network
 * (Electron's `net.fetch` and the app's WebSocket, failing as they do there), instant recorded
 * backoff sleeps, a captured log (run through the real redaction), and short timeouts.
 */
import { createDashScopeClient, type DashScopeClientDeps } from '../../electron/main/dashscope/client';
import { redact, type Logger } from '../../electron/main/foundation/log';
import { electronNetwork } from '../support/electron-network';
import type { MockDashScope } from './server';

export interface TestClient {
  client: ReturnType<typeof createDashScopeClient>;
  /** Every backoff delay the client asked for, in ms. */
  sleeps: number[];
  /** Log lines as they would be written (redacted like the real logger). */
  logs: string[];
}

export function clientFor(mock: MockDashScope, overrides: Partial<DashScopeClientDeps> = {}): TestClient {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const line = (level: string) => (message: string, data?: unknown) => logs.push(redact(`${level} ${message} ${JSON.stringify(data) ?? ''}`));
  const log: Logger = { info: line('INFO'), warn: line('WARN'), error: line('ERROR') };
  const client = createDashScopeClient({
    getApiKey: async () => mock.apiKey,
    baseUrl: () => ({ http: mock.baseUrl, ws: mock.wsUrl, region: mock.region }),
    ...electronNetwork(),
    log,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      if (signal?.aborted) throw signal.reason;
    },
    random: () => 0.5,
    timeouts: { requestMs: 2_000, createMs: 2_000, synthesisMs: 2_000, streamIdleMs: 2_000, streamTotalMs: 10_000 },
    ...overrides,
  });
  return { client, sleeps, logs };
}
