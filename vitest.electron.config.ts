import { defineConfig } from 'vitest/config';

// The real-Electron smoke test (npm run test:electron): one app at a time, real timers.
export default defineConfig({
  test: {
    name: 'electron',
    environment: 'node',
    include: ['tests/electron/**/*.electron.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
