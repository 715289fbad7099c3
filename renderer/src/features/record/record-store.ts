/**
 * The Record screen's state: remembered capture choices (persisted in localStorage) and the take
 * being reviewed. Main owns the sample record and its files; this store mirrors what main returned
 * and holds the decoded audio, which only the renderer can produce.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { CHECK_THRESHOLDS, hasBlocker } from '../../../../shared/audio/checks';
import { NO_FIXES, type FixName, type FixSet } from '../../../../shared/audio/fixes';
import { mainVoiceStretch, SPEAKERS } from '../../../../shared/audio/speakers';
import { speechSegments } from '../../../../shared/audio/speech';
import { prepareUpload, type PreparedUpload, type UploadSource } from '../../../../shared/audio/upload';
import { encodeWav } from '../../../../shared/audio/wav';
import type { SampleCheck, SampleRecord } from '../../../../shared/catalog';
import type { AppError } from '../../../../shared/errors';
import { MAX_IMPORT_BYTES, SAMPLE_ERROR } from '../../../../shared/samples';
import type { SampleLanguage } from '../../../../shared/models';
import { timbre } from '../../api';
import { afterNextPaint } from '../../after-paint';
import { useApp } from '../../app-store';
import { channelsOf, decodeSample, renderUploadMono, type DecodedSample, type Trim } from './audio-pipeline';
import { denoiseTake } from './workers/denoise';
import { detectSpeakers } from './workers/detect-speakers';
import { detectSpeech } from './workers/detect-speech';
import type { HeardTake } from './workers/take-listener';

export type ConversionState = 'converting' | 'saved' | 'skipped' | 'failed';

export interface Take {
  sample: SampleRecord;
  /** null for a link: the audio behind it is the service's to fetch. */
  decoded: DecodedSample | null;
  /** The original as mono at the upload rate, with the speech the model found in it. */
  analysis: UploadSource | null;
  trim: Trim | null;
  /** Fixes applied to the uploaded copy; the original is never changed. */
  fixes: FixSet;
  /** The noise-reduced copy is being made (the first time noise reduction is asked for). */
  denoising: boolean;
  /** Checks of the copy as it will be uploaded (trim and fixes applied)… */
  checks: SampleCheck[];
  /** …and of the same trim without the fixes, so the screen can say what each fix mended. */
  checksWithoutFixes: SampleCheck[];
  conversion: ConversionState;
  conversionError: AppError | null;
  /** Earlier and undone trims, for undo and redo (Ctrl/⌘+Z, Ctrl/⌘+Shift+Z). */
  trimHistory: { past: Array<Trim | null>; future: Array<Trim | null> };
  /** What the last trim edit did, said on screen. */
  lastEdit: { kind: 'trimmed' | 'undone' | 'redone'; trim: Trim | null } | null;
}

/** The take with another trim; its checks are redone when the analysis is there (else they come with it). */
function withTrim(take: Take, trim: Trim | null, trimHistory: Take['trimHistory'], lastEdit: Take['lastEdit']): Take {
  return { ...take, trim, trimHistory, lastEdit, ...(take.analysis ? judged(take.analysis, trim, take.fixes) : {}) };
}

const FRESH_EDITS = { trimHistory: { past: [], future: [] }, lastEdit: null } satisfies Pick<Take, 'trimHistory' | 'lastEdit'>;
const sameTrim = (a: Trim | null, b: Trim | null) => a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);

/** Something that went wrong and stays on screen until dealt with (never only a toast). */
export interface Problem {
  kind: 'saveFailed' | 'importFailed' | 'decodeFailed' | 'readFailed' | 'analysisFailed' | 'denoiseFailed';
  error?: AppError;
  /** File name, for import problems. */
  name?: string;
}

interface CapturePrefs {
  /** Chosen microphone; null = the system default. */
  deviceId: string | null;
  /** Echo cancellation, noise suppression and auto gain: off by default (they colour the voice). */
  voiceProcessing: boolean;
  /** Language of the sample; null follows the default in Settings. */
  language: SampleLanguage | null;
  scriptId: string | null;
  customText: string;
}

interface RecordState extends CapturePrefs {
  tab: 'record' | 'import';
  busy: 'saving' | 'importing' | 'loading' | null;
  take: Take | null;
  problem: Problem | null;
  /** A take whose save failed, kept in memory so "Try again" loses nothing. */
  unsaved: { blob: Blob; language: SampleLanguage; transcript: string; heard?: Promise<HeardTake | null> } | null;
  setPrefs(patch: Partial<CapturePrefs>): void;
  setTab(tab: 'record' | 'import'): void;
  dismissProblem(): void;
  /** Saves and shows a recorded take; `heard` is what the take listener heard while it was recorded. */
  saveRecording(blob: Blob, language: SampleLanguage, transcript: string, heard?: Promise<HeardTake | null>): Promise<void>;
  retrySave(): Promise<void>;
  importFile(file: File, language: SampleLanguage, transcript: string): Promise<void>;
  importUrl(url: string, language: SampleLanguage, transcript: string): Promise<boolean>;
  setTrim(trim: Trim | null): void;
  undoTrim(): void;
  redoTrim(): void;
  setFix(fix: FixName, on: boolean): Promise<void>;
  updateTranscript(transcript: string): Promise<void>;
  /** Back to recording/importing; the saved sample stays in the library. */
  closeTake(): void;
  /** Deletes the sample and its files. */
  discardTake(): Promise<void>;
  clone(): Promise<void>;
}

const CONVERT_DELAY_MS = 400;
let convertTimer: ReturnType<typeof setTimeout> | null = null;
/** Runs a scheduled conversion now instead of after its delay. */
let convertNow: (() => void) | null = null;
let pendingConversion: Promise<void> | null = null;
/** Bumped on every trim change, so a slow conversion for an older trim is not saved over a newer one. */
let generation = 0;

/**
 * Finds the speech (in the workers), renders the upload-rate mono (on the audio thread) and, from
 * that, who speaks where (in another worker), all at once. A recording was heard while it was
 * recorded (`heard`, the same analysis on the same samples): only the render is left.
 */
export async function analyzeTake({ buffer, probe }: DecodedSample, heard?: Promise<HeardTake | null>): Promise<UploadSource> {
  const rendering = renderUploadMono(buffer);
  const listened = await heard;
  if (listened) {
    // Read by `npm run bench`: what was left to hear at Stop, and the second-voice analysis in it (in the listener's worker).
    const now = performance.now();
    performance.measure('timbre.listener.finish', { start: now - listened.finishMs, end: now });
    performance.measure('timbre.speakers', { start: now - listened.voicesMs, end: now });
  }
  const hearingVoices = listened
    ? Promise.resolve(buffer.duration <= SPEAKERS.maxTakeSeconds ? listened.voices : null)
    : buffer.duration <= SPEAKERS.maxTakeSeconds
      ? rendering.then((mono) => detectSpeakers(mono, CHECK_THRESHOLDS.uploadSampleRate))
      : Promise.resolve(null);
  const [activity, mono, voices] = await Promise.all([listened?.activity ?? detectSpeech(buffer), rendering, hearingVoices]);
  const speech = speechSegments(activity, buffer.duration);
  return {
    channels: channelsOf(buffer),
    sampleRate: buffer.sampleRate,
    sourceSampleRate: probe?.sampleRate ?? buffer.sampleRate,
    expectedSeconds: probe?.declaredSeconds,
    mono,
    monoRate: CHECK_THRESHOLDS.uploadSampleRate,
    speech,
    speakers: voices && { others: voices.others, mainStretch: mainVoiceStretch(voices, speech), distance: voices.distance },
  };
}

/**
 * Checks of the upload as it would be with these fixes, timed as a User Timing measure named
 * `measure` (`npm run bench` reads them; they cost nothing otherwise).
 */
function checksOf(analysis: UploadSource, trim: Trim | null, fixes: FixSet, measure: string): SampleCheck[] {
  const started = performance.now();
  const checks = prepared(analysis, trim, fixes).checks;
  performance.measure(measure, { start: started });
  return checks;
}

/** The copy last made, so converting what was just checked does not make it again. */
let lastPrepared: { analysis: UploadSource; trim: Trim | null; fixes: FixSet; upload: PreparedUpload } | null = null;

function prepared(analysis: UploadSource, trim: Trim | null, fixes: FixSet): PreparedUpload {
  const last = lastPrepared;
  if (last && last.analysis === analysis && last.trim === trim && last.fixes === fixes) return last.upload;
  const upload = prepareUpload(analysis, trim, fixes);
  lastPrepared = { analysis, trim, fixes, upload };
  return upload;
}

/** Checks with and without the fixes (the second says what the fixes mended). */
function judged(analysis: UploadSource, trim: Trim | null, fixes: FixSet): Pick<Take, 'checks' | 'checksWithoutFixes'> {
  const anyFix = Object.values(fixes).some(Boolean);
  // The copy with the fixes is made last, so it is the one kept for the conversion.
  const unfixed = checksOf(analysis, trim, anyFix ? NO_FIXES : fixes, 'timbre.checks');
  return { checks: anyFix ? checksOf(analysis, trim, fixes, 'timbre.checks.fixed') : unfixed, checksWithoutFixes: unfixed };
}

const failure = (code: string, message: string): AppError => ({ code, message });

/** The noise-reduced copy of the take being reviewed, made once whether asked for or started in the background. */
let denoising: { sampleId: string; copy: Promise<Float32Array>; stop: AbortController } | null = null;

function denoisedCopy(sampleId: string, buffer: AudioBuffer): Promise<Float32Array> {
  if (denoising?.sampleId !== sampleId) {
    // Another take's copy still being made is no longer wanted.
    denoising?.stop.abort();
    const stop = new AbortController();
    const copy = denoiseTake(buffer, stop.signal);
    denoising = { sampleId, copy, stop };
    // A copy that failed is made again when next asked for.
    copy.catch(() => {
      if (denoising?.copy === copy) denoising = null;
    });
  }
  return denoising.copy;
}

export const useRecord = create<RecordState>()(
  persist(
    (set, get) => {
      const decodeOrNull = (bytes: Uint8Array) => decodeSample(bytes).catch(() => null);

      const updateTake = (patch: Partial<Take>) => {
        const take = get().take;
        if (take) set({ take: { ...take, ...patch } });
      };

      /** Converts the current trim (unless a blocker leaves nothing to upload) and stores it next to the original. */
      const convert = async (): Promise<void> => {
        const take = get().take;
        if (!take?.decoded || !take.analysis) return;
        const mine = generation;
        const { decoded, analysis, trim, fixes, checks, sample } = take;
        updateTake({ conversion: 'converting', conversionError: null });
        try {
          const blocked = hasBlocker(checks);
          const upload = blocked ? null : prepared(analysis, trim, fixes);
          const wav = upload ? encodeWav(upload.samples, upload.rate) : null;
          const original = {
            durationSeconds: decoded.buffer.duration,
            sampleRate: decoded.probe?.sampleRate ?? decoded.buffer.sampleRate,
            channels: decoded.buffer.numberOfChannels,
          };
          const result = await timbre().samples.saveConverted({ id: sample.id, original, trim, checks, wav });
          if (mine !== generation || get().take?.sample.id !== sample.id) return;
          if (!result.ok) updateTake({ conversion: 'failed', conversionError: result.error });
          else updateTake({ sample: result.value, conversion: blocked ? 'skipped' : 'saved' });
        } catch (error) {
          if (mine === generation) updateTake({ conversion: 'failed', conversionError: failure('CONVERSION', String(error)) });
        }
      };

      const cancelConversion = () => {
        if (convertTimer) clearTimeout(convertTimer);
        convertTimer = null;
        convertNow = null;
        generation++;
      };

      const scheduleConversion = (delay: number) => {
        cancelConversion();
        updateTake({ conversion: 'converting', conversionError: null });
        pendingConversion = new Promise((resolve) => {
          const run = () => {
            if (convertTimer) clearTimeout(convertTimer);
            convertTimer = null;
            convertNow = null;
            void convert().finally(resolve);
          };
          convertTimer = setTimeout(run, delay);
          convertNow = run;
        });
      };

      /**
       * Shows a saved take. Main writes the original, reads it back and compares it before it answers,
       * so when it reports the very bytes we hold, the copy decoded in memory while it saved is what is
       * on disk; otherwise (or for links) the file is read back and decoded from disk.
       */
      const openSaved = async (sample: SampleRecord, name?: string, inMemory?: { bytes: number; decoding: Promise<DecodedSample | null> }, heard?: Promise<HeardTake | null>): Promise<void> => {
        if (!sample.original) {
          set({ take: { sample, decoded: null, analysis: null, trim: null, fixes: NO_FIXES, denoising: false, checks: [], checksWithoutFixes: [], conversion: 'saved', conversionError: null, ...FRESH_EDITS }, busy: null });
          return;
        }
        set({ busy: 'loading' });
        let decoded: DecodedSample | null;
        if (inMemory && inMemory.bytes === sample.original.bytes) {
          decoded = await inMemory.decoding;
        } else {
          const read = await timbre().samples.readAudio({ id: sample.id, which: 'original' });
          if (!read.ok) {
            set({ busy: null, problem: { kind: 'readFailed', error: read.error } });
            return;
          }
          decoded = await decodeOrNull(read.value.bytes);
        }
        if (!decoded) {
          // An import Chromium cannot decode is no use as a sample: do not leave it in the library.
          // A recording stays (nothing recorded is thrown away).
          if (sample.source !== 'recording') await timbre().samples.delete({ id: sample.id });
          set({ busy: null, problem: { kind: 'decodeFailed', name } });
          return;
        }
        // The preview (waveform, play, trim) shows at once; the checks follow when the speech
        // detector has heard the take, and only then can it be cloned.
        set({
          busy: null, problem: null,
          take: { sample, decoded, analysis: null, trim: null, fixes: NO_FIXES, denoising: false, checks: [], checksWithoutFixes: [], conversion: 'converting', conversionError: null, ...FRESH_EDITS },
        });
        // The speech detector and the resampling start once the preview is painted: on two cores
        // they otherwise compete with drawing it.
        await new Promise<void>((resolve) => afterNextPaint(resolve));
        if (get().take?.sample.id !== sample.id) return;
        let analysis: UploadSource;
        const started = performance.now();
        try {
          analysis = await analyzeTake(decoded, heard);
          performance.measure('timbre.analysis', { start: started });
        } catch (error) {
          console.error('speech detection failed', error);
          if (get().take?.sample.id === sample.id) set({ take: null, problem: { kind: 'analysisFailed' } });
          return;
        }
        const current = get().take;
        if (current?.sample.id !== sample.id) return;
        const verdict = judged(analysis, current.trim, current.fixes);
        set({ take: { ...current, analysis, ...verdict } });
        scheduleConversion(0);
        // A noisy take: its noise-reduced copy is made now, so the comparison is there when the user
        // looks. It starts once the upload is saved, not to compete with that on two cores.
        if (verdict.checksWithoutFixes.some((check) => check.name === 'noise' && check.status === 'warn')) {
          void pendingConversion?.then(() => prepareDenoised(sample.id, decoded.buffer));
        }
      };

      /** Makes the take's noise-reduced copy in the background and keeps it; a failure shows only if the user asks for the fix. */
      const prepareDenoised = async (sampleId: string, buffer: AudioBuffer): Promise<void> => {
        if (get().take?.sample.id !== sampleId) return;
        let denoised: Float32Array;
        try {
          denoised = await denoisedCopy(sampleId, buffer);
        } catch {
          return;
        }
        const now = get().take;
        if (now?.analysis && now.sample.id === sampleId && !now.analysis.denoised) set({ take: { ...now, analysis: { ...now.analysis, denoised } } });
      };

      return {
        deviceId: null,
        voiceProcessing: false,
        language: null,
        scriptId: null,
        customText: '',
        tab: 'record',
        busy: null,
        take: null,
        problem: null,
        unsaved: null,
        setPrefs: (patch) => set(patch),
        setTab: (tab) => set({ tab, problem: null }),
        dismissProblem: () => set({ problem: null }),

        async saveRecording(blob, language, transcript, heard) {
          set({ busy: 'saving', problem: null, unsaved: { blob, language, transcript, heard } });
          const bytes = new Uint8Array(await blob.arrayBuffer());
          // Decoding runs while main saves: the preview is ready as soon as both are done.
          const inMemory = { bytes: bytes.length, decoding: decodeOrNull(bytes) };
          const result = await timbre().samples.saveRecording({ bytes, mime: blob.type, language, transcript });
          if (!result.ok) {
            set({ busy: null, problem: { kind: 'saveFailed', error: result.error } });
            return;
          }
          set({ unsaved: null });
          await openSaved(result.value, undefined, inMemory, heard);
        },

        async retrySave() {
          const unsaved = get().unsaved;
          if (unsaved) await get().saveRecording(unsaved.blob, unsaved.language, unsaved.transcript, unsaved.heard);
        },

        async importFile(file, language, transcript) {
          set({ problem: null });
          // Refused here too, so a 2 GB file is never read into memory just to be refused by main.
          if (file.size === 0) {
            set({ problem: { kind: 'importFailed', name: file.name, error: failure(SAMPLE_ERROR.empty, 'empty') } });
            return;
          }
          if (file.size > MAX_IMPORT_BYTES) {
            const mb = (bytes: number) => Math.round(bytes / 10_000) / 100;
            const error = { code: SAMPLE_ERROR.tooLarge, message: 'too large', details: { name: file.name, sizeMb: mb(file.size), maxMb: mb(MAX_IMPORT_BYTES) } };
            set({ problem: { kind: 'importFailed', name: file.name, error } });
            return;
          }
          set({ busy: 'importing' });
          let bytes: Uint8Array<ArrayBuffer>;
          try {
            bytes = new Uint8Array(await file.arrayBuffer());
          } catch {
            set({ busy: null, problem: { kind: 'importFailed', name: file.name } });
            return;
          }
          const inMemory = { bytes: bytes.length, decoding: decodeOrNull(bytes) };
          const result = await timbre().samples.import({ bytes, name: file.name, mime: file.type, language, transcript });
          if (!result.ok) {
            set({ busy: null, problem: { kind: 'importFailed', name: file.name, error: result.error } });
            return;
          }
          await openSaved(result.value, file.name, inMemory);
        },

        async importUrl(url, language, transcript) {
          set({ problem: null, busy: 'importing' });
          const result = await timbre().samples.import({ url, language, transcript });
          if (!result.ok) {
            set({ busy: null, problem: { kind: 'importFailed', error: result.error } });
            return false;
          }
          await openSaved(result.value);
          return true;
        },

        setTrim(trim) {
          const take = get().take;
          if (!take?.decoded || sameTrim(take.trim, trim)) return;
          const trimHistory = { past: [...take.trimHistory.past, take.trim], future: [] };
          set({ take: withTrim(take, trim, trimHistory, { kind: 'trimmed', trim }) });
          scheduleConversion(CONVERT_DELAY_MS);
        },

        undoTrim() {
          const take = get().take;
          if (!take?.decoded || take.trimHistory.past.length === 0) return;
          const trim = take.trimHistory.past.at(-1)!;
          const trimHistory = { past: take.trimHistory.past.slice(0, -1), future: [take.trim, ...take.trimHistory.future] };
          set({ take: withTrim(take, trim, trimHistory, { kind: 'undone', trim }) });
          scheduleConversion(CONVERT_DELAY_MS);
        },

        redoTrim() {
          const take = get().take;
          if (!take?.decoded || take.trimHistory.future.length === 0) return;
          const [trim, ...future] = take.trimHistory.future;
          const trimHistory = { past: [...take.trimHistory.past, take.trim], future };
          set({ take: withTrim(take, trim, trimHistory, { kind: 'redone', trim }) });
          scheduleConversion(CONVERT_DELAY_MS);
        },

        async setFix(fix, on) {
          let take = get().take;
          if (!take?.analysis || !take.decoded || take.denoising) return;
          const started = performance.now();
          if (fix === 'denoise' && on && !take.analysis.denoised) {
            updateTake({ denoising: true });
            let denoised: Float32Array;
            try {
              denoised = await denoisedCopy(take.sample.id, take.decoded.buffer);
            } catch (error) {
              // Left for another take meanwhile (which stops the reducers): nothing failed for the user.
              if (get().take?.sample.id !== take.sample.id) return;
              console.error('noise reduction failed', error);
              updateTake({ denoising: false });
              set({ problem: { kind: 'denoiseFailed' } });
              return;
            }
            const now = get().take;
            // The user moved on to another take meanwhile: this copy is not theirs.
            if (!now?.analysis || now.sample.id !== take.sample.id) return;
            take = { ...now, analysis: { ...now.analysis, denoised }, denoising: false };
          }
          const fixes = { ...take.fixes, [fix]: on };
          // The checks without fixes depend only on the trim: they stay.
          set({ take: { ...take, fixes, checks: checksOf(take.analysis!, take.trim, fixes, 'timbre.checks.fixed') } });
          // From the click to the re-checked copy (noise reduction included the first time).
          performance.measure(`timbre.fix.${fix}`, { start: started });
          scheduleConversion(0);
        },

        async updateTranscript(transcript) {
          const take = get().take;
          if (!take || take.sample.transcript === transcript) return;
          const result = await timbre().samples.update({ id: take.sample.id, transcript });
          if (result.ok && get().take?.sample.id === take.sample.id) updateTake({ sample: result.value });
          else if (!result.ok) set({ problem: { kind: 'saveFailed', error: result.error } });
        },

        closeTake() {
          cancelConversion();
          lastPrepared = null;
          // A noise-reduced copy still being made is for this take only: the next take's analysis
          // would otherwise share the cores with it (twice as slow, measured).
          denoising?.stop.abort();
          denoising = null;
          set({ take: null, problem: null });
        },

        async discardTake() {
          const take = get().take;
          get().closeTake();
          if (take) await timbre().samples.delete({ id: take.sample.id });
        },

        async clone() {
          convertNow?.();
          await pendingConversion;
          const take = get().take;
          if (!take || hasBlocker(take.checks) || take.conversion === 'failed') return;
          useApp.getState().openEnroll(take.sample.id);
        },
      };
    },
    {
      name: 'timbre.record',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: ({ deviceId, voiceProcessing, language, scriptId, customText }) => ({ deviceId, voiceProcessing, language, scriptId, customText }),
    },
  ),
);
