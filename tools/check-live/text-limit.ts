/**
 * Finding how the per-request text limit is counted with few requests: instead of a bisection,
 * only the lengths where the candidate readings of "600 characters" part ways are tried.
 * English text is the same length in every unit; Chinese (3 UTF-8 bytes, weight 2, one code
 * point per character) tells them apart: 201 characters are over 600 bytes, 301 over 600
 * weighted characters, 601 over 600 code points.
 */
import type { TextLimitFact } from './facts-file';

export type TryOutcome = { outcome: 'accepted' | 'refused' } | { outcome: 'error'; error: string };
export type TryText = (language: 'en' | 'zh', text: string) => Promise<TryOutcome>;

const ENGLISH = 'The quick brown fox jumps over the lazy dog. ';
/** Han characters only: fullwidth punctuation would weigh and encode differently. */
const CHINESE = '今天天气很好我们一起去公园散步吧';

export const textOfLength = (language: 'en' | 'zh', chars: number) => {
  const unit = language === 'en' ? ENGLISH : CHINESE;
  return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
};

/** Chinese lengths in the order tried, each with the reading its refusal (after its predecessor passed) proves. */
const CHINESE_STEPS = [
  { over: 201, within: 200, unit: 'utf8-bytes', max: 600 },
  { over: 301, within: 300, unit: 'weighted-chars', max: 600 },
  { over: 601, within: 600, unit: 'code-points', max: 600 },
] as const;

/** At most this many texts are sent: English 601 and 600, Chinese 201, 301, 601 and the length below the first refused. */
export const MAX_TEXT_TRIES = 6;

/**
 * Characters billed at most (a Han character counts 2), if every text accepted is billed: English
 * 600 after 601 was refused (601 accepted ends the probe), then Chinese 201, 301 and 601 accepted.
 */
export const MAX_BILLED_CHARACTERS = 600 + 2 * (201 + 301 + 601);

export async function findTextLimit(tryText: TryText): Promise<TextLimitFact> {
  const tries: TextLimitFact['tries'] = [];
  const attempt = async (language: 'en' | 'zh', chars: number) => {
    const result = await tryText(language, textOfLength(language, chars));
    tries.push({ language, chars, ...result });
    return result.outcome;
  };
  const inconclusive = (): TextLimitFact => ({ unit: 'inconclusive', max: null, tries });

  // English first: it is 601 long in every unit, so if it passes no reading of "600" holds, and a
  // higher limit is beyond this check's budget.
  const english601 = await attempt('en', 601);
  if (english601 === 'error') return inconclusive();
  if (english601 === 'accepted') return { unit: 'none-found', max: null, tries };
  if ((await attempt('en', 600)) !== 'accepted') return inconclusive();

  for (const step of CHINESE_STEPS) {
    const over = await attempt('zh', step.over);
    if (over === 'error') return inconclusive();
    if (over === 'accepted') continue;
    // The length just below must pass, or the refusal says nothing about the unit.
    return (await attempt('zh', step.within)) === 'accepted' ? { unit: step.unit, max: step.max, tries } : inconclusive();
  }
  return { unit: 'none-found', max: null, tries };
}
