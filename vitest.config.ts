import { defineConfig } from 'vitest/config';

// Native DuckDB bindings are not thread-safe across worker threads: run test files in forks.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Two files at once: Vitest's default on two cores is one (cores − 1), and most of the suite's
    // time is spent waiting on other processes (the built CLI, ClickHouse servers, Chromium).
    maxWorkers: 2,
    // Generous limits: they catch a hang, not slowness. On a machine loaded ten times over (seen:
    // load 20 on 2 cores) single tests took over a minute; no test may fail because the machine is busy.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    reporters: ['default'],
  },
});
