import { build } from 'esbuild';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENT_NAMES as CONTRACT_EVENTS } from '../../shared/ipc/contract';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../shared/ipc/names';

describe('preload', () => {
  it('knows exactly the contract’s channels and events', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort());
    expect([...EVENT_NAMES].sort()).toEqual([...CONTRACT_EVENTS].sort());
  });

  it('bundles without zod or the route schemas', async () => {
    const bundled = await build({
      entryPoints: [resolve(import.meta.dirname, 'index.ts')],
      bundle: true,
      write: false,
      minify: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
    });
    const code = bundled.outputFiles[0].text;
    expect(code).not.toMatch(/ZodError|safeParse/);
    expect(code).toContain('library.rows');
  });
});
