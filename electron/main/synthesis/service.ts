/**
 * The Try screen's main-process side: speaks text with a cloned voice on the voice's own target
 * model, streams the PCM to the renderer as it arrives, saves the WAV at once (DashScope's result
 * URL expires after 24 h) and keeps it in the voice's history.
 */
import { randomUUID } from 'node:crypto';
import type { VoiceRecord } from '../../../shared/catalog';
import { parseWav } from '../../../shared/audio/wav';
import { TimbreError } from '../../../shared/errors';
import type { Emit, Handlers } from '../../../shared/ipc/contract';
import { type HistoryEntry, type SynthesisSettings, type TryVoice } from '../../../shared/ipc/routes/synthesis';
import { canSpeak, SYNTH_ERROR } from '../../../shared/synthesis';
import { hasVoiceOptions, isTargetModel, SYNTHESIS_MAX_CHARS, type Region, type TargetModel } from '../../../shared/models';
import type { AudioFiles } from '../catalog/audio-files';
import type { CatalogStore } from '../catalog/store';
import { cancelledError } from '../dashscope/errors';
import { splitForSynthesis, type DashScopeClient } from '../dashscope/client';
import { STREAM_SAMPLE_RATE } from '../dashscope/synthesis-types';
import type { Logger } from '../foundation/log';
import type { RemovedVoices } from '../catalog/removed-voices';
import type { SynthesisHistory } from '../catalog/synthesis-history';
import type { SaveFile } from '../foundation/save-file';

export interface SynthesisServiceDeps {
  catalog: CatalogStore;
  audioFiles: AudioFiles;
  history: SynthesisHistory;
  /** Voices removed from this computer that may still come back, with their results. */
  removedVoices: Pick<RemovedVoices, 'has' | 'onForget'>;
  dashscope: Pick<DashScopeClient, 'synthesize'>;
  /** The region whose key and endpoint the DashScope client uses right now. */
  activeRegion: () => Region;
  emit: Emit;
  saveFile?: SaveFile;
  log: Logger;
  now?: () => number;
  newId?: () => string;
}

type SynthesisChannel = Extract<keyof Handlers, `synth.${string}`>;
export type SynthesisHandlers = Pick<Handlers, SynthesisChannel>;

/** Bytes per second of the streamed PCM (16-bit mono). */
const STREAM_BYTES_PER_SECOND = STREAM_SAMPLE_RATE * 2;

/** Keeps everything a file name may hold on Windows, macOS and Linux (Chinese names included). */
const fileNamePart = (text: string) => text.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '_').trim().slice(0, 80) || 'voice';
const fileStamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace(/[:T]/g, '-');

/** The error with how much audio had already reached the listener, so the UI can say it was discarded. */
function withPartialAudio(error: unknown, receivedBytes: number): unknown {
  if (!(error instanceof TimbreError) || receivedBytes === 0) return error;
  const partialSeconds = Math.round((receivedBytes / STREAM_BYTES_PER_SECOND) * 100) / 100;
  return new TimbreError(error.code, error.message, {
    details: { ...error.details, partialSeconds }, retryable: error.retryable, cause: error,
  });
}

export function createSynthesisService(deps: SynthesisServiceDeps) {
  const { catalog, audioFiles, history, dashscope, emit, log } = deps;
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? randomUUID;
  const runs = new Map<string, AbortController>();

  const voiceFor = (id: string): VoiceRecord => {
    const voice = catalog.getVoice(id);
    if (!voice) throw new TimbreError(SYNTH_ERROR.voiceNotFound, `No voice ${id}`, { details: { id } });
    return voice;
  };

  const entryFor = (id: string): HistoryEntry => {
    const entry = history.get(id);
    if (!entry) throw new TimbreError(SYNTH_ERROR.entryNotFound, `No result ${id}`, { details: { id } });
    return entry;
  };

  function usableVoice(id: string): VoiceRecord & { voice: string; targetModel: TargetModel } {
    const voice = voiceFor(id);
    if (voice.status === 'ready' && !isTargetModel(voice.targetModel)) {
      throw new TimbreError(SYNTH_ERROR.modelUnsupported, `Voice ${id} is for ${voice.targetModel}, which Timbre cannot speak`, {
        details: { model: voice.targetModel },
      });
    }
    if (!canSpeak(voice)) {
      throw new TimbreError(SYNTH_ERROR.voiceNotReady, `Voice ${id} is ${voice.status}`, { details: { status: voice.status } });
    }
    const activeRegion = deps.activeRegion();
    if (voice.region !== activeRegion) {
      throw new TimbreError(SYNTH_ERROR.regionMismatch, `Voice ${id} belongs to ${voice.region}, the active region is ${activeRegion}`, {
        details: { voiceRegion: voice.region, activeRegion },
      });
    }
    return voice;
  }

  function sampleAudioOf(voice: VoiceRecord): TryVoice['sampleAudio'] {
    const sample = voice.sampleId ? catalog.getSample(voice.sampleId) : undefined;
    if (sample?.upload) return 'upload';
    return sample?.original ? 'original' : null;
  }

  /** Stores the result's WAV and its history entry; the file goes again if the entry cannot be stored. */
  async function keep(entry: Omit<HistoryEntry, 'audio'>, wav: Uint8Array): Promise<HistoryEntry> {
    const file = `${entry.id}.synth.wav`;
    const bytes = await audioFiles.write(file, wav);
    const info = parseWav(wav);
    const stored: HistoryEntry = {
      ...entry,
      audio: {
        file, mime: 'audio/wav', bytes, durationSeconds: info?.durationSeconds, sampleRate: info?.sampleRate, channels: info?.channels,
      },
    };
    try {
      history.add(stored);
    } catch (error) {
      await audioFiles.remove(file);
      throw error;
    }
    return stored;
  }

  const handlers = {
    'synth.voices': ({ query, limit, include }) => {
      const speakable = catalog.listVoices().filter(canSpeak);
      const needle = query.trim().toLocaleLowerCase();
      const matches = (voice: VoiceRecord & { voice: string }) => needle === ''
        || [voice.displayName, voice.voice, ...voice.tags].some((text) => text.toLocaleLowerCase().includes(needle));
      const found = speakable.filter(matches).sort((a, b) => b.createdAt - a.createdAt);
      const shown = found.slice(0, limit);
      const listed = new Set(shown.map((voice) => voice.id));
      for (const id of include) {
        const voice = catalog.getVoice(id);
        if (voice && canSpeak(voice) && !listed.has(id)) {
          shown.push(voice);
          listed.add(id);
        }
      }
      return { voices: shown.map((voice) => ({ voice, sampleAudio: sampleAudioOf(voice) })), matching: found.length, speakable: speakable.length };
    },

    'synth.start': async ({ runId, voiceId, text, settings }) => {
      const voice = usableVoice(voiceId);
      if (runs.has(runId)) throw new TimbreError(SYNTH_ERROR.duplicateRun, `Run ${runId} is already going`);
      const controller = new AbortController();
      runs.set(runId, controller);
      const started = now();
      // Only Qwen-TTS realtime has rate, volume and pitch (§5.a, §7): for the others they are neither sent nor remembered.
      const used: SynthesisSettings = hasVoiceOptions(voice.targetModel) ? settings : { languageType: settings.languageType };
      let firstAudioMs: number | null = null;
      let seq = 0;
      let receivedBytes = 0;
      try {
        const result = await dashscope.synthesize({
          voice: voice.voice,
          voiceTargetModel: voice.targetModel,
          model: voice.targetModel,
          text,
          languageType: settings.languageType,
          stream: true,
          speechRate: used.speechRate,
          volume: used.volume,
          pitchRate: used.pitchRate,
          signal: controller.signal,
          onPart: (part, parts, partText) => emit('synth.part', { runId, part, parts, text: partText }),
          onAudio: (pcm) => {
            const elapsedMs = now() - started;
            firstAudioMs ??= elapsedMs;
            receivedBytes += pcm.length;
            // A copy with its own ArrayBuffer: the client's chunk may be a view into a larger buffer.
            emit('synth.chunk', { runId, seq: seq++, pcm: new Uint8Array(pcm), sampleRate: STREAM_SAMPLE_RATE, elapsedMs });
          },
        });
        // Cancelled while the last bytes arrived: the user asked for nothing to be kept.
        if (controller.signal.aborted) throw cancelledError();
        // The service deletes a voice no synthesis has used for a year (§3.3): remember this use.
        const latest = catalog.getVoice(voice.id);
        if (latest) catalog.putVoice({ ...latest, lastUsedAt: now() });
        const entry = await keep({
          id: newId(),
          voiceId: voice.id,
          voice: voice.voice,
          model: voice.targetModel,
          region: voice.region,
          text,
          settings: used,
          createdAt: now(),
          firstAudioMs,
          totalMs: now() - started,
          parts: splitForSynthesis(text, SYNTHESIS_MAX_CHARS).length,
          characters: result.characters ?? null,
          requestId: result.requestId ?? null,
          ...(result.spokenText === undefined ? {} : { spokenText: result.spokenText }),
        }, result.wav);
        log.info('synthesis kept', { model: entry.model, parts: entry.parts, firstAudioMs, totalMs: entry.totalMs, bytes: entry.audio.bytes });
        return entry;
      } catch (error) {
        throw withPartialAudio(error, receivedBytes);
      } finally {
        runs.delete(runId);
      }
    },

    'synth.cancel': ({ runId }) => {
      const run = runs.get(runId);
      run?.abort();
      return { cancelled: run !== undefined };
    },

    'synth.history': ({ voiceId }) => history.list(voiceId),

    'synth.readAudio': async ({ entryId }) => {
      const entry = entryFor(entryId);
      return { bytes: await audioFiles.read(entry.audio.file), mime: entry.audio.mime };
    },

    'synth.setFavourite': ({ entryId, favourite }) => {
      entryFor(entryId);
      return history.setFavourite(entryId, favourite)!;
    },

    'synth.deleteHistory': async ({ entryId }) => {
      const entry = history.remove(entryId);
      if (entry) await audioFiles.remove(entry.audio.file);
    },

    'synth.export': async ({ entryId }) => {
      const entry = entryFor(entryId);
      if (!deps.saveFile) throw new TimbreError(SYNTH_ERROR.exportUnavailable, 'There is no save dialog in this build');
      const bytes = await audioFiles.read(entry.audio.file);
      const name = catalog.getVoice(entry.voiceId)?.displayName ?? entry.voice;
      try {
        const path = await deps.saveFile({
          defaultName: `${fileNamePart(name)}-${fileStamp(entry.createdAt)}.wav`,
          bytes,
          filters: [{ name: 'WAV', extensions: ['wav'] }],
        });
        return { path };
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException | null)?.code ?? 'unknown';
        throw new TimbreError(SYNTH_ERROR.exportFailed, `Could not write the exported WAV: ${reason}`, { details: { reason }, cause: error });
      }
    },
  } satisfies SynthesisHandlers;

  // A voice gone for good takes its results with it: nothing could reach them any more. One removed
  // from this computer keeps them while Undo or "Recently removed" can still put it back.
  const forget = (voiceIds: readonly string[]) => {
    for (const entry of history.removeVoices(voiceIds)) {
      audioFiles.remove(entry.audio.file).catch((error: unknown) => log.warn('synthesis: could not remove a result file', { error: String(error) }));
    }
  };
  const stopFollowingCatalog = catalog.onChange(({ removedVoiceIds }) => {
    const gone = removedVoiceIds.filter((id) => !deps.removedVoices.has(id));
    if (gone.length > 0) forget(gone);
  });
  const stopFollowingRemoved = deps.removedVoices.onForget((voiceIds) => forget(voiceIds.filter((id) => !catalog.getVoice(id))));

  return {
    handlers,
    /** Whether a Try is speaking right now (an update restart waits for it). */
    isRunning: () => runs.size > 0,
    /** Stops every running synthesis (app quitting). */
    dispose() {
      stopFollowingCatalog();
      stopFollowingRemoved();
      for (const run of runs.values()) run.abort();
    },
  };
}

export type SynthesisService = ReturnType<typeof createSynthesisService>;
