// @vitest-environment node
/**
 * Streamed and whole-take analysis give the same verdict on every labelled sample. Each file is fed
 * to the listener as the recorder's AudioWorklet tap sends it (128-frame quanta in uneven groups,
 * the model catching up every half second, so louder peaks make it start again as they do live),
 * and compared with the whole-take path of `analyzeTake`: the take rendered to 16 kHz, brought to
 * the model's level by its peak, heard in parts side by side (`detectSpeech`), `findSpeakers` on
 * the 24 kHz render, then the checks. The real Silero model runs (`silero.ts` on onnxruntime-web
 * in Node), frame by frame for the listener (`silero-stream.ts`).
 * Chromium's renders are stood in for by `Resampler`, which renders as Chromium does (checked
 * against an OfflineAudioContext in `tests/e2e/record.e2e.ts`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_THRESHOLDS } from '../../../../../shared/audio/checks';
import { NO_FIXES } from '../../../../../shared/audio/fixes';
import { findSpeakers, mainVoiceStretch, SPEAKERS } from '../../../../../shared/audio/speakers';
import { speechSegments, type SpeechActivity } from '../../../../../shared/audio/speech';
import { prepareUpload, type UploadSource } from '../../../../../shared/audio/upload';
import { parseWav } from '../../../../../shared/audio/wav';
import { SAMPLE_SET, sampleSetFile } from '../../../../../tests/fixtures/sample-set';
import { joinFrames, VAD_PARTS } from './detect-speech';
import { cutParts } from './parts';
import { hearStreams, loadSilero, type Silero } from './silero';
import { frameByFrame } from './silero-stream';
import { Resampler, TakeListener, type HeardTake } from './take-listener';
import { modelGainFor } from './vad-protocol';
import { VAD_FRAME_SAMPLES, VAD_SAMPLE_RATE } from './vad-protocol';

const UPLOAD_RATE = CHECK_THRESHOLDS.uploadSampleRate;

let silero: Silero;

beforeAll(async () => {
  ort.env.wasm.numThreads = 1;
  const onnx = readFileSync(createRequire(import.meta.url).resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx'));
  silero = await loadSilero(ort as never, new Uint8Array(onnx));
});

/** A labelled file's channels as Chromium decodes 16-bit PCM. */
function channelsOf(path: string): { channels: Float32Array[]; sampleRate: number } {
  const bytes = readFileSync(path);
  const info = parseWav(bytes)!;
  const frames = Math.floor(info.dataLength / (2 * info.channels));
  const view = new DataView(bytes.buffer, bytes.byteOffset + info.dataOffset, frames * 2 * info.channels);
  const channels = Array.from({ length: info.channels }, (_, channel) => Float32Array.from({ length: frames }, (_, frame) => view.getInt16((frame * info.channels + channel) * 2, true) / 0x8000));
  return { channels, sampleRate: info.sampleRate };
}

/** The whole take as one render, what an OfflineAudioContext gives. */
function render(channels: Float32Array[], from: number, to: number): Float32Array {
  const mono = new Float32Array(channels[0].length);
  for (const channel of channels) for (let i = 0; i < mono.length; i++) mono[i] += channel[i];
  for (let i = 0; i < mono.length; i++) mono[i] /= channels.length;
  const resampler = new Resampler(from, to);
  const head = resampler.push(mono);
  const tail = resampler.finish();
  const out = new Float32Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}

/** `detectSpeech` in Node: the whole take's gain, its parts (with their lead-ins) heard side by side, joined. */
async function wholeTakeSpeech(samples: Float32Array, parts: number): Promise<SpeechActivity> {
  let peak = 0;
  for (const value of samples) peak = Math.max(peak, Math.abs(value));
  const cut = cutParts(samples.length, parts, VAD_PARTS);
  const heard = await hearStreams(silero, cut.map(({ from, to }) => samples.subarray(from, to)), modelGainFor(peak));
  return { frameSeconds: VAD_FRAME_SAMPLES / VAD_SAMPLE_RATE, probabilities: joinFrames(samples.length, cut, heard) };
}

/** The take as the recorder's tap sends it: 1 to 8 quanta a message, the model catching up every half second. */
async function streamed(channels: Float32Array[], sampleRate: number): Promise<HeardTake> {
  const listener = new TakeListener(sampleRate, UPLOAD_RATE, frameByFrame(silero));
  const length = channels[0].length;
  let sinceCatchUp = 0;
  for (let from = 0, quanta = 1; from < length; from += 128 * quanta, quanta = (quanta % 8) + 1) {
    listener.push(channels.map((channel) => channel.slice(from, from + 128 * quanta)));
    sinceCatchUp += 128 * quanta;
    if (sinceCatchUp >= sampleRate / 2) {
      sinceCatchUp = 0;
      await listener.caughtUp();
    }
  }
  return listener.finish();
}

function source(channels: Float32Array[], sampleRate: number, mono: Float32Array, activity: SpeechActivity, voices: ReturnType<typeof findSpeakers> | null): UploadSource {
  const duration = channels[0].length / sampleRate;
  const speech = speechSegments(activity, duration);
  return {
    channels, sampleRate, sourceSampleRate: sampleRate, mono, monoRate: UPLOAD_RATE, speech,
    speakers: voices && { others: voices.others, mainStretch: mainVoiceStretch(voices, speech), distance: voices.distance },
  };
}

const statuses = (upload: UploadSource) => prepareUpload(upload, null, NO_FIXES).checks.map(({ name, status }) => `${name}: ${status}`);

describe('a take heard while it is recorded', () => {
  it.each(SAMPLE_SET.map((sample) => [sample.name, sample] as const))('gets the whole take’s verdict: %s', async (_name, sample) => {
    const { channels, sampleRate } = channelsOf(sampleSetFile(sample));
    const mono = render(channels, sampleRate, UPLOAD_RATE);
    const at16k = render(channels, sampleRate, VAD_SAMPLE_RATE);
    const voices = channels[0].length / sampleRate <= SPEAKERS.maxTakeSeconds ? findSpeakers(mono, UPLOAD_RATE) : null;
    const heard = await streamed(channels, sampleRate);
    const live = source(channels, sampleRate, mono, heard.activity, heard.voices);
    expect(heard.seconds).toBe(channels[0].length / sampleRate);

    // One pass over the whole take (`detectSpeech` in one part): the very same analysis, every
    // probability, segment, voice and check value.
    const onePass = await wholeTakeSpeech(at16k, 1);
    expect(heard.activity).toEqual(onePass);
    expect(heard.voices).toEqual(voices);
    expect(prepareUpload(live, null, NO_FIXES).checks).toEqual(prepareUpload(source(channels, sampleRate, mono, onePass, voices), null, NO_FIXES).checks);

    // Two parts side by side (`detectSpeech` on a two-core machine): Silero has not quite settled
    // a second into a part, so an edge near a seam may move, but every check says the same.
    const twoParts = source(channels, sampleRate, mono, await wholeTakeSpeech(at16k, 2), voices);
    expect(statuses(live)).toEqual(statuses(twoParts));
  });
}, 600_000);
