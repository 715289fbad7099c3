import { defineConfig } from 'vitest/config';

// The package check: runs electron-builder once (a few seconds), so it lives apart from the unit tests.
export default defineConfig({
  test: {
    name: 'package',
    environment: 'node',
    include: ['tests/package/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
