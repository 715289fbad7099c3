import { beforeEach, describe, expect, it, vi } from 'vitest';
import { voiceRecord } from '../../../../shared/catalog-schema';
import type { Result } from '../../../../shared/errors';
import type { EventPayload } from '../../../../shared/ipc/contract';
import type { HistoryEntry, TryVoice } from '../../../../shared/ipc/routes/synthesis';

/** Web Audio stand-in: counts the chunks the player scheduled and whether it was silenced. */
const audio = { scheduled: 0, closed: 0 };
class FakeAudioContext {
  currentTime = 0;
  destination = {};
  resume = async () => {};
  close = async () => {
    audio.closed++;
  };
  createBuffer = (_channels: number, length: number, sampleRate: number) => ({ duration: length / sampleRate, copyToChannel: () => {} });
  createBufferSource = () => ({ buffer: null, onended: null, connect: () => {}, start: () => audio.scheduled++, stop: () => {} });
}
vi.stubGlobal('AudioContext', FakeAudioContext);

const voice = (id: string, language: 'en' | 'zh'): TryVoice => ({
  voice: voiceRecord.parse({
    id, sampleId: null, voice: `qwen-tts-vc-${id}`, targetModel: 'qwen3-tts-vc-2026-01-22', region: 'cn-beijing', preferredName: id,
    displayName: id, language, status: 'ready', createdAt: 1, updatedAt: 1, consentAt: 1,
  }),
  sampleAudio: null,
});

const entry = (id: string, voiceId: string): HistoryEntry => ({
  id, voiceId, voice: `qwen-tts-vc-${voiceId}`, model: 'qwen3-tts-vc-2026-01-22', region: 'cn-beijing', text: 'Hello.',
  settings: { languageType: 'English' }, audio: { file: `${id}.synth.wav`, mime: 'audio/wav', bytes: 44 },
  createdAt: 2, firstAudioMs: 5, totalMs: 9, parts: 1, characters: 6, requestId: null,
});

/** The part of `window.timbre` the store uses, answering from the test. */
function installTimbre() {
  let chunkListener: ((chunk: EventPayload<'synth.chunk'>) => void) | null = null;
  let libraryListener: ((change: EventPayload<'library.changed'>) => void) | null = null;
  const listed = [voice('alice', 'en'), voice('lin', 'zh')];
  let finish: ((result: Result<HistoryEntry>) => void) | null = null;
  const calls: Array<{ channel: string; input: unknown }> = [];
  const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
  window.timbre = {
    synth: {
      voices: () => ok({ voices: [...listed], matching: listed.length, speakable: listed.length }),
      history: ({ voiceId }: { voiceId: string }) => ok(voiceId === 'lin' ? [entry('old', 'lin')] : []),
      start: (input: unknown) => {
        calls.push({ channel: 'synth.start', input });
        return new Promise<Result<HistoryEntry>>((resolve) => {
          finish = resolve;
        });
      },
      cancel: (input: unknown) => {
        calls.push({ channel: 'synth.cancel', input });
        return ok({ cancelled: true });
      },
    },
    on: (event: string, listener: (payload: unknown) => void) => {
      if (event === 'synth.chunk') chunkListener = listener;
      if (event === 'library.changed') libraryListener = listener;
      return () => {};
    },
  } as unknown as Window['timbre'];
  const runId = () => (calls.find((call) => call.channel === 'synth.start')?.input as { runId: string }).runId;
  return {
    calls,
    runId,
    listed,
    libraryChanged: (change: Partial<EventPayload<'library.changed'>>) =>
      libraryListener?.({ voices: [], removedVoiceIds: [], samples: [], removedSampleIds: [], ...change }),
    chunk: (forRunId: string, seq: number) =>
      chunkListener?.({ runId: forRunId, seq, pcm: new Uint8Array(4_800), sampleRate: 24_000, elapsedMs: 40 + seq }),
    finish: (result: Result<HistoryEntry>) => finish?.(result),
  };
}

async function freshStore() {
  vi.resetModules();
  const { useApp } = await import('../../app-store');
  const { useTry } = await import('./try-store');
  return { useApp, useTry };
}

describe('Try store', () => {
  beforeEach(() => {
    localStorage.clear();
    audio.scheduled = 0;
    audio.closed = 0;
  });

  it('starts with the voice the Library asked for, once, with that voice\'s language', async () => {
    installTimbre();
    const { useApp, useTry } = await freshStore();
    useApp.setState({ tryVoiceId: 'lin' });
    await useTry.getState().load();
    expect(useTry.getState()).toMatchObject({ voiceId: 'lin', settings: { languageType: 'Chinese' } });
    await vi.waitFor(() => expect(useTry.getState().selectedEntryId).toBe('old'));
    expect(useApp.getState().tryVoiceId).toBeNull();

    // The user's own pick stands when they come back to the screen.
    useTry.getState().selectVoice('alice');
    await useTry.getState().load();
    expect(useTry.getState()).toMatchObject({ voiceId: 'alice', settings: { languageType: 'English' }, history: [] });
  });

  it('plays the chunks of its own run as they arrive and ends with the saved result selected', async () => {
    const bridge = installTimbre();
    const { useTry } = await freshStore();
    await useTry.getState().load();
    useTry.getState().setText('  Hello.  ');
    const speaking = useTry.getState().speak();

    expect(bridge.calls[0].input).toMatchObject({ voiceId: 'alice', text: 'Hello.', settings: { languageType: 'English' } });
    // The HTTP model gets no rate/volume/pitch.
    expect((bridge.calls[0].input as { settings: object }).settings).not.toHaveProperty('speechRate');
    bridge.chunk(bridge.runId(), 0);
    bridge.chunk('someone-elses-run', 0);
    bridge.chunk(bridge.runId(), 1);
    expect(audio.scheduled).toBe(2);
    expect(useTry.getState().run).toMatchObject({ chunks: 2, firstAudioMs: 40, receivedSeconds: 0.2 });

    bridge.finish({ ok: true, value: entry('new', 'alice') });
    await speaking;
    expect(useTry.getState()).toMatchObject({ run: null, outcome: { kind: 'done', chunks: 2 }, selectedEntryId: 'new' });
    expect(useTry.getState().history.map((item) => item.id)).toEqual(['new']);
  });

  it('a failure keeps nothing, silences the stream and reports what had played', async () => {
    const bridge = installTimbre();
    const { useTry } = await freshStore();
    await useTry.getState().load();
    useTry.getState().setText('Hello.');
    const speaking = useTry.getState().speak();
    bridge.chunk(bridge.runId(), 0);
    bridge.finish({ ok: false, error: { code: 'network.connection_lost', message: 'lost', details: { partialSeconds: 0.1 } } });
    await speaking;
    expect(useTry.getState().outcome).toMatchObject({ kind: 'failed', error: { code: 'network.connection_lost' }, partialSeconds: 0.1, chunks: 1 });
    expect(useTry.getState().history).toEqual([]);
    expect(audio.closed).toBeGreaterThan(0);
  });

  it('cancel stops playback at once and asks main to stop the run', async () => {
    const bridge = installTimbre();
    const { useTry } = await freshStore();
    await useTry.getState().load();
    useTry.getState().setText('Hello.');
    const speaking = useTry.getState().speak();
    const closedBefore = audio.closed;
    await useTry.getState().cancel();
    expect(audio.closed).toBe(closedBefore + 1);
    expect(bridge.calls.at(-1)).toEqual({ channel: 'synth.cancel', input: { runId: bridge.runId() } });
    bridge.finish({ ok: false, error: { code: 'dashscope.cancelled', message: 'cancelled' } });
    await speaking;
    expect(useTry.getState().outcome).toMatchObject({ kind: 'cancelled', partialSeconds: 0 });
  });

  it('keeps texts for later across launches and ignores what it cannot read back', async () => {
    installTimbre();
    let { useTry } = await freshStore();
    await useTry.getState().load();
    useTry.getState().setText('For when I am back online.');
    useTry.getState().keepDraft();
    expect(useTry.getState().drafts).toHaveLength(1);

    const stored = JSON.parse(localStorage.getItem('timbre.try')!);
    stored.state.drafts.push({ id: 'broken', text: 42 });
    localStorage.setItem('timbre.try', JSON.stringify(stored));
    ({ useTry } = await freshStore());
    expect(useTry.getState().text).toBe('For when I am back online.');
    expect(useTry.getState().drafts.map((draft) => draft.text)).toEqual(['For when I am back online.']);

    useTry.getState().setText('');
    useTry.getState().restoreDraft(useTry.getState().drafts[0].id);
    expect(useTry.getState()).toMatchObject({ text: 'For when I am back online.', drafts: [] });
  });

  it('follows the library: a deleted voice leaves the picker, a renamed one is renamed, a newly ready one appears', async () => {
    const bridge = installTimbre();
    const { useTry } = await freshStore();
    await useTry.getState().load();
    expect(useTry.getState().voiceId).toBe('alice');

    bridge.listed.splice(0, 1);
    bridge.libraryChanged({ removedVoiceIds: ['alice'], voices: [{ ...voice('lin', 'zh').voice, displayName: '小林' }] });
    expect(useTry.getState().voices.map((item) => [item.voice.id, item.voice.displayName])).toEqual([['lin', '小林']]);
    expect(useTry.getState().voiceId).toBe('lin');

    bridge.listed.push(voice('mia', 'en'));
    bridge.libraryChanged({ voices: [voice('mia', 'en').voice] });
    await vi.waitFor(() => expect(useTry.getState().voices.map((item) => item.voice.id)).toEqual(['lin', 'mia']));
    expect(useTry.getState().voiceId).toBe('lin');
  });
});
