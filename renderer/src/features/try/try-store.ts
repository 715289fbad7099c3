import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { AppError } from '../../../../shared/errors';
import type { EventPayload } from '../../../../shared/ipc/contract';
import { type HistoryEntry, type SynthesisSettings, type TryVoice } from '../../../../shared/ipc/routes/synthesis';
import { canSpeak, REALTIME_OPTION_RANGES, TRY_VOICES_SHOWN } from '../../../../shared/synthesis';
import { hasVoiceOptions, LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE, type LanguageType } from '../../../../shared/models';
import { timbre } from '../../api';
import { useApp } from '../../app-store';
import { toast } from '../../components/toast-store';
import i18n, { describeError } from '../../i18n';
import { StreamPlayer } from './pcm-player';

/** A text the user kept to speak later (e.g. while offline). */
export interface Draft {
  id: string;
  voiceId: string | null;
  text: string;
  languageType: LanguageType;
  savedAt: number;
}

export interface ActiveRun {
  runId: string;
  voiceId: string;
  chunks: number;
  /** From main's start of the run to the first chunk, ms. */
  firstAudioMs: number | null;
  receivedSeconds: number;
  /** The text being spoken, and its parts as main starts each (long text is split at sentence ends). */
  text: string;
  parts: string[];
  /** 0-based index of the part being spoken; how many there are (1 until main says). */
  part: number;
  partCount: number;
}

/** How the last run ended, with how many streamed chunks were played. Partial audio of a failed or cancelled run is never kept. */
export type RunOutcome = { chunks: number } & (
  | { kind: 'done'; entry: HistoryEntry }
  | { kind: 'failed'; error: AppError; partialSeconds: number }
  | { kind: 'cancelled'; partialSeconds: number }
);

interface TryState {
  /** The voices listed: the newest (or those matching `voiceQuery`), the one in use, the drafts'. */
  voices: TryVoice[];
  voicesLoaded: boolean;
  /** What the voice picker's search holds, and how many voices match it and can speak at all. */
  voiceQuery: string;
  voicesMatching: number;
  voicesSpeakable: number;
  voiceId: string | null;
  /** The text box; persisted so nothing typed is lost. */
  text: string;
  settings: SynthesisSettings;
  run: ActiveRun | null;
  outcome: RunOutcome | null;
  /** Results of the selected voice, newest first. */
  history: HistoryEntry[];
  /** The result shown in the player. */
  selectedEntryId: string | null;
  /** A result the player should start as soon as its audio is loaded. */
  playRequest: string | null;
  drafts: Draft[];
  load(): Promise<void>;
  findVoices(query: string): void;
  selectVoice(voiceId: string): void;
  setText(text: string): void;
  setSettings(patch: Partial<SynthesisSettings>): void;
  /** Speaks an earlier result's text again, with its settings. */
  regenerate(entryId: string): Promise<void>;
  toggleFavourite(entryId: string): Promise<void>;
  speak(): Promise<void>;
  cancel(): Promise<void>;
  /** Stops the streamed playback (e.g. when the saved result starts playing). */
  stopStreaming(): void;
  selectEntry(entryId: string, options?: { play?: boolean }): void;
  clearPlayRequest(): void;
  deleteEntry(entryId: string): Promise<void>;
  exportEntry(entryId: string): Promise<void>;
  keepDraft(): void;
  restoreDraft(draftId: string): void;
  removeDraft(draftId: string): void;
}

const player = new StreamPlayer();

export const isNetworkError = (error: AppError) => error.code.startsWith('network.');

export function selectedVoice(state: Pick<TryState, 'voices' | 'voiceId'>): TryVoice | undefined {
  return state.voices.find((item) => item.voice.id === state.voiceId);
}

/** Language from the voice's own language; rate, volume and pitch at the service defaults. */
function defaultSettings(voice: TryVoice | undefined): SynthesisSettings {
  const language = voice?.voice.language;
  return {
    languageType: language ? LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE[language] : 'Auto',
    speechRate: REALTIME_OPTION_RANGES.speechRate.default,
    volume: REALTIME_OPTION_RANGES.volume.default,
    pitchRate: REALTIME_OPTION_RANGES.pitchRate.default,
  };
}

interface Persisted {
  text: string;
  voiceId: string | null;
  drafts: Draft[];
}

/** Whatever localStorage holds, reduced to what this version understands. */
function readPersisted(value: unknown): Partial<Persisted> {
  if (!value || typeof value !== 'object') return {};
  const raw = value as Record<string, unknown>;
  const isDraft = (item: unknown): item is Draft => {
    const draft = item as Partial<Draft> | null;
    return typeof draft?.id === 'string' && typeof draft.text === 'string' && typeof draft.savedAt === 'number'
      && typeof draft.languageType === 'string' && (draft.voiceId === null || typeof draft.voiceId === 'string');
  };
  return {
    ...(typeof raw.text === 'string' ? { text: raw.text } : {}),
    ...(typeof raw.voiceId === 'string' ? { voiceId: raw.voiceId } : {}),
    ...(Array.isArray(raw.drafts) ? { drafts: raw.drafts.filter(isDraft) } : {}),
  };
}

let chunkSubscription: Array<() => void> | null = null;
let librarySubscription: (() => void) | null = null;
/** The voice the settings were last reset for: coming back to the screen keeps the user's choices. */
let settingsVoiceId: string | null = null;

export const useTry = create<TryState>()(persist((set, get) => {
  const onChunk = (chunk: EventPayload<'synth.chunk'>) => {
    const run = get().run;
    if (!run || chunk.runId !== run.runId) return;
    player.push(chunk.pcm, chunk.sampleRate);
    set({
      run: {
        ...run,
        chunks: run.chunks + 1,
        firstAudioMs: run.firstAudioMs ?? chunk.elapsedMs,
        receivedSeconds: run.receivedSeconds + chunk.pcm.length / 2 / chunk.sampleRate,
      },
    });
  };

  const onPart = (event: EventPayload<'synth.part'>) => {
    const run = get().run;
    if (!run || event.runId !== run.runId) return;
    const parts = [...run.parts];
    parts[event.part] = event.text;
    set({ run: { ...run, parts, part: event.part, partCount: event.parts } });
  };

  async function loadHistory(voiceId: string) {
    const result = await timbre().synth.history({ voiceId });
    if (get().voiceId !== voiceId) return;
    if (!result.ok) {
      toast.error(describeError(i18n.t, result.error));
      return;
    }
    set({ history: result.value, selectedEntryId: result.value[0]?.id ?? null });
  }

  /** Bumped by every voice list asked for; an answer to an older one is dropped. */
  let voicesAsked = 0;

  /** Reloads the voices; `entering` the screen also takes the voice the Library asked for. */
  async function refreshVoices(entering: boolean) {
    const requested = entering ? useApp.getState().tryVoiceId : null;
    const { voiceQuery, voiceId: current, drafts } = get();
    const include = [...new Set([requested, current, ...drafts.map((draft) => draft.voiceId)].filter((id) => id !== null))].slice(0, 50);
    const asked = ++voicesAsked;
    const result = await timbre().synth.voices({ query: voiceQuery, limit: TRY_VOICES_SHOWN, include });
    if (asked !== voicesAsked) return;
    if (!result.ok) {
      set({ voicesLoaded: true });
      toast.error(describeError(i18n.t, result.error));
      return;
    }
    const { voices, matching, speakable } = result.value;
    set({ voices, voicesMatching: matching, voicesSpeakable: speakable, voicesLoaded: true });
    // "Try" on a library item asks for that voice once; afterwards the user's own choice stands.
    if (requested) useApp.setState({ tryVoiceId: null });
    const known = (id: string | null) => id !== null && voices.some((item) => item.voice.id === id);
    const voiceId = [requested, get().voiceId].find(known) ?? voices[0]?.voice.id ?? null;
    if (!entering && voiceId === current) return;
    if (voiceId) get().selectVoice(voiceId);
    else set({ voiceId: null, history: [], selectedEntryId: null });
  }

  /** Follows the catalog: renames and removals apply in place; a voice that became ready means a reload. */
  function onLibraryChanged(change: EventPayload<'library.changed'>) {
    const changed = new Map(change.voices.map((voice) => [voice.id, voice]));
    const gone = new Set([...change.removedVoiceIds, ...change.voices.filter((voice) => !canSpeak(voice)).map((voice) => voice.id)]);
    const listed = new Set(get().voices.map((item) => item.voice.id));
    if (change.voices.some((voice) => canSpeak(voice) && !listed.has(voice.id))) {
      void refreshVoices(false);
      return;
    }
    const voices = get().voices
      .filter((item) => !gone.has(item.voice.id))
      .map((item) => ({ ...item, voice: changed.get(item.voice.id) ?? item.voice }));
    set({ voices });
    const current = get().voiceId;
    if (current && gone.has(current)) {
      if (voices[0]) get().selectVoice(voices[0].voice.id);
      else set({ voiceId: null, history: [], selectedEntryId: null });
    }
    // The counts, and the list's fill when it shows only some of the voices, come from main.
    if (gone.size > 0) void refreshVoices(false);
  }

  return {
    voices: [],
    voicesLoaded: false,
    voiceQuery: '',
    voicesMatching: 0,
    voicesSpeakable: 0,
    voiceId: null,
    text: '',
    settings: defaultSettings(undefined),
    run: null,
    outcome: null,
    history: [],
    selectedEntryId: null,
    playRequest: null,
    drafts: [],

    async load() {
      chunkSubscription ??= [timbre().on('synth.chunk', onChunk), timbre().on('synth.part', onPart)];
      librarySubscription ??= timbre().on('library.changed', onLibraryChanged);
      await refreshVoices(true);
    },

    findVoices(voiceQuery) {
      set({ voiceQuery });
      void refreshVoices(false);
    },

    selectVoice(voiceId) {
      const patch: Partial<TryState> = { voiceId };
      if (settingsVoiceId !== voiceId) {
        patch.settings = defaultSettings(get().voices.find((item) => item.voice.id === voiceId));
        settingsVoiceId = voiceId;
      }
      if (voiceId !== get().voiceId) {
        Object.assign(patch, { history: [], selectedEntryId: null }, get().run ? {} : { outcome: null });
      }
      set(patch);
      void loadHistory(voiceId);
    },

    setText: (text) => set({ text }),
    setSettings: (patch) => set({ settings: { ...get().settings, ...patch } }),

    async speak() {
      const state = get();
      const voice = selectedVoice(state);
      const text = state.text.trim();
      if (!voice || state.run || text === '') return;
      const runId = crypto.randomUUID();
      const settings: SynthesisSettings = hasVoiceOptions(voice.voice.targetModel) ? state.settings : { languageType: state.settings.languageType };
      player.prepare();
      set({ run: { runId, voiceId: voice.voice.id, chunks: 0, firstAudioMs: null, receivedSeconds: 0, text, parts: [], part: 0, partCount: 1 }, outcome: null });
      const result = await timbre().synth.start({ runId, voiceId: voice.voice.id, text, settings });
      const chunks = get().run?.chunks ?? 0;
      const receivedSeconds = get().run?.receivedSeconds ?? 0;
      set({ run: null });
      if (result.ok) {
        const entry = result.value;
        set({ outcome: { kind: 'done', entry, chunks } });
        if (get().voiceId === entry.voiceId) set({ history: [entry, ...get().history], selectedEntryId: entry.id });
        return;
      }
      player.stop();
      const partialSeconds = Number(result.error.details?.partialSeconds ?? receivedSeconds);
      set({
        outcome: result.error.code === 'dashscope.cancelled'
          ? { kind: 'cancelled', partialSeconds, chunks }
          : { kind: 'failed', error: result.error, partialSeconds, chunks },
      });
    },

    async cancel() {
      const run = get().run;
      if (!run) return;
      player.stop();
      await timbre().synth.cancel({ runId: run.runId });
    },

    stopStreaming: () => player.stop(),

    selectEntry: (entryId, options = {}) => set({ selectedEntryId: entryId, playRequest: options.play ? entryId : null }),
    clearPlayRequest: () => set({ playRequest: null }),

    async regenerate(entryId) {
      const entry = get().history.find((item) => item.id === entryId);
      if (!entry || get().run) return;
      set({ text: entry.text, settings: { ...get().settings, ...entry.settings } });
      await get().speak();
    },

    async toggleFavourite(entryId) {
      const entry = get().history.find((item) => item.id === entryId);
      if (!entry) return;
      const result = await timbre().synth.setFavourite({ entryId, favourite: !entry.favourite });
      if (!result.ok) {
        toast.error(describeError(i18n.t, result.error));
        return;
      }
      set({ history: get().history.map((item) => (item.id === entryId ? result.value : item)) });
    },

    async deleteEntry(entryId) {
      const result = await timbre().synth.deleteHistory({ entryId });
      if (!result.ok) {
        toast.error(describeError(i18n.t, result.error));
        return;
      }
      const history = get().history.filter((entry) => entry.id !== entryId);
      const selectedEntryId = get().selectedEntryId === entryId ? (history[0]?.id ?? null) : get().selectedEntryId;
      const outcome = get().outcome;
      set({ history, selectedEntryId, ...(outcome?.kind === 'done' && outcome.entry.id === entryId ? { outcome: null } : {}) });
    },

    async exportEntry(entryId) {
      const result = await timbre().synth.export({ entryId });
      if (!result.ok) toast.error(describeError(i18n.t, result.error));
      else if (result.value.path) toast.success(i18n.t('try:history.exported', { path: result.value.path }));
    },

    keepDraft() {
      const { text, voiceId, settings, drafts } = get();
      if (text.trim() === '') return;
      const draft: Draft = { id: crypto.randomUUID(), voiceId, text: text.trim(), languageType: settings.languageType, savedAt: Date.now() };
      set({ drafts: [draft, ...drafts.filter((item) => item.text !== draft.text)] });
      toast.success(i18n.t('try:drafts.kept'));
    },

    restoreDraft(draftId) {
      const draft = get().drafts.find((item) => item.id === draftId);
      if (!draft) return;
      if (draft.voiceId && draft.voiceId !== get().voiceId && get().voices.some((item) => item.voice.id === draft.voiceId)) {
        get().selectVoice(draft.voiceId);
      }
      set({ text: draft.text, settings: { ...get().settings, languageType: draft.languageType }, drafts: get().drafts.filter((item) => item.id !== draftId) });
    },

    removeDraft: (draftId) => set({ drafts: get().drafts.filter((item) => item.id !== draftId) }),
  };
}, {
  name: 'timbre.try',
  version: 1,
  partialize: (state): Persisted => ({ text: state.text, voiceId: state.voiceId, drafts: state.drafts }),
  merge: (persisted, current) => ({ ...current, ...readPersisted(persisted) }),
}));
