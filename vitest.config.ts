import { defineConfig } from 'vitest/config';

// One vitest run, four projects: unit tests live beside the code in each workspace;
// tests/ holds what crosses boundaries (real server, real clients, real browser).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: 'shared', include: ['src/**/*.test.ts'] } },
      { test: { name: 'server', root: 'server', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'client',
          root: 'client',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'tests',
          root: 'tests',
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**', 'artifacts/**'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
