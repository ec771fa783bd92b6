/**
 * The Kaggle "Global Commodity Trade Statistics" file through the importer and the CLI: detection,
 * the staged load into trade_flows with provenance, bad input (nothing written, or recorded with
 * --skip-bad-rows). Fixture: test/fixtures/kaggle (hand-made rows, totals in its README).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { isLanternError } from '../../src/errors.ts';
import { detectFormat } from '../../src/ingest/detect.ts';
import { importFiles } from '../../src/ingest/import.ts';
import { sql } from '../../src/store/sql.ts';
import { repoRoot } from '../shared.ts';
import { memoryStore } from './ingest-helpers.ts';

const fixture = join(repoRoot, 'test', 'fixtures', 'kaggle', 'commodity_trade_statistics_data.csv');

function badFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lantern-kaggle-')), 'commodity_trade_statistics_data.csv');
  writeFileSync(
    path,
    [
      'country_or_area,year,comm_code,commodity,flow,trade_usd,weight_kg,quantity_name,quantity,category',
      'Atlantis,2016,970110,Paintings,Export,10,,No Quantity,,97_x',
      'China,2016,970110,Paintings,Export,ten,,No Quantity,,97_x',
      'Germany,2016,970110,Paintings,Import,99,,No Quantity,,97_x',
    ].join('\n'),
  );
  return path;
}

describe('Kaggle commodity trade statistics through the importer', () => {
  it('is detected by its header', async () => {
    expect((await detectFormat(fixture)).format).toBe('kaggle-commodity-csv');
  });

  it('loads every row with provenance; totals by flow as computed by hand', async () => {
    const store = await memoryStore();
    try {
      const [s] = await importFiles(store, [fixture], { now: () => new Date('2026-11-23T12:00:00Z') });
      expect(s).toMatchObject({ format: 'kaggle-commodity-csv', source: 'kaggle', status: 'imported', rowsLoaded: 8, rowsRejected: 0, yearMin: 1995, yearMax: 2016, reporters: 7 });
      // X = 6088 + 614200000 + 1500000 + 7; M = 300 + 1000000; RX = 2500000.5; RM = 42 (fixture README)
      expect(
        await store.query(sql`select flow, sum(value_usd)::double as usd from trade_flows where run_id = ${s?.runId ?? 0} group by flow order by flow`),
      ).toEqual([
        { flow: 'M', usd: 1000300 },
        { flow: 'RM', usd: 42 },
        { flow: 'RX', usd: 2500000.5 },
        { flow: 'X', usd: 615706095 },
      ]);
      expect(
        await store.query(sql`select distinct partner, partner_kind, classification from trade_flows where run_id = ${s?.runId ?? 0}`),
      ).toEqual([{ partner: 'WLD', partner_kind: 'world', classification: 'HS1992' }]);
      const [run] = await store.query<{ options: string; perspective: string }>(
        sql`select options, perspective from import_runs where id = ${s?.runId ?? 0}`,
      );
      expect(run?.perspective).toBe('reported');
      expect(JSON.parse(run?.options ?? '{}')).toMatchObject({ hs_edition: 'HS1992', hs_edition_note: expect.stringMatching(/assumed/) });
      // the same file again is a no-op
      const [again] = await importFiles(store, [fixture]);
      expect(again?.status).toBe('unchanged');
    } finally {
      await store.close();
    }
  });

  it('bad rows: one error naming file, line and field, nothing written; --skip-bad-rows records them', async () => {
    const store = await memoryStore();
    try {
      const path = badFile();
      const e = await importFiles(store, [path]).catch((x: unknown) => x);
      expect(isLanternError(e) && e.code).toBe('bad-rows');
      expect(isLanternError(e) && e.toString()).toMatch(/commodity_trade_statistics_data\.csv:2 column country_or_area: unknown country or area name .*found "Atlantis"/);
      expect(isLanternError(e) && e.toString()).toMatch(/commodity_trade_statistics_data\.csv:3 column trade_usd: trade value is not a number .*found "ten"/);
      expect(await store.query(sql`select count(*)::int as n from trade_flows`)).toEqual([{ n: 0 }]);
      const [s] = await importFiles(store, [path], { skipBadRows: true });
      expect(s).toMatchObject({ rowsLoaded: 1, rowsRejected: 2 });
      expect(
        await store.query(sql`select line::int as line, field from rejected_rows where run_id = ${s?.runId ?? 0} order by line`),
      ).toEqual([
        { line: 2, field: 'country_or_area' },
        { line: 3, field: 'trade_usd' },
      ]);
    } finally {
      await store.close();
    }
  });

  it('runs as `lantern import FILE` and `--format kaggle`', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'lantern-kaggle-cli-')), 'store.duckdb');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['import', '--db', db, '--format', 'kaggle', fixture], {
      stdout: (s) => out.push(s),
      stderr: (s) => err.push(s),
      env: {},
      cwd: repoRoot,
      now: () => new Date('2026-11-23T12:00:00Z'),
    });
    expect(code).toBe(0);
    expect(out.join('')).toMatch(/8 rows, 1995–2016/);
  });
});
