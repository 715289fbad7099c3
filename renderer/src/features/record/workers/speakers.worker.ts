/**
 * The second-voice analysis (`shared/audio/speakers.ts`) off the UI thread: a minute of speech takes
 * a few hundred milliseconds of arithmetic, which would stall the review while it settles.
 */
import { findSpeakers, type SpeakerAnalysis } from '../../../../../shared/audio/speakers';
import { answerRequests } from './worker-call';

export interface SpeakersRequest {
  /** Mono samples at `sampleRate`. */
  samples: Float32Array;
  sampleRate: number;
}

answerRequests<SpeakersRequest, SpeakerAnalysis>(async ({ samples, sampleRate }) => ({ result: findSpeakers(samples, sampleRate) }));
