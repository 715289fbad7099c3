/**
 * check:live against the mock: for each switch of the mock that a request can reveal, the mock is
 * set one way and the other, and the check must report what it was set to. The mock and the check
 * share one fake clock, so a 5 s list lag costs no real time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { endpointsFor, toDataUrl } from '../../electron/main/dashscope/client';
import { TEST_BEHAVIOUR, type MockBehaviour } from '../../tests/mock-dashscope/behaviour';
import { behaviourFromFacts } from '../../tests/mock-dashscope/facts';
import { speechLikeWav } from '../../tests/mock-dashscope/fixtures';
import { startMockDashScope, type MockDashScope } from '../../tests/mock-dashscope/server';
import type { ServiceFacts } from './facts-file';
import { runChecks, type CheckOptions } from './probes';
import { compareWithMock } from './table';

const POLL_MS = 500;
const mocks: MockDashScope[] = [];

afterEach(async () => {
  await Promise.all(mocks.splice(0).map((mock) => mock.close()));
});

interface Run {
  facts: ServiceFacts;
  result: Awaited<ReturnType<typeof runChecks>>;
  mock: MockDashScope;
  lines: string[];
}

async function checkAgainst(behaviour: Partial<MockBehaviour>, options: Partial<CheckOptions> & { prepare?: (mock: MockDashScope) => void } = {}): Promise<Run> {
  let clock = Date.UTC(2026, 11, 6, 7, 30, 0);
  const now = () => clock;
  const mock = await startMockDashScope({ behaviour, now });
  const otherRegion = await startMockDashScope({ region: 'cn-beijing', now });
  mocks.push(mock, otherRegion);
  options.prepare?.(mock);
  const lines: string[] = [];
  const result = await runChecks({
    apiKey: mock.apiKey,
    endpoints: endpointsFor('custom', mock.baseUrl),
    wrongRegion: endpointsFor('custom', otherRegion.baseUrl),
    targetModel: 'qwen3-tts-vc-2026-01-22',
    sample: { dataUrl: toDataUrl(speechLikeWav(), 'audio/wav'), text: 'Hello there.', language: 'en' },
    timbreVersion: '0.0.0-test',
    pollMs: POLL_MS,
    waitMs: 20_000,
    signal: new AbortController().signal,
    say: (line) => lines.push(line),
    now,
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      clock += ms;
    },
    ...options,
  });
  return { facts: result.facts, result, mock, lines };
}

/** The table row for `fact`, compared with the behaviour the mock was set to. */
async function verdict(run: Run, behaviour: Partial<MockBehaviour>, fact: RegExp) {
  const rows = await compareWithMock(run.facts, { ...TEST_BEHAVIOUR, ...behaviour });
  return rows.find((row) => fact.test(row.fact))?.verdict;
}

describe('check:live against the mock', () => {
  it('runs every step, keeps each raw answer without the key or signed URLs, and deletes its voice', async () => {
    const run = await checkAgainst({});
    const { facts } = run;
    expect(facts.stoppedEarly).toBeUndefined();
    expect(run.result.voice?.deleted).toBe(true);
    expect(run.mock.voices.size).toBe(0);
    expect(run.mock.requests.filter((request) => request.target === 'create')).toHaveLength(1);
    expect(facts.facts.wrongRegion?.value).toEqual({ status: 401, code: 'InvalidApiKey' });
    expect(facts.facts.realtimeError?.value).toEqual({ framing: 'error-event', code: 'BadRequest.VoiceNotFound', clientCode: 'dashscope.voice_not_found' });
    expect(facts.facts.omniRealtime?.value).toEqual({
      model: 'qwen3.5-omni-flash-realtime', voice: 'Cherry', outputFormat: 'pcm24', said: 'verbatim', code: null, clientCode: null,
    });
    expect(facts.facts.createAnswer?.value).toEqual({ outputFields: ['target_model', 'voice'], fallbackMode: null, fallbackReason: null });
    expect(facts.facts.goneFromListAfterMs?.value).toBe(0);
    expect(facts.facts.deleteAgain?.value).toEqual({ status: 400, code: 'BadRequest.VoiceNotFound', clientSaysAlreadyGone: true });
    // At most six texts, none of them split by the client.
    const syntheses = run.mock.requests.filter((request) => request.target === 'synthesize');
    expect(syntheses.length).toBeLessThanOrEqual(2 + 6);
    const saved = JSON.stringify(facts);
    expect(saved).not.toContain(run.mock.apiKey);
    expect(saved).not.toMatch(/Signature=|data:audio\/wav;base64/);
    // Streamed audio is kept as its length only.
    expect(saved).toMatch(/\[\d+ base64 chars\]/);
    expect(saved).not.toMatch(/[A-Za-z0-9+/]{200,}/);
    // Each fact points at the exchanges it was read from.
    const evidence = facts.facts.deleteAgain?.evidence ?? [];
    expect(evidence.map((index) => facts.exchanges[index].step)).toEqual(['delete-again']);
    expect(facts.exchanges[evidence[0]].body).toContain('BadRequest.VoiceNotFound');
  });

  it('reports a degraded (fallback) creation with the answer’s fields', async () => {
    const run = await checkAgainst({}, { prepare: (mock) => mock.inject({ kind: 'fallback', reason: 'no_merged_segments', match: 'create' }) });
    expect(run.facts.facts.createAnswer?.value).toEqual({
      outputFields: ['fallback_mode', 'fallback_reason', 'target_model', 'voice'], fallbackMode: true, fallbackReason: 'no_merged_segments',
    });
  });

  const cases: Array<{
    name: string; behaviour: Partial<MockBehaviour>; row: RegExp; reported: (facts: ServiceFacts['facts']) => unknown; expected: unknown;
    /** Voices already on the account: a capped page shows only when there are more voices than the cap. */
    seeded?: number;
  }> = [
    {
      name: 'a 600-byte text limit', behaviour: { textLimit: { maxWeightedChars: 100_000, maxUtf8Bytes: 600 } }, row: /Text limit/,
      reported: (facts) => [facts.textLimit?.value.unit, facts.textLimit?.value.max], expected: ['utf8-bytes', 600],
    },
    {
      name: 'a 600 weighted-character text limit', behaviour: { textLimit: { maxWeightedChars: 600, maxUtf8Bytes: 100_000 } }, row: /Text limit/,
      reported: (facts) => [facts.textLimit?.value.unit, facts.textLimit?.value.max], expected: ['weighted-chars', 600],
    },
    {
      name: 'no text limit', behaviour: { textLimit: null }, row: /Text limit/,
      reported: (facts) => [facts.textLimit?.value.unit, facts.textLimit?.value.tries.length], expected: ['none-found', 1],
    },
    { name: 'no list lag', behaviour: { listLagMs: 0 }, row: /List after create/, reported: (facts) => facts.listLagMs?.value, expected: 0 },
    { name: 'a 5 s list lag', behaviour: { listLagMs: 5_000 }, row: /List after create/, reported: (facts) => facts.listLagMs?.value, expected: 5_000 },
    {
      name: 'gmt_create in UTC', behaviour: { gmtOffsetHours: 0 }, row: /gmt_create timezone/,
      reported: (facts) => [facts.gmtOffsetHours?.value, facts.idStampOffsetHours?.value], expected: [0, 0],
    },
    {
      name: 'gmt_create in UTC+8', behaviour: { gmtOffsetHours: 8 }, row: /gmt_create timezone/,
      reported: (facts) => [facts.gmtOffsetHours?.value, facts.idStampOffsetHours?.value], expected: [8, 8],
    },
    { name: 'a server clock 7 min behind', behaviour: { clockSkewMs: -7 * 60_000 }, row: /Server clock/, reported: (facts) => facts.clockSkewMs?.value, expected: -420_000 },
    { name: 'a server clock in time', behaviour: { clockSkewMs: 0 }, row: /Server clock/, reported: (facts) => facts.clockSkewMs?.value, expected: 0 },
    {
      name: 'pages above 10 refused', behaviour: { pageSizeLimit: { max: 10, over: 'refuse' } }, row: /page_size/,
      reported: (facts) => [facts.pageSize?.value.outcome, facts.pageSize?.value.largestHonoured], expected: ['refused', 10],
    },
    {
      name: 'pages capped at 10', behaviour: { pageSizeLimit: { max: 10, over: 'cap' } }, row: /page_size/, seeded: 15,
      reported: (facts) => [facts.pageSize?.value.outcome, facts.pageSize?.value.cap], expected: ['capped', 10],
    },
    {
      name: 'any page size', behaviour: { pageSizeLimit: null }, row: /page_size/,
      reported: (facts) => [facts.pageSize?.value.outcome, facts.pageSize?.value.largestHonoured], expected: ['honoured', 1000],
    },
    ...(['status-200-event', 'event-stream-as-json', 'json', 'event-stream', 'data-lines'] as const).map((framing) => ({
      name: `streamed errors framed as ${framing}`, behaviour: { sseErrorBody: framing }, row: /streamed request/,
      reported: (facts: ServiceFacts['facts']) => [facts.sseError?.value.framing, facts.sseError?.value.status, facts.sseError?.value.clientCode],
      expected: [framing, framing === 'status-200-event' ? 200 : 400, 'dashscope.voice_not_found'],
    })),
    {
      name: 'a realtime Omni model that takes pcm16', behaviour: { omniRealtimeOutputFormat: 'pcm16' }, row: /output_audio_format/,
      reported: (facts) => facts.omniRealtime?.value.outputFormat, expected: 'pcm16',
    },
    {
      name: 'a realtime Omni model that takes pcm24', behaviour: { omniRealtimeOutputFormat: 'pcm24' }, row: /output_audio_format/,
      reported: (facts) => facts.omniRealtime?.value.outputFormat, expected: 'pcm24',
    },
    {
      name: 'an Omni model that adds words of its own', behaviour: { omniSays: 'adds-preamble' }, row: /silence as the turn/,
      reported: (facts) => facts.omniRealtime?.value.said, expected: 'adds-words',
    },
    {
      name: 'an Omni model that reads the text', behaviour: { omniSays: 'verbatim' }, row: /silence as the turn/,
      reported: (facts) => facts.omniRealtime?.value.said, expected: 'verbatim',
    },
    { name: 'lower-cased ids', behaviour: { lowerCaseIds: true }, row: /Case of/, reported: (facts) => facts.idCase?.value, expected: 'lower-cased' },
    { name: 'ids that keep the case', behaviour: { lowerCaseIds: false }, row: /Case of/, reported: (facts) => facts.idCase?.value, expected: 'kept' },
  ];

  it.each(cases)('reports $name', async ({ behaviour, row, reported, expected, seeded = 0 }) => {
    const run = await checkAgainst(behaviour, {
      prepare: (mock) => {
        for (let index = 0; index < seeded; index++) mock.addVoice({ preferredName: `seeded${index}`, targetModel: 'qwen3-tts-vc-2026-01-22' });
      },
    });
    expect(run.facts.stoppedEarly).toBeUndefined();
    expect(reported(run.facts.facts)).toEqual(expected);
    expect(await verdict(run, behaviour, row)).toBe('same');
    // Only the voice the check made is gone again.
    expect(run.mock.voices.size).toBe(seeded);
  });

  it('turns its facts into a mock that the check sees the same way again', async () => {
    const set: Partial<MockBehaviour> = {
      textLimit: { maxWeightedChars: 600, maxUtf8Bytes: 100_000 }, listLagMs: 5_000, gmtOffsetHours: 0, clockSkewMs: 90_000,
      pageSizeLimit: null, sseErrorBody: 'json', lowerCaseIds: false, omniRealtimeOutputFormat: 'pcm16', omniSays: 'adds-preamble',
    };
    const first = await checkAgainst(set);
    const { behaviour, unmapped } = behaviourFromFacts(first.facts);
    expect(unmapped).toEqual([]);
    const second = await checkAgainst(behaviour);
    const values = (facts: ServiceFacts['facts']) => Object.fromEntries(Object.entries(facts).map(([name, fact]) => [name, fact.value]));
    expect(values(second.facts.facts)).toEqual(values(first.facts.facts));
    expect((await compareWithMock(first.facts, behaviour)).filter((row) => row.verdict === 'different')).toEqual([]);
  });

  it('stops before creating anything when the key is refused', async () => {
    const run = await checkAgainst({}, { apiKey: 'sk-not-a-key-of-this-region' });
    expect(run.facts.stoppedEarly).toMatch(/^key: dashscope\.invalid_key/);
    expect(run.mock.requests.filter((request) => request.target !== 'list')).toEqual([]);
    expect(run.result.voice).toBeNull();
  });

  it('deletes its voice when a step after the create fails, and says where it stopped', async () => {
    let mock: MockDashScope | undefined;
    const run = await checkAgainst({}, {
      prepare: (started) => { mock = started; },
      onCreated: () => mock?.inject({ kind: 'error', status: 403, code: 'AccessDenied', match: 'list' }),
    });
    expect(run.facts.stoppedEarly).toMatch(/^list-after-create: dashscope\.access_denied/);
    expect(run.result.voice?.deleted).toBe(true);
    expect(run.mock.voices.size).toBe(0);
    expect(run.lines).toContain(`· deleting ${run.result.voice?.id}`);
  });
});
