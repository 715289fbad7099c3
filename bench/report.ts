/** The bench's table on stdout and its JSON file. */
import { writeFileSync } from 'node:fs';
import type { Figure } from './stats';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGb: number;
  platform: string;
  node: string;
  chromium: string;
}

export interface Results {
  date: string;
  machine: Machine;
  /** Runs per timed figure. */
  runs: number;
  durationSeconds: number;
  figures: Figure[];
}

const number = (value: number, unit: Figure['unit']) => value.toFixed(unit === 'ms' && value >= 100 ? 0 : 1);

export function valueText(figure: Figure): string {
  const value = figure.value;
  if (!value) return `not measured: ${figure.notMeasured}`;
  const spread = value.runs.length > 1 ? ` (${number(value.min, figure.unit)}–${number(value.max, figure.unit)})` : '';
  return `${number(value.median, figure.unit)} ${figure.unit}${spread}`;
}

export function floorText(figure: Figure): string {
  const floor = figure.floor;
  if (!floor) return '';
  const spread = floor.runs.length > 1 ? ` (${number(floor.min, figure.unit)}–${number(floor.max, figure.unit)})` : '';
  return `${number(floor.median, figure.unit)} ${figure.unit}${spread} ${floor.label}`;
}

export function verdict(figure: Figure): string {
  if (figure.met === undefined) return '–';
  return figure.met ? 'met' : 'MISSED';
}

export function printReport(results: Results): void {
  const { machine } = results;
  console.log(`\nTimbre bench — ${results.date}`);
  console.log(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, ${machine.platform}; Node ${machine.node}; Chromium ${machine.chromium}`);
  console.log(`median of ${results.runs} runs (min–max); targets are reported, not asserted\n`);
  const rows = results.figures.map((figure) => [
    figure.label,
    valueText(figure),
    floorText(figure),
    figure.ratio === undefined ? '' : `${figure.ratio.toFixed(2)}×`,
    figure.target,
    verdict(figure),
  ]);
  const header = ['figure', 'median (min–max)', 'floor, same run', 'ratio', 'target', ''];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((width) => '─'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
  for (const figure of results.figures) if (figure.note) console.log(`· ${figure.label}: ${figure.note}`);
  console.log(`\n${results.durationSeconds.toFixed(0)} s in all`);
}

export function writeResults(path: string, results: Results): void {
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
