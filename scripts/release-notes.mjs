/**
 * Writes resources/release-notes.md: the CHANGELOG.md section of package.json's version.
 * electron-builder puts that file into the latest*.yml update feeds as `releaseNotes` (and the
 * release workflow uses it as the release's text), so Timbre shows it when it offers the update.
 * Fails when the version has no section, so a release cannot go out without its notes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(import.meta.dirname, '..');

/** The body of `## [version]` (or `## version`) up to the next `## ` heading; null when there is none. */
export function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/);
  const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const start = lines.findIndex((line) => new RegExp(`^## \\[?${escaped}\\]?(\\s|$)`).test(line));
  if (start === -1) return null;
  const next = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  const body = lines.slice(start + 1, next === -1 ? undefined : next).join('\n').trim()
    // One line per paragraph or list item: the app shows the notes as text, not rendered Markdown.
    .replace(/\n(?!\n|#|[-*] )[ \t]*/g, ' ');
  return body === '' ? null : body;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const notes = changelogSection(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), version);
  if (!notes) {
    console.error(`CHANGELOG.md has no section "## [${version}]": write the release notes of ${version} first.`);
    process.exit(1);
  }
  writeFileSync(join(root, 'resources', 'release-notes.md'), `${notes}\n`);
  console.log(`release notes of ${version} written to resources/release-notes.md`);
}
