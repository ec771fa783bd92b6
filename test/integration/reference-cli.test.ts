/** The reference-data verbs through the CLI (`runCli` with captured effects, a store file in a temp folder). */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-refcli-'));
const db = join(dir, 'store.duckdb');

const cli = (...args: string[]) => captureCli([...args, '--db', db], { cwd: dir });

describe('reference CLI', () => {
  it('lists the bundled basket on a new store', async () => {
    const r = await cli('baskets', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as { id: string; codes: number; hsEdition: string; framework: string }[];
    expect(rows.find((b) => b.id === 'unesco-fcs-2009')).toMatchObject({
      codes: 211,
      hsEdition: 'HS2007',
      framework: 'UNESCO FCS 2009',
    });
  });

  it('resolves the bundled basket to every edition on a new store, with names, and no other step', async () => {
    for (const edition of ['HS1992', 'HS1996', 'HS2002', 'HS2012', 'HS2017', 'HS2022']) {
      const r = await cli('basket', 'show', 'unesco-fcs-2009:books', '--edition', edition, '--format', 'json');
      expect(r.code, `${edition}: ${r.err}`).toBe(0);
      const rows = (JSON.parse(r.out) as { codes: { code: string; description: string | null }[] }).codes;
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.every((x) => /^\d{6}$/.test(x.code) && !!x.description)).toBe(true);
    }
    const books = (JSON.parse(
      (await cli('basket', 'show', 'unesco-fcs-2009:books', '--edition', 'HS2022', '--format', 'json')).out,
    ) as { codes: { code: string; description: string }[] }).codes;
    expect(books.find((b) => b.code === '490199')?.description).toMatch(/books/i);
    const status = JSON.parse((await cli('reference', '--format', 'json')).out) as { subject: string }[];
    expect(status.filter((s) => s.subject.includes('>'))).toHaveLength(21);
    expect(status.filter((s) => /^HS\d{4}$/.test(s.subject))).toHaveLength(7);
  });

  it('adds a basket and shows it; bad input gets every problem with its line', async () => {
    writeFileSync(join(dir, 'bad.csv'), 'code,domain\n950510,festive\n9505100,festive\n950510,festive\n');
    const bad = await cli('basket', 'add', 'festive', '--file', 'bad.csv', '--edition', 'HS2017');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/error \[bad-rows\]: Basket "festive" was not added: 2 problems/);
    expect(bad.err).toMatch(/bad\.csv:3 column code: an HS code has 6 digits/);
    expect(bad.err).toMatch(/bad\.csv:4 column code: duplicate code 950510 \(already on line 2\)/);

    const edition = await cli('basket', 'add', 'festive', '--codes', '950510', '--edition', 'HS2019');
    expect(edition.code).toBe(1);
    expect(edition.err).toMatch(/Unknown HS edition "HS2019"/);

    const ok = await cli(
      'basket',
      'add',
      'festive',
      '--codes',
      '950510,9505.90',
      '--edition',
      'HS2017',
      '--domain',
      'festive goods',
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/added basket festive \(version 1\): 2 codes in HS2017/);
    // the bundled HS2017 nomenclature checks the codes (9505.90 is read as 950590)
    expect(ok.out).not.toMatch(/codes were not checked/);

    const dup = await cli('basket', 'add', 'festive', '--codes', '950510', '--edition', 'HS2017');
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/already exists \(version 1\).*--replace/);

    const show = await cli('basket', 'show', 'festive', '--format', 'csv');
    expect(show.code).toBe(0);
    expect(show.out.trim().split('\n')).toEqual([
      'status,code,description,domain,domain_code,core_or_related,from,mapping,note',
      'resolved,950510,Christmas festivity articles,festive-goods,,core,950510,identity,',
      'resolved,950590,"Festive, carnival or other entertainment articles including novelty jokes and conjuring tricks; other than Christmas festivity articles",festive-goods,,core,950590,identity,',
    ]);
  });

  it('loads reference data from a folder, then resolves across editions', async () => {
    const ref = join(dir, 'ref');
    mkdirSync(join(ref, 'hs_concordance', 'correlation'), { recursive: true });
    writeFileSync(
      join(ref, 'hs_concordance', 'hs_nomenclature_by_edition.csv'),
      'edition,code,level,description\nHS2017,950510,6,Christmas articles\nHS2017,950590,6,Festive n.e.c.\nHS2022,950510,6,Christmas articles\nHS2022,950591,6,Festive A\nHS2022,950592,6,Festive B\n',
    );
    writeFileSync(
      join(ref, 'hs_concordance', 'correlation', 'hs2017_to_hs2022.csv'),
      'from_edition,from_code,to_edition,to_code,relationship\nHS2017,950510,HS2022,950510,1:1\nHS2017,950590,HS2022,950591,1:n\nHS2017,950590,HS2022,950592,1:n\n',
    );
    const none = await cli('reference', 'load');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/set LANTERN_SHARED_DATA/);
    const load = await cli('reference', 'load', 'ref');
    expect(load.code).toBe(0);
    expect(load.out).toMatch(
      /loaded 2 nomenclature edition\(s\) and 1 correlation table\(s\); 2 basket\(s\) re-resolved/,
    );
    const status = JSON.parse((await cli('reference', '--format', 'json')).out) as {
      subject: string;
      rows: number;
    }[];
    // the user's files replace the bundled tables they cover; the other bundled tables stay
    const mine = ['HS2017>HS2022', 'HS2017', 'HS2022'];
    expect(status.filter((s) => mine.includes(s.subject)).map((s) => [s.subject, s.rows])).toEqual([
      ['HS2017>HS2022', 3],
      ['HS2017', 2],
      ['HS2022', 3],
    ]);
    expect(status).toHaveLength(28);
    const show = await cli('basket', 'show', 'festive', '--edition', 'HS2022', '--format', 'json');
    expect(show.code).toBe(0);
    const rows = (JSON.parse(show.out) as {
      codes: { code: string; description: string; mapping: string; from: string }[];
    }).codes;
    expect(rows.map((r) => [r.code, r.description, r.mapping, r.from])).toEqual([
      ['950510', 'Christmas articles', '1:1', '950510'],
      ['950591', 'Festive A', '1:n', '950590'],
      ['950592', 'Festive B', '1:n', '950590'],
    ]);
    expect(show.err).toMatch(/festive v1 \(user, HS2017\) → HS2022 via HS2017>HS2022: 3 codes/);
    const bySource = JSON.parse(
      (await cli('basket', 'show', 'festive', '--edition', 'HS2022', '--by-source', '--format', 'json')).out,
    );
    expect(bySource).toEqual([
      {
        code: '950510',
        description: 'Christmas articles',
        domain: 'festive-goods',
        core_or_related: 'core',
        in_edition: true,
        mapping: '1:1',
        targets: '950510',
        residual: '',
      },
      {
        code: '950590',
        description: 'Festive n.e.c.',
        domain: 'festive-goods',
        core_or_related: 'core',
        in_edition: false,
        mapping: '1:n',
        targets: '950591,950592',
        residual: '',
      },
    ]);
    // a user's own correlation table in the UNSD layout (newer edition first, UNSD's newer:older labels)
    writeFileSync(
      join(dir, 'my_table.csv'),
      'HS 2022,HS 2017,Relationship\n950510,950510,1:1\n950591,950590,1:1\n',
    );
    const own = await cli('reference', 'load', 'my_table.csv');
    expect(own.out).toMatch(/hs-correlation\s+HS2017>HS2022\s+2 rows\s+my_table\.csv/);
    const after = JSON.parse(
      (await cli('basket', 'show', 'festive', '--edition', 'HS2022', '--format', 'json')).out,
    ).codes;
    expect(after.map((r: { code: string; mapping: string }) => `${r.code} ${r.mapping}`)).toEqual([
      '950510 1:1',
      '950591 1:1',
    ]);
    const products = JSON.parse(
      (await cli('reference', 'products', '--edition', 'hs22', '--code', '9505', '--format', 'json')).out,
    );
    expect(products.map((p: { code: string }) => p.code)).toEqual(['950510', '950591', '950592']);
  });

  it('lists official figures and draws lines with a break at each change of scope', async () => {
    const r = await cli('official', '--scope', 'cultural_products', '--year', '2019', '--format', 'json');
    const rows = JSON.parse(r.out) as { scope: string; value_usd: number; source_url: string }[];
    expect(rows).toHaveLength(4);
    expect(rows.every((x) => x.scope === 'cultural_products' && x.source_url.startsWith('http'))).toBe(true);
    const lines = await cli(
      'official',
      '--indicator',
      'turnover',
      '--flow',
      'total',
      '--lines',
      '--format',
      'json',
    );
    expect(lines.code).toBe(0);
    const pts = JSON.parse(lines.out) as { segment: number; break: string; scope: string; year: number }[];
    // a segment never mixes scopes, and each new segment of another scope is flagged
    const bySeg = new Map<number, Set<string>>();
    for (const p of pts) bySeg.set(p.segment, (bySeg.get(p.segment) ?? new Set()).add(p.scope));
    expect([...bySeg.values()].every((s) => s.size === 1)).toBe(true);
    const firsts = pts.filter((p, i) => i === 0 || pts[i - 1]?.segment !== p.segment);
    firsts.forEach((p, i) => {
      const prev = firsts[i - 1];
      if (prev && prev.scope !== p.scope) expect(p.break).toBe('break (scope)');
    });
    writeFileSync(
      join(dir, 'kor.csv'),
      'year,scope,indicator,flow,value,unit,source_url\n2021,cultural_goods,value,export,12.5,billion_usd,https://example.org/kor\n2021,cultural_goods,value,exprt,1,billion_usd,https://example.org/kor\n',
    );
    const badLoad = await cli('official', 'load', 'kor.csv', '--country', 'kor');
    expect(badLoad.code).toBe(1);
    expect(badLoad.err).toMatch(/kor\.csv:3 column flow/);
    writeFileSync(
      join(dir, 'kor.csv'),
      'year,scope,indicator,flow,value,unit,source_url\n2021,cultural_goods,value,export,12.5,billion_usd,https://example.org/kor\n',
    );
    expect((await cli('official', 'load', 'kor.csv', '--country', 'kor')).out).toBe(
      'loaded 1 official figure(s) from kor.csv\n',
    );
    const kor = JSON.parse((await cli('official', '--country', 'KOR', '--scope', 'cultural_goods', '--format', 'json')).out);
    expect(kor).toMatchObject([
      { country: 'KOR', year: 2021, value_usd: 12.5e9, source_url: 'https://example.org/kor' },
    ]);
    const mixed = await cli('official', '--lines');
    expect(mixed.code).toBe(1);
    expect(mixed.err).toMatch(/scope-mismatch/);
  });

  it('removes a user basket but not a bundled one', async () => {
    expect((await cli('basket', 'remove', 'unesco-fcs-2009')).code).toBe(1);
    expect((await cli('basket', 'remove', 'festive')).out).toMatch(/removed basket festive/);
    const r = await cli('basket', 'show', 'festive');
    expect(r.err).toMatch(/unknown-basket.*expected (.* \| )?unesco-fcs-2009/s);
  });
});
