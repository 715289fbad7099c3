/**
 * Texts to read aloud, in the language of the sample (not of the interface: an English-speaking
 * user recording Chinese reads Chinese). Each takes 10–20 s at a normal pace (a test holds them to it); the one read
 * becomes the sample's transcript, which keeps the service's speech recognition from guessing.
 */
import type { SampleLanguage } from '../../../../shared/models';

export interface ReadingScript {
  id: string;
  title: string;
  text: string;
}

export const READING_SCRIPTS: Partial<Record<SampleLanguage, ReadingScript[]>> = {
  en: [
    {
      id: 'en-north-wind',
      title: 'The North Wind and the Sun',
      text: 'The North Wind and the Sun were arguing about which of them was stronger, when a traveller came along wrapped in a warm cloak. They agreed that whoever first made the traveller take off his cloak would be considered stronger than the other.',
    },
    {
      id: 'en-rainbow',
      title: 'The Rainbow',
      text: 'When the sunlight strikes raindrops in the air, they act as a prism and form a rainbow. The rainbow is a division of white light into many beautiful colours. These take the shape of a long round arch, with its path high above.',
    },
    {
      id: 'en-cafe',
      title: 'A small café',
      text: "Good morning! I'm recording this in a quiet room, speaking at my usual pace. There is a small café near my home where the coffee is strong, the music is soft, and the people always seem to have time for a friendly chat. I go there most Saturdays.",
    },
  ],
  zh: [
    {
      id: 'zh-north-wind',
      title: '北风跟太阳',
      text: '有一回，北风跟太阳在那儿争论谁的本事大，争来争去分不出高低。这时路上来了个走道儿的，身上穿着件厚大衣。他们俩商量好，谁能先叫他脱下大衣，就算谁的本事大。',
    },
    {
      id: 'zh-spring',
      title: '春天的公园',
      text: '春天来了，公园里的花都开了。早上，很多人在湖边散步、跑步，几位老人在树下打太极拳。孩子们在草地上放风筝，笑声一阵接着一阵。我喜欢慢慢走一圈，再坐下来晒晒太阳。',
    },
    {
      id: 'zh-recording',
      title: '今天的录音',
      text: '今天天气很好，我在一个安静的房间里录下这段声音。我用平时说话的速度自然地朗读，不急也不慢。希望这段录音能清楚地保留我的音色和语气，让合成的声音听起来就像我自己。',
    },
  ],
};

export const CUSTOM_SCRIPT = 'custom';

export function scriptsFor(language: SampleLanguage): ReadingScript[] {
  return READING_SCRIPTS[language] ?? [];
}

/**
 * About how long reading takes aloud at a normal pace: ~2.5 words/s in English-like text, ~4.2
 * characters/s in Chinese, Japanese and Korean. Punctuation is not read, so it does not count.
 */
export function readingSeconds(text: string): number {
  const cjkPattern = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;
  const cjk = (text.match(cjkPattern) ?? []).length;
  const words = text.replace(cjkPattern, ' ').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return Math.round(cjk / 4.2 + words / 2.5);
}
