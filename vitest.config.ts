import { defineConfig } from 'vitest/config';

// Native DuckDB bindings are not thread-safe across worker threads: run test files in forks.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
