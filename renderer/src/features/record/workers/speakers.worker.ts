/**
 * The second-voice analysis (`shared/audio/speakers.ts`) off the UI thread: a minute of speech takes
 * a few hundred milliseconds of arithmetic, which would stall the review while it settles.
 */
import { findSpeakers, type SpeakerAnalysis } from '../../../../../shared/audio/speakers';
import { madeUpVoice } from './made-up-voice';
import { answerRequests } from './worker-call';

export type SpeakersRequest =
  /** Runs the analysis once on made-up voice, ahead of the first take (`made-up-voice.ts`). */
  | { kind: 'prepare'; sampleRate: number }
  /** Mono samples at `sampleRate`. */
  | { kind: 'speakers'; samples: Float32Array; sampleRate: number };

answerRequests<SpeakersRequest, SpeakerAnalysis>(async (request) => {
  const samples = request.kind === 'prepare' ? madeUpVoice(5, request.sampleRate) : request.samples;
  return { result: findSpeakers(samples, request.sampleRate) };
});
