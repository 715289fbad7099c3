/**
 * The checks themselves, made with the app's own DashScope client (and, where the client's text
 * splitting would hide the limit, its single-chunk synthesis). Each step keeps the raw exchanges
 * it read its fact from. The one voice created is deleted whatever happens after its creation.
 */
import { randomBytes } from 'node:crypto';
import {
  DASHSCOPE_ERROR, createDashScopeClient, isDashScopeError, type DashScopeClientDeps, type Endpoints,
} from '../../electron/main/dashscope/client';
import { resolveContext } from '../../electron/main/dashscope/context';
import { synthesizeOmniRealtimeChunk } from '../../electron/main/dashscope/omni-realtime';
import { synthesizeRealtimeChunk } from '../../electron/main/dashscope/realtime';
import { withRetry } from '../../electron/main/dashscope/retry';
import { streamHttpChunk } from '../../electron/main/dashscope/synthesis-http';
import { preferredNameFromVoiceId } from '../../electron/main/dashscope/voice-format';
import { hasVoiceOptions, isRealtimeModel, type SampleLanguage, type TargetModel } from '../../shared/models';
import type { Exchange, OmniRealtimeFact, PageSizeFact, ServiceFacts, SseErrorFraming } from './facts-file';
import { createRecorder } from './recorder';
import { findTextLimit, type TryOutcome } from './text-limit';

export interface CheckOptions {
  apiKey: string;
  endpoints: Endpoints;
  /** The other region's address, to see what this key answers there; absent for a custom base URL. */
  wrongRegion?: Endpoints;
  targetModel: TargetModel;
  sample: { dataUrl: string; text: string; language: SampleLanguage };
  timbreVersion: string;
  /** How often `list` is asked while waiting for the new voice to appear (or go). */
  pollMs: number;
  /** How long to wait for it before writing the lag down as "more than this". */
  waitMs: number;
  /** Aborted on Ctrl-C: the check stops at the next step and deletes its voice. */
  signal: AbortSignal;
  /** Told the id as soon as the voice exists, so the caller can name it if deleting fails. */
  onCreated?: (voice: string) => void;
  say: (line: string) => void;
  /** The clock and the waits; tests share a fake clock with the mock. */
  now?: () => number;
  sleep?: DashScopeClientDeps['sleep'];
}

export interface CheckResult {
  facts: ServiceFacts;
  /** The created voice and whether it is gone again; null when none was created. */
  voice: { id: string; deleted: boolean; deleteError?: string } | null;
}

/** Where the docs list both; the realtime model whose session must fail is any the key may use. */
const HTTP_MODEL: TargetModel = 'qwen3-tts-vc-2026-01-22';
const REALTIME_MODEL: TargetModel = 'qwen3-tts-vc-realtime-2025-11-27';
const UNKNOWN_VOICE = 'qwen-tts-vc-TimbreNoSuchVoice-voice-20260101000000000-0000';
/**
 * The realtime Omni probe needs no clone: it speaks with the documented default voice of
 * Qwen3-Omni-Flash-Realtime (whether qwen3.5 has it too is what the probe also shows).
 */
const OMNI_REALTIME_MODEL: TargetModel = 'qwen3.5-omni-flash-realtime';
const OMNI_SYSTEM_VOICE = 'Cherry';
export const OMNI_PROBE_TEXT = 'Timbre checks that you read this sentence exactly.';
/** Timbre's own page size: every list already shows it is honoured. */
const APP_PAGE_SIZE = 10;
const LARGE_PAGE_SIZES = [1000, 100];
const HOUR_MS = 3_600_000;
const QUARTER_HOUR_MS = HOUR_MS / 4;
/** parseGmtTimestamp reads `gmt_create` as UTC+8; adding this back gives the wall clock as written. */
const CHINA_OFFSET_MS = 8 * HOUR_MS;

class StepFailed extends Error {}

const describeError = (error: unknown) => (isDashScopeError(error)
  ? `${error.code}${error.status ? ` (HTTP ${error.status}${error.dashscopeCode ? ` ${error.dashscopeCode}` : ''})` : ''}: ${error.message}`
  : String(error));

/** `YYYYMMDDhhmmssSSS` of the id, read as if it were UTC. */
function idStampAsUtc(voice: string): number | null {
  const stamp = /-voice-(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})-/.exec(voice);
  if (!stamp) return null;
  const [, y, mo, d, h, mi, s, ms] = stamp.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/** The UTC offset a wall-clock time was written in, to the quarter hour, given when it really was. */
const offsetHours = (wallAsUtc: number, actual: number) => Math.round((wallAsUtc - actual) / QUARTER_HOUR_MS) / 4 || 0; // never -0

/** Which of the shapes of §7 (and the mock's `sseErrorBody`) a refused streamed request came in. */
function sseFraming(exchange: Exchange | undefined): SseErrorFraming {
  const body = exchange?.body?.trim() ?? '';
  const labelledJson = /json/i.test(exchange?.headers?.['content-type'] ?? '');
  try {
    JSON.parse(body);
    return 'json';
  } catch {
    if (/^event:/m.test(body)) {
      if (exchange?.status === 200) return 'status-200-event';
      return labelledJson ? 'event-stream-as-json' : 'event-stream';
    }
    return /^data:/m.test(body) ? 'data-lines' : 'other';
  }
}

/** Words only, lower case: punctuation and spacing are the transcript's business. */
const wordsOf = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function comparedSaying(asked: string, said: string): OmniRealtimeFact['said'] {
  const want = wordsOf(asked);
  const got = wordsOf(said);
  if (got === want) return 'verbatim';
  return got.includes(want) ? 'adds-words' : 'other';
}

/** Server events of a recorded realtime session, parsed. */
const eventsOf = (exchange: Exchange | undefined) => (exchange?.events ?? [])
  .map((text) => { try { return JSON.parse(text) as Record<string, unknown>; } catch { return {}; } });

function errorCodeOf(exchange: Exchange | undefined): string | null {
  try {
    const body = JSON.parse(exchange?.body ?? '') as { code?: unknown };
    return typeof body.code === 'string' ? body.code : null;
  } catch {
    return null;
  }
}

export async function runChecks(options: CheckOptions): Promise<CheckResult> {
  const now = options.now ?? Date.now;
  const { signal, say } = options;
  const recorder = createRecorder(() => [options.apiKey]);
  const deps = (endpoints: Endpoints): DashScopeClientDeps => ({
    getApiKey: async () => options.apiKey,
    baseUrl: () => endpoints,
    fetch: recorder.fetch,
    WebSocket: recorder.WebSocket,
    now,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
  const client = createDashScopeClient(deps(options.endpoints));
  const context = resolveContext(deps(options.endpoints));
  const facts: ServiceFacts['facts'] = {};
  // A holder, so what the steps set is seen after them (a plain `let` would read as always null).
  const made: { voice: CheckResult['voice'] } = { voice: null };
  let stoppedEarly: string | undefined;

  /** Runs one probe with its exchanges labelled; `evidence()` gives the indexes of what it sent so far. */
  const step = async (name: string, probe: (evidence: () => number[]) => Promise<void>) => {
    if (signal.aborted) throw new StepFailed('interrupted');
    recorder.setStep(name);
    say(`· ${name}`);
    const from = recorder.mark();
    try {
      await probe(() => recorder.since(from));
    } catch (error) {
      if (signal.aborted) throw new StepFailed('interrupted');
      throw new StepFailed(`${name}: ${describeError(error)}`);
    } finally {
      await recorder.settled();
    }
  };
  const wait = async (ms: number) => {
    try {
      await context.sleep(ms, signal);
    } catch {
      throw new StepFailed('interrupted');
    }
  };
  /** Polls `list` until the voice is there (`wanted`) or gone; ms since `from`, or null after the wait. */
  const pollList = async (id: string, wanted: boolean, from: number) => {
    for (;;) {
      const listed = (await client.list({ signal })).find((entry) => entry.voice === id);
      if ((listed !== undefined) === wanted) return { ms: now() - from, listed };
      if (now() - from >= options.waitMs) return { ms: null, listed };
      await wait(options.pollMs);
    }
  };

  try {
    await step('key', async () => {
      await client.listPage(0, 1, signal);
    });

    await step('wrong-region', async (evidence) => {
      if (!options.wrongRegion) {
        facts.wrongRegion = { value: 'not-probed', evidence: [], note: 'a custom base URL has no other region' };
        return;
      }
      const other = createDashScopeClient(deps(options.wrongRegion));
      try {
        await other.listPage(0, 1, signal);
        facts.wrongRegion = { value: { status: 200, code: null }, evidence: evidence(), note: 'the key works in both regions' };
      } catch (error) {
        if (!isDashScopeError(error) || error.code === DASHSCOPE_ERROR.cancelled) throw error;
        facts.wrongRegion = { value: { status: error.status ?? null, code: error.dashscopeCode ?? null }, evidence: evidence() };
      }
    });

    await step('sse-error', async (evidence) => {
      const model = isRealtimeModel(options.targetModel) ? HTTP_MODEL : options.targetModel;
      let clientCode: string | null = null;
      try {
        await streamHttpChunk(context, { voice: UNKNOWN_VOICE, model, text: 'Hello.', signal }, { delivered: false });
      } catch (error) {
        if (!isDashScopeError(error) || error.code === DASHSCOPE_ERROR.cancelled) throw error;
        clientCode = error.code;
      }
      await recorder.settled();
      const exchange = recorder.exchanges[evidence()[0]];
      facts.sseError = {
        value: {
          framing: sseFraming(exchange), status: exchange?.status ?? null, contentType: exchange?.headers?.['content-type'] ?? null, clientCode,
        },
        evidence: evidence(),
        ...(clientCode === null ? { note: 'the unknown voice was accepted' } : {}),
      };
    });

    await step('realtime-error', async (evidence) => {
      const model = hasVoiceOptions(options.targetModel) ? options.targetModel : REALTIME_MODEL;
      let clientCode: string | null = null;
      try {
        await synthesizeRealtimeChunk(context, { voice: UNKNOWN_VOICE, model, text: 'Hello.', signal }, { delivered: false });
      } catch (error) {
        if (!isDashScopeError(error) || error.code === DASHSCOPE_ERROR.cancelled) throw error;
        clientCode = error.code;
      }
      const exchange = recorder.exchanges[evidence()[0]];
      const errorEvent = eventsOf(exchange).find((event) => event.type === 'error') as { error?: { code?: unknown } } | undefined;
      const framing = exchange?.status !== undefined ? 'handshake-refused' : errorEvent ? 'error-event' : clientCode ? 'closed' : 'no-error';
      const code = framing === 'handshake-refused' ? errorCodeOf(exchange) : typeof errorEvent?.error?.code === 'string' ? errorEvent.error.code : null;
      facts.realtimeError = { value: { framing, code, clientCode }, evidence: evidence() };
    });

    await step('omni-realtime', async (evidence) => {
      let said: OmniRealtimeFact['said'] = null;
      let clientCode: string | null = null;
      try {
        const spoken = await synthesizeOmniRealtimeChunk(context, {
          voice: OMNI_SYSTEM_VOICE, model: OMNI_REALTIME_MODEL, text: OMNI_PROBE_TEXT, signal,
        }, { delivered: false });
        said = comparedSaying(OMNI_PROBE_TEXT, spoken.spokenText ?? '');
      } catch (error) {
        if (!isDashScopeError(error) || error.code === DASHSCOPE_ERROR.cancelled) throw error;
        clientCode = error.code;
      }
      const exchange = recorder.exchanges[evidence()[0]];
      const events = eventsOf(exchange);
      const updated = events.find((event) => event.type === 'session.updated')?.session as { output_audio_format?: unknown } | undefined;
      const errorEvent = events.find((event) => event.type === 'error')?.error as { code?: unknown } | undefined;
      const code = exchange?.status !== undefined ? errorCodeOf(exchange) : typeof errorEvent?.code === 'string' ? errorEvent.code : null;
      facts.omniRealtime = {
        value: {
          model: OMNI_REALTIME_MODEL, voice: OMNI_SYSTEM_VOICE,
          outputFormat: typeof updated?.output_audio_format === 'string' ? updated.output_audio_format : null,
          said, code: clientCode ? code : null, clientCode,
        },
        evidence: evidence(),
      };
    });

    const preferredName = `TimbreCheck${randomBytes(3).toString('hex').slice(0, 4)}`;
    let createdAround = 0;
    let createdAt = 0;
    await step('create', async (evidence) => {
      const started = now();
      // Not cancellable: a create cut off mid-way may still make a voice nobody would delete.
      const created = await client.create({
        preferredName, targetModel: options.targetModel, audio: { dataUrl: options.sample.dataUrl },
        text: options.sample.text, language: options.sample.language, existingVoices: [],
      });
      createdAt = now();
      createdAround = (started + createdAt) / 2;
      made.voice = { id: created.voice, deleted: false };
      options.onCreated?.(created.voice);
      say(`  created ${created.voice}`);
      const named = preferredNameFromVoiceId(created.voice);
      facts.idCase = {
        value: named === preferredName ? 'kept' : named === preferredName.toLowerCase() ? 'lower-cased' : 'other',
        evidence: evidence(),
        note: `preferred_name ${preferredName}`,
      };
      await recorder.settled();
      const answer = evidence().map((index) => recorder.exchanges[index]).filter((exchange) => exchange.status === 200).at(-1);
      let outputFields: string[] = [];
      try {
        outputFields = Object.keys((JSON.parse(answer?.body ?? '{}') as { output?: object }).output ?? {}).sort();
      } catch {
        // an unreadable body already failed the create
      }
      facts.createAnswer = {
        value: { outputFields, fallbackMode: created.fallbackMode ?? null, fallbackReason: created.fallbackReason ?? null }, evidence: evidence(),
      };
      const stamp = idStampAsUtc(created.voice);
      const idOffset = stamp === null ? null : offsetHours(stamp, createdAround);
      facts.idStampOffsetHours = { value: idOffset, evidence: evidence() };
      facts.clockSkewMs = {
        value: stamp === null || idOffset === null ? null : Math.round(stamp - idOffset * HOUR_MS - createdAround),
        evidence: evidence(),
        // The stamp is made somewhere within the create's round trip.
        note: `± ${Math.ceil((createdAt - started) / 2)} ms`,
      };
    });
    const id = made.voice?.id ?? '';

    await step('list-after-create', async (evidence) => {
      const { ms, listed } = await pollList(id, true, createdAt);
      facts.listLagMs = {
        value: ms, evidence: evidence(), ...(ms === null ? { note: `not listed within ${options.waitMs} ms` } : {}),
      };
      const gmt = listed?.createdAt;
      facts.gmtOffsetHours = {
        value: typeof gmt === 'number' ? offsetHours(gmt + CHINA_OFFSET_MS, createdAround) : null, evidence: evidence(),
      };
    });

    await step('page-size', async (evidence) => {
      const tries: PageSizeFact['tries'] = [];
      for (const pageSize of LARGE_PAGE_SIZES) {
        try {
          const page = await client.listPage(0, pageSize, signal);
          const returned = page.voices.length;
          const capped = page.pageSize < pageSize || (page.totalCount !== undefined && returned < Math.min(page.totalCount, pageSize));
          tries.push({
            pageSize, outcome: capped ? 'capped' : 'honoured', answeredPageSize: page.pageSize, returned,
            ...(page.totalCount !== undefined ? { totalCount: page.totalCount } : {}),
          });
          if (!capped) break;
        } catch (error) {
          if (!isDashScopeError(error) || error.status !== 400) throw error;
          tries.push({ pageSize, outcome: 'refused', error: describeError(error) });
        }
      }
      const first = tries[0];
      const honoured = tries.filter((attempt) => attempt.outcome === 'honoured').map((attempt) => attempt.pageSize);
      const cap = tries.find((attempt) => attempt.outcome === 'capped');
      const fewVoices = first.totalCount !== undefined && first.totalCount < first.pageSize;
      facts.pageSize = {
        value: {
          outcome: first.outcome, largestHonoured: Math.max(APP_PAGE_SIZE, ...honoured), tries,
          ...(cap ? { cap: cap.answeredPageSize !== undefined && cap.answeredPageSize < cap.pageSize ? cap.answeredPageSize : cap.returned } : {}),
        },
        evidence: evidence(),
        ...(fewVoices && first.outcome === 'honoured'
          ? { note: `the account holds ${first.totalCount} voices: a cap above that shows only if the answer's page_size says so` } : {}),
      };
    });

    await step('text-limit', async (evidence) => {
      const chunk = isRealtimeModel(options.targetModel) ? synthesizeRealtimeChunk : streamHttpChunk;
      const tryText = async (language: 'en' | 'zh', text: string): Promise<TryOutcome> => {
        try {
          await withRetry(context, { label: 'text-limit', signal }, () => chunk(context, {
            voice: id, model: options.targetModel, text, languageType: language === 'en' ? 'English' : 'Chinese', signal,
          }, { delivered: false }));
          return { outcome: 'accepted' };
        } catch (error) {
          if (!isDashScopeError(error) || error.code === DASHSCOPE_ERROR.cancelled) throw error;
          return error.status === 400 || error.code === DASHSCOPE_ERROR.invalidParameter
            ? { outcome: 'refused' } : { outcome: 'error', error: describeError(error) };
        }
      };
      facts.textLimit = { value: await findTextLimit(tryText), evidence: evidence() };
    });

    await step('delete', async (evidence) => {
      await client.delete(id, { signal });
      const deletedAt = now();
      if (made.voice) made.voice.deleted = true;
      const { ms } = await pollList(id, false, deletedAt);
      facts.goneFromListAfterMs = {
        value: ms, evidence: evidence(), ...(ms === null ? { note: `still listed ${options.waitMs} ms after the delete` } : {}),
      };
    });

    await step('delete-again', async (evidence) => {
      const again = await client.delete(id, { signal });
      const exchange = recorder.exchanges[evidence().at(-1) ?? -1];
      facts.deleteAgain = {
        value: { status: exchange?.status ?? null, code: errorCodeOf(exchange), clientSaysAlreadyGone: again.alreadyGone }, evidence: evidence(),
      };
    });
  } catch (error) {
    if (!(error instanceof StepFailed)) throw error;
    stoppedEarly = error.message;
  } finally {
    const left = made.voice;
    if (left && !left.deleted) {
      recorder.setStep('cleanup');
      say(`· deleting ${left.id}`);
      try {
        // Never tied to the Ctrl-C signal: this is what Ctrl-C is waiting for.
        await client.delete(left.id);
        left.deleted = true;
      } catch (error) {
        left.deleteError = describeError(error);
      }
      await recorder.settled();
    }
  }

  return {
    facts: {
      format: 1,
      checkedAt: new Date(now()).toISOString(),
      region: options.endpoints.region,
      baseUrl: options.endpoints.http,
      timbreVersion: options.timbreVersion,
      targetModel: options.targetModel,
      pollMs: options.pollMs,
      waitMs: options.waitMs,
      ...(stoppedEarly ? { stoppedEarly } : {}),
      facts,
      exchanges: recorder.exchanges,
    },
    voice: made.voice,
  };
}
