/**
 * The event study on centre openings with the dated rows of data/registry/institutions.csv, on a
 * hand-made trade file, checked by hand.
 *
 * Moscow's China Cultural Center opened on 2012-12-05 (source in the row's note). CHN's exports of
 * 970110 (thousand US$): to RUS 100, 100 | 150 | 200, 200 and to USA 100 every year, 2010–2014. With a
 * window of 2 years the Moscow event compares 2013–14 with 2010–11: ln(200/100) − ln(100/100) = ln 2.
 * The other openings in reach (Bangkok, Madrid, 2012) have no exports to their host, so they are
 * skipped with the reason; Sydney (2014) is outside the data years. Undated centres are listed as such.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';

describe('event study on centre openings (bundled registry dates)', () => {
  it('estimates ln 2 from the Moscow opening, as computed by hand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-centres-'));
    const db = join(dir, 's.duckdb');
    const rows = [
      [2010, 100, 100],
      [2011, 100, 100],
      [2012, 150, 100],
      [2013, 200, 100],
      [2014, 200, 100],
    ].flatMap(([y, rus, usa]) => [`${y},156,643,970110,${rus},1`, `${y},156,842,970110,${usa},1`]);
    writeFileSync(join(dir, 'BACI_HS07_Y2010_V202401.csv'), `t,i,j,k,v,q\n${rows.join('\n')}\n`);
    const imp = await captureCli(['import', join(dir, 'BACI_HS07_Y2010_V202401.csv'), '--db', db], { cwd: dir });
    expect(imp.code, imp.err).toBe(0);
    const r = await captureCli(
      ['registry', 'effect', '--event-kind', 'centre-opening', '--exporter', 'CHN', '--basket', 'unesco-fcs-2009', '--window', '2', '--db', db, '--format', 'json'],
      { cwd: dir },
    );
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as {
      estimate: number;
      events_used: number;
      events: { id: string; used: boolean; year: number; did?: number; skipped?: string }[];
      events_undated: { id: string }[];
    } | null;
    if (!out) throw new Error('no result');
    expect(out.events_used).toBe(1);
    expect(out.estimate).toBeCloseTo(Math.log(2), 12);
    const moscow = out.events.find((e) => e.id === 'cultural-centre-rus-moscow');
    expect(moscow).toMatchObject({ used: true, year: 2012 });
    expect(moscow?.did).toBeCloseTo(Math.log(2), 12);
    expect(out.events.find((e) => e.id === 'cultural-centre-tha-bangkok')?.skipped).toContain('no exports to THA');
    // centres whose opening date was not found stay undated (listed, never guessed)
    expect(out.events_undated.map((e) => e.id)).toContain('cultural-centre-mng-ulaanbaatar');
    expect(out.events_undated.map((e) => e.id)).not.toContain('cultural-centre-rus-moscow');
  });
});
