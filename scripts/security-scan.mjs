#!/usr/bin/env node
// Runs Electronegativity over the Electron code and the renderer page. Every finding above
// INFORMATIONAL must be explained by a comment "electronegativity: <CHECK_ID> — why" on the
// line of the finding or in the four lines above it; any other finding fails the run.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'timbre-scan-'));
cpSync(join(root, 'electron'), join(work, 'src/electron'), { recursive: true, filter: (path) => !path.endsWith('.test.ts') });
cpSync(join(root, 'renderer/index.html'), join(work, 'src/renderer/index.html'));

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
// Its programmatic API (the package's main): it returns the findings and every file it could not
// read, where the command line writes only the findings to a CSV and drops the errors.
const electronegativity = createRequire(import.meta.url)('@doyensec/electronegativity');
const scan = () =>
  electronegativity({ input: join(work, 'src'), isRelative: true, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: [], parserPlugins: [] }, false);

// The code has findings it explains (the CSP hook, the preload, openExternal), so an empty report
// means the scan did not read the code. Seen on fresh CI machines (every attempt of one run, never
// when run again by hand): up to four scans, then the errors of the last one are shown.
const ATTEMPTS = 4;
let report = { issues: [], errors: [] };
for (let attempt = 1; attempt <= ATTEMPTS && report.issues.length === 0; attempt++) report = await scan();
rmSync(work, { recursive: true, force: true });
if (report.issues.length === 0) {
  console.error(`electronegativity reported nothing: the scan did not read the code (${report.atomicChecks} checks loaded).`);
  for (const error of report.errors) console.error(`  ${error.file}: ${error.message}`);
  process.exit(1);
}
const findings = report.issues.map((issue) => ({ check: issue.id, severity: issue.severity.name, file: issue.file, location: `${issue.location.line}:${issue.location.column}` }));

const unexplained = [];
for (const finding of findings) {
  if (finding.severity === 'INFORMATIONAL') continue;
  const lines = readFileSync(join(root, finding.file), 'utf8').split('\n');
  const line = Number(finding.location.split(':')[0]) || 1;
  const nearby = lines.slice(Math.max(0, line - 5), line).join('\n');
  const explained = nearby.includes(`electronegativity: ${finding.check}`);
  console.log(`${explained ? 'explained ' : 'UNEXPLAINED'} ${finding.severity.padEnd(6)} ${finding.check} ${finding.file}:${finding.location}`);
  if (!explained) unexplained.push(finding);
}
console.log(`electronegativity: ${findings.length} findings, ${unexplained.length} unexplained`);
process.exit(unexplained.length ? 1 : 0);
