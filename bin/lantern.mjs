#!/usr/bin/env node
// The `lantern` command: runs the bundled CLI (dist/cli/, built by `npm run build`, which `npm ci` and
// `npm install` run through `prepare`). No TypeScript is transpiled at run time.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/run.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('lantern is not built: run `npm run build` (npm ci and npm install run it) in the lantern folder\n');
  process.exit(1);
}
// DuckDB's queries run on libuv's thread pool (4 threads by default): `lantern serve` reads on
// several connections at once (config readConnections), each needing a thread of its own.
process.env.UV_THREADPOOL_SIZE ??= '16';
await import(entry.href);
