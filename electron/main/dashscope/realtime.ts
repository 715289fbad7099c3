/**
 * Synthesis over the realtime WebSocket for the `qwen3-tts-vc-realtime-*` models (§5.b):
 * session.created → session.update → session.updated → input_text_buffer.append + commit →
 * response.audio.delta… → response.done → session.finish → session.finished.
 * One session per text chunk, in `commit` mode, asking for 24 kHz 16-bit mono PCM.
 */
import { isRecord } from './http';
import type { ClientContext } from './context';
import { DashScopeError, badResponseError } from './errors';
import { audioCollector, runRealtimeSession, unfinishedResponseError } from './realtime-session';
import { STREAM_SAMPLE_RATE, type ChunkAudio, type ChunkRequest, type DeliveryState } from './synthesis-types';

export interface RealtimeOptions {
  speechRate?: number;
  volume?: number;
  pitchRate?: number;
}

function sessionConfig(request: ChunkRequest & RealtimeOptions) {
  const session: Record<string, unknown> = {
    voice: request.voice, mode: 'commit', response_format: 'pcm', sample_rate: STREAM_SAMPLE_RATE,
  };
  if (request.languageType) session.language_type = request.languageType;
  if (request.speechRate !== undefined) session.speech_rate = request.speechRate;
  if (request.volume !== undefined) session.volume = request.volume;
  if (request.pitchRate !== undefined) session.pitch_rate = request.pitchRate;
  return session;
}

export function synthesizeRealtimeChunk(
  context: ClientContext, request: ChunkRequest & RealtimeOptions, delivery: DeliveryState,
): Promise<ChunkAudio> {
  const audio = audioCollector(request.onAudio, delivery);
  let characters: number | undefined;
  let responseDone = false;
  const result = (): ChunkAudio | DashScopeError => (audio.empty
    ? badResponseError('the realtime session ended without audio')
    : { pcm: audio.pcm(), sampleRate: STREAM_SAMPLE_RATE, characters });

  return runRealtimeSession<ChunkAudio>(context, {
    model: request.model,
    signal: request.signal,
    logName: 'dashscope realtime',
    describe: (chunk) => ({ characters: chunk.characters }),
    // A server that closes after response.done without session.finished still gave us everything.
    resultOnClose: () => (responseDone ? result() : undefined),
    onEvent(event, session) {
      switch (event.type) {
        case 'session.created':
          return session.send('session.update', { session: sessionConfig(request) });
        case 'session.updated':
          session.send('input_text_buffer.append', { text: request.text });
          return session.send('input_text_buffer.commit');
        case 'response.audio.delta': {
          const tooLarge = audio.add(event.delta);
          return tooLarge ? session.fail(tooLarge) : undefined;
        }
        case 'response.done': {
          const response = isRecord(event.response) ? event.response : {};
          const unfinished = unfinishedResponseError(response, session);
          if (unfinished) return session.fail(unfinished);
          const usage = isRecord(response.usage) ? response.usage : {};
          if (typeof usage.characters === 'number') characters = usage.characters;
          responseDone = true;
          return session.send('session.finish');
        }
        case 'session.finished': {
          const whole = result();
          return whole instanceof DashScopeError ? session.fail(whole) : session.succeed(whole);
        }
        default:
          return; // progress events (committed, response.created, …) need no answer
      }
    },
  });
}
