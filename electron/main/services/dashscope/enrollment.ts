/**
 * The `qwen-voice-enrollment` actions (§1): create, list and delete, all on one URL.
 */
import { ENROLLMENT_MODEL, type SampleLanguage, type TargetModel } from '../../../../shared/models';
import type { ClientContext } from './context';
import { audioData, checkLanguage, checkPreferredName, checkTargetModel, type EnrollmentAudio } from './enrollment-input';
import { DASHSCOPE_ERROR, DashScopeError, badResponseError, isDashScopeError } from './errors';
import { isRecord, postJson } from './http';
import { withRetry } from './retry';
import { parseGmtTimestamp, preferredNameFromVoiceId } from './voice-format';

export const CUSTOMIZATION_PATH = '/services/audio/tts/customization';

/** The maximum page size is UNCONFIRMED (§1.2); 50 keeps pages few without betting on a large limit. */
export const DEFAULT_LIST_PAGE_SIZE = 50;
/** Safety stop for a server whose paging never ends. */
const MAX_LIST_PAGES = 1_000;
/**
 * How far before an ambiguous create attempt a voice may be dated and still count as made by it:
 * `gmt_create` has whole seconds and the server clock is not ours.
 */
const ADOPTION_CLOCK_SLACK_MS = 2 * 60_000;

export interface CreateVoiceRequest {
  /** 1-16 of `[A-Za-z0-9_]`; DashScope embeds it in the voice id. */
  preferredName: string;
  targetModel: TargetModel;
  audio: EnrollmentAudio;
  /** Transcript of the sample; optional (§1.1). */
  text?: string;
  language?: SampleLanguage;
  signal?: AbortSignal;
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
  /** Epoch ms, `gmt_create` read as China time (see parseGmtTimestamp); null if unreadable. */
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

function readListedVoice(item: unknown): ListedVoice | null {
  if (!isRecord(item) || typeof item.voice !== 'string' || item.voice === '') return null;
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

  async function listPageOnce(pageIndex: number, pageSize: number, signal?: AbortSignal): Promise<VoicePage> {
    const { body, requestId } = await post('list', { page_size: pageSize, page_index: pageIndex }, context.timeouts.requestMs, signal);
    if (!isRecord(body.output)) throw badResponseError('list returned no output', { requestId });
    const output = body.output;
    // §1.2: `voice_list` per the docs; `voices` is what one community script reads. An absent list is an empty page.
    const items = Array.isArray(output.voice_list) ? output.voice_list : Array.isArray(output.voices) ? output.voices : [];
    return {
      voices: items.map(readListedVoice).filter((voice): voice is ListedVoice => voice !== null),
      pageIndex,
      pageSize: typeof output.page_size === 'number' && output.page_size > 0 ? output.page_size : pageSize,
      ...(typeof output.total_count === 'number' ? { totalCount: output.total_count } : {}),
      requestId,
    };
  }

  function listPage(pageIndex: number, pageSize: number, signal?: AbortSignal): Promise<VoicePage> {
    return withRetry(context, { label: 'list', signal }, () => listPageOnce(pageIndex, pageSize, signal));
  }

  /**
   * Every voice, page by page; `requestId` is the first page's (for the record of an adoption).
   * `fetchPage` decides whether each page is retried on its own.
   */
  async function listAll(
    pageSize: number, signal: AbortSignal | undefined, fetchPage: typeof listPage,
  ): Promise<{ voices: ListedVoice[]; requestId?: string }> {
    const byId = new Map<string, ListedVoice>();
    let requestId: string | undefined;
    for (let pageIndex = 0; pageIndex < MAX_LIST_PAGES; pageIndex++) {
      const page = await fetchPage(pageIndex, pageSize, signal);
      requestId ??= page.requestId;
      const before = byId.size;
      // Keyed by id: a voice created while paging can shift another onto the next page twice.
      for (const voice of page.voices) byId.set(voice.voice, voice);
      const done = page.totalCount !== undefined
        ? byId.size >= page.totalCount || page.voices.length === 0 || byId.size === before
        : page.voices.length < page.pageSize;
      if (done) break;
    }
    return { voices: [...byId.values()], requestId };
  }

  async function list(options: { pageSize?: number; signal?: AbortSignal } = {}): Promise<ListedVoice[]> {
    return (await listAll(options.pageSize ?? DEFAULT_LIST_PAGE_SIZE, options.signal, listPage)).voices;
  }

  /**
   * The voice an ambiguous create attempt (started at `since`) made, if listing finds it. Pages are
   * not retried here: a failed look-up fails the create attempt, and create's own retry loop decides.
   */
  async function findCreatedSince(request: CreateVoiceRequest, since: number): Promise<CreatedVoice | null> {
    const { voices, requestId } = await listAll(DEFAULT_LIST_PAGE_SIZE, request.signal, listPageOnce);
    const matches = voices
      .filter((voice) => voice.preferredName === request.preferredName && voice.targetModel === request.targetModel)
      .filter((voice) => voice.createdAt !== null && voice.createdAt >= since - ADOPTION_CLOCK_SLACK_MS)
      .sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
    if (matches.length === 0) return null;
    context.log.info('dashscope create: adopted the voice an interrupted attempt made', { voice: matches[0].voice });
    return { voice: matches[0].voice, targetModel: request.targetModel, requestId, adopted: true };
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

    // Set once an attempt may have created the voice without us hearing back; from then on,
    // every further attempt first looks for that voice, so a retry never makes a second one.
    let ambiguousSince: number | null = null;
    const attempt = async () => {
      if (ambiguousSince !== null) {
        const adopted = await findCreatedSince(request, ambiguousSince);
        if (adopted) return adopted;
      }
      const started = context.now();
      try {
        const { body, requestId } = await post('create', input, context.timeouts.createMs, request.signal);
        return readCreated(body, request.targetModel, requestId);
      } catch (error) {
        if (isDashScopeError(error) && error.mayHaveSucceeded) ambiguousSince ??= started;
        throw error;
      }
    };
    try {
      return await withRetry(context, { label: 'create', signal: request.signal }, attempt);
    } catch (error) {
      if (!isDashScopeError(error) || ambiguousSince === null || error.code === DASHSCOPE_ERROR.cancelled) throw error;
      return lastLook(request, ambiguousSince, error);
    }
  }

  /** Out of retries after an ambiguous attempt: one more look, else tell the user the voice may exist. */
  async function lastLook(request: CreateVoiceRequest, since: number, failure: DashScopeError): Promise<CreatedVoice> {
    const adopted = await findCreatedSince(request, since).catch(() => null);
    if (adopted) return adopted;
    throw failure.withDetails({ maybeCreated: true });
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

  return { create, list, listPage, delete: remove };
}
