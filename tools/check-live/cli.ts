/**
 * `npm run check:live`: settles the mock's guesses against the real DashScope with the key in
 * DASHSCOPE_API_KEY. Says what it will send and what that costs, asks (unless --yes), runs the
 * checks, writes the facts file and prints the table. Never part of `npm test`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { endpointsFor, toDataUrl } from '../../electron/main/dashscope/client';
import { isOmniModel, isTargetModel } from '../../shared/models';
import { DEFAULT_TARGET_MODEL, REGION_BASE_URLS, type Region } from '../../shared/models';
import { STRICT_BEHAVIOUR } from '../../tests/mock-dashscope/behaviour';
import { behaviourFromFacts } from '../../tests/mock-dashscope/facts';
import { ENGLISH_SCRIPT, speechWav } from '../../tests/support/audio-fixtures';
import { runChecks } from './probes';
import { compareWithMock, markdownTable } from './table';
import { MAX_BILLED_CHARACTERS, MAX_TEXT_TRIES } from './text-limit';

const USAGE = `npm run check:live -- [--region cn-beijing|ap-southeast-1 | --base-url URL] [--out FILE] [--table FILE] [--yes]
  --region          the key's region (default ap-southeast-1)
  --base-url        any other address, as in Settings (then no other region is tried)
  --out             where the facts go (default service-facts.json)
  --table           also write the table there, as Markdown
  --target-model    the model the voice is made for (default ${DEFAULT_TARGET_MODEL})
  --yes             do not ask before sending
  --poll-ms, --wait-ms   how often list is asked while a voice appears or goes (1000), and how long at most (60000)`;

const { values: args } = parseArgs({
  options: {
    region: { type: 'string' },
    'base-url': { type: 'string' },
    out: { type: 'string', default: 'service-facts.json' },
    table: { type: 'string' },
    'target-model': { type: 'string', default: DEFAULT_TARGET_MODEL },
    yes: { type: 'boolean', default: false },
    'poll-ms': { type: 'string', default: '1000' },
    'wait-ms': { type: 'string', default: '60000' },
    help: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const apiKey = process.env.DASHSCOPE_API_KEY?.trim();
if (!apiKey) fail('Set DASHSCOPE_API_KEY to the key of the region to check.');
const region = args.region ?? (args['base-url'] ? 'custom' : 'ap-southeast-1');
if (!['cn-beijing', 'ap-southeast-1', 'custom'].includes(region) || (region === 'custom' && !args['base-url'])) {
  fail(`--region must be cn-beijing or ap-southeast-1 (or give --base-url).\n${USAGE}`);
}
const targetModel = args['target-model'];
if (!isTargetModel(targetModel)) fail(`Unknown --target-model ${targetModel}.`);
// The probes speak the TTS endpoints; an Omni voice speaks only through the chat endpoint (§7).
if (isOmniModel(targetModel)) fail(`--target-model ${targetModel} is an Omni model: the check probes the TTS endpoints only; choose a qwen3-tts-vc model.`);
const endpoints = endpointsFor(region as Region, args['base-url']);
const otherRegion = region === 'cn-beijing' ? 'ap-southeast-1' : 'cn-beijing';
const wrongRegion = args['base-url'] ? undefined : { ...REGION_BASE_URLS[otherRegion], region: otherRegion } as const;
const pollMs = Number(args['poll-ms']);
const waitMs = Number(args['wait-ms']);
if (!(pollMs > 0 && waitMs >= 0)) fail('--poll-ms must be more than 0 and --wait-ms at least 0 (milliseconds).');

let samplePath: string;
try {
  samplePath = speechWav({ text: ENGLISH_SCRIPT, voice: 'en-us', sampleRate: 24_000 });
} catch (error) {
  fail(`The speech sample is made with espeak-ng and sox; install them (apt-get install espeak-ng sox, brew install espeak-ng sox).\n${String(error)}`);
}
const sample = { dataUrl: toDataUrl(new Uint8Array(readFileSync(samplePath)), 'audio/wav'), text: ENGLISH_SCRIPT, language: 'en' as const };
const timbreVersion = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

console.log(`Timbre ${timbreVersion} check:live: what the mock guesses, against the real service.
Address: ${endpoints.http} (${region}), key from DASHSCOPE_API_KEY.
It sends, in this order:
  1. list (one voice) with the key${wrongRegion ? `, and the same on the other region's address (${wrongRegion.http})` : ''}
  2. one streamed synthesis and one realtime session for a voice that does not exist (both must fail),
     and one realtime Omni session (qwen3.5-omni-flash-realtime, system voice Cherry) reading one sentence
  3. ONE voice creation (preferred_name TimbreCheck…, for ${targetModel}) from a short espeak-ng sample
  4. list every ${pollMs / 1000} s until the voice appears (at most ${waitMs / 1000} s), then list with page_size 1000 (and 100)
  5. at most ${MAX_TEXT_TRIES} syntheses with that voice: English 601 and 600 characters, Chinese 201/200, 301/300, 601/600
  6. delete the voice, list until it is gone, delete it again
What it costs:
  - the creation: $0.01 (0.01 yuan on the China site), or nothing within the 1,000 free creations of
    the first 90 days; a failed creation is free
  - the syntheses: at most ${MAX_BILLED_CHARACTERS.toLocaleString('en')} billed characters (a Chinese character counts 2);
    price per character: see the Model Studio price page
  - the realtime Omni session: one short answer, billed in tokens (a few hundred)
  - list and delete are free
The voice is deleted at the end, also after Ctrl-C; if that fails, its id is printed.`);

if (!args.yes) {
  if (!process.stdin.isTTY) fail('Not asking without a terminal: add --yes to go on.');
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await prompt.question('Go on? [y/N] ');
  prompt.close();
  if (!/^y(es)?$/i.test(answer.trim())) {
    console.log('Nothing was sent.');
    process.exit(0);
  }
}

const interrupt = new AbortController();
let createdVoice: string | null = null;
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) {
    // A second Ctrl-C does not wait for the delete.
    if (createdVoice) console.error(`Stopped before the voice was deleted: delete ${createdVoice} in the Model Studio console.`);
    process.exit(130);
  }
  console.error(createdVoice ? `Interrupted: deleting ${createdVoice}… (Ctrl-C again to stop now)` : 'Interrupted.');
  interrupt.abort();
});

const result = await runChecks({
  apiKey, endpoints, wrongRegion, targetModel, sample, timbreVersion, pollMs, waitMs,
  signal: interrupt.signal,
  onCreated: (voice) => { createdVoice = voice; },
  say: (line) => console.log(line),
});

writeFileSync(args.out, `${JSON.stringify(result.facts, null, 2)}\n`);
const table = markdownTable(await compareWithMock(result.facts));
if (args.table) writeFileSync(args.table, `${table}\n`);
console.log(`\n${table}\n\nFacts and raw answers: ${args.out}`);
const played = behaviourFromFacts(result.facts);
const changed = Object.entries(played.behaviour).filter(([name, value]) => !isDeepStrictEqual(value, STRICT_BEHAVIOUR[name as keyof typeof STRICT_BEHAVIOUR]));
if (changed.length > 0) {
  console.log('For the mock to default to what the service did, set in tests/mock-dashscope/behaviour.ts (STRICT_BEHAVIOUR):');
  for (const [name, value] of changed) {
    console.log(`  ${name}: ${JSON.stringify(value, (_key, inner: unknown) => (inner === Infinity ? 'Infinity' : inner)).replace(/"Infinity"/g, 'Infinity')}`);
  }
}
for (const note of played.unmapped) console.log(`  No switch for this yet: ${note}`);

if (result.voice && !result.voice.deleted) {
  console.error(`The check's voice was NOT deleted (${result.voice.deleteError}). Delete ${result.voice.id} in the Model Studio console.`);
  process.exit(1);
}
if (result.voice) console.log(`The check's voice ${result.voice.id} is deleted.`);
if (result.facts.stoppedEarly) {
  console.error(`The check stopped early: ${result.facts.stoppedEarly}`);
  process.exit(result.facts.stoppedEarly === 'interrupted' ? 130 : 1);
}
