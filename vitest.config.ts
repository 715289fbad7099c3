import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const electronStub = { electron: resolve(root, 'tests/support/electron-stub.ts') };

// One project per process, so each runs in the environment it really has.
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'shared', environment: 'node', include: ['shared/**/*.test.ts'] },
      },
      {
        resolve: { alias: electronStub },
        test: {
          name: 'main',
          environment: 'node',
          include: ['electron/**/*.test.ts', 'tests/mock-dashscope/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tools/**/*.test.ts'],
          server: { deps: { inline: ['electron-store'] } },
          env: { TZ: 'UTC' },
        },
      },
      {
        test: { name: 'renderer', environment: 'jsdom', include: ['renderer/**/*.test.{ts,tsx}'] },
      },
    ],
  },
});
