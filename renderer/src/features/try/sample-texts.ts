/**
 * Sentences to try a voice with, in the language being spoken (not the interface language): a
 * greeting, a question with a number, and a longer line with a pause in it.
 */
import { LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE, type LanguageType, type SampleLanguage } from '../../../../shared/models';

export const SAMPLE_TEXTS: Record<Exclude<LanguageType, 'Auto'>, string[]> = {
  English: [
    'Hello! This is my cloned voice. How does it sound to you?',
    'The meeting moved to Thursday at 3:30, so we still have two days to prepare.',
    'Some stories are best told slowly, with a pause here and there, so the listener can picture every scene.',
  ],
  Chinese: [
    '你好！这是我克隆出来的声音，听起来像我吗？',
    '会议改到了星期四下午三点半，我们还有两天时间准备。',
    '有些故事适合慢慢地讲，偶尔停顿一下，让听的人能想象出每一个画面。',
  ],
  German: [
    'Hallo! Das ist meine geklonte Stimme. Wie klingt sie für dich?',
    'Das Treffen wurde auf Donnerstag um halb vier verschoben, wir haben also noch zwei Tage Zeit.',
  ],
  Italian: [
    'Ciao! Questa è la mia voce clonata. Come ti sembra?',
    'La riunione è stata spostata a giovedì alle tre e mezza, quindi abbiamo ancora due giorni.',
  ],
  Portuguese: [
    'Olá! Esta é a minha voz clonada. O que você acha?',
    'A reunião foi remarcada para quinta-feira às três e meia, então ainda temos dois dias.',
  ],
  Spanish: [
    '¡Hola! Esta es mi voz clonada. ¿Qué te parece?',
    'La reunión se movió al jueves a las tres y media, así que aún tenemos dos días.',
  ],
  Japanese: [
    'こんにちは！これは私のクローン音声です。どう聞こえますか？',
    '会議は木曜日の三時半に変更になったので、準備の時間はまだ二日あります。',
  ],
  Korean: [
    '안녕하세요! 이것은 제 복제된 목소리입니다. 어떻게 들리나요?',
    '회의가 목요일 세 시 반으로 옮겨져서 아직 이틀의 준비 시간이 있습니다.',
  ],
  French: [
    'Bonjour ! Voici ma voix clonée. Comment la trouves-tu ?',
    'La réunion a été déplacée à jeudi, quinze heures trente, il nous reste donc deux jours.',
  ],
  Russian: [
    'Привет! Это мой клонированный голос. Как он тебе?',
    'Встречу перенесли на четверг, на половину четвёртого, так что у нас есть ещё два дня.',
  ],
};

/**
 * Sentences for the chosen language; with Auto, for the voice's own language, else the interface's
 * (Chinese for a zh interface, English otherwise).
 */
export function sampleTextsFor(languageType: LanguageType, voiceLanguage: SampleLanguage | null, uiLanguage: string): string[] {
  if (languageType !== 'Auto') return SAMPLE_TEXTS[languageType];
  if (voiceLanguage) return SAMPLE_TEXTS[LANGUAGE_TYPE_BY_SAMPLE_LANGUAGE[voiceLanguage] as Exclude<LanguageType, 'Auto'>];
  return uiLanguage.startsWith('zh') ? SAMPLE_TEXTS.Chinese : SAMPLE_TEXTS.English;
}
