/**
 * A facts file from `npm run check:live` as the mock's switches: `npm run mock -- --facts FILE`
 * plays the service as it was last seen. Facts that today's switches cannot express are named,
 * and the switch keeps its strict default.
 */
import { readFileSync } from 'node:fs';
import type { ServiceFacts } from '../../tools/check-live/facts-file';
import { STRICT_BEHAVIOUR, type MockBehaviour } from './behaviour';

export interface BehaviourFromFacts {
  behaviour: MockBehaviour;
  /** Facts the mock cannot play, each with the default kept instead. */
  unmapped: string[];
}

/** Lags and clock offsets are measured to a poll or a round trip: whole seconds say all they can. */
const toSeconds = (ms: number) => Math.round(ms / 1000) * 1000 || 0;

export function readFactsFile(path: string): ServiceFacts {
  const facts = JSON.parse(readFileSync(path, 'utf8')) as ServiceFacts;
  if (facts.format !== 1 || typeof facts.facts !== 'object') throw new Error(`${path} is not a facts file written by npm run check:live`);
  return facts;
}

export function behaviourFromFacts(file: ServiceFacts, base: MockBehaviour = STRICT_BEHAVIOUR): BehaviourFromFacts {
  const { facts } = file;
  const behaviour: MockBehaviour = { ...base };
  const unmapped: string[] = [];

  if (facts.idCase) {
    if (facts.idCase.value === 'other') unmapped.push('the id changes preferred_name in a way the mock cannot play (kept lowerCaseIds)');
    else behaviour.lowerCaseIds = facts.idCase.value === 'lower-cased';
  }
  if (facts.listLagMs) {
    if (facts.listLagMs.value === null) unmapped.push('the voice never appeared in list within the wait (kept listLagMs)');
    else behaviour.listLagMs = toSeconds(facts.listLagMs.value);
  }
  if (typeof facts.gmtOffsetHours?.value === 'number') behaviour.gmtOffsetHours = facts.gmtOffsetHours.value;
  if (typeof facts.clockSkewMs?.value === 'number') behaviour.clockSkewMs = toSeconds(facts.clockSkewMs.value);

  const page = facts.pageSize?.value;
  if (page) {
    if (page.outcome === 'honoured') behaviour.pageSizeLimit = null;
    else if (page.outcome === 'refused') behaviour.pageSizeLimit = { max: page.largestHonoured, over: 'refuse' };
    else behaviour.pageSizeLimit = { max: page.cap ?? page.largestHonoured, over: 'cap' };
  }

  const limit = facts.textLimit?.value;
  if (limit?.unit === 'utf8-bytes' && limit.max !== null) behaviour.textLimit = { maxWeightedChars: Infinity, maxUtf8Bytes: limit.max };
  else if (limit?.unit === 'weighted-chars' && limit.max !== null) behaviour.textLimit = { maxWeightedChars: limit.max, maxUtf8Bytes: Infinity };
  else if (limit?.unit === 'none-found') behaviour.textLimit = null;
  else if (limit) unmapped.push(`text limit "${limit.unit}" has no switch (kept textLimit)`);

  const framing = facts.sseError?.value.framing;
  if (framing === 'other') unmapped.push('a streamed error framed in a way the mock cannot play (kept sseErrorBody)');
  else if (framing) behaviour.sseErrorBody = framing;

  const omni = facts.omniRealtime?.value;
  if (omni?.outputFormat === 'pcm24' || omni?.outputFormat === 'pcm16') behaviour.omniRealtimeOutputFormat = omni.outputFormat;
  else if (omni?.outputFormat) unmapped.push(`realtime Omni took output_audio_format "${omni.outputFormat}" (kept omniRealtimeOutputFormat)`);
  if (omni?.said === 'verbatim' || omni?.said === 'adds-words') behaviour.omniSays = omni.said === 'verbatim' ? 'verbatim' : 'adds-preamble';
  else if (omni?.said === 'other') unmapped.push('realtime Omni said something other than the text (kept omniSays)');

  return { behaviour, unmapped };
}
