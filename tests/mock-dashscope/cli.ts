/**
 * `npm run mock`: a mock DashScope to try the whole app without an account.
 * Point Timbre's custom base URL at the printed address and use the printed key.
 * It is as strict as the service (STRICT_BEHAVIOUR), so you meet the errors a real key would.
 */
import { parseArgs } from 'node:util';
import { STRICT_BEHAVIOUR } from './behaviour';
import { behaviourFromFacts, readFactsFile } from './facts';
import { startMockDashScope, type MockRegion } from './server';

// `--facts service-facts.json`: behave as the last `npm run check:live` saw the service.
const factsPath = parseArgs({ options: { facts: { type: 'string' } } }).values.facts;
const fromFacts = factsPath ? behaviourFromFacts(readFactsFile(factsPath)) : null;

const region: MockRegion = process.env.MOCK_REGION === 'cn-beijing' ? 'cn-beijing' : 'ap-southeast-1';
const mock = await startMockDashScope({
  region,
  port: process.env.MOCK_PORT ? Number(process.env.MOCK_PORT) : 0,
  keys: process.env.MOCK_API_KEY ? { [region]: process.env.MOCK_API_KEY } : undefined,
  behaviour: fromFacts?.behaviour ?? STRICT_BEHAVIOUR,
});

console.log(`Mock DashScope (${region}) is running.`);
console.log(`  Base URL:     ${mock.baseUrl}`);
console.log(`  Realtime URL: ${mock.wsUrl}`);
console.log(`  API key:      ${mock.apiKey}`);
if (fromFacts) {
  console.log(`Behaving as ${factsPath} says:`, fromFacts.behaviour);
  for (const note of fromFacts.unmapped) console.log(`  Not playable: ${note}`);
} else {
  console.log('Strict like the service: 600 characters (CJK count 2) and 600 bytes per synthesis request, list pages of any size,');
  console.log(`a server clock ${STRICT_BEHAVIOUR.clockSkewMs / 60_000} min off, new voices listed ${STRICT_BEHAVIOUR.listLagMs / 1000} s late, ids keeping the name's case, ${STRICT_BEHAVIOUR.maxVoices} voices at most.`);
}
console.log('Press Ctrl-C to stop.');

const stop = async () => {
  await mock.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
