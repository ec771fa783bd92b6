// The reference process of bench/cold.ts: a new Node process that opens the store file read-only
// with DuckDB's own client and runs hand-written SQL (bench/hand-sql.ts), as a user with DuckDB
// alone would. Plain JavaScript, so no transpiler is timed. Usage: node cold-hand.mjs DB JOB.json
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [db, jobFile] = process.argv.slice(2);
const job = JSON.parse(readFileSync(jobFile, 'utf8'));
const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
// The same optimizer switch as Lantern's connections (a DuckDB bug gives wrong per-side joins without it).
await connection.run("set disabled_optimizers = 'common_subplan'");
let rows = 0;
for (const statement of job.statements) {
  // DuckDB numbers a statement's parameters by the ones it uses: renumber $n in order of first use.
  const order = [];
  const text = statement.replace(/\$(\d+)/g, (_, n) => {
    if (!order.includes(n)) order.push(n);
    return `$${order.indexOf(n) + 1}`;
  });
  const reader = await connection.runAndReadAll(text, order.map((n) => job.params[Number(n) - 1]));
  rows += reader.getRowObjectsJS().length;
}
process.stdout.write(`${rows}\n`);
connection.closeSync();
instance.closeSync();
