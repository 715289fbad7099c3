import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changelogSection } from '../../../scripts/release-notes.mjs';

const root = resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('what a release carries for the updater', () => {
  it('publishes the installers and their latest*.yml feeds to GitHub Releases', () => {
    const config = load(read('electron-builder.yml')) as { publish: Array<{ provider: string }> };
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'github' })]);
  });

  it('has release notes in CHANGELOG.md for the version in package.json', () => {
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(changelogSection(read('CHANGELOG.md'), version)).toMatch(/\S/);
  });

  it('takes exactly one version’s section, one line per item', () => {
    const changelog = '# Changelog\n\n## [Unreleased]\n- next\n\n## [1.2.0] - 2026-12-01\n### Added\n- Updates that keep\n  Timbre current.\n\n## [1.1.0] - 2026-11-01\n- older\n';
    expect(changelogSection(changelog, '1.2.0')).toBe('### Added\n- Updates that keep Timbre current.');
    expect(changelogSection(changelog, '1.1.0')).toBe('- older');
    expect(changelogSection(changelog, '1.2')).toBeNull();
    expect(changelogSection(changelog, '2.0.0')).toBeNull();
  });
});
