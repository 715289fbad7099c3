/**
 * The enrollment form for one sample, and the result view that follows Clone. Clone hands the jobs
 * to main's outbox and returns at once; their progress is read from the library mirror (voices of
 * this sample), not kept here.
 */
import { create } from 'zustand';
import { isPendingStatus, type SampleRecord, type VoiceRecord } from '../../../../shared/catalog';
import type { AppError } from '../../../../shared/errors';
import { PREFERRED_NAME_PATTERN, isTargetModel, type SampleLanguage, type TargetModel } from '../../../../shared/models';
import { timbre } from '../../api';
import { toast } from '../../components/toast-store';
import i18n, { describeError } from '../../i18n';
import { useRecord } from '../record/record-store';

/** The clones the result view follows: the voices one Clone made (or re-sent), from when it was pressed. */
export interface CloneRun {
  voiceIds: string[];
  startedAt: number;
}

interface EnrollState {
  sampleId: string | null;
  sample: SampleRecord | null;
  loadError: AppError | null;
  displayName: string;
  preferredName: string;
  /** The user typed their own id part (under Advanced); stop deriving it from the name. */
  preferredNameEdited: boolean;
  models: TargetModel[];
  language: SampleLanguage;
  transcript: string;
  consent: boolean;
  submitting: boolean;
  /** Set by Clone: the screen shows the result view instead of the form. */
  run: CloneRun | null;

  load(sampleId: string, defaultModel: TargetModel): Promise<void>;
  setDisplayName(name: string): void;
  setPreferredName(name: string): void;
  toggleModel(model: TargetModel): void;
  setLanguage(language: SampleLanguage): void;
  setTranscript(text: string): void;
  setConsent(consent: boolean): void;
  submit(): Promise<VoiceRecord[] | null>;
  /** Back from the result view to the form (to clone for another model, or to change and resend). */
  showForm(): void;
}

/**
 * Models this sample has a live clone for (ready or on its way). A failed clone does not count: the
 * form offers its model again, and Clone re-sends it. A voice missing from the account can be made again.
 */
export function clonedModels(voices: Iterable<VoiceRecord>, sampleId: string | null): Set<TargetModel> {
  const models = new Set<TargetModel>();
  for (const voice of voices) {
    const live = voice.status === 'ready' || isPendingStatus(voice.status);
    if (voice.sampleId === sampleId && live && isTargetModel(voice.targetModel)) models.add(voice.targetModel);
  }
  return models;
}

export function formProblems(state: Pick<EnrollState, 'displayName' | 'preferredName' | 'models' | 'consent'>): string[] {
  const problems: string[] = [];
  if (!state.displayName.trim()) problems.push('name');
  if (!PREFERRED_NAME_PATTERN.test(state.preferredName)) problems.push('preferredName');
  if (state.models.length === 0) problems.push('models');
  if (!state.consent) problems.push('consent');
  return problems;
}

/** Only the answer for the newest name may land (typing is faster than main answers). */
let nameRequest = 0;

export const useEnroll = create<EnrollState>()((set, get) => {
  async function suggestName(displayName: string) {
    const request = ++nameRequest;
    const result = await timbre().enroll.suggestName({ displayName });
    if (request === nameRequest && result.ok && !get().preferredNameEdited) set({ preferredName: result.value.preferredName });
  }

  return {
    sampleId: null,
    sample: null,
    loadError: null,
    displayName: '',
    preferredName: '',
    preferredNameEdited: false,
    models: [],
    language: 'en',
    transcript: '',
    consent: false,
    submitting: false,
    run: null,

    async load(sampleId, defaultModel) {
      set({ sampleId, sample: null, loadError: null });
      const result = await timbre().enroll.context({ sampleId });
      if (get().sampleId !== sampleId) return;
      if (!result.ok) return set({ loadError: result.error });
      const { sample, voices } = result.value;
      const own = voices.filter((voice) => voice.sampleId === sampleId);
      const cloned = clonedModels(own, sampleId);
      const pending = own.filter((voice) => isPendingStatus(voice.status));
      // The sample's name is the voice's name: one name per sample, on every screen.
      const displayName = sample.displayName || own[0]?.displayName || '';
      set({
        sample,
        displayName,
        preferredName: own[0]?.preferredName ?? '',
        preferredNameEdited: own[0] !== undefined,
        models: cloned.has(defaultModel) ? [] : [defaultModel],
        language: sample.language,
        transcript: sample.transcript,
        consent: false,
        // Coming back while clones are on their way shows how they are doing, not an empty form.
        run: pending.length > 0 ? { voiceIds: pending.map((voice) => voice.id), startedAt: Math.min(...pending.map((voice) => voice.createdAt)) } : null,
      });
      if (own[0] === undefined) await suggestName(displayName);
    },

    setDisplayName(displayName) {
      set({ displayName });
      if (!get().preferredNameEdited) void suggestName(displayName);
    },
    setPreferredName: (preferredName) => set({ preferredName, preferredNameEdited: true }),
    toggleModel: (model) => set((state) => ({
      models: state.models.includes(model) ? state.models.filter((item) => item !== model) : [...state.models, model],
    })),
    setLanguage: (language) => set({ language }),
    setTranscript: (transcript) => set({ transcript }),
    setConsent: (consent) => set({ consent }),

    async submit() {
      const state = get();
      if (!state.sampleId || formProblems(state).length > 0 || state.submitting) return null;
      set({ submitting: true });
      const startedAt = Date.now();
      const displayName = state.displayName.trim();
      const result = await timbre().enroll.start({
        sampleId: state.sampleId,
        displayName,
        preferredName: state.preferredName,
        targetModels: state.models,
        language: state.language,
        transcript: state.transcript,
        consent: true,
      });
      set({ submitting: false });
      if (!result.ok) {
        toast.error(describeError(i18n.t, result.error));
        return null;
      }
      // The sample takes the voice's name, so it is called the same in Samples, the Library and here.
      if (state.sample && state.sample.displayName !== displayName) void timbre().samples.update({ id: state.sampleId, displayName });
      set({ models: [], consent: false, run: { voiceIds: result.value.map((voice) => voice.id), startedAt } });
      // The take is cloned and kept in Samples: Record starts fresh for the next one.
      if (useRecord.getState().take?.sample.id === state.sampleId) useRecord.getState().closeTake();
      return result.value;
    },

    showForm: () => set({ run: null }),
  };
});
