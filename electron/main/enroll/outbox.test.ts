import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EnrollProgress } from '../../../shared/ipc/routes/catalog';
import type { TargetModel } from '../../../shared/models';
import { makeSample } from '../../../tests/support/catalog-fixtures';
import { createAudioFiles } from '../catalog/audio-files';
import { createCatalogStore, type CatalogStore } from '../catalog/store';
import { DASHSCOPE_ERROR, DashScopeError, matchesRequest, type CreateVoiceRequest, type CreatedVoice, type ListedVoice } from '../dashscope/client';
import { createOutbox, DEFAULT_OUTBOX_DELAYS, type Outbox, type OutboxDeps } from './outbox';
import { speechLikeWav } from '../../../tests/mock-dashscope/fixtures';
import { clientFor } from '../../../tests/mock-dashscope/harness';
import { startMockDashScope, type MockDashScope } from '../../../tests/mock-dashscope/server';
import { electronNetwork } from '../../../tests/support/electron-network';

const silentLog = { info: () => {}, warn: () => {}, error: () => {} };
const dirs: string[] = [];
const outboxes: Outbox[] = [];
afterEach(async () => {
  await Promise.all(outboxes.splice(0).map((outbox) => outbox.dispose()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Step = (request: CreateVoiceRequest) => Promise<CreatedVoice>;

/** A stand-in for the DashScope client: an account's voices, and scripted answers to create. */
function fakeDashScope() {
  const remote: ListedVoice[] = [];
  const steps: Step[] = [];
  let serial = 0;
  const makeVoice = (request: CreateVoiceRequest): CreatedVoice => {
    const voice = `qwen-tts-vc-${request.preferredName}-voice-2026011017300${String(serial++).padStart(4, '0')}-ab12`;
    remote.push({ voice, targetModel: request.targetModel, createdAt: Date.now(), modifiedAt: Date.now(), preferredName: request.preferredName });
    return { voice, targetModel: request.targetModel, requestId: `req-${serial}` };
  };
  const requests: CreateVoiceRequest[] = [];
  const client = {
    create: vi.fn(async (request: CreateVoiceRequest) => {
      requests.push(request);
      // The client's contract: after an unsure send, adopt a matching voice that is new and nobody else's.
      if (request.unsureSince !== undefined) {
        const made = remote.find((voice) => matchesRequest(voice, request)
          && !request.existingVoices?.includes(voice.voice) && !request.isTaken?.(voice.voice));
        if (made) return { voice: made.voice, targetModel: request.targetModel, adopted: true };
      }
      const step = steps.shift();
      return step ? step(request) : makeVoice(request);
    }),
    list: vi.fn(async () => [...remote]),
  };
  return { client, remote, steps, requests, makeVoice };
}

const networkDown = () => new DashScopeError(DASHSCOPE_ERROR.refused, 'DashScope refused the connection', { retryable: true });
const lostMidSend = () => new DashScopeError(DASHSCOPE_ERROR.connectionLost, 'lost', { retryable: true, mayHaveSucceeded: true });

function setup(dir = mkdtempSync(join(tmpdir(), 'timbre-outbox-'))) {
  if (!dirs.includes(dir)) dirs.push(dir);
  const catalog = createCatalogStore(dir);
  if (!catalog.getSample('s1')) {
    mkdirSync(join(dir, 'audio'), { recursive: true });
    // Speech-like enough for the mock's checks (at least 3 s of voice).
    const wav = speechLikeWav(4);
    writeFileSync(join(dir, 'audio', 's1.upload.wav'), wav);
    catalog.putSample(makeSample({ id: 's1', upload: { file: 's1.upload.wav', mime: 'audio/wav', bytes: wav.length, durationSeconds: 1 } }));
  }
  return { dir, catalog };
}

function start(dir: string, catalog: CatalogStore, dashscope: ReturnType<typeof fakeDashScope>, extra: Partial<OutboxDeps> = {}) {
  const events: EnrollProgress[] = [];
  const onlineChanges: boolean[] = [];
  let id = 0;
  const outbox = createOutbox({
    dataFolder: dir,
    catalog,
    audioFiles: createAudioFiles(dir),
    dashscope: dashscope.client,
    region: () => 'cn-beijing',
    emit: (progress) => events.push(progress),
    onOnlineChange: (online) => onlineChanges.push(online),
    log: silentLog,
    delays: { networkProbeMs: [30], serviceRetryMs: [30], maxServiceFailures: 3 },
    newId: () => `voice-${dir.slice(-6)}-${++id}`,
    ...extra,
  });
  outboxes.push(outbox);
  return { outbox, events, onlineChanges };
}

const request = (models: TargetModel[] = ['qwen3-tts-vc-2026-01-22'], fields: Partial<Parameters<Outbox['enroll']>[0]> = {}) => ({
  sampleId: 's1', displayName: '小明', preferredName: 'xiaoming', targetModels: models, language: 'zh' as const,
  transcript: '北风与太阳', consentAt: 1_700_000_000_000, ...fields,
});

const outboxFile = (dir: string) => JSON.parse(readFileSync(join(dir, 'outbox.json'), 'utf8'));

describe('outbox', () => {
  it('returns at once with one queued voice per model, then sends each and reports progress', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    const { outbox, events } = start(dir, catalog, dashscope);
    const voices = outbox.enroll(request(['qwen3-tts-vc-2026-01-22', 'qwen3-tts-vc-realtime-2026-01-15']));
    expect(voices.map((voice) => [voice.targetModel, voice.status, voice.voice])).toEqual([
      ['qwen3-tts-vc-2026-01-22', 'queued', null],
      ['qwen3-tts-vc-realtime-2026-01-15', 'queued', null],
    ]);
    await vi.waitFor(() => expect(catalog.listVoices().every((voice) => voice.status === 'ready')).toBe(true));
    const ready = catalog.listVoices();
    expect(ready.map((voice) => voice.voice)).toEqual(dashscope.remote.map((voice) => voice.voice));
    expect(ready[0]).toMatchObject({ consentAt: 1_700_000_000_000, transcript: '北风与太阳', requestId: 'req-1', error: null });
    // What went out: the converted WAV as a data URL, the transcript and language of the form.
    expect(dashscope.requests[0]).toMatchObject({ preferredName: 'xiaoming', text: '北风与太阳', language: 'zh' });
    expect((dashscope.requests[0].audio as { dataUrl: string }).dataUrl).toMatch(/^data:audio\/wav;base64,UklGR/);
    expect(events.filter((event) => event.voiceId === voices[0].id).map((event) => event.state)).toEqual(['queued', 'sending', 'done']);
    expect(outboxFile(dir).jobs).toEqual({});
  });

  it('refuses a second job for the same sample and model', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    const { outbox } = start(dir, catalog, dashscope);
    outbox.enroll(request());
    expect(() => outbox.enroll(request())).toThrow(expect.objectContaining({ code: 'catalog.already_enrolled' }));
    await outbox.settled();
    expect(dashscope.client.create).toHaveBeenCalledTimes(1);
    expect(catalog.listVoices()).toHaveLength(1);
  });

  it('waits while the OS is offline and sends when it comes back', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    const { outbox } = start(dir, catalog, dashscope);
    outbox.setOnline(false);
    const [voice] = outbox.enroll(request());
    expect(voice.status).toBe('waiting-network');
    await outbox.settled();
    expect(dashscope.client.create).not.toHaveBeenCalled();
    outbox.setOnline(true);
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('ready'));
  });

  it('detects an unreachable service from a failed request, waits, probes and recovers', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    dashscope.steps.push(async () => { throw networkDown(); }, async () => { throw networkDown(); });
    const { outbox, onlineChanges } = start(dir, catalog, dashscope);
    const statuses: string[] = [];
    catalog.onChange(({ voices }) => voices.forEach((voice) => statuses.push(voice.status)));
    const [voice] = outbox.enroll(request());
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('ready'));
    expect(statuses).toEqual(['queued', 'sending', 'waiting-network', 'sending', 'waiting-network', 'sending', 'ready']);
    expect(dashscope.client.create).toHaveBeenCalledTimes(3);
    expect(onlineChanges).toEqual([false, true]);
    expect(outbox.online).toBe(true);
  });

  it('adopts the voice a send made when the connection dropped mid-request, instead of making a second', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    dashscope.steps.push(async (req) => {
      dashscope.makeVoice(req); // the service made it, but the answer never arrived
      throw lostMidSend();
    });
    const { outbox } = start(dir, catalog, dashscope);
    const [voice] = outbox.enroll(request());
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('ready'));
    // The second send asks the client to look first (it adopts instead of creating).
    expect(dashscope.requests.map((sent) => sent.unsureSince !== undefined)).toEqual([false, true]);
    expect(dashscope.remote).toHaveLength(1);
    expect(catalog.getVoice(voice.id)?.voice).toBe(dashscope.remote[0].voice);
  });

  it('after a 429 waits as the server asked, then sends again', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    let refusedAt = 0;
    dashscope.steps.push(async () => {
      refusedAt = Date.now();
      throw new DashScopeError(DASHSCOPE_ERROR.throttled, 'slow down', { retryable: true, status: 429, retryAfterMs: 50 });
    });
    const { outbox, events } = start(dir, catalog, dashscope);
    const [voice] = outbox.enroll(request());
    await vi.waitFor(() => expect(events.some((event) => event.state === 'queued' && event.error?.code === 'dashscope.throttled')).toBe(true));
    const waiting = events.find((event) => event.error?.code === 'dashscope.throttled')!;
    expect(waiting.nextAttemptAt).toBeGreaterThanOrEqual(refusedAt + 50);
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('ready'));
    expect(dashscope.client.create).toHaveBeenCalledTimes(2);
  });

  it('fails after repeated server errors with the reason, and a retry sends it again', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    const serverError = async () => {
      throw new DashScopeError(DASHSCOPE_ERROR.serverError, 'DashScope had an internal error', { retryable: true, status: 500 });
    };
    dashscope.steps.push(serverError, serverError, serverError);
    const { outbox } = start(dir, catalog, dashscope);
    const [voice] = outbox.enroll(request());
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('failed'));
    expect(catalog.getVoice(voice.id)?.error).toMatchObject({ code: 'dashscope.server_error' });
    expect(dashscope.client.create).toHaveBeenCalledTimes(3);
    outbox.retry(voice.id);
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('ready'));
  });

  it('sends again, by itself, a clone that failed for want of a key, and re-sends a failed model from the form instead of refusing it', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    const noKey = async (): Promise<CreatedVoice> => {
      throw new DashScopeError(DASHSCOPE_ERROR.missingApiKey, 'No API key');
    };
    dashscope.steps.push(noKey, noKey);
    const { outbox } = start(dir, catalog, dashscope);
    const [voice] = outbox.enroll(request());
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('failed'));
    // The form again, for the same model: the failed clone is sent again under the new fields, not refused.
    const [again] = outbox.enroll(request(undefined, { preferredName: 'xm_again', displayName: 'Xiao Ming' }));
    expect(again.id).toBe(voice.id);
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('failed'));
    expect(catalog.getVoice(voice.id)).toMatchObject({ preferredName: 'xm_again', displayName: 'Xiao Ming' });
    // A key arrives: the failure is retried without the user asking.
    expect(outbox.retryKeyFailures().map((item) => item.id)).toEqual([voice.id]);
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('ready'));
    expect(catalog.listVoices()).toHaveLength(1);
    expect(outbox.retryKeyFailures()).toEqual([]);
  });

  it('fails at once on a refusal, and sends the corrected fields on retry', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    dashscope.steps.push(async () => {
      throw new DashScopeError(DASHSCOPE_ERROR.audioPreprocessFailed, 'transcript mismatch', { status: 400, dashscopeCode: 'Audio.PreprocessError' });
    });
    const { outbox } = start(dir, catalog, dashscope);
    const [voice] = outbox.enroll(request());
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('failed'));
    expect(() => outbox.retry('nope')).toThrow(expect.objectContaining({ code: 'catalog.voice_not_found' }));
    outbox.retry(voice.id, { transcript: 'The north wind', language: 'en', preferredName: 'xm2' });
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('ready'));
    expect(dashscope.requests[1]).toMatchObject({ text: 'The north wind', language: 'en', preferredName: 'xm2' });
    expect(catalog.getVoice(voice.id)).toMatchObject({ transcript: 'The north wind', preferredName: 'xm2', error: null });
    expect(() => outbox.retry(voice.id)).toThrow(expect.objectContaining({ code: 'catalog.not_retryable' }));
  });

  it('after a restart mid-send, finds the voice that send made and does not create another', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    let reachedServer!: () => void;
    const arrived = new Promise<void>((resolve) => (reachedServer = resolve));
    dashscope.steps.push((req) => new Promise((_, reject) => {
      dashscope.makeVoice(req); // created on the account, then the app quits before the answer
      reachedServer();
      req.signal?.addEventListener('abort', () => reject(new DashScopeError(DASHSCOPE_ERROR.cancelled, 'cancelled')));
    }));
    const first = start(dir, catalog, dashscope);
    const [voice] = first.outbox.enroll(request());
    await arrived;
    await first.outbox.dispose();
    expect(outboxFile(dir).jobs[voice.id]).toMatchObject({ state: 'sending' });

    const reopened = setup(dir);
    start(dir, reopened.catalog, dashscope);
    await vi.waitFor(() => expect(reopened.catalog.getVoice(voice.id)?.status).toBe('ready'));
    // The second send asks the client to look first (it adopts instead of creating).
    expect(dashscope.requests.map((sent) => sent.unsureSince !== undefined)).toEqual([false, true]);
    expect(reopened.catalog.getVoice(voice.id)?.voice).toBe(dashscope.remote[0].voice);
  });

  it('keeps waiting jobs across a restart and sends them when the next run is online', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    const first = start(dir, catalog, dashscope);
    first.outbox.setOnline(false);
    const [voice] = first.outbox.enroll(request());
    await first.outbox.dispose();

    const reopened = setup(dir);
    expect(reopened.catalog.getVoice(voice.id)?.status).toBe('waiting-network');
    const second = start(dir, reopened.catalog, dashscope);
    expect(second.outbox.jobs()).toEqual([expect.objectContaining({ voiceId: voice.id })]);
    await vi.waitFor(() => expect(reopened.catalog.getVoice(voice.id)?.status).toBe('ready'));
    expect(dashscope.client.create).toHaveBeenCalledTimes(1);
  });

  it('rebuilds a job from its voice when the outbox file is lost', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    const first = start(dir, catalog, dashscope);
    first.outbox.setOnline(false);
    const [voice] = first.outbox.enroll(request());
    await first.outbox.dispose();
    writeFileSync(join(dir, 'outbox.json'), '{ not json');

    const reopened = setup(dir);
    start(dir, reopened.catalog, dashscope);
    await vi.waitFor(() => expect(reopened.catalog.getVoice(voice.id)?.status).toBe('ready'));
  });

  it('cancels a job whose voice is deleted while it is being sent', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    let sending!: () => void;
    const started = new Promise<void>((resolve) => (sending = resolve));
    dashscope.steps.push((req) => new Promise((_, reject) => {
      sending();
      req.signal?.addEventListener('abort', () => reject(new DashScopeError(DASHSCOPE_ERROR.cancelled, 'cancelled')));
    }));
    const { outbox } = start(dir, catalog, dashscope);
    const [voice] = outbox.enroll(request());
    await started;
    outbox.cancel(voice.id);
    catalog.deleteVoice(voice.id);
    await outbox.settled();
    expect(outbox.jobs()).toEqual([]);
    expect(catalog.listVoices()).toEqual([]);
  });
});

describe('outbox against the strict mock (issue 14 and 15)', () => {
  const mocks: MockDashScope[] = [];
  afterEach(async () => {
    await Promise.all(mocks.splice(0).map((mock) => mock.close()));
  });

  async function withMock() {
    const mock = await startMockDashScope({ region: 'cn-beijing' });
    mocks.push(mock);
    const { dir, catalog } = setup();
    const { client } = clientFor(mock);
    const { outbox } = start(dir, catalog, { client } as unknown as ReturnType<typeof fakeDashScope>);
    return { mock, catalog, outbox };
  }

  it('a 502 after the voice was stored, then an unreadable list: still exactly one paid voice', async () => {
    const { mock, catalog, outbox } = await withMock();
    mock.inject({ kind: 'gateway-error', status: 502, perform: true, match: 'create' });
    mock.inject({ kind: 'omit-list', match: 'list', times: 2 });
    const [voice] = outbox.enroll(request());
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('ready'), 5_000); // real backoff sleeps: two list retries and one create retry
    expect(mock.voices.size).toBe(1);
    expect(catalog.getVoice(voice.id)?.voice).toBe([...mock.voices.keys()][0]);
  });

  it('a voice of the same name already on the account is never taken for the one this send made', async () => {
    const { mock, catalog, outbox } = await withMock();
    const older = mock.addVoice({ preferredName: 'xiaoming', targetModel: 'qwen3-tts-vc-2026-01-22' });
    mock.inject({ kind: 'reset', perform: false, match: 'create' });
    const [voice] = outbox.enroll(request());
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('ready'));
    expect(catalog.getVoice(voice.id)?.voice).not.toBe(older.voice);
    expect(mock.voices.size).toBe(2);
  });

  it('a send that hits the voice quota fails at once with the way out, and is not retried', async () => {
    const { mock, catalog, outbox } = await withMock();
    mock.setBehaviour({ maxVoices: 0 });
    const [voice] = outbox.enroll(request());
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('failed'));
    expect(catalog.getVoice(voice.id)?.error).toMatchObject({ code: DASHSCOPE_ERROR.voiceQuotaReached });
    expect(mock.requests.filter((sent) => sent.target === 'create')).toHaveLength(1);
  });

  it('a key a proxy echoes back is never stored with the job or the voice', async () => {
    const { mock, catalog, outbox } = await withMock();
    mock.inject({ kind: 'echo-auth', match: 'create' });
    const [voice] = outbox.enroll(request());
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('failed'));
    const dir = dirs.at(-1)!;
    // Every data file: the catalog keeps recent changes in its journal next to catalog.json.
    const files = readdirSync(dir).filter((name) => statSync(join(dir, name)).isFile());
    expect(files).toEqual(expect.arrayContaining(['outbox.json', 'catalog.journal']));
    for (const file of files) expect(readFileSync(join(dir, file), 'utf8')).not.toContain(mock.apiKey);
    expect(JSON.stringify(catalog.getVoice(voice.id))).not.toContain(mock.apiKey);
  });
});

describe('outbox: failures that are not outages (issue 15, item 13)', () => {
  it('the same unexplained transport failure, again and again, ends in a stated error instead of "offline" for ever', async () => {
    const { dir, catalog } = setup();
    const dashscope = fakeDashScope();
    const odd = () => new DashScopeError(DASHSCOPE_ERROR.failed, 'Network request failed: fetch failed redirect count exceeded', { retryable: true });
    for (let i = 0; i < 10; i++) dashscope.steps.push(async () => { throw odd(); });
    const { outbox } = start(dir, catalog, dashscope);
    const [voice] = outbox.enroll(request());
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('failed'));
    expect(catalog.getVoice(voice.id)?.error).toMatchObject({ code: DASHSCOPE_ERROR.failed, message: expect.stringContaining('redirect count') });
    expect(dashscope.client.create).toHaveBeenCalledTimes(3);
  });
});

describe('outbox: outages the OS does not see (issue 27)', () => {
  const mocks: MockDashScope[] = [];
  afterEach(async () => {
    vi.useRealTimers();
    await Promise.all(mocks.splice(0).map((mock) => mock.close()));
  });

  // As Electron's net.fetch fails while DNS, the proxy or the certificate check is broken: a plain
  // Error named by Chromium. The same for minutes on end, as no outage is over in four tries.
  it.each([
    ['DNS is broken (a VPN, a captive portal)', 'net::ERR_NAME_NOT_RESOLVED', DASHSCOPE_ERROR.offline],
    ['the system proxy is down', 'net::ERR_PROXY_CONNECTION_FAILED', DASHSCOPE_ERROR.proxy],
    ['a captive portal answers with its own certificate', 'net::ERR_CERT_AUTHORITY_INVALID', DASHSCOPE_ERROR.tls],
  ] as const)('%s for ten minutes while the OS says online: the clone waits, is never failed or unsure, then goes out once', async (_case, netError, code) => {
    const mock = await startMockDashScope({ region: 'cn-beijing' });
    mocks.push(mock);
    const network = electronNetwork();
    network.breakWith(netError);
    let requests = 0;
    const { client } = clientFor(mock, { fetch: (input, init) => (requests++, network.fetch(input, init)) });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { dir, catalog } = setup();
    // The app's own probe delays, on the fake clock.
    const { outbox, events } = start(dir, catalog, { client } as unknown as ReturnType<typeof fakeDashScope>, { delays: DEFAULT_OUTBOX_DELAYS });
    const [voice] = outbox.enroll(request());

    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(outbox.online).toBe(false);
    expect(catalog.getVoice(voice.id)?.status).toBe('waiting-network');
    expect(events.map((event) => event.state)).not.toContain('failed');
    expect(events.at(-1)).toMatchObject({ state: 'waiting-network', error: { code } });
    expect(outboxFile(dir).jobs[voice.id]).toMatchObject({ state: 'waiting-network', unsureSince: null });
    // Probed again and again (with the client's own retries), and nothing reached DashScope.
    expect(requests).toBeGreaterThanOrEqual(10);
    expect(mock.requests).toHaveLength(0);

    // Mended: the next probe (at most a minute later) sends it, over real sockets on the real clock.
    network.breakWith(null);
    for (let waited = 0; waited <= 60_000 && catalog.getVoice(voice.id)?.status === 'waiting-network'; waited += 1_000) {
      await vi.advanceTimersByTimeAsync(1_000);
    }
    vi.useRealTimers();
    await vi.waitFor(() => expect(catalog.getVoice(voice.id)?.status).toBe('ready'), { timeout: 10_000 });
    expect(mock.voices.size).toBe(1);
    expect(outbox.online).toBe(true);
  });
});
