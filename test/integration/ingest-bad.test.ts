/**
 * The bad-input set (test/fixtures/bad/README.md): each file gives its expected error, names the
 * file, line and column, and leaves the store as it was.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatError, LanternError } from '../../src/errors.ts';
import { importFiles, listImportRuns } from '../../src/ingest/index.ts';
import type { Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { formats } from '../../src/sources/index.ts';
import { hasShared, repoRoot, sharedPath } from '../shared.ts';
import { memoryStore } from './ingest-helpers.ts';

const bad = (f: string) => join(repoRoot, 'test', 'fixtures', 'bad', f);

let store: Store;
beforeEach(async () => {
  store = await memoryStore();
});
afterEach(async () => store.close());

async function failure(file: string, opts = {}): Promise<LanternError> {
  try {
    await importFiles(store, [bad(file)], opts);
  } catch (e) {
    expect(e).toBeInstanceOf(LanternError);
    // nothing written
    expect(await store.query(sql`select count(*)::int n from trade_flows`)).toEqual([{ n: 0 }]);
    expect(await listImportRuns(store)).toEqual([]);
    return e as LanternError;
  }
  throw new Error(`${file} imported without an error`);
}

describe('bad input', () => {
  it('wrong header: unknown format, with the header shown and --format suggested', async () => {
    const e = await failure('wrong_header.csv');
    expect(e.code).toBe('unknown-format');
    expect(e.problems[0]).toMatchObject({ file: 'wrong_header.csv', line: 1, found: 'country,year,value' });
    expect(formatError(e)).toContain('pass --format');
  });

  it('wrong header: every layout detection reads is listed (the Atlas’s too), and each format’s name', async () => {
    const e = await failure('wrong_header.csv');
    for (const f of formats.filter((x) => !x.zip)) {
      expect(e.problems[0]!.expected).toContain(f.layout);
      expect(e.problems[0]!.hint).toContain(f.aliases[0]);
    }
    expect(e.problems[0]!.expected).toMatch(/Atlas header \(location_code/);
  });

  it.skipIf(!hasShared('data', 'china_official', 'china_cultural_trade_official.csv'))(
    'a file of official figures given to import (shared/data/china_official): named as such, with the command that loads it',
    async () => {
      {
        const e = await importFiles(store, [sharedPath('data', 'china_official', 'china_cultural_trade_official.csv')]).then(
          () => null,
          (x: unknown) => x as LanternError,
        );
        expect(e?.code).toBe('unknown-format');
        expect(e?.message).toMatch(/looks like official published figures, not trade data/);
        expect(e?.problems[0]!.hint).toMatch(/lantern official load FILE --country ISO3/);
        expect(await store.query(sql`select count(*)::int n from trade_flows`)).toEqual([{ n: 0 }]);
      }
    },
  );

  it('wrong header for the format asked: missing BACI columns', async () => {
    const e = await failure('wrong_header.csv', { format: 'baci', hsEdition: 'HS17' });
    expect(e.code).toBe('csv-missing-column');
    expect(e.message).toContain('t, i, j, k, v, q');
  });

  it('missing columns: all of them named at once', async () => {
    const e = await failure('missing_columns.csv');
    expect(e.code).toBe('csv-missing-column');
    expect(e.problems.map((p) => p.column)).toEqual(['product', 'value']);
    expect(e.problems[0]?.expected).toContain('cmdCode');
    expect(e.problems[1]?.expected).toContain('primaryValue');
  });

  it('truncated gzip: bad-file telling to download again', async () => {
    const e = await failure('truncated.csv.gz');
    expect(e.code).toBe('bad-file');
    expect(e.problems[0]?.message).toContain('truncated');
    expect(e.problems[0]?.hint).toContain('download the file again');
  });

  it('Latin-1 bytes: refused where the file stops being UTF-8 (line, byte offset, the bytes), nothing stored', async () => {
    const raw = readFileSync(bad('TradeData_latin1.csv'));
    const at = raw.findIndex((b) => b >= 0x80); // the first non-ASCII byte, found here from the file itself
    const line = raw.subarray(0, at).toString('latin1').split('\n').length;
    const e = await failure('TradeData_latin1.csv');
    expect(e.code).toBe('bad-file');
    expect(e.problems[0]).toMatchObject({
      file: 'TradeData_latin1.csv',
      line,
      message: `not UTF-8 at byte ${at.toLocaleString('en-US')}`,
      expected: 'UTF-8 text',
      found: expect.stringContaining(`0x${raw[at]?.toString(16).toUpperCase()}`),
      hint: expect.stringContaining('--encoding latin1'),
    });
    const [n] = await store.query<{ n: number }>(sql`select count(*)::int as n from import_runs`);
    expect(n?.n).toBe(0);
  });

  it('Latin-1 named with --encoding latin1: decoded, names intact, the encoding recorded with the run', async () => {
    const [s] = await importFiles(store, [bad('TradeData_latin1.csv')], { encoding: 'latin1' });
    expect(s?.rowsLoaded).toBe(2);
    const rows = await store.query(
      sql`select reporter, partner, partner_kind, value_usd from trade_flows order by value_usd`,
    );
    expect(rows).toEqual([
      { reporter: 'CIV', partner: 'FRA', partner_kind: 'country', value_usd: 1500 },
      { reporter: 'CIV', partner: 'WLD', partner_kind: 'world', value_usd: 2500 },
    ]);
    const [run] = await listImportRuns(store);
    expect(run?.options).toEqual({ encoding: 'latin1' });
  });

  it('non-numeric values: every bad row with line, column, expected and found', async () => {
    const e = await failure('non_numeric.csv');
    expect(e.code).toBe('bad-rows');
    expect(e.message).toContain('2 rows cannot be imported');
    expect(e.message).toContain('--skip-bad-rows');
    expect(e.problems).toEqual([
      expect.objectContaining({ file: 'non_numeric.csv', line: 2, column: 'primaryValue', found: '12.5k' }),
      expect.objectContaining({ file: 'non_numeric.csv', line: 3, column: 'refYear', found: '20x1' }),
    ]);
  });

  it('unknown codes: named, with where to look', async () => {
    const e = await failure('unknown_codes.csv');
    expect(e.problems).toEqual([
      expect.objectContaining({
        line: 2,
        column: 'reporterCode',
        found: '999',
        message: 'unknown reporter code',
      }),
      expect.objectContaining({
        line: 3,
        column: 'partnerCode',
        found: '1234',
        message: 'unknown partner code',
      }),
    ]);
    expect(e.problems[0]?.hint).toContain('lantern countries');
  });

  it('BACI: bad rows found by line after the fast path fails', async () => {
    const e = await failure('BACI_HS17_Y2019_V202401.csv');
    expect(e.code).toBe('bad-rows');
    expect(e.problems.map((p) => [p.line, p.column, p.found])).toEqual([
      [3, 'j', '999'],
      [4, 'k', '97011x'],
      [5, 'v', 'abc'],
      [6, 'q', 'heavy'],
    ]);
  });

  it('many problems: first 20 shown and a count of the rest', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'lantern-many-'));
    const f = join(dir, 'BACI_HS17_Y2019_V202401.csv');
    const lines = ['t,i,j,k,v,q'];
    for (let n = 0; n < 25; n++) lines.push(`2019,156,${900 + n},970110,1,`); // 900–924: none is a BACI code
    writeFileSync(f, `${lines.join('\n')}\n`);
    try {
      await importFiles(store, [f]);
      expect.unreachable();
    } catch (e) {
      const text = formatError(e as LanternError);
      expect(text).toContain('25 rows cannot be imported');
      expect(text.split('\n').filter((l) => l.startsWith('  - ')).length).toBe(20);
      expect(text).toContain('… and 5 more');
    }
  });

  it('a missing file', async () => {
    await expect(importFiles(store, [bad('nope.csv')])).rejects.toMatchObject({ code: 'not-found' });
  });
});
