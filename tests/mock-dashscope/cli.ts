/**
 * `npm run mock`: a mock DashScope to try the whole app without an account.
 * Point Timbre's custom base URL at the printed address and use the printed key.
 */
import { startMockDashScope, type MockRegion } from './server';

const region: MockRegion = process.env.MOCK_REGION === 'cn-beijing' ? 'cn-beijing' : 'ap-southeast-1';
const mock = await startMockDashScope({
  region,
  port: process.env.MOCK_PORT ? Number(process.env.MOCK_PORT) : 0,
  keys: process.env.MOCK_API_KEY ? { [region]: process.env.MOCK_API_KEY } : undefined,
});

console.log(`Mock DashScope (${region}) is running.`);
console.log(`  Base URL:     ${mock.baseUrl}`);
console.log(`  Realtime URL: ${mock.wsUrl}`);
console.log(`  API key:      ${mock.apiKey}`);
console.log('Press Ctrl-C to stop.');

const stop = async () => {
  await mock.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
