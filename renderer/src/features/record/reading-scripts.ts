/**
 * Texts to read aloud, in the language of the sample (not of the interface: an English-speaking
 * user recording German reads German), three for each language the service clones. Each is written
 * as a native speaker would say it, not translated, and takes 10–20 s at a normal pace (a test
 * holds them to it); the one read becomes the sample's transcript, which keeps the service's speech
 * recognition from guessing.
 */
import type { SampleLanguage } from '../../../../shared/models';

export interface ReadingScript {
  id: string;
  title: string;
  text: string;
}

export const READING_SCRIPTS: Record<SampleLanguage, ReadingScript[]> = {
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
  de: [
    {
      id: 'de-market',
      title: 'Auf dem Wochenmarkt',
      text: 'Jeden Samstag gehe ich auf den Wochenmarkt. Dort riecht es nach frischem Brot, Kaffee und reifen Erdbeeren. Die Verkäuferin am Käsestand kennt mich schon und lässt mich immer ein kleines Stück probieren. Danach setze ich mich in die Sonne und schaue den Leuten zu.',
    },
    {
      id: 'de-train',
      title: 'Eine Zugfahrt',
      text: 'Der Zug hat mal wieder Verspätung. Macht nichts: Ich habe ein gutes Buch dabei, eine Brezel und heißen Tee. Draußen ziehen Felder, Wälder und kleine Dörfer vorbei. Manchmal frage ich mich, wer wohl in diesen Häusern wohnt und ob die Leute dort gerade auch aus dem Fenster schauen.',
    },
    {
      id: 'de-recording',
      title: 'Meine Aufnahme',
      text: 'Hallo! Ich spreche diesen Text ganz entspannt, so wie ich auch mit Freunden rede. Es ist ruhig hier, nur die Uhr tickt leise an der Wand. Zum Glück muss ich mich nicht beeilen. Ich hoffe, man hört später sofort, dass das wirklich meine Stimme ist.',
    },
  ],
  it: [
    {
      id: 'it-bar',
      title: 'Al bar',
      text: "Ogni mattina, prima di andare al lavoro, mi fermo al bar sotto casa. Il barista sa già cosa prendo: un cappuccino e un cornetto alla crema. Scambiamo due chiacchiere sul tempo e sul calcio, poi pago, saluto tutti e corro a prendere l'autobus.",
    },
    {
      id: 'it-sunday',
      title: 'La domenica',
      text: 'La domenica a casa nostra si pranza tardi. La nonna prepara le lasagne, lo zio porta il vino e i bambini giocano in giardino finché qualcuno li chiama a tavola. Si parla tanto, si ride ancora di più, e alla fine nessuno ha più fame.',
    },
    {
      id: 'it-recording',
      title: 'La mia voce',
      text: 'Ciao! Sto registrando questo testo in una stanza tranquilla, con calma e senza fretta. Leggo come se parlassi con un amico, con il mio solito tono. Spero che alla fine la voce sintetica sembri proprio la mia, anche quando dice cose che non ho mai detto.',
    },
  ],
  pt: [
    {
      id: 'pt-bakery',
      title: 'Na padaria',
      text: 'Todas as manhãs eu passo na padaria da esquina. O cheiro de pão quentinho chega até a rua. Peço sempre a mesma coisa: um café com leite e um pão de queijo. A dona já me conhece e pergunta pela minha família. Saio de lá sempre de bom humor.',
    },
    {
      id: 'pt-beach',
      title: 'Um dia de praia',
      text: 'No sábado fomos à praia logo cedo. O mar estava calmo e a água, um pouco fria. As crianças fizeram castelos de areia enquanto a gente conversava debaixo do guarda-sol. No fim da tarde, comemos peixe grelhado num restaurante pequeno e voltamos para casa cansados e felizes.',
    },
    {
      id: 'pt-recording',
      title: 'Minha voz',
      text: 'Olá! Estou gravando este texto num lugar tranquilo, falando no meu ritmo de sempre, como se estivesse conversando com um amigo. Não preciso ter pressa. Quero que a gravação mostre bem o meu jeito de falar, para que a voz criada depois pareça mesmo a minha.',
    },
  ],
  es: [
    {
      id: 'es-market',
      title: 'En el mercado',
      text: 'Los sábados por la mañana voy al mercado de mi barrio. Me encanta pasear entre los puestos de fruta, oler el pan recién hecho y charlar con la señora que vende quesos. Siempre acabo comprando más de lo que necesito, pero vuelvo a casa contenta y con la cesta llena.',
    },
    {
      id: 'es-train',
      title: 'El viaje en tren',
      text: 'El tren sale a las ocho en punto. Busco mi asiento junto a la ventana, me quito la chaqueta y saco un libro. Afuera, el paisaje cambia poco a poco: primero edificios, luego olivos y, al final, montañas. Viajar así, sin prisa, es uno de mis pequeños placeres.',
    },
    {
      id: 'es-recording',
      title: 'Mi voz',
      text: '¡Hola! Estoy grabando este texto en una habitación tranquila, hablando a mi ritmo normal, como si charlara con un amigo. No hace falta correr ni exagerar. Ojalá que la voz que salga de esta grabación suene natural, cercana y, sobre todo, parecida a la mía.',
    },
  ],
  ja: [
    {
      id: 'ja-walk',
      title: '朝の散歩',
      text: '毎朝、近所の公園を散歩しています。季節によって花の色が変わるので、歩くたびに新しい発見があります。今日は桜がきれいに咲いていて、ベンチに座ってしばらく眺めていました。帰りにパン屋さんで焼きたてのパンを買いました。',
    },
    {
      id: 'ja-cafe',
      title: '駅前の喫茶店',
      text: '駅前に小さな喫茶店があります。店内はいつも静かで、古いレコードの音楽が流れています。私はそこで温かいコーヒーを飲みながら、本を読むのが好きです。マスターはとても優しくて、たまにケーキをおまけしてくれます。',
    },
    {
      id: 'ja-recording',
      title: '今日の録音',
      text: 'こんにちは。今、静かな部屋でこの文章を読んでいます。急がずに、友達と話すときのように、いつもの速さで話すようにしています。この録音から作られた声が、自分の声と同じように自然に聞こえたらうれしいです。',
    },
  ],
  ko: [
    {
      id: 'ko-market',
      title: '동네 시장',
      text: '주말 아침이면 동네 시장에 갑니다. 시장에는 싱싱한 채소와 과일이 가득하고, 떡볶이 냄새가 골목까지 퍼집니다. 단골 가게 아주머니는 늘 반갑게 인사하시고 덤도 조금 더 주십니다. 장을 보고 나면 마음까지 든든해집니다.',
    },
    {
      id: 'ko-commute',
      title: '퇴근길',
      text: '퇴근길에 버스 창밖을 보면 하루가 천천히 정리되는 느낌이 듭니다. 가로등이 하나둘 켜지고, 사람들은 저마다 집으로 서둘러 갑니다. 저는 좋아하는 노래를 들으면서 오늘 있었던 일을 떠올려 봅니다.',
    },
    {
      id: 'ko-recording',
      title: '오늘의 녹음',
      text: '안녕하세요. 지금 조용한 방에서 이 글을 읽고 있습니다. 서두르지 않고, 친구와 이야기하듯이 평소 말하는 속도로 편하게 읽으려고 합니다. 이 녹음으로 만든 목소리가 제 목소리처럼 자연스럽게 들리면 좋겠습니다.',
    },
  ],
  fr: [
    {
      id: 'fr-bakery',
      title: 'À la boulangerie',
      text: 'Tous les matins, je passe à la boulangerie du coin. Il y a souvent la queue, mais ça ne me dérange pas. Je prends une baguette bien cuite et, le dimanche, deux croissants. La boulangère me demande toujours des nouvelles de ma famille, et on rit un peu.',
    },
    {
      id: 'fr-park',
      title: 'Au parc',
      text: "Quand il fait beau, je vais me promener au parc près de chez moi. Les enfants courent après les pigeons, des amis jouent aux cartes sur un banc, et un vieux monsieur nourrit les canards. Je m'assois à l'ombre d'un arbre et je lis tranquillement.",
    },
    {
      id: 'fr-recording',
      title: 'Ma voix',
      text: "Bonjour ! J'enregistre ce texte dans une pièce calme, en parlant à mon rythme habituel, comme si je discutais avec une amie. Rien ne presse. J'espère que la voix créée à partir de cet enregistrement me ressemblera vraiment, avec ses petites hésitations et son accent.",
    },
  ],
  ru: [
    {
      id: 'ru-dacha',
      title: 'На даче',
      text: 'Летом мы часто ездим на дачу. Там тихо, пахнет травой и свежими огурцами. Бабушка варит варенье из клубники, а дедушка чинит старый забор. Вечером мы пьём чай на веранде, слушаем птиц и долго разговариваем обо всём на свете.',
    },
    {
      id: 'ru-metro',
      title: 'Утро в городе',
      text: 'Утром я обычно еду на работу на метро. В вагоне кто-то читает, кто-то дремлет, а кто-то смотрит в телефон. Я люблю слушать музыку и думать о своём. Если погода хорошая, выхожу на две станции раньше и иду пешком через парк.',
    },
    {
      id: 'ru-recording',
      title: 'Мой голос',
      text: 'Привет! Я записываю этот текст в тихой комнате и читаю его спокойно, в своём обычном темпе, как будто разговариваю с другом. Спешить некуда. Надеюсь, что голос, созданный по этой записи, будет звучать естественно и совсем как мой.',
    },
  ],
};

export const CUSTOM_SCRIPT = 'custom';

export function scriptsFor(language: SampleLanguage): ReadingScript[] {
  return READING_SCRIPTS[language];
}

/**
 * Reading aloud, per minute, as measured by IReST (Trauzettel-Klosinski & Dietz, "Standardized
 * Assessment of Reading Performance: The New International Reading Speed Texts IReST", IOVS
 * 53(9):5452, 2012: 25+ native adults per language read paragraphs aloud): words for languages
 * written with spaces, characters for Chinese and Japanese. Korean is not in IReST: syllable blocks
 * per minute of adults reading a passage aloud, from "The Study of Speech Rate in Normal-Speaking
 * Adults and Children", Journal of Speech Sciences 9(4):93, 2002.
 */
const READING_RATES: Record<SampleLanguage, { perMinute: number; counts: 'words' | 'characters' }> = {
  en: { perMinute: 228, counts: 'words' },
  de: { perMinute: 179, counts: 'words' },
  it: { perMinute: 188, counts: 'words' },
  pt: { perMinute: 181, counts: 'words' },
  es: { perMinute: 218, counts: 'words' },
  fr: { perMinute: 195, counts: 'words' },
  ru: { perMinute: 184, counts: 'words' },
  zh: { perMinute: 255, counts: 'characters' },
  ja: { perMinute: 357, counts: 'characters' },
  ko: { perMinute: 308, counts: 'characters' },
};

/** Han, kana (with ー, which lengthens a kana and is read) and hangul syllables. */
const CJK_PATTERN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc]/gu;

/**
 * About how long reading `text` aloud takes at a normal pace in `language`. Han, kana and hangul
 * count as characters, everything else as words; a part written the other way than the language
 * (English words in a Chinese text) goes at English's or Chinese's rate. Punctuation is not read,
 * so it does not count.
 */
export function readingSeconds(text: string, language: SampleLanguage): number {
  const rate = READING_RATES[language];
  const perCharacter = rate.counts === 'characters' ? rate.perMinute : READING_RATES.zh.perMinute;
  const perWord = rate.counts === 'words' ? rate.perMinute : READING_RATES.en.perMinute;
  const characters = (text.match(CJK_PATTERN) ?? []).length;
  const words = text.replace(CJK_PATTERN, ' ').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return Math.round(((characters / perCharacter) + (words / perWord)) * 60);
}
