import { defineConfig } from 'vitest/config';

// One vitest run, four projects: unit tests live beside the code in each workspace;
// tests/ holds what crosses boundaries (real server, real clients, real browser).

// Unit tests assert no timings, so the timeout only guards against a hang. 30 s (vitest's
// default is 5 s) because the seeded property tests run thousands of cases and took 10.7 s on
// a loaded 2-core machine; a real hang still fails the run.
const unitTimeout = { testTimeout: 30_000, hookTimeout: 30_000 };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: 'shared', include: ['src/**/*.test.ts'], ...unitTimeout } },
      { test: { name: 'server', root: 'server', include: ['src/**/*.test.ts'], ...unitTimeout } },
      {
        test: {
          name: 'client',
          root: 'client',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'node',
          ...unitTimeout,
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
