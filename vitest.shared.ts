// Every package tests its TypeScript sources directly (the "source" export condition), so CI never
// waits for a build before running tests.
import type { ViteUserConfig } from 'vitest/config';

const conditions = ['source', 'module', 'node', 'import', 'default'];

export const sharedConfig: ViteUserConfig = {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 30_000,
  },
};
