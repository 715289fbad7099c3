/**
 * How strictly the mock plays DashScope. Each switch says whether it follows the reference
 * (../shared/dashscope-api.md, section and source named) or is a GUESS at what the real service
 * does where nothing documents it. `npm run mock` serves STRICT_BEHAVIOUR; tests start from the
 * same set (without the list lag, which needs a test-controlled clock) and switch single cases.
 */
import { SYNTHESIS_MAX_CHARS, SYNTHESIS_MAX_UTF8_BYTES } from '../../shared/models';

export interface MockBehaviour {
  /**
   * Text per synthesis request, HTTP and realtime; a request over either limit is refused.
   * Documented: §5.a (S18c) "最大输入字符数 600", "一个汉字 = 2个字符". The byte reading comes from a
   * public client that tested the live service (S17c); both are enforced since either may be true.
   */
  textLimit: { maxWeightedChars: number; maxUtf8Bytes: number } | null;
  /**
   * How a refused streamed (SSE) request is answered. §7 lists three shapes seen in real traffic
   * and read by the SDK (`dashscope/common/utils.py` `_handle_stream`, `_handle_http_failed_response`):
   * 'status-200-event': documented (§7 a): HTTP 200 `text/event-stream`, one `event:error` with
   *   `:HTTP_STATUS/<code>` and `data:{"code","message","request_id"}`.
   * 'event-stream-as-json': documented (§7 b): HTTP 4xx whose body is that frame, labelled `application/json`.
   * 'json': documented (§7 c, §3.1): HTTP 4xx with the plain JSON body.
   * 'event-stream': GUESS: HTTP 4xx with the frame labelled `text/event-stream` (the SDK reads it the same way).
   * 'data-lines': GUESS: HTTP 4xx with bare `data:` lines, the JSON spread over several (§5.a S15d joins them).
   */
  sseErrorBody: 'status-200-event' | 'event-stream-as-json' | 'json' | 'event-stream' | 'data-lines';
  /** GUESS: the server's clock is not the user's; this many ms ahead (negative: behind). */
  clockSkewMs: number;
  /** UTC offset (hours) of `gmt_create` and the id's timestamp. §1.2: timezone UNCONFIRMED, "probably China time". */
  gmtOffsetHours: number;
  /** GUESS: a created voice shows up in `list` only this many ms later (undocumented; eventual consistency is common). */
  listLagMs: number;
  /**
   * GUESS when true: ids carry the preferred name lower-cased. Documented (§7): real ids keep its
   * case (`qwen-omni-vc-Beton-voice-…`, `qwen-tts-vc-MetroPolice-voice-…`), so false is the default.
   */
  lowerCaseIds: boolean;
  /**
   * The largest `page_size` list honours, and what a larger one gets: refused with 400
   * InvalidParameter, or a page cut to `max` voices that still reports the size asked for.
   * Documented: §1.2 (S31) gives `page_size` the range [0, 1000000], so null (any size) is the
   * default. GUESS: whether the service honours it is UNCONFIRMED; both answers are guesses.
   */
  pageSizeLimit: { max: number; over: 'refuse' | 'cap' } | null;
  /** Voices per account. Documented: §3.3 (S31), 1,000 for `qwen-voice-enrollment`. */
  maxVoices: number | null;
  /**
   * What an Omni model says when asked to read a text verbatim, over HTTP and realtime alike. GUESS
   * both ways: it is an assistant (§7) and nothing documents how faithfully it reads; 'verbatim' by
   * default, 'adds-preamble' puts words of its own first (OMNI_PREAMBLE in omni-handler.ts). For the
   * realtime models the request is in the session's `instructions` and the user's turn is silence
   * (omni-realtime-handler.ts): GUESS too that a real model answers such a turn by following them.
   */
  omniSays: 'verbatim' | 'adds-preamble';
  /**
   * The one `output_audio_format` a realtime Omni session takes; the other is refused with an
   * `error` event naming `session.output_audio_format`. Documented (Model Studio "Qwen-Omni-Realtime"
   * client events, help.aliyun.com/zh/model-studio/client-events): Qwen3-Omni-Flash-Realtime takes
   * only 'pcm24', Qwen-Omni-Turbo-Realtime only 'pcm16' (the official SDK sends 'pcm16' for 24 kHz
   * too). GUESS: which one qwen3.5-omni-*-realtime takes; 'pcm24' as its nearest documented sibling.
   * The rest of the Omni-Realtime session (omni-realtime-handler.ts) follows the same pages and the
   * server events page (the flow, manual mode with `turn_detection: null`, the `error` event
   * `{type, code, message, param}`, an empty commit refused); GUESSES there, marked in the file:
   * the wording of refusals, the codes for an unknown or wrong-model voice (those of the TTS
   * endpoints, §3.2, §5 S28), that server VAD never answers a silent turn, that `response.create`
   * needs a committed turn, and that qwen3.5 keeps the system voices of Qwen3-Omni-Flash-Realtime.
   */
  omniRealtimeOutputFormat: 'pcm24' | 'pcm16';
}

export const STRICT_BEHAVIOUR: MockBehaviour = {
  textLimit: { maxWeightedChars: SYNTHESIS_MAX_CHARS, maxUtf8Bytes: SYNTHESIS_MAX_UTF8_BYTES },
  sseErrorBody: 'status-200-event',
  clockSkewMs: -7 * 60_000,
  gmtOffsetHours: 8,
  listLagMs: 3_000,
  lowerCaseIds: false,
  pageSizeLimit: null,
  maxVoices: 1000,
  omniSays: 'verbatim',
  omniRealtimeOutputFormat: 'pcm24',
};

/** What tests start from: strict, except the list lag, which a test turns on with its own clock. */
export const TEST_BEHAVIOUR: MockBehaviour = { ...STRICT_BEHAVIOUR, listLagMs: 0 };

/**
 * The answer to a create on a full account. Documented: §3.3 (S32), HTTP 400 with this code and
 * message; the same code with 429 is rate limiting (SAMPLE_ERRORS in faults.ts).
 */
export const VOICE_QUOTA_ERROR = {
  status: 400,
  code: 'Throttling.AllocationQuota',
  message: 'Maximum voice storage limit exceeded, please delete existing voices.',
} as const;
