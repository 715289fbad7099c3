/**
 * `npm run mock`: a mock DashScope to try the whole app without an account.
 * Point Timbre's custom base URL at the printed address and use the printed key.
 * It is as strict as the service (STRICT_BEHAVIOUR), so you meet the errors a real key would.
 */
import { STRICT_BEHAVIOUR } from './behaviour';
import { startMockDashScope, type MockRegion } from './server';

const region: MockRegion = process.env.MOCK_REGION === 'cn-beijing' ? 'cn-beijing' : 'ap-southeast-1';
const mock = await startMockDashScope({
  region,
  port: process.env.MOCK_PORT ? Number(process.env.MOCK_PORT) : 0,
  keys: process.env.MOCK_API_KEY ? { [region]: process.env.MOCK_API_KEY } : undefined,
  behaviour: STRICT_BEHAVIOUR,
});

console.log(`Mock DashScope (${region}) is running.`);
console.log(`  Base URL:     ${mock.baseUrl}`);
console.log(`  Realtime URL: ${mock.wsUrl}`);
console.log(`  API key:      ${mock.apiKey}`);
console.log('Strict like the service: 600 characters (CJK count 2) and 600 bytes per synthesis request, list pages of any size,');
console.log(`a server clock ${STRICT_BEHAVIOUR.clockSkewMs / 60_000} min off, new voices listed ${STRICT_BEHAVIOUR.listLagMs / 1000} s late, ids keeping the name's case, ${STRICT_BEHAVIOUR.maxVoices} voices at most.`);
console.log('Press Ctrl-C to stop.');

const stop = async () => {
  await mock.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
