/**
 * Splits long text for synthesis so each request stays under the per-request limit (§5.a assumes
 * about 600 characters). Cuts prefer sentence ends, then clause marks, then spaces, and only cut
 * inside a word as a last resort. Lengths count code points, so emoji and CJK are never halved.
 */

const SENTENCE_MARKS = new Set(['。', '！', '？', '!', '?', '；', ';', '…', '\n']);
const CLAUSE_MARKS = new Set(['，', ',', '、', '：', ':']);
/** Closing quotes and brackets stay with the sentence they end. */
const CLOSERS = new Set(['"', "'", '”', '’', '」', '』', '）', ')', ']', '》']);

const length = (text: string) => [...text].length;

/** Cuts after every position `isBreak` accepts, keeping closing quotes and trailing spaces with the piece before. */
function cutAfter(text: string, isBreak: (text: string, index: number) => boolean): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isBreak(text, i)) continue;
    let end = i + 1;
    while (end < text.length && (CLOSERS.has(text[end]) || isBreak(text, end))) end++;
    while (end < text.length && /\s/.test(text[end])) end++;
    pieces.push(text.slice(start, end));
    start = end;
    i = end - 1;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

/** A "." ends a sentence only before a space, a closer or the end, so "3.14" and "e.g" stay whole. */
const isSentenceEnd = (text: string, i: number) =>
  SENTENCE_MARKS.has(text[i]) || (text[i] === '.' && (i + 1 === text.length || /\s/.test(text[i + 1]) || CLOSERS.has(text[i + 1])));
const isClauseEnd = (text: string, i: number) => CLAUSE_MARKS.has(text[i]);
const isSpace = (text: string, i: number) => /\s/.test(text[i]);

function hardCut(text: string, max: number): string[] {
  const points = [...text];
  const pieces: string[] = [];
  for (let i = 0; i < points.length; i += max) pieces.push(points.slice(i, i + max).join(''));
  return pieces;
}

/** Breaks `text` into pieces of at most `max`, trying each rule in turn on the pieces still too long. */
function pieces(text: string, max: number, rules: Array<(text: string, i: number) => boolean>): string[] {
  if (length(text) <= max) return [text];
  const [rule, ...finer] = rules;
  if (!rule) return hardCut(text, max);
  return cutAfter(text, rule).flatMap((piece) => pieces(piece, max, finer));
}

export function splitForSynthesis(text: string, max: number): string[] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces(trimmed, max, [isSentenceEnd, isClauseEnd, isSpace])) {
    if (current !== '' && length(current + piece) > max) {
      chunks.push(current);
      current = '';
    }
    current += piece;
  }
  chunks.push(current);
  return chunks.map((chunk) => chunk.trim()).filter((chunk) => chunk !== '');
}
