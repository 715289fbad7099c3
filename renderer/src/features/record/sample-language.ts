import { useTranslation } from 'react-i18next';
import type { SampleLanguage } from '../../../../shared/models';
import { useApp } from '../../app-store';
import { useRecord } from './record-store';
import { CUSTOM_SCRIPT, scriptsFor } from './reading-scripts';

/** The sample language that matches the interface: an English interface records English, a Chinese one Chinese. */
export function interfaceSampleLanguage(uiLanguage: string): SampleLanguage {
  return uiLanguage.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The language being recorded: the user's choice here (remembered), else the default from Settings, else the interface's. */
export function useSampleLanguage(): SampleLanguage {
  const chosen = useRecord((state) => state.language);
  const preferred = useApp((state) => state.preferences.defaultSampleLanguage);
  const { i18n } = useTranslation();
  return chosen ?? preferred ?? interfaceSampleLanguage(i18n.language);
}

/** The same, read once outside React (files dropped on the window). */
export function currentSampleLanguage(uiLanguage: string): SampleLanguage {
  return useRecord.getState().language ?? useApp.getState().preferences.defaultSampleLanguage ?? interfaceSampleLanguage(uiLanguage);
}

/** What the user is asked to read: the chosen script, or their own text. */
export function useTranscript(): { scriptId: string; text: string } {
  const language = useSampleLanguage();
  const scriptId = useRecord((state) => state.scriptId);
  const customText = useRecord((state) => state.customText);
  const scripts = scriptsFor(language);
  const script = scripts.find((item) => item.id === scriptId) ?? (scriptId === CUSTOM_SCRIPT ? undefined : scripts[0]);
  return script ? { scriptId: script.id, text: script.text } : { scriptId: CUSTOM_SCRIPT, text: customText.trim() };
}
