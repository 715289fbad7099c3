/**
 * The second-voice analysis (`shared/audio/speakers.ts`) off the UI thread: a minute of speech takes
 * a few hundred milliseconds of arithmetic, which would stall the review while it settles.
 */
import { findSpeakers, type SpeakerAnalysis } from '../../../../../shared/audio/speakers';
import { warmUpSpeakers } from './made-up-voice';
import { answerRequests } from './worker-call';

export type SpeakersRequest =
  /** Runs the analysis once on made-up voice, ahead of the first take (`made-up-voice.ts`). */
  | { kind: 'prepare'; sampleRate: number }
  /** Mono samples at `sampleRate`. */
  | { kind: 'speakers'; samples: Float32Array; sampleRate: number };

answerRequests<SpeakersRequest, SpeakerAnalysis>(async (request) => ({
  result: request.kind === 'prepare' ? warmUpSpeakers(request.sampleRate) : findSpeakers(request.samples, request.sampleRate),
}));
