/**
 * Splits long text for synthesis so each request stays under the per-request limit, measured by
 * `cost` (synthesisTextCost: weighted characters and UTF-8 bytes, whichever is stricter). Cuts
 * prefer sentence ends, then clause marks, then spaces, and only cut inside a word as a last
 * resort; a cut never halves a code point, so emoji and CJK stay whole.
 */
import { synthesisTextCost } from '../../../shared/models';

const SENTENCE_MARKS = new Set(['。', '！', '？', '!', '?', '；', ';', '…', '\n']);
const CLAUSE_MARKS = new Set(['，', ',', '、', '：', ':']);
/** Closing quotes and brackets stay with the sentence they end. */
const CLOSERS = new Set(['"', "'", '”', '’', '」', '』', '）', ')', ']', '》']);

type Cost = (text: string) => number;

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

/** Code point by code point, as much as fits. */
function hardCut(text: string, max: number, cost: Cost): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const point of text) {
    if (current !== '' && cost(current + point) > max) {
      pieces.push(current);
      current = '';
    }
    current += point;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

/** Breaks `text` into pieces of at most `max`, trying each rule in turn on the pieces still too long. */
function pieces(text: string, max: number, cost: Cost, rules: Array<(text: string, i: number) => boolean>): string[] {
  if (cost(text) <= max) return [text];
  const [rule, ...finer] = rules;
  if (!rule) return hardCut(text, max, cost);
  return cutAfter(text, rule).flatMap((piece) => pieces(piece, max, cost, finer));
}

/** `max` is in `cost` units; by default the synthesis limit (600 weighted characters and 600 bytes). */
export function splitForSynthesis(text: string, max: number, cost: Cost = synthesisTextCost): string[] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const chunks: string[] = [];
  let current = '';
  for (const piece of pieces(trimmed, max, cost, [isSentenceEnd, isClauseEnd, isSpace])) {
    if (current !== '' && cost(current + piece) > max) {
      chunks.push(current);
      current = '';
    }
    current += piece;
  }
  chunks.push(current);
  return chunks.map((chunk) => chunk.trim()).filter((chunk) => chunk !== '');
}
