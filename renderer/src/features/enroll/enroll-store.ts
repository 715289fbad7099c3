/**
 * The enrollment form for one sample. Clone hands the jobs to main's outbox and returns at once;
 * their progress is read from the library mirror (voices of this sample), not kept here.
 */
import { create } from 'zustand';
import { suggestPreferredName, type SampleRecord, type VoiceRecord } from '../../../../shared/catalog';
import type { AppError } from '../../../../shared/errors';
import { PREFERRED_NAME_PATTERN, type SampleLanguage, type TargetModel } from '../../../../shared/models';
import { timbre } from '../../api';
import { toast } from '../../components/toast-store';
import i18n, { describeError } from '../../i18n';

interface EnrollState {
  sampleId: string | null;
  sample: SampleRecord | null;
  takenNames: string[];
  loadError: AppError | null;
  displayName: string;
  preferredName: string;
  /** The user typed their own preferred name; stop suggesting one from the display name. */
  preferredNameEdited: boolean;
  models: TargetModel[];
  language: SampleLanguage;
  transcript: string;
  consent: boolean;
  submitting: boolean;

  load(sampleId: string, defaultModel: TargetModel): Promise<void>;
  setDisplayName(name: string): void;
  setPreferredName(name: string): void;
  toggleModel(model: TargetModel): void;
  setLanguage(language: SampleLanguage): void;
  setTranscript(text: string): void;
  setConsent(consent: boolean): void;
  submit(): Promise<VoiceRecord[] | null>;
}

/** Models this sample already has a voice for (a voice missing from the account can be made again). */
export function enrolledModels(voices: Iterable<VoiceRecord>, sampleId: string | null): Set<TargetModel> {
  const models = new Set<TargetModel>();
  for (const voice of voices) if (voice.sampleId === sampleId && voice.status !== 'missing-remote') models.add(voice.targetModel);
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

export const useEnroll = create<EnrollState>()((set, get) => ({
  sampleId: null,
  sample: null,
  takenNames: [],
  loadError: null,
  displayName: '',
  preferredName: '',
  preferredNameEdited: false,
  models: [],
  language: 'zh',
  transcript: '',
  consent: false,
  submitting: false,

  async load(sampleId, defaultModel) {
    set({ sampleId, sample: null, loadError: null });
    const result = await timbre().enroll.context({ sampleId });
    if (get().sampleId !== sampleId) return;
    if (!result.ok) return set({ loadError: result.error });
    const { sample, voices, takenNames } = result.value;
    const done = enrolledModels(voices, sampleId);
    const displayName = sample.displayName || voices[0]?.displayName || '';
    set({
      sample,
      takenNames,
      displayName,
      preferredName: voices[0]?.preferredName ?? suggestPreferredName(displayName, new Set(takenNames)),
      preferredNameEdited: false,
      models: done.has(defaultModel) ? [] : [defaultModel],
      language: sample.language,
      transcript: sample.transcript,
      consent: false,
    });
  },

  setDisplayName(displayName) {
    const { preferredNameEdited, takenNames } = get();
    set({ displayName, ...(preferredNameEdited ? {} : { preferredName: suggestPreferredName(displayName, new Set(takenNames)) }) });
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
    const result = await timbre().enroll.start({
      sampleId: state.sampleId,
      displayName: state.displayName.trim(),
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
    set((current) => ({ models: [], consent: false, takenNames: [...new Set([...current.takenNames, current.preferredName])] }));
    return result.value;
  },
}));
