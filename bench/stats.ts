/**
 * What every figure reports: its runs summarised as median and min–max, the floor measured the
 * same way in the same run, and the target (reported, never asserted).
 */

export interface Series {
  runs: number[];
  median: number;
  min: number;
  max: number;
}

export type Unit = 'ms' | 'KB' | 'MB' | '%';

export interface Figure {
  id: string;
  label: string;
  unit: Unit;
  /** The target in words, e.g. "≤ 1.5 × floor". */
  target: string;
  /** Absent when the figure could not be measured (see `notMeasured`). */
  value?: Series;
  /** The least the same work can cost on this machine, measured alongside. */
  floor?: Series & { label: string };
  /** value.median / floor.median. */
  ratio?: number;
  /** Whether the median meets the target. */
  met?: boolean;
  /** Why there is no value. */
  notMeasured?: string;
  /** How the runs were taken, when that is not obvious from the label. */
  note?: string;
}

export function summarize(runs: number[]): Series {
  if (runs.length === 0) throw new Error('no runs to summarise');
  const sorted = [...runs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { runs, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Runs `measure` `times` times in sequence (never in parallel: they would compete for 2 cores). */
export async function repeat(times: number, measure: (run: number) => Promise<number> | number): Promise<number[]> {
  const runs: number[] = [];
  for (let run = 0; run < times; run++) runs.push(await measure(run));
  return runs;
}

export interface FigureInput {
  id: string;
  label: string;
  unit: Unit;
  target: string;
  runs: number[];
  floor?: { label: string; runs: number[] };
  /** Decides `met` from the summarised value (and floor). */
  meets(value: Series, floor: Series | undefined): boolean;
  note?: string;
}

export function figure(input: FigureInput): Figure {
  const value = summarize(input.runs);
  const floor = input.floor ? { label: input.floor.label, ...summarize(input.floor.runs) } : undefined;
  return {
    id: input.id,
    label: input.label,
    unit: input.unit,
    target: input.target,
    value,
    floor,
    ratio: floor && floor.median > 0 ? value.median / floor.median : undefined,
    met: input.meets(value, floor),
    note: input.note,
  };
}

/** A figure measured for what it tells, with no target to meet (shown as "reported"). */
export function reportedFigure(input: Omit<FigureInput, 'target' | 'meets'>): Figure {
  return { ...figure({ ...input, target: 'reported', meets: () => true }), met: undefined };
}
