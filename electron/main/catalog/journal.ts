/**
 * The catalog's journal: each change is appended to `catalog.journal` as one line (the record
 * that changed, or the id that went) and fsynced, so an edit costs the size of the edit, not of
 * the catalog (a 100,000-voice catalog is ~50 MB). `catalog.json` is the snapshot the journal
 * applies to; from time to time a worker thread merges the two (compaction), off the main thread.
 *
 * Crash safety: before compacting, the journal is renamed to `catalog.journal.compacting` and a
 * new one started; the worker writes the merged snapshot atomically; only then is the compacting
 * journal removed. Opening applies snapshot, compacting journal, journal, in that order; applying
 * a line twice gives the same result, so every crash point reads back what was acknowledged.
 *
 * The merge is plain JavaScript kept as source text, so the worker (started from that text, with
 * nothing to bundle) and the main thread (when opening) run the very same code.
 */
import { runInThisContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { salvageRecords } from './salvage';

export const JOURNAL_FILE = 'catalog.journal';
export const COMPACTING_FILE = 'catalog.journal.compacting';

/** Journal line kinds: s/v put a sample/voice, S/V remove one by id, h/n replace hiddenRemote/notices. */
export type JournalOp =
  | { k: 's' | 'v'; r: { id: string } }
  | { k: 'S' | 'V'; id: string }
  | { k: 'h' | 'n'; all: unknown[] };

/** `applyJournal(file, text)`: applies each line of `text` to the parsed snapshot `file`; returns how many lines were skipped. */
const APPLY_JOURNAL_SOURCE = `function applyJournal(file, text) {
  let skipped = 0;
  for (const line of text.split('\\n')) {
    if (line === '') continue;
    let op;
    try {
      op = JSON.parse(line);
    } catch {
      skipped++; // cut off by a crash or a full disk
      continue;
    }
    if (!op || typeof op !== 'object') {
      skipped++;
      continue;
    }
    const key = op && (op.k === 's' || op.k === 'S') ? 'samples' : op && (op.k === 'v' || op.k === 'V') ? 'voices' : null;
    if (key && (typeof file[key] !== 'object' || file[key] === null || Array.isArray(file[key]))) file[key] = {};
    if ((op.k === 's' || op.k === 'v') && op.r && typeof op.r.id === 'string' && op.r.id !== '__proto__') file[key][op.r.id] = op.r;
    else if ((op.k === 'S' || op.k === 'V') && typeof op.id === 'string') delete file[key][op.id];
    else if (op.k === 'h' && Array.isArray(op.all)) file.hiddenRemote = op.all;
    else if (op.k === 'n' && Array.isArray(op.all)) file.notices = op.all;
    else skipped++;
  }
  return skipped;
}`;

export const applyJournal = runInThisContext(`(${APPLY_JOURNAL_SOURCE})`) as (file: Record<string, unknown>, text: string) => number;

const COMPACT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
${APPLY_JOURNAL_SOURCE}
const { snapshot, journals, temp, empty } = workerData;
const read = (path) => {
  try {
    const text = fs.readFileSync(path, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
};
let fd = null;
try {
  const text = read(snapshot);
  const file = text === null ? JSON.parse(empty) : JSON.parse(text);
  for (const journal of journals) {
    const lines = read(journal);
    if (lines !== null) applyJournal(file, lines);
  }
  const out = Buffer.from(JSON.stringify(file));
  fd = fs.openSync(temp, 'w');
  for (let offset = 0; offset < out.length;) offset += fs.writeSync(fd, out, offset, out.length - offset);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fd = null;
  fs.renameSync(temp, snapshot);
  parentPort.postMessage({ ok: true, bytes: out.length });
} catch (error) {
  if (fd !== null) fs.closeSync(fd);
  fs.rmSync(temp, { force: true });
  parentPort.postMessage({ ok: false, code: (error && error.code) || 'unknown' });
}
`;

/**
 * Merges `journals` into the snapshot at `snapshot` in a worker thread and writes it atomically
 * (through `temp`). Resolves with the snapshot's new size; rejects with the fs error code.
 */
export function compactInWorker(paths: { snapshot: string; journals: string[]; temp: string; empty: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(COMPACT_SOURCE, { eval: true, workerData: paths });
    worker.once('message', (result: { ok: boolean; bytes?: number; code?: string }) => {
      void worker.terminate();
      if (result.ok) resolve(result.bytes!);
      else reject(Object.assign(new Error(`compaction failed: ${result.code}`), { code: result.code }));
    });
    worker.once('error', reject);
  });
}

const LINE_PREFIX = { s: Buffer.from('\n{"k":"s","r":'), v: Buffer.from('\n{"k":"v","r":') };
const LINE_END = Buffer.from('}');

/** A put line from the record's JSON bytes (cached by the store), without encoding it again. */
export function putLine(kind: 's' | 'v', recordJson: Buffer): Buffer[] {
  return [LINE_PREFIX[kind], recordJson, LINE_END];
}

/** Any other line. Every line starts with a newline, so one cut off by a crash never swallows the next. */
export function opLine(op: Exclude<JournalOp, { k: 's' | 'v' }>): Buffer {
  return Buffer.from(`\n${JSON.stringify(op)}`);
}

/**
 * Whether a line that is not JSON was cut short by a crash: an append is fsynced before it is
 * acknowledged, so such a line was never confirmed to anyone. V8 reports the end of the text
 * ("Unexpected end of JSON input", or an error at the last position); damage stops it earlier.
 */
function cutShort(line: string, error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message);
  return position ? Number(position[1]) >= line.length : /end of JSON input/.test(message);
}

export interface RepairedJournal {
  /** The lines to apply: every line that parses, plus the records still whole in damaged ones. */
  text: string;
  /** Lines that were neither JSON nor cut short by a crash. */
  damagedLines: number;
  salvagedSamples: number;
  salvagedVoices: number;
}

/** A journal made applicable: lines a crash cut short are dropped; damaged lines give up the records still whole in them. */
export function repairJournal(text: string): RepairedJournal {
  const lines: string[] = [];
  const repaired = { damagedLines: 0, salvagedSamples: 0, salvagedVoices: 0 };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      JSON.parse(line);
      lines.push(line);
      continue;
    } catch (error) {
      if (cutShort(line, error)) continue;
    }
    repaired.damagedLines++;
    const { samples, voices } = salvageRecords(line);
    repaired.salvagedSamples += samples.length;
    repaired.salvagedVoices += voices.length;
    for (const sample of samples) lines.push(JSON.stringify({ k: 's', r: sample }));
    for (const voice of voices) lines.push(JSON.stringify({ k: 'v', r: voice }));
  }
  return { text: lines.join('\n'), ...repaired };
}
