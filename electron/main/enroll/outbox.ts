/**
 * The enrollment queue. "Clone" puts one job per target model here and returns at once; the outbox
 * sends jobs one at a time when the network allows, with the DashScope client's own retries inside
 * each send, and keeps jobs in `outbox.json` so they survive a restart.
 *
 * Job states: queued → sending → done (the job leaves; its voice is `ready`), or back to
 * waiting-network (no network: OS offline or a request could not reach DashScope; re-probed with
 * backoff), queued with a later `nextAttemptAt` (429/5xx, up to a few times), or failed (with the
 * reason; the user can edit and retry). The voice record mirrors the state as its status.
 *
 * Never two voices from one job: before its first send, a job notes which voices with its name and
 * model the account already has (`existingVoices`). A send whose outcome is unknown (connection
 * lost mid-request, a 5xx, the app quit while sending) leaves `unsureSince`; before sending again
 * the client lists the account and adopts a voice that is new since then and no other record holds.
 */
import { z } from 'zod';
import { isPendingStatus, type SampleRecord, type VoiceRecord, type VoiceStatus } from '../../../shared/catalog';
import { TimbreError, type AppError } from '../../../shared/errors';
import { CATALOG_ERROR, type EnrollProgress, type JobState } from '../../../shared/ipc/routes/catalog';
import type { Region, SampleLanguage, TargetModel } from '../../../shared/models';
import type { AudioFiles } from '../catalog/audio-files';
import type { CatalogStore } from '../catalog/store';
import { isPlainObject, openDataFolder, type DataFolder } from '../foundation/data-folder';
import {
  DASHSCOPE_ERROR, checkTargetModel, isDashScopeError, matchesRequest, toDataUrl, type DashScopeClient, type CreatedVoice, type EnrollmentAudio, type EnrollmentMediaType,
} from '../dashscope/client';
import type { Logger } from '../foundation/log';

export interface OutboxDelays {
  /** Waits between probes while DashScope cannot be reached; the last one repeats. */
  networkProbeMs: number[];
  /** Waits after a retryable service error (429, 5xx) that the client's own retries did not get past. */
  serviceRetryMs: number[];
  /** Consecutive retryable service errors after which the job fails (the user can retry it). */
  maxServiceFailures: number;
}

export const DEFAULT_OUTBOX_DELAYS: OutboxDelays = {
  networkProbeMs: [5_000, 15_000, 30_000, 60_000],
  serviceRetryMs: [30_000, 120_000, 600_000],
  maxServiceFailures: 4,
};

export const OUTBOX_FILE = 'outbox.json';

const jobError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  retryable: z.boolean().optional(),
});

const storedJob = z.object({
  voiceId: z.string(),
  state: z.enum(['queued', 'waiting-network', 'sending', 'failed']),
  attempts: z.number().int().nonnegative(),
  serviceFailures: z.number().int().nonnegative(),
  error: jobError.nullable(),
  nextAttemptAt: z.number().nullable(),
  /** When the last send whose outcome never came back ended (this computer's clock); the voice may exist since then. */
  unsureSince: z.number().nullable(),
  /** Voice ids with this name and model on the account before the first send; null until listed. */
  existingVoices: z.array(z.string()).nullable().default(null),
  createdAt: z.number(),
});
type Job = z.infer<typeof storedJob>;

/**
 * Transport failures that mean "not reachable now", as opposed to a problem to report. A broken
 * proxy and a failed certificate check are among them: a captive portal, a VPN or an inspecting
 * proxy causes both while the OS says online, and they pass when the network is fixed.
 */
const NETWORK_CODES = new Set<string>([
  DASHSCOPE_ERROR.offline, DASHSCOPE_ERROR.refused, DASHSCOPE_ERROR.proxy, DASHSCOPE_ERROR.tls,
  DASHSCOPE_ERROR.connectionLost, DASHSCOPE_ERROR.timeout, DASHSCOPE_ERROR.failed,
]);

/** Failures that a new key fixes (none was set, or DashScope refused the one that was). */
const KEY_CODES = new Set<string>([DASHSCOPE_ERROR.missingApiKey, DASHSCOPE_ERROR.invalidKey]);

const VOICE_STATUS: Record<Job['state'], VoiceStatus> = {
  queued: 'queued', 'waiting-network': 'waiting-network', sending: 'sending', failed: 'failed',
};

export interface EnrollRequest {
  sampleId: string;
  displayName: string;
  preferredName: string;
  targetModels: TargetModel[];
  language: SampleLanguage;
  transcript: string;
  /** When the user confirmed they may use this voice. */
  consentAt: number;
}

export interface RetryEdits {
  preferredName?: string;
  language?: SampleLanguage;
  transcript?: string;
}

export interface OutboxDeps {
  /** Where `outbox.json` lives (a path opens the folder). */
  dataFolder: DataFolder | string;
  catalog: CatalogStore;
  audioFiles: Pick<AudioFiles, 'read'>;
  dashscope: Pick<DashScopeClient, 'create' | 'list'>;
  /** The region requests go to right now; a voice belongs to the region it was created in. */
  region(): Region;
  emit(progress: EnrollProgress): void;
  /** OS network state and request outcomes combined; called when it changes. */
  onOnlineChange?(online: boolean): void;
  log: Logger;
  now?: () => number;
  delays?: Partial<OutboxDelays>;
  newId?: () => string;
}

export interface Outbox {
  enroll(request: EnrollRequest): VoiceRecord[];
  retry(voiceId: string, edits?: RetryEdits): VoiceRecord;
  /**
   * Sends again every voice that failed for want of a working key: called when the active region's
   * key changes, so a clone tried before the key was added finishes without the user asking.
   */
  retryKeyFailures(): VoiceRecord[];
  /** Drops a voice's job (the voice is being deleted); stops a send in progress. */
  cancel(voiceId: string): void;
  /** Sends every waiting job now (the user asked, or the OS says the network is back). */
  sendNow(): void;
  /** The OS network state. */
  setOnline(online: boolean): void;
  readonly online: boolean;
  jobs(): EnrollProgress[];
  /** Resolves once nothing is being sent and nothing is due right now (for tests and shutdown). */
  settled(): Promise<void>;
  dispose(): Promise<void>;
}

function toJobError(error: unknown): AppError {
  if (error instanceof TimbreError) return error.toAppError();
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const now = deps.now ?? Date.now;
  const delays = { ...DEFAULT_OUTBOX_DELAYS, ...deps.delays };
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const { catalog, log } = deps;
  const folder = typeof deps.dataFolder === 'string' ? openDataFolder(deps.dataFolder, { log }) : deps.dataFolder;
  const stored = folder.readJson(OUTBOX_FILE, (value) => isPlainObject(value) && isPlainObject(value.jobs)) as { jobs: Record<string, unknown> } | null;

  const jobs = new Map<string, Job>();
  for (const raw of Object.values(stored?.jobs ?? {})) {
    const parsed = storedJob.safeParse(raw);
    if (parsed.success) jobs.set(parsed.data.voiceId, parsed.data);
  }

  let osOnline = true;
  /** False after a request could not reach DashScope; true again after any answer from it. */
  let reachable = true;
  let probeIndex = 0;
  let probeDue = false;
  let timer: NodeJS.Timeout | null = null;
  let pumping: Promise<void> | null = null;
  let current: { voiceId: string; abort: AbortController } | null = null;
  let disposed = false;

  const isOnline = () => osOnline && reachable;
  let announcedOnline = true;
  function announceOnline(): void {
    if (isOnline() === announcedOnline) return;
    announcedOnline = isOnline();
    deps.onOnlineChange?.(announcedOnline);
  }

  const persist = () => folder.writeJson(OUTBOX_FILE, { jobs: Object.fromEntries(jobs) });

  function progress(job: Job, state: JobState = job.state): EnrollProgress {
    return { voiceId: job.voiceId, state, attempts: job.attempts, error: job.error, nextAttemptAt: job.nextAttemptAt };
  }

  /** Stores the job and mirrors its state onto the voice. */
  function save(job: Job, voiceFields: Partial<VoiceRecord> = {}): void {
    jobs.set(job.voiceId, job);
    persist();
    const voice = catalog.getVoice(job.voiceId);
    if (voice) {
      catalog.putVoice({
        ...voice, ...voiceFields, status: VOICE_STATUS[job.state], updatedAt: now(),
        error: job.state === 'failed' ? job.error : null,
      });
    }
    deps.emit(progress(job));
  }

  function drop(voiceId: string): void {
    if (jobs.delete(voiceId)) persist();
  }

  // Reconcile with the catalog: the voice records are the source of truth for what was asked.
  for (const job of [...jobs.values()]) {
    const voice = catalog.getVoice(job.voiceId);
    if (!voice || (!isPendingStatus(voice.status) && voice.status !== 'failed')) {
      jobs.delete(job.voiceId);
    } else if (job.state === 'sending') {
      // The app stopped mid-send: the voice may exist on the account; look before sending again.
      // The send may have finished up to the moment the app stopped, so the list settles from now.
      jobs.set(job.voiceId, { ...job, state: 'queued', unsureSince: now() });
    }
  }
  for (const voice of catalog.listVoices()) {
    if (isPendingStatus(voice.status) && !jobs.has(voice.id)) {
      // A job lost with its file (or never written): rebuild it from the voice.
      jobs.set(voice.id, {
        voiceId: voice.id, state: 'queued', attempts: 0, serviceFailures: 0, error: null, nextAttemptAt: null,
        unsureSince: voice.status === 'sending' ? now() : null, existingVoices: null, createdAt: voice.createdAt,
      });
    }
  }
  try {
    persist();
  } catch (error) {
    // A read-only folder or a full disk must not stop the app from starting; sending writes again.
    log.warn('outbox: could not rewrite the job file at start', { code: toJobError(error).code });
  }
  try {
    catalog.batch(() => {
      for (const job of jobs.values()) {
        const voice = catalog.getVoice(job.voiceId);
        if (voice && voice.status !== VOICE_STATUS[job.state]) catalog.putVoice({ ...voice, status: VOICE_STATUS[job.state] });
      }
    });
  } catch (error) {
    log.warn('outbox: could not mirror the jobs onto their voices at start', { code: toJobError(error).code });
  }
  // Resume what the last run left (deferred so the caller can subscribe to events first).
  queueMicrotask(() => {
    applyNetworkState();
    pump();
  });

  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (disposed) return;
    const waits: number[] = [];
    if (osOnline && !reachable) waits.push(delays.networkProbeMs[Math.min(probeIndex, delays.networkProbeMs.length - 1)]);
    const due = [...jobs.values()].filter((job) => job.state === 'queued' && job.nextAttemptAt !== null).map((job) => job.nextAttemptAt! - now());
    if (isOnline() && due.length > 0) waits.push(Math.max(0, Math.min(...due)));
    if (waits.length === 0) return;
    timer = setTimeout(() => {
      timer = null;
      if (osOnline && !reachable) {
        probeIndex++;
        probeDue = true;
      }
      pump();
    }, Math.min(...waits));
    timer.unref?.();
  }

  /**
   * Moves waiting jobs to match the network: queued when online, waiting-network when not. Runs
   * from timers, a microtask and the OS's network events, where a throw would take main down: a
   * move that cannot be saved (read-only folder, full disk) leaves the job as it is.
   */
  function applyNetworkState(): void {
    const online = isOnline();
    for (const job of [...jobs.values()]) {
      try {
        if (online && job.state === 'waiting-network') save({ ...job, state: 'queued' });
        else if (!online && job.state === 'queued') save({ ...job, state: 'waiting-network' });
      } catch (error) {
        jobs.set(job.voiceId, job);
        log.warn('outbox: could not save a job the network state moved', { code: toJobError(error).code });
      }
    }
    announceOnline();
  }

  function nextJob(): Job | undefined {
    if (!osOnline) return undefined;
    const waiting = [...jobs.values()].sort((a, b) => a.createdAt - b.createdAt);
    if (!reachable) {
      if (!probeDue) return undefined;
      probeDue = false;
      return waiting.find((job) => job.state === 'waiting-network' || job.state === 'queued');
    }
    return waiting.find((job) => job.state === 'queued' && (job.nextAttemptAt === null || job.nextAttemptAt <= now()));
  }

  function pump(): void {
    if (pumping || disposed) return;
    pumping = (async () => {
      // Yield first, so `pumping` is set before the loop can end (and clear it) synchronously.
      await Promise.resolve();
      for (let job = nextJob(); job && !disposed; job = nextJob()) await send(job);
    })().catch((error: unknown) => {
      // A job state that could not be saved (full disk): the job stays where it is on disk.
      log.error('outbox: could not save a job state', { code: toJobError(error).code });
    }).finally(() => {
      pumping = null;
      schedule();
    });
  }

  async function sampleAudio(sample: SampleRecord): Promise<EnrollmentAudio> {
    if (sample.upload) return { dataUrl: toDataUrl(await deps.audioFiles.read(sample.upload.file), sample.upload.mime as EnrollmentMediaType) };
    if (sample.url) return { url: sample.url };
    throw new TimbreError(CATALOG_ERROR.sampleAudioMissing, 'The sample has no converted audio to send', { details: { sampleId: sample.id } });
  }

  /** The account's voices a send of `voice` would match, before anything is sent: what is new later is ours. */
  async function existingVoicesFor(voice: VoiceRecord, signal: AbortSignal): Promise<string[]> {
    const listed = await deps.dashscope.list({ signal });
    return listed.filter((item) => matchesRequest(item, voice)).map((item) => item.voice);
  }

  function complete(job: Job, created: CreatedVoice): void {
    const voice = catalog.getVoice(job.voiceId);
    if (!voice) return drop(job.voiceId);
    catalog.batch(() => {
      // A sync may have imported this very voice while it was being made; keep one record.
      const twin = catalog.findVoiceByServiceId(created.voice);
      if (twin && twin.id !== voice.id) catalog.deleteVoice(twin.id);
      catalog.putVoice({
        ...voice,
        voice: created.voice,
        region: deps.region(),
        status: 'ready',
        requestId: created.requestId ?? null,
        fallbackReason: created.fallbackReason ?? (created.fallbackMode ? 'fallback_mode' : null),
        error: null,
        updatedAt: now(),
        remoteCheckedAt: now(),
      });
    });
    drop(job.voiceId);
    deps.emit(progress({ ...job, error: null, nextAttemptAt: null }, 'done'));
  }

  function failed(job: Job, error: unknown, unsureSince: number | null): void {
    const appError = toJobError(error);
    // A transport failure with no known cause that repeats word for word is no outage: after a
    // few it is stated, not shown as "offline" for ever.
    const repeats = job.error?.code === appError.code && job.error.message === appError.message ? job.serviceFailures + 1 : 1;
    const unexplainedRepeat = isDashScopeError(error) && error.code === DASHSCOPE_ERROR.failed && repeats >= delays.maxServiceFailures;
    if (isDashScopeError(error) && NETWORK_CODES.has(error.code) && !unexplainedRepeat) {
      reachable = false;
      const serviceFailures = error.code === DASHSCOPE_ERROR.failed ? repeats : job.serviceFailures;
      save({ ...job, state: 'waiting-network', serviceFailures, error: appError, unsureSince, nextAttemptAt: null });
      applyNetworkState();
      return;
    }
    // Any answer from DashScope, even an error, proves it can be reached.
    if (isDashScopeError(error) && error.status !== undefined) markReachable();
    const serviceFailures = job.serviceFailures + 1;
    if (error instanceof TimbreError && error.retryable && !unexplainedRepeat && serviceFailures < delays.maxServiceFailures) {
      const retryAfterMs = isDashScopeError(error) ? error.retryAfterMs : undefined;
      const wait = retryAfterMs ?? delays.serviceRetryMs[Math.min(serviceFailures - 1, delays.serviceRetryMs.length - 1)];
      save({ ...job, state: 'queued', serviceFailures, error: appError, unsureSince, nextAttemptAt: now() + wait });
      return;
    }
    save({ ...job, state: 'failed', serviceFailures, error: appError, unsureSince, nextAttemptAt: null });
  }

  function markReachable(): void {
    if (reachable) return;
    reachable = true;
    probeIndex = 0;
    applyNetworkState();
  }

  async function send(queued: Job): Promise<void> {
    const voice = catalog.getVoice(queued.voiceId);
    if (!voice) return drop(queued.voiceId);
    const abort = new AbortController();
    current = { voiceId: voice.id, abort };
    let job: Job = { ...queued, state: 'sending', attempts: queued.attempts + 1, nextAttemptAt: null };
    let createCalled = false;
    save(job);
    try {
      const sample = voice.sampleId ? catalog.getSample(voice.sampleId) : undefined;
      if (!sample) throw new TimbreError(CATALOG_ERROR.sampleNotFound, 'The sample of this voice is gone', { details: { id: voice.sampleId } });
      // A job unsure without a baseline (written by an older version) adopts any matching voice no record holds.
      // The account is listed while the audio is read and encoded, so the look costs no extra time.
      const [audio, existingVoices] = await Promise.all([
        sampleAudio(sample),
        job.existingVoices ?? (job.unsureSince !== null ? [] : existingVoicesFor(voice, abort.signal)),
      ]);
      // Written before the request leaves: if the app dies now, the next start knows to look first.
      job = { ...job, existingVoices, unsureSince: job.unsureSince ?? now() };
      jobs.set(job.voiceId, job);
      persist();
      createCalled = true;
      // Clones made here are always for a model this version speaks (enroll.start checks it).
      checkTargetModel(voice.targetModel);
      const created = await deps.dashscope.create({
        preferredName: voice.preferredName,
        targetModel: voice.targetModel,
        audio,
        text: voice.transcript || undefined,
        language: voice.language ?? undefined,
        signal: abort.signal,
        existingVoices,
        // Another record's voice is never this send's, however new it is.
        isTaken: (id) => {
          const holder = catalog.findVoiceByServiceId(id);
          return Boolean(holder) && holder?.id !== voice.id;
        },
        ...(queued.unsureSince !== null ? { unsureSince: queued.unsureSince } : {}),
      });
      if (!jobs.has(voice.id)) return; // cancelled while sending
      markReachable();
      complete(job, created);
    } catch (error) {
      if (!jobs.has(voice.id) || disposed) return;
      const unclear = isDashScopeError(error) && (error.mayHaveSucceeded || error.details?.maybeCreated === true);
      log.warn('outbox: send failed', { voiceId: voice.id, code: toJobError(error).code });
      // Still unsure when this send may have made the voice, or when an earlier one's outcome is unresolved.
      failed(job, error, createCalled && unclear ? now() : queued.unsureSince);
    } finally {
      current = null;
    }
  }

  function voiceOrThrow(id: string): VoiceRecord {
    const voice = catalog.getVoice(id);
    if (!voice) throw new TimbreError(CATALOG_ERROR.voiceNotFound, 'No such voice', { details: { id } });
    return voice;
  }

  function newJob(voiceId: string, createdAt: number): Job {
    return {
      voiceId, state: isOnline() ? 'queued' : 'waiting-network', attempts: 0, serviceFailures: 0,
      error: null, nextAttemptAt: null, unsureSince: null, existingVoices: null, createdAt,
    };
  }

  function retryVoice(voiceId: string, edits: RetryEdits = {}): VoiceRecord {
    const voice = voiceOrThrow(voiceId);
    if (voice.status !== 'failed') throw new TimbreError(CATALOG_ERROR.notRetryable, 'Only a failed voice can be sent again', { details: { status: voice.status } });
    const previous = jobs.get(voiceId);
    const edited = { ...voice, ...Object.fromEntries(Object.entries(edits).filter(([, value]) => value !== undefined)) };
    const renamed = edited.preferredName !== voice.preferredName;
    const job: Job = {
      ...newJob(voiceId, previous?.createdAt ?? now()),
      attempts: previous?.attempts ?? 0,
      // Under a new name an earlier unsure send cannot be adopted; under the same one it still can.
      unsureSince: renamed ? null : previous?.unsureSince ?? null,
      existingVoices: renamed ? null : previous?.existingVoices ?? null,
    };
    save(job, { preferredName: edited.preferredName, language: edited.language, transcript: edited.transcript });
    pump();
    return voiceOrThrow(voiceId);
  }

  return {
    enroll(request) {
      const sample = catalog.getSample(request.sampleId);
      if (!sample) throw new TimbreError(CATALOG_ERROR.sampleNotFound, 'No such sample', { details: { id: request.sampleId } });
      if (!sample.upload && !sample.url) {
        throw new TimbreError(CATALOG_ERROR.sampleAudioMissing, 'The sample has no converted audio to send', { details: { sampleId: sample.id } });
      }
      const existing = catalog.listVoices().filter((voice) => voice.sampleId === sample.id && voice.status !== 'missing-remote');
      const models = [...new Set(request.targetModels)];
      // A model whose clone failed is sent again with this form's fields; only a live clone is a duplicate.
      const failedVoices = new Map(existing.filter((voice) => voice.status === 'failed').map((voice) => [voice.targetModel, voice]));
      const duplicate = models.find((model) => !failedVoices.has(model) && existing.some((voice) => voice.targetModel === model));
      if (duplicate) {
        throw new TimbreError(CATALOG_ERROR.alreadyEnrolled, `This sample already has a voice for ${duplicate}`, { details: { model: duplicate } });
      }
      const at = now();
      const retried = models.filter((model) => failedVoices.has(model)).map((model) => {
        const voice = failedVoices.get(model)!;
        catalog.putVoice({ ...voice, displayName: request.displayName, consentAt: request.consentAt, updatedAt: at });
        return retryVoice(voice.id, { preferredName: request.preferredName, language: request.language, transcript: request.transcript });
      });
      const voices = models.filter((model) => !failedVoices.has(model)).map((targetModel): VoiceRecord => ({
        id: newId(), sampleId: sample.id, voice: null, targetModel, region: deps.region(),
        preferredName: request.preferredName, displayName: request.displayName, language: request.language,
        status: isOnline() ? 'queued' : 'waiting-network', createdAt: at, updatedAt: at, requestId: null, fallbackReason: null,
        consentAt: request.consentAt, error: null, tags: [], notes: '', transcript: request.transcript, remoteCheckedAt: null, lastUsedAt: null,
      }));
      // Jobs on disk first, then their voices: a job without a voice is dropped at the next start,
      // while a voice without a job would be rebuilt and sent, although the user was told it failed.
      const queued = voices.map((voice, index) => newJob(voice.id, at + index));
      const forget = () => {
        for (const job of queued) jobs.delete(job.voiceId);
      };
      for (const job of queued) jobs.set(job.voiceId, job);
      try {
        persist();
        catalog.batch(() => voices.forEach((voice) => catalog.putVoice(voice)));
      } catch (error) {
        forget();
        try {
          persist();
        } catch {
          // The reconcile at the next start drops the jobs that have no voice.
        }
        throw error;
      }
      for (const job of queued) deps.emit(progress(job));
      pump();
      return [...retried, ...voices.map((voice) => catalog.getVoice(voice.id)!)];
    },

    retryKeyFailures() {
      return catalog.listVoices()
        .filter((voice) => voice.status === 'failed' && voice.error !== null && KEY_CODES.has(voice.error.code))
        .map((voice) => retryVoice(voice.id));
    },

    retry: retryVoice,

    cancel(voiceId) {
      if (current?.voiceId === voiceId) current.abort.abort();
      drop(voiceId);
    },

    sendNow() {
      for (const job of [...jobs.values()]) {
        if (job.state === 'queued' && job.nextAttemptAt !== null) save({ ...job, nextAttemptAt: null });
      }
      if (!reachable) probeDue = true;
      pump();
    },

    setOnline(online) {
      const cameBack = online && !osOnline;
      osOnline = online;
      if (cameBack) probeDue = true;
      applyNetworkState();
      pump();
      schedule();
    },

    get online() {
      return isOnline();
    },

    jobs: () => [...jobs.values()].map((job) => progress(job)),

    async settled() {
      while (pumping) await pumping;
    },

    async dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
      current?.abort.abort();
      await pumping?.catch(() => {});
    },
  };
}
