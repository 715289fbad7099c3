/**
 * Speaking with a voice cloned for a realtime Qwen-Omni model (`qwen3.5-omni-*-realtime`, §7) over
 * the realtime WebSocket, in the Qwen-Omni-Realtime session protocol (Model Studio "Qwen-Omni-Realtime",
 * client and server events): session.created → session.update (manual mode: `turn_detection: null`)
 * → session.updated → input_audio_buffer.append + commit → response.create → response.audio.delta and
 * response.audio_transcript.delta… → response.done. One session per text chunk.
 *
 * Omni is an assistant that listens: the docs say audio input is required and document no text
 * input event. So the request to read the text verbatim, and the text, go into `instructions` (the
 * system message), and a short stretch of silence is the user's turn. Both are GUESSES that
 * `npm run check:live` settles with a real key (its omni-realtime step). What it said comes back as
 * the transcript, shown beside the audio as for the HTTP Omni models.
 */
import { READ_VERBATIM_INSTRUCTION } from '../../../shared/models';
import type { ClientContext } from './context';
import { badResponseError } from './errors';
import { isRecord } from './http';
import { audioCollector, runRealtimeSession, unfinishedResponseError, type RealtimeSession } from './realtime-session';
import { STREAM_SAMPLE_RATE, type ChunkAudio, type ChunkRequest, type DeliveryState } from './synthesis-types';

/**
 * `output_audio_format` values: the docs say Qwen3-Omni-Flash-Realtime takes only `pcm24` and the older
 * Qwen-Omni-Turbo-Realtime only `pcm16` (the SDK sends `pcm16` for 24 kHz too). Which one qwen3.5 takes
 * is UNCONFIRMED, so `pcm24` is asked first and `pcm16` once if the session refuses it. Either way the
 * audio is 16-bit mono PCM at 24 kHz, as the docs' samples play it.
 */
const OMNI_OUTPUT_FORMATS = ['pcm24', 'pcm16'] as const;

/** Input audio is PCM16, 16 kHz mono (documented); the user's turn is this much silence (GUESS: enough to count as audio). */
const INPUT_SAMPLE_RATE = 16_000;
const USER_TURN_SILENCE_MS = 500;
export const USER_TURN_SILENCE = Buffer.alloc((INPUT_SAMPLE_RATE * USER_TURN_SILENCE_MS / 1000) * 2).toString('base64');

function omniSessionConfig(request: Pick<ChunkRequest, 'voice' | 'text'>, outputFormat: (typeof OMNI_OUTPUT_FORMATS)[number]) {
  return {
    modalities: ['text', 'audio'],
    voice: request.voice,
    input_audio_format: 'pcm16',
    output_audio_format: outputFormat,
    instructions: `${READ_VERBATIM_INSTRUCTION}${request.text}`,
    // Manual mode: Timbre says when the turn ends; without this the server waits for speech (VAD).
    turn_detection: null,
  };
}

/** An `error` event about the output format (the documented `param` names the field; GUESS: or its message does). */
const refusesOutputFormat = (error: Record<string, unknown>) =>
  [error.param, error.message].some((value) => typeof value === 'string' && value.includes('output_audio_format'));

export function synthesizeOmniRealtimeChunk(context: ClientContext, request: ChunkRequest, delivery: DeliveryState): Promise<ChunkAudio> {
  const audio = audioCollector(request.onAudio, delivery);
  const transcript: string[] = [];
  let finalTranscript: string | undefined;
  let format = 0;
  let updated = false;
  const update = (session: RealtimeSession<ChunkAudio>) =>
    session.send('session.update', { session: omniSessionConfig(request, OMNI_OUTPUT_FORMATS[format]) });

  return runRealtimeSession<ChunkAudio>(context, {
    model: request.model,
    signal: request.signal,
    logName: 'dashscope omni realtime',
    describe: (chunk) => ({ outputFormat: OMNI_OUTPUT_FORMATS[format], bytes: chunk.pcm.length }),
    recover(error, session) {
      if (updated || format + 1 >= OMNI_OUTPUT_FORMATS.length || !refusesOutputFormat(error)) return false;
      format++;
      update(session);
      return true;
    },
    onEvent(event, session) {
      switch (event.type) {
        case 'session.created':
          return update(session);
        case 'session.updated':
          if (updated) return;
          updated = true;
          session.send('input_audio_buffer.append', { audio: USER_TURN_SILENCE });
          session.send('input_audio_buffer.commit');
          return session.send('response.create');
        case 'response.audio_transcript.delta':
          if (typeof event.delta === 'string') transcript.push(event.delta);
          return;
        case 'response.audio_transcript.done':
          if (typeof event.transcript === 'string') finalTranscript = event.transcript;
          return;
        case 'response.audio.delta': {
          const tooLarge = audio.add(event.delta);
          return tooLarge ? session.fail(tooLarge) : undefined;
        }
        case 'response.done': {
          const response = isRecord(event.response) ? event.response : {};
          const unfinished = unfinishedResponseError(response, session);
          if (unfinished) return session.fail(unfinished);
          if (audio.empty) return session.fail(badResponseError('the model answered without audio'));
          return session.succeed({
            pcm: audio.pcm(),
            sampleRate: STREAM_SAMPLE_RATE,
            // The deltas, as for HTTP Omni: server text is cut to a bounded length per field, and they are short.
            spokenText: transcript.length > 0 ? transcript.join('') : (finalTranscript ?? ''),
          });
        }
        default:
          return; // progress events (committed, response.created, content parts, …) need no answer
      }
    },
  });
}
