import { findSpeakers, type SpeakerAnalysis } from '../../../../../shared/audio/speakers';

/**
 * A few seconds of a buzzy vowel gliding in pitch: voice-like enough that the analyses run their
 * real paths on it. The workers hear it once when they start, ahead of the first take: their first
 * run on a real take was the slow one (V8 compiles JavaScript loops and tiers WebAssembly up while
 * they run), two to three times slower than the next.
 */
export function madeUpVoice(seconds: number, rate: number): Float32Array<ArrayBuffer> {
  const samples = new Float32Array(Math.round(seconds * rate));
  let phase = 0;
  for (let i = 0; i < samples.length; i++) {
    phase += (2 * Math.PI * (120 + 40 * Math.sin(i / rate))) / rate;
    for (let harmonic = 1; harmonic <= 20; harmonic++) samples[i] += Math.sin(harmonic * phase) / harmonic / 4;
  }
  return samples;
}

/** The second-voice analysis, run once on five seconds of it (the listener's and the imports' workers). */
export const warmUpSpeakers = (rate: number): SpeakerAnalysis => findSpeakers(madeUpVoice(5, rate), rate);
