/**
 * A `lantern import` process killed in the middle of loading a big file leaves the store exactly as
 * it was: the earlier run and its rows, nothing of the killed one, and a store that still works.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles, listImportRuns } from '../../src/ingest/index.ts';
import { writeSyntheticBaci } from '../../src/sources/synthetic.ts';
import { openStore } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { cliProcessArgs } from '../cli.ts';
import { repoRoot } from '../shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('killed import', () => {
  it('leaves the store unchanged', async () => {
    const db = join(dir, 'store.duckdb');
    const small = join(repoRoot, 'test', 'fixtures', 'baci', 'BACI_HS17_Y2019_V202401.csv');
    const before = await openStore({ path: db });
    await importFiles(before, [small]);
    const snapshot = async (s: Awaited<ReturnType<typeof openStore>>) => ({
      runs: await s.query(sql`select id, file_name, rows_loaded from import_runs order by id`),
      flows: await s.query(sql`select count(*)::int n, sum(value_usd) v from trade_flows`),
      rejected: await s.query(sql`select count(*)::int n from rejected_rows`),
    });
    const expected = await snapshot(before);
    await before.close();

    const big = join(dir, 'BACI_HS17_V000000.csv');
    await writeSyntheticBaci({ path: big, rows: 600_000, seed: 7 });

    const child = spawn(process.execPath, cliProcessArgs('import', '--db', db, big), {
      env: { ...process.env, LANTERN_PROGRESS: 'ndjson' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let killedWhileLoading = false;
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        // The "loading" event comes inside the transaction, after the run row is written.
        if (!killedWhileLoading && /"label":"[^"]* loading"/.test(stderr)) {
          killedWhileLoading = true;
          setTimeout(() => child.kill('SIGKILL'), 150);
        }
      });
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
    expect(killedWhileLoading, `the import never reached loading: ${stderr.slice(0, 500)}`).toBe(true);
    expect(exit.signal, 'the import finished before it was killed: use a bigger file').toBe('SIGKILL');

    const after = await openStore({ path: db });
    expect(await snapshot(after)).toEqual(expected);
    expect((await listImportRuns(after)).length).toBe(1);
    // the store still takes imports
    const [s] = await importFiles(after, [
      join(repoRoot, 'test', 'fixtures', 'baci', 'BACI_HS17_V202401.zip'),
    ]);
    expect(s?.rowsLoaded).toBe(7);
    await after.close();
  });
});
