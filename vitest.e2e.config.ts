import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

// Browser end-to-end tests: one worker and no isolation, so every file shares one Chromium.
export default defineConfig({
  resolve: { alias: { electron: resolve(root, 'tests/support/electron-stub.ts') } },
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    maxWorkers: 1,
    isolate: false,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    server: { deps: { inline: ['electron-store'] } },
    env: { TZ: 'UTC' },
  },
});
