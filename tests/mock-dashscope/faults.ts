/**
 * One-shot faults the mock applies to the next matching request, in the order they were injected.
 */

/** What a fault can be aimed at: an enrollment action, a synthesis transport, or the result download. */
export type FaultTarget = 'create' | 'list' | 'delete' | 'synthesize' | 'realtime' | 'download';

export type Fault =
  /**
   * Answer with a DashScope error body, e.g. 401 InvalidApiKey, 429 Throttling with Retry-After, 503.
   * With `perform`, the action takes effect first (a 5xx after the voice was stored; GUESS: not
   * documented, but a gateway timeout cannot undo what the service behind it did).
   */
  | { kind: 'error'; status: number; code: string; message?: string; retryAfter?: number | string; perform?: boolean }
  /** A gateway's HTML error page (not JSON), e.g. 502; with `perform`, after the action took effect. */
  | { kind: 'gateway-error'; status: number; perform?: boolean }
  /** Answer with a redirect to `location` (`'self'`: the same URL, a loop). A proxy's doing; DashScope documents none. */
  | { kind: 'redirect'; status: 301 | 302 | 307 | 308; location: string }
  /** list: answer 200 without `voice_list` and `total_count` (GUESS: a degraded answer). */
  | { kind: 'omit-list' }
  /** Answer 200 with a JSON body of about `bytes` bytes. */
  | { kind: 'huge-answer'; bytes: number }
  /** Answer 400 with the request's Authorization header in the message and request id, as a careless proxy might. */
  | { kind: 'echo-auth' }
  /**
   * Answer as usual, but with the request's Authorization header copied into the answer, as a proxy
   * that annotates answers might: into every request id, a field nobody reads, create's
   * `fallback_reason` (the voice then reads as degraded), one more listed voice's id, and on the
   * realtime socket into an error event's message.
   */
  | { kind: 'echo-auth-answer' }
  /** SSE or realtime: wait `intervalMs` between audio chunks. */
  | { kind: 'slow-stream'; intervalMs: number }
  /** SSE: put an `event:` whose data is not JSON (a keep-alive) between the audio events; the SDK skips such events. */
  | { kind: 'non-json-event' }
  /** realtime: after `afterChunks` deltas, end with `response.done` whose status is not `completed`. */
  | { kind: 'response-unfinished'; afterChunks: number; status: 'failed' | 'incomplete' | 'cancelled' }
  /** Wait, then handle the request normally. */
  | { kind: 'delay'; ms: number }
  /** Never answer. With `perform`, the action still takes effect (e.g. the voice is created). */
  | { kind: 'timeout'; perform?: boolean }
  /** Read the body, perform the action (unless `perform: false`), then destroy the socket. */
  | { kind: 'reset'; perform?: boolean }
  /** Answer 200 with a body that is not JSON. The action takes effect unless `perform: false`. */
  | { kind: 'malformed-json'; perform?: boolean }
  /** create: build the voice in degraded mode (`fallback_mode: true`, §1.1). */
  | { kind: 'fallback'; reason: string }
  /** SSE or realtime: after `afterChunks` audio chunks, drop the connection, send an error event, or fall silent. */
  | { kind: 'mid-stream'; afterChunks: number; mode?: 'disconnect' | 'error-event' | 'stall' }
  /** delete: answer 200 without `output` (a third-party mirror shows this, §1.3). */
  | { kind: 'omit-output' }
  /** SSE: finish the stream without the final `audio.url`. */
  | { kind: 'omit-audio-url' };

export type InjectedFault = Fault & {
  /** Only requests to these targets take the fault; any request when absent. */
  match?: FaultTarget | FaultTarget[];
  /** How many matching requests get it (default 1). */
  times?: number;
};

/** Status and message DashScope uses for the codes the reference lists (§3.2), for realistic error faults. */
export const SAMPLE_ERRORS: Record<string, { status: number; message: string }> = {
  InvalidApiKey: { status: 401, message: 'Invalid API-key provided.' },
  Throttling: { status: 429, message: 'Requests throttling triggered.' },
  'Throttling.RateQuota': { status: 429, message: 'Requests rate limit exceeded, please try again later.' },
  'Throttling.BurstRate': { status: 429, message: 'Request rate increased too quickly.' },
  'Throttling.AllocationQuota': { status: 429, message: 'Allocated quota exceeded, please increase your quota limit.' },
  'Audio.PreprocessError': { status: 400, message: 'No segments meet minimum duration requirement' },
  'Audio.DurationLimitError': { status: 400, message: 'Audio duration exceeds the limit of 60s.' },
  'Audio.AudioRateError': { status: 400, message: 'Audio sample rate is not supported.' },
  'Audio.DecoderError': { status: 400, message: 'Failed to decode the audio.' },
  Arrearage: { status: 400, message: 'Access denied, please make sure your account is in good standing.' },
  DataInspectionFailed: { status: 400, message: 'Input data may contain inappropriate content.' },
  InvalidParameter: { status: 400, message: 'The parameter is invalid.' },
  'BadRequest.VoiceNotFound': { status: 400, message: "Voice 'qwen-tts-vc-x-voice-00000000000000000-0000' not found." },
  AccessDenied: { status: 403, message: 'Access denied.' },
  'AccessDenied.Unpurchased': { status: 403, message: 'Access to model denied. Please make sure you are eligible for using the model.' },
  'Model.AccessDenied': { status: 403, message: 'Model access denied.' },
  'Workspace.AccessDenied': { status: 403, message: 'Workspace access denied.' },
  'AllocationQuota.FreeTierOnly': { status: 403, message: 'The free tier of the model has been exhausted.' },
  ModelNotFound: { status: 404, message: 'Model not exist.' },
  InternalError: { status: 500, message: 'An internal error has occured, please try again later.' },
  ModelServingError: { status: 500, message: 'Too many requests. Your requests are being throttled due to system capacity limits.' },
  ModelUnavailable: { status: 503, message: 'Model is unavailable, please try again later.' },
};

/** An error fault with the status and message DashScope uses for `code`. */
export function errorFault(
  code: string, extra: { retryAfter?: number | string; match?: FaultTarget | FaultTarget[]; times?: number; perform?: boolean } = {},
): InjectedFault {
  const sample = SAMPLE_ERRORS[code] ?? { status: 400, message: `${code}.` };
  return { kind: 'error', status: sample.status, code, message: sample.message, ...extra };
}

export function createFaultQueue() {
  const queue: InjectedFault[] = [];
  const matches = (fault: InjectedFault, target: FaultTarget | null) =>
    fault.match === undefined || (target !== null && [fault.match].flat().includes(target));
  return {
    push(fault: InjectedFault) {
      queue.push({ ...fault });
    },
    /** Removes and returns the first fault for `target` (counting down `times`). */
    take(target: FaultTarget | null): Fault | undefined {
      const index = queue.findIndex((fault) => matches(fault, target));
      if (index === -1) return undefined;
      const fault = queue[index];
      const remaining = (fault.times ?? 1) - 1;
      if (remaining <= 0) queue.splice(index, 1);
      else fault.times = remaining;
      return fault;
    },
    get pending(): number {
      return queue.length;
    },
    clear() {
      queue.length = 0;
    },
  };
}
