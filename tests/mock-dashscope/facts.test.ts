/**
 * The mock from a facts file (`npm run mock -- --facts`), and the guard that keeps the mock's
 * strict defaults where the last real check (a committed `service-facts.json` here) saw the service.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceFacts } from '../../tools/check-live/facts-file';
import { compareWithMock } from '../../tools/check-live/table';
import { STRICT_BEHAVIOUR } from './behaviour';
import { behaviourFromFacts, readFactsFile } from './facts';

const COMMITTED_FACTS = join(import.meta.dirname, 'service-facts.json');

function factsFile(facts: ServiceFacts['facts']): ServiceFacts {
  return {
    format: 1, checkedAt: '2026-12-06T07:30:00.000Z', region: 'ap-southeast-1', baseUrl: 'https://dashscope-intl.aliyuncs.com/api/v1',
    timbreVersion: '0.1.0', targetModel: 'qwen3-tts-vc-2026-01-22', pollMs: 1000, waitMs: 60_000, facts, exchanges: [],
  };
}

const fact = <T>(value: T) => ({ value, evidence: [] });
const limit = (unit: 'utf8-bytes' | 'weighted-chars' | 'code-points' | 'none-found', max: number | null) => fact({ unit, max, tries: [] });

describe('the mock from a facts file', () => {
  it('sets each switch the facts settle', () => {
    const { behaviour, unmapped } = behaviourFromFacts(factsFile({
      idCase: fact('kept' as const),
      // Measured to a poll or a round trip: the mock takes whole seconds.
      listLagMs: fact(1_200),
      gmtOffsetHours: fact(0),
      clockSkewMs: fact(-2_400),
      pageSize: fact({ outcome: 'honoured' as const, largestHonoured: 1000, tries: [] }),
      textLimit: limit('weighted-chars', 600),
      sseError: fact({ framing: 'data-lines' as const, status: 400, contentType: 'text/event-stream', clientCode: 'dashscope.voice_not_found' }),
    }));
    expect(unmapped).toEqual([]);
    expect(behaviour).toEqual({
      ...STRICT_BEHAVIOUR,
      lowerCaseIds: false, listLagMs: 1_000, gmtOffsetHours: 0, clockSkewMs: -2_000, pageSizeLimit: null,
      textLimit: { maxWeightedChars: 600, maxUtf8Bytes: Infinity }, sseErrorBody: 'data-lines',
    });
  });

  it('keeps the strict default where the facts say nothing', () => {
    expect(behaviourFromFacts(factsFile({}))).toEqual({ behaviour: STRICT_BEHAVIOUR, unmapped: [] });
  });

  it('names the facts no switch can play, and keeps the default for them', () => {
    const { behaviour, unmapped } = behaviourFromFacts(factsFile({
      textLimit: limit('code-points', 600),
      listLagMs: fact(null),
      pageSize: fact({ outcome: 'capped' as const, largestHonoured: 10, cap: 100, tries: [] }),
    }));
    expect(behaviour.textLimit).toEqual(STRICT_BEHAVIOUR.textLimit);
    expect(behaviour.listLagMs).toBe(STRICT_BEHAVIOUR.listLagMs);
    // A capped page is played as such since the mock has the switch (issue 29).
    expect(behaviour.pageSizeLimit).toEqual({ max: 100, over: 'cap' });
    expect(unmapped).toEqual([
      'the voice never appeared in list within the wait (kept listLagMs)',
      'text limit "code-points" has no switch (kept textLimit)',
    ]);
  });

  it('refuses a file check:live did not write', () => {
    expect(() => readFactsFile(join(import.meta.dirname, '../../package.json'))).toThrow(/not a facts file/);
  });
});

// Present once a maintainer commits the facts of a real check (README: "Checking against the real service").
it.skipIf(!existsSync(COMMITTED_FACTS))('the strict defaults agree with the last real check (service-facts.json)', async () => {
  const rows = await compareWithMock(readFactsFile(COMMITTED_FACTS), STRICT_BEHAVIOUR);
  expect(rows.filter((row) => row.verdict === 'different')).toEqual([]);
});
