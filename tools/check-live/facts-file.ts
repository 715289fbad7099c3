/**
 * What `npm run check:live` writes to `service-facts.json`: each fact the real service showed, with
 * the raw exchanges it was read from. The mock reads the same file (`npm run mock -- --facts`).
 */

/** One HTTP exchange or realtime session as it went over the wire, key and signed URLs redacted. */
export interface Exchange {
  /** The probe that made it, e.g. "text-limit". */
  step: string;
  method: string;
  url: string;
  requestBody?: string;
  status?: number;
  /** Only the headers that say something about the answer (content type, request id, retry). */
  headers?: Record<string, string>;
  body?: string;
  /** Realtime: the server's events, in order. */
  events?: string[];
  /** Realtime: how the socket closed. */
  closeCode?: number;
  /** The request never got an answer (network failure, cancelled). */
  transportError?: string;
}

export interface Fact<T> {
  value: T;
  /** Indexes into ServiceFacts.exchanges. */
  evidence: number[];
  note?: string;
}

export type TextLimitUnit = 'utf8-bytes' | 'weighted-chars' | 'code-points' | 'none-found' | 'inconclusive';

export interface TextLimitFact {
  /** How the limit is counted, read from which Chinese length is the first refused. */
  unit: TextLimitUnit;
  /** The limit in that unit, when one was found. */
  max: number | null;
  /** Each tried length: characters of the language, and whether it was accepted. */
  tries: Array<{ language: 'en' | 'zh'; chars: number; outcome: 'accepted' | 'refused' | 'error'; error?: string }>;
}

export type PageSizeOutcome = 'honoured' | 'capped' | 'refused';

export interface PageSizeFact {
  outcome: PageSizeOutcome;
  /** The largest page size seen honoured (10 is Timbre's own, honoured by every list). */
  largestHonoured: number;
  /** The page size a capped answer came back with. */
  cap?: number;
  tries: Array<{ pageSize: number; outcome: PageSizeOutcome; answeredPageSize?: number; returned?: number; totalCount?: number; error?: string }>;
}

/** The mock's `sseErrorBody` values (behaviour.ts, §7 of the reference), or one no switch plays. */
export type SseErrorFraming = 'status-200-event' | 'event-stream-as-json' | 'json' | 'event-stream' | 'data-lines' | 'other';

export interface OmniRealtimeFact {
  model: string;
  voice: string;
  /** The format `session.updated` named; null when no session was set up. */
  outputFormat: string | null;
  /** What it said against the text asked for: the same words, more words around them, or something else; null when it did not speak. */
  said: 'verbatim' | 'adds-words' | 'other' | null;
  /** The error code of a refusal (`error` event or handshake), and the client's. */
  code: string | null;
  clientCode: string | null;
}

export interface ServiceFacts {
  format: 1;
  checkedAt: string;
  region: string;
  baseUrl: string;
  timbreVersion: string;
  targetModel: string;
  /** How often `list` was asked while waiting for a voice to appear or go, and for how long at most. */
  pollMs: number;
  waitMs: number;
  /** Set when the check stopped early; the facts it reached are still kept. */
  stoppedEarly?: string;
  facts: {
    /** What a key answers on the other region's address. */
    wrongRegion?: Fact<{ status: number | null; code: string | null } | 'not-probed'>;
    /** Whether the id keeps the case of `preferred_name`. */
    idCase?: Fact<'kept' | 'lower-cased' | 'other'>;
    createAnswer?: Fact<{ outputFields: string[]; fallbackMode: boolean | null; fallbackReason: string | null }>;
    /** How long after the create answered the voice first appeared in `list`; null: not within the wait. */
    listLagMs?: Fact<number | null>;
    /** The UTC offset `gmt_create` is written in, against this computer's clock. */
    gmtOffsetHours?: Fact<number | null>;
    /** The UTC offset of the id's 17-digit time stamp. */
    idStampOffsetHours?: Fact<number | null>;
    /** The server's clock minus this computer's, from the id's stamp; the note says ± how much (half the create's round trip). */
    clockSkewMs?: Fact<number | null>;
    pageSize?: Fact<PageSizeFact>;
    textLimit?: Fact<TextLimitFact>;
    /** How a streamed request that must fail (an unknown voice) is answered. */
    sseError?: Fact<{ framing: SseErrorFraming; status: number | null; contentType: string | null; clientCode: string | null }>;
    /**
     * A realtime Omni session asked to read a text (the system voice, no clone): which
     * `output_audio_format` it took, and what it said when the text is in `instructions` and the
     * user's turn is silence (omni-realtime.ts: both GUESSES).
     */
    omniRealtime?: Fact<OmniRealtimeFact>;
    /** How a realtime session that must fail (an unknown voice) ends. */
    realtimeError?: Fact<{ framing: 'error-event' | 'handshake-refused' | 'closed' | 'no-error'; code: string | null; clientCode: string | null }>;
    /** How long after the delete the voice was gone from `list`; null: still listed after the wait. */
    goneFromListAfterMs?: Fact<number | null>;
    /** The answer to deleting the same voice again. */
    deleteAgain?: Fact<{ status: number | null; code: string | null; clientSaysAlreadyGone: boolean }>;
  };
  exchanges: Exchange[];
}
