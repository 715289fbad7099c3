/**
 * The `qwen-voice-enrollment` actions (§1): create, list and delete, all on one URL.
 */
import { ENROLLMENT_MODEL, type SampleLanguage, type TargetModel } from '../../../shared/models';
import type { ClientContext } from './context';
import { audioData, checkLanguage, checkPreferredName, checkTargetModel, type EnrollmentAudio } from './enrollment-input';
import { DASHSCOPE_ERROR, DashScopeError, badResponseError, cancelledError, isDashScopeError } from './errors';
import { isRecord, postJson } from './http';
import { withRetry } from './retry';
import { parseGmtTimestamp, preferredNameFromVoiceId } from './voice-format';

export const CUSTOMIZATION_PATH = '/services/audio/tts/customization';

/** §1.2 (S1): the documented default page size; what Timbre falls back to when a larger page is refused. */
export const DEFAULT_LIST_PAGE_SIZE = 10;
/**
 * §1.2 (S31): `page_size` is documented up to 1,000,000 and an account holds at most 1,000 voices
 * (§3.3), so one page is the whole account. Whether the service honours it is UNCONFIRMED: a
 * shorter page than asked is followed by `total_count`, a refused size falls back to 10.
 */
export const LARGE_LIST_PAGE_SIZE = 1_000;
/** Safety stop for a server whose paging never ends. */
const MAX_LIST_PAGES = 1_000;
/**
 * After a create whose outcome is unclear, a list that does not show the voice proves nothing
 * until this long after that create ended: the list may lag a create by a few seconds (GUESS: the
 * lag is not documented; the mock's strict mode lags 3 s). Measured on this computer's clock only.
 */
const LIST_SETTLE_MS = 10_000;

export interface CreateVoiceRequest {
  /** 1-16 of `[A-Za-z0-9_]`; DashScope embeds it in the voice id. */
  preferredName: string;
  targetModel: TargetModel;
  audio: EnrollmentAudio;
  /** Transcript of the sample; optional (§1.1). */
  text?: string;
  language?: SampleLanguage;
  signal?: AbortSignal;
  /**
   * Ids of the voices with this preferred name and target model the account had before the first
   * send of this voice. A voice found later that is not among them is the one a send made.
   * Listed before the first send when absent.
   */
  existingVoices?: readonly string[];
  /** Voices that are someone else's although new (e.g. another local record holds them). */
  isTaken?: (voice: string) => boolean;
  /**
   * When an earlier send of this voice (e.g. before a restart) ended without an answer, on this
   * computer's clock: the account is looked up before anything is created.
   */
  unsureSince?: number;
}

export interface CreatedVoice {
  voice: string;
  targetModel: TargetModel;
  requestId?: string;
  /** The voice was built in a degraded mode (poor audio or transcript mismatch): show a warning. */
  fallbackMode?: boolean;
  fallbackReason?: string;
  /**
   * True when a create attempt ended ambiguously and the voice it made was found by listing
   * instead of creating a second one; `requestId` is then the list's.
   */
  adopted?: boolean;
}

export interface ListedVoice {
  voice: string;
  /** As DashScope reports it; may be a model this version of Timbre does not know. */
  targetModel: string;
  language?: string;
  /** Epoch ms, `gmt_create` read as China time (see parseGmtTimestamp); null if unreadable. For display only: the server's clock and timezone are not ours. */
  createdAt: number | null;
  modifiedAt: number | null;
  /** Parsed from the voice id; null for an id in an unexpected format. */
  preferredName: string | null;
}

export interface VoicePage {
  voices: ListedVoice[];
  pageIndex: number;
  pageSize: number;
  totalCount?: number;
  requestId?: string;
}

/** Every voice of the account, and how many it holds as the service counts them (§3.3: the quota counts these). */
export interface AccountVoices {
  voices: ListedVoice[];
  /** `total_count`, or the voices read when the service gave none. */
  totalCount: number;
}

export interface DeletedVoice {
  /** DashScope said the voice does not exist (deleted earlier, or never made). */
  alreadyGone: boolean;
  requestId?: string;
}

function readCreated(body: Record<string, unknown>, requested: TargetModel, requestId: string | undefined): CreatedVoice {
  const output = isRecord(body.output) ? body.output : undefined;
  if (typeof output?.voice !== 'string' || output.voice === '') {
    // The service answered 2xx, so the voice may well exist: treat like a lost answer.
    throw badResponseError('create returned no voice id', { requestId, mayHaveSucceeded: true });
  }
  return {
    voice: output.voice,
    // The voice is bound to the model we asked for; `output.target_model` only echoes it.
    targetModel: requested,
    requestId,
    ...(typeof output.fallback_mode === 'boolean' ? { fallbackMode: output.fallback_mode } : {}),
    ...(typeof output.fallback_reason === 'string' && output.fallback_reason !== '' ? { fallbackReason: output.fallback_reason } : {}),
  };
}

/** Whether a listed voice is one a create with this name and model would make; ids may differ from the name in case. */
export function matchesRequest(voice: ListedVoice, request: { preferredName: string; targetModel: string }): boolean {
  return voice.targetModel === request.targetModel && voice.preferredName?.toLowerCase() === request.preferredName.toLowerCase();
}

function readListedVoice(item: unknown, requestId: string | undefined): ListedVoice {
  // A page we cannot read must never pass for an account without the voice we look for.
  if (!isRecord(item) || typeof item.voice !== 'string' || item.voice === '') throw badResponseError('a listed voice has no id', { requestId });
  return {
    voice: item.voice,
    targetModel: typeof item.target_model === 'string' ? item.target_model : '',
    ...(typeof item.language === 'string' && item.language !== '' ? { language: item.language } : {}),
    createdAt: parseGmtTimestamp(item.gmt_create),
    modifiedAt: parseGmtTimestamp(item.gmt_modified),
    preferredName: preferredNameFromVoiceId(item.voice),
  };
}

export function createEnrollment(context: ClientContext) {
  const post = (action: string, input: Record<string, unknown>, timeoutMs: number, signal?: AbortSignal) =>
    postJson(context, { action, path: CUSTOMIZATION_PATH, body: { model: ENROLLMENT_MODEL, input: { action, ...input } }, timeoutMs, signal });

  /**
   * One page. `lenient` (the connection test only, which just needs an answer) reads a page with no
   * list as empty; everything that decides about voices refuses it, so an unreadable account is
   * never taken for one without the voice looked for.
   */
  async function listPageOnce(pageIndex: number, pageSize: number, signal?: AbortSignal, lenient = false): Promise<VoicePage> {
    const { body, requestId } = await post('list', { page_size: pageSize, page_index: pageIndex }, context.timeouts.requestMs, signal);
    if (!isRecord(body.output)) throw badResponseError('list returned no output', { requestId });
    const output = body.output;
    const totalCount = typeof output.total_count === 'number' ? output.total_count : undefined;
    // §1.2: `voice_list` per the docs; `voices` is what one community script reads. No list at all
    // is an empty page only when the answer says the account has no voices.
    const items = Array.isArray(output.voice_list) ? output.voice_list : Array.isArray(output.voices) ? output.voices : null;
    if (items === null && totalCount !== 0 && !lenient) throw badResponseError('list returned no voice list', { requestId });
    return {
      voices: (items ?? []).map((item) => readListedVoice(item, requestId)),
      pageIndex,
      pageSize: typeof output.page_size === 'number' && output.page_size > 0 ? output.page_size : pageSize,
      ...(totalCount !== undefined ? { totalCount } : {}),
      requestId,
    };
  }

  function listPage(pageIndex: number, pageSize: number, signal?: AbortSignal): Promise<VoicePage> {
    return withRetry(context, { label: 'list', signal }, () => listPageOnce(pageIndex, pageSize, signal));
  }

  function listPageLenient(pageIndex: number, pageSize: number, signal?: AbortSignal): Promise<VoicePage> {
    return withRetry(context, { label: 'list', signal }, () => listPageOnce(pageIndex, pageSize, signal, true));
  }

  /** The page size the next full listing starts with; 10 once the service refused a larger one. */
  let listingPageSize = LARGE_LIST_PAGE_SIZE;

  /**
   * Every voice, page by page; `requestId` is the first page's (for the record of an adoption).
   * `fetchPage` decides whether each page is retried on its own.
   */
  async function listAll(
    askedPageSize: number | undefined, signal: AbortSignal | undefined, fetchPage: typeof listPage,
  ): Promise<AccountVoices & { requestId?: string }> {
    const byId = new Map<string, ListedVoice>();
    let requestId: string | undefined;
    let totalCount: number | undefined;
    let pageSize = askedPageSize ?? listingPageSize;
    let pageIndex = 0;
    for (let pages = 0; pages < MAX_LIST_PAGES; pages++) {
      let page: VoicePage;
      try {
        page = await fetchPage(pageIndex, pageSize, signal);
      } catch (error) {
        const sizeRefused = pageIndex === 0 && pageSize > DEFAULT_LIST_PAGE_SIZE
          && isDashScopeError(error) && error.code === DASHSCOPE_ERROR.invalidParameter;
        if (!sizeRefused) throw error;
        context.log.warn('dashscope list: the page size was refused, listing 10 per page', { pageSize });
        pageSize = DEFAULT_LIST_PAGE_SIZE;
        if (askedPageSize === undefined) listingPageSize = DEFAULT_LIST_PAGE_SIZE;
        continue;
      }
      requestId ??= page.requestId;
      totalCount = page.totalCount ?? totalCount;
      const before = byId.size;
      // Keyed by id: a voice created while paging can shift another onto the next page twice.
      for (const voice of page.voices) byId.set(voice.voice, voice);
      const done = page.totalCount !== undefined
        ? byId.size >= page.totalCount || page.voices.length === 0 || byId.size === before
        : page.voices.length < Math.min(pageSize, page.pageSize);
      if (done) break;
      if (page.voices.length < pageSize) {
        // A shorter page than asked while total_count says more: the service caps the size. Go
        // on at the size it gives, from the page that holds the next voice (never skipping one).
        pageSize = page.voices.length;
        pageIndex = Math.floor(byId.size / pageSize);
      } else {
        pageIndex++;
      }
    }
    const voices = [...byId.values()];
    return { voices, totalCount: Math.max(totalCount ?? 0, voices.length), requestId };
  }

  async function list(options: { pageSize?: number; signal?: AbortSignal } = {}): Promise<ListedVoice[]> {
    return (await listAll(options.pageSize, options.signal, listPage)).voices;
  }

  async function listAccount(options: { signal?: AbortSignal } = {}): Promise<AccountVoices> {
    const { voices, totalCount } = await listAll(undefined, options.signal, listPage);
    return { voices, totalCount };
  }

  /** Ids of the account's voices that a create of `request` would match. */
  async function matchingVoiceIds(request: CreateVoiceRequest): Promise<string[]> {
    const { voices } = await listAll(undefined, request.signal, listPage);
    return voices.filter((voice) => matchesRequest(voice, request)).map((voice) => voice.voice);
  }

  /**
   * The voice an unclear create made, or null once the account is known not to have it. Never
   * decides by the server's clock (its timezone and offset are not ours): a matching voice that was
   * not there before the first send, and is nobody else's, is ours. A list that cannot be read
   * throws, so the outcome stays unsure. `unsureAt` is when the unclear create ended.
   */
  async function lookUp(request: CreateVoiceRequest, existing: ReadonlySet<string>, unsureAt: number): Promise<CreatedVoice | null> {
    for (let look = 1; ; look++) {
      const { voices, requestId } = await listAll(undefined, request.signal, listPageOnce);
      const found = voices.find((voice) => matchesRequest(voice, request) && !existing.has(voice.voice) && !request.isTaken?.(voice.voice));
      if (found) {
        context.log.info('dashscope create: adopted the voice an interrupted attempt made', { voice: found.voice });
        return { voice: found.voice, targetModel: request.targetModel, requestId, adopted: true };
      }
      const settling = unsureAt + LIST_SETTLE_MS - context.now();
      if (settling <= 0 || look > 1) return null;
      try {
        await context.sleep(settling, request.signal);
      } catch {
        throw cancelledError();
      }
    }
  }

  async function create(request: CreateVoiceRequest): Promise<CreatedVoice> {
    checkPreferredName(request.preferredName);
    checkTargetModel(request.targetModel);
    checkLanguage(request.language);
    const input: Record<string, unknown> = {
      target_model: request.targetModel,
      preferred_name: request.preferredName,
      audio: { data: audioData(request.audio) },
    };
    if (request.text?.trim()) input.text = request.text.trim();
    if (request.language) input.language = request.language;
    const existing = new Set(request.existingVoices ?? await matchingVoiceIds(request));

    // Set once an attempt may have created the voice without us hearing back; from then on,
    // every further attempt first looks for that voice, so a retry never makes a second one.
    let unsureAt: number | null = request.unsureSince ?? null;
    const attempt = async () => {
      if (unsureAt !== null) {
        const adopted = await lookUp(request, existing, unsureAt);
        if (adopted) return adopted;
        unsureAt = null;
      }
      try {
        const { body, requestId } = await post('create', input, context.timeouts.createMs, request.signal);
        return readCreated(body, request.targetModel, requestId);
      } catch (error) {
        if (isDashScopeError(error) && error.mayHaveSucceeded) unsureAt = context.now();
        throw error;
      }
    };
    try {
      return await withRetry(context, { label: 'create', signal: request.signal }, attempt);
    } catch (error) {
      if (!isDashScopeError(error) || unsureAt === null || error.code === DASHSCOPE_ERROR.cancelled) throw error;
      // Out of retries while unsure: one more look, else tell the user the voice may exist.
      const adopted = await lookUp(request, existing, unsureAt).catch(() => null);
      if (adopted) return adopted;
      throw error.withDetails({ maybeCreated: true });
    }
  }

  async function remove(voice: string, options: { signal?: AbortSignal } = {}): Promise<DeletedVoice> {
    if (typeof voice !== 'string' || voice.trim() === '') {
      throw new DashScopeError(DASHSCOPE_ERROR.invalidRequest, 'No voice id given', { details: { field: 'voice' } });
    }
    try {
      // §1.3: a response without `output` is still a success.
      const { requestId } = await withRetry(context, { label: 'delete', signal: options.signal }, () =>
        post('delete', { voice }, context.timeouts.requestMs, options.signal));
      return { alreadyGone: false, requestId };
    } catch (error) {
      if (isDashScopeError(error) && error.code === DASHSCOPE_ERROR.voiceNotFound) return { alreadyGone: true, requestId: error.requestId };
      throw error;
    }
  }

  return { create, list, listAccount, listPage: listPageLenient, delete: remove };
}
