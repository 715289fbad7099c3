/**
 * The table a maintainer reads: each fact, what the mock assumes (its strict behaviour), what the
 * service did, and whether they agree. The mock's side is worked out from its switches the same
 * way the service's was measured, so "same" means the check would have seen the mock do it.
 */
import { STRICT_BEHAVIOUR, type MockBehaviour } from '../../tests/mock-dashscope/behaviour';
import { textLimitProblem } from '../../tests/mock-dashscope/audio';
import type { ServiceFacts, TextLimitFact } from './facts-file';
import { findTextLimit } from './text-limit';

export interface TableRow {
  fact: string;
  mock: string;
  service: string;
  verdict: 'same' | 'different' | '—';
}

const NOT_PROBED = 'not probed';
const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const utc = (hours: number) => (hours === 0 ? 'UTC' : `UTC${hours > 0 ? '+' : ''}${hours}`);
const limitText = (limit: Pick<TextLimitFact, 'unit' | 'max'>) =>
  limit.unit === 'none-found' ? 'no limit at 600 in any unit' : limit.max === null ? limit.unit : `${limit.max} ${limit.unit}`;

function row(fact: string, mock: string, service: string | undefined, same?: (service: string) => boolean): TableRow {
  if (service === undefined || service === NOT_PROBED) return { fact, mock, service: NOT_PROBED, verdict: '—' };
  return { fact, mock, service, verdict: (same ? same(service) : service === mock) ? 'same' : 'different' };
}

export async function compareWithMock(file: ServiceFacts, behaviour: MockBehaviour = STRICT_BEHAVIOUR): Promise<TableRow[]> {
  const { facts } = file;
  const mockLimit = await findTextLimit(async (_language, text) => ({
    outcome: textLimitProblem(text, behaviour.textLimit) === null ? 'accepted' : 'refused',
  }));
  const wrong = facts.wrongRegion?.value;
  const page = facts.pageSize?.value;
  const sse = facts.sseError?.value;
  const realtime = facts.realtimeError?.value;
  const omni = facts.omniRealtime?.value;
  const omniRefused = omni && omni.clientCode !== null ? `refused: ${omni.code ?? omni.clientCode}` : undefined;
  const SAYING = { verbatim: 'says the text', 'adds-words': 'says the text with words of its own', other: 'says something else' } as const;
  const again = facts.deleteAgain?.value;
  const lag = facts.listLagMs?.value;
  const gone = facts.goneFromListAfterMs?.value;
  /** Lags are measured to one poll (and a request's time); within that they agree. */
  const closeTo = (measured: number | null | undefined, assumed: number) =>
    typeof measured === 'number' && Math.abs(measured - assumed) <= Math.max(file.pollMs, 1_000);
  const skew = facts.clockSkewMs?.value;

  return [
    row('A key on the other region', '401 InvalidApiKey',
      wrong === undefined ? undefined : wrong === 'not-probed' ? NOT_PROBED : `${wrong.status ?? 'no answer'} ${wrong.code ?? ''}`.trim()),
    row('Case of preferred_name in the id', behaviour.lowerCaseIds ? 'lower-cased' : 'kept', facts.idCase?.value),
    row('Create answer: output fields, fallback_mode', 'target_model, voice; fallback_mode absent',
      facts.createAnswer && `${facts.createAnswer.value.outputFields.join(', ')}; fallback_mode ${facts.createAnswer.value.fallbackMode ?? 'absent'}`,
      (service) => service.startsWith('target_model, voice; fallback_mode absent')),
    row('List after create: new voice appears after', seconds(behaviour.listLagMs),
      lag === undefined ? undefined : lag === null ? `not within ${seconds(file.waitMs)}` : seconds(lag),
      () => closeTo(lag, behaviour.listLagMs)),
    row('gmt_create timezone', utc(behaviour.gmtOffsetHours), facts.gmtOffsetHours && (facts.gmtOffsetHours.value === null ? 'unreadable' : utc(facts.gmtOffsetHours.value))),
    row('Timezone of the id\'s time stamp', utc(behaviour.gmtOffsetHours),
      facts.idStampOffsetHours && (facts.idStampOffsetHours.value === null ? 'no stamp' : utc(facts.idStampOffsetHours.value))),
    row('Server clock minus this computer\'s', seconds(behaviour.clockSkewMs),
      typeof skew === 'number' ? `${seconds(skew)} (${facts.clockSkewMs?.note})` : undefined,
      () => typeof skew === 'number' && Math.abs(skew - behaviour.clockSkewMs) < 60_000),
    row('A large page_size (1000, then 100)',
      behaviour.pageSizeLimit === null ? 'honoured' : `${behaviour.pageSizeLimit.over === 'cap' ? 'capped at' : 'refused above'} ${behaviour.pageSizeLimit.max}`,
      page && (page.outcome === 'honoured' ? 'honoured' : page.outcome === 'capped' ? `capped at ${page.cap}` : `refused above ${page.largestHonoured}`)),
    row(`Text limit per request (${file.targetModel})`, limitText(mockLimit), facts.textLimit && limitText(facts.textLimit.value)),
    row('Error of a streamed request (unknown voice)', `${behaviour.sseErrorBody}, HTTP ${behaviour.sseErrorBody === 'status-200-event' ? 200 : 400}`,
      sse && `${sse.framing}, HTTP ${sse.status ?? '—'}${sse.clientCode ? '' : ' (accepted!)'}`),
    row('Realtime Omni: output_audio_format it takes', behaviour.omniRealtimeOutputFormat, omni && (omni.outputFormat ?? omniRefused ?? 'none')),
    row('Realtime Omni: text in instructions, silence as the turn', SAYING[behaviour.omniSays === 'verbatim' ? 'verbatim' : 'adds-words'],
      omni && (omni.said ? SAYING[omni.said] : omniRefused ?? 'no answer')),
    row('Error of a realtime session (unknown voice)', 'error-event BadRequest.VoiceNotFound', realtime && `${realtime.framing} ${realtime.code ?? ''}`.trim()),
    row('Deleted voice gone from list after', '0 s',
      gone === undefined ? undefined : gone === null ? `still listed after ${seconds(file.waitMs)}` : seconds(gone),
      () => closeTo(gone, 0)),
    row('Delete again', '400 BadRequest.VoiceNotFound', again && `${again.status ?? 'no answer'} ${again.code ?? ''}`.trim()),
    { fact: 'A 5xx after the voice was stored', mock: 'only when a test injects it', service: 'cannot be provoked', verdict: '—' },
    { fact: 'Voices per account', mock: String(behaviour.maxVoices ?? 'no limit'), service: 'not probed (would take 1,000 creations)', verdict: '—' },
  ];
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function markdownTable(rows: TableRow[]): string {
  return [
    '| Fact | What the mock assumes | What the service did | |',
    '|---|---|---|---|',
    ...rows.map((entry) => `| ${cell(entry.fact)} | ${cell(entry.mock)} | ${cell(entry.service)} | ${entry.verdict} |`),
  ].join('\n');
}
