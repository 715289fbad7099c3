/**
 * The second-voice analysis (`shared/audio/speakers.ts`) off the UI thread: a minute of speech takes
 * a few hundred milliseconds of arithmetic, which would stall the review while it settles.
 */
import { findSpeakers, type SpeakerAnalysis } from '../../../../../shared/audio/speakers';
import type { Segment } from '../../../../../shared/audio/speech';
import { answerRequests } from './worker-call';

export interface SpeakersRequest {
  /** Mono samples at `sampleRate`, and the speech found in them. */
  samples: Float32Array;
  sampleRate: number;
  speech: Segment[];
}

answerRequests<SpeakersRequest, SpeakerAnalysis>(async ({ samples, sampleRate, speech }) => ({ result: findSpeakers(samples, sampleRate, speech) }));
