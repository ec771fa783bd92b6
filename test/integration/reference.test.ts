/**
 * Reference data against the real files in ../shared/data: the HS nomenclature of every edition,
 * the UNSD correlation tables, the bundled UNESCO FCS 2009 basket resolved to HS2022, and the
 * bundled official series. Expected figures are computed here from the shared files themselves
 * (independently of Lantern's loader) or taken from their SOURCE.md.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOfficialSeries, officialLines } from '../../src/queries/official.ts';
import { resolveBasket } from '../../src/reference/baskets.ts';
import { ensureBundledBaskets } from '../../src/reference/bundled-baskets.ts';
import { loadReferenceFiles, readReferencePath } from '../../src/reference/hs-load.ts';
import { ensureBundledOfficialSeries } from '../../src/reference/official-series.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { hasShared, sharedPath } from '../shared.ts';

const csv = (path: string) =>
  parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];

describe.skipIf(!hasShared('data/hs_concordance') || !hasShared('data/cultural_classifications'))(
  'reference data from ../shared',
  () => {
    let store: Store;
    beforeAll(async () => {
      store = await openStore();
      await ensureBundledBaskets(store);
      await ensureBundledOfficialSeries(store);
      await loadReferenceFiles(store, readReferencePath(sharedPath('data')));
    });
    afterAll(async () => {
      await store?.close();
    });

    it('loads the nomenclature of every edition (6-digit counts as in hs_concordance/SOURCE.md)', async () => {
      const rows = await store.query<{ edition: string; n6: number; n: number }>(
        sql`select edition, count(*) filter (where level = 6) as n6, count(*) as n from hs_products group by edition order by edition`,
      );
      // SOURCE.md: HS1992 5041, HS1996 5134, HS2002 5226, HS2007 5053, HS2012 5206, HS2017 5388, HS2022 5613
      // (including 999999). HS2022 is taken from classifications/hs2022_nomenclature.csv (it wins over the
      // HS2022 rows of the all-editions file); its own 6-digit count is computed here from the file.
      const hs2022 = csv(sharedPath('data/classifications/hs2022_nomenclature.csv')).filter(
        (r) => r.level === '6',
      ).length;
      expect(hs2022).toBe(5613);
      expect(Object.fromEntries(rows.map((r) => [r.edition, r.n6]))).toEqual({
        HS1992: 5041,
        HS1996: 5134,
        HS2002: 5226,
        HS2007: 5053,
        HS2012: 5206,
        HS2017: 5388,
        HS2022: hs2022,
      });
      const byEdition = csv(sharedPath('data/hs_concordance/hs_nomenclature_by_edition.csv'));
      const hs2017All = byEdition.filter((r) => r.edition === 'HS2017' && r.code !== 'TOTAL').length;
      expect(rows.find((r) => r.edition === 'HS2017')?.n).toBe(hs2017All);
    });

    it('loads every correlation table with its row count', async () => {
      const rows = await store.query<{ pair: string; n: number }>(
        sql`select from_edition || '>' || to_edition as pair, count(*) as n from hs_correlations group by 1 order by 1`,
      );
      expect(rows).toHaveLength(21);
      // SOURCE.md table: hs2007_to_hs2022 16635 rows, hs2017_to_hs2022 15657, hs2007_to_hs2012 5364
      const n = Object.fromEntries(rows.map((r) => [r.pair, r.n]));
      expect(n['HS2007>HS2022']).toBe(16635);
      expect(n['HS2017>HS2022']).toBe(15657);
      expect(n['HS2007>HS2012']).toBe(5364);
      // the two 'n/a' rows of hs1992_to_hs2012 are kept with no to_code
      expect(
        await store.query(sql`select from_code from hs_correlations where to_code is null order by 1`),
      ).toEqual([{ from_code: '291639' }, { from_code: '380999' }]);
    });

    it('ships the FCS 2009 basket: 165 codes as printed, 211 after expanding the six headings', async () => {
      const printed = csv(sharedPath('data/cultural_classifications/unesco_fcs2009_hs2007.csv'));
      const count = (rows: Record<string, string>[], key: string) =>
        Object.fromEntries(
          [...new Set(rows.map((r) => r[key] as string))]
            .sort()
            .map((k) => [k, rows.filter((r) => r[key] === k).length]),
        );
      expect(count(printed, 'core_or_related')).toEqual({
        core: 85,
        equipment_supporting_cultural: 56,
        equipment_supporting_related: 24,
      });
      const stored = await store.query<{ core_or_related: string; n: number }>(
        sql`select core_or_related, count(*) as n from basket_codes where basket_id = 'unesco-fcs-2009' group by 1 order by 1`,
      );
      // expansion: 3702 → 18 subheadings - 370210 = 17; 3703 → 3; 9006 → 11 - 900630 = 10; 8527 → 8; 8528 → 9; 9007 → 5
      // = 52 codes for 6 headings: equipment_supporting_cultural 56 - 6 + 52 = 102; total 165 - 6 + 52 = 211
      expect(stored).toEqual([
        { core_or_related: 'core', n: 85 },
        { core_or_related: 'equipment_supporting_cultural', n: 102 },
        { core_or_related: 'equipment_supporting_related', n: 24 },
      ]);
      // the expansion, checked against the HS2007 nomenclature: every subheading of the headings except the footnoted ones
      const hs2007 = csv(sharedPath('data/hs_concordance/hs_nomenclature_by_edition.csv')).filter(
        (r) => r.edition === 'HS2007' && r.level === '6',
      );
      const expected = ['3702', '3703', '9006', '8527', '8528', '9007']
        .flatMap((h) => hs2007.filter((r) => (r.code as string).startsWith(h)).map((r) => r.code as string))
        .filter((c) => c !== '370210' && c !== '900630')
        .sort();
      const expanded = await store.query<{ code: string }>(
        sql`select code from basket_codes where basket_id = 'unesco-fcs-2009' and source_note like 'EXPANDED%' order by code`,
      );
      expect(expanded.map((r) => r.code)).toEqual(expected);
      // every printed 6-digit code is there, the corrected ones with their note
      const codes = new Set(
        (
          await store.query<{ code: string }>(
            sql`select code from basket_codes where basket_id = 'unesco-fcs-2009'`,
          )
        ).map((r) => r.code),
      );
      expect(
        printed.filter((r) => (r.hs_code as string).length === 6 && !codes.has(r.hs_code as string)),
      ).toEqual([]);
      const corrected = await store.query(
        sql`select code from basket_codes where basket_id = 'unesco-fcs-2009' and source_note like '%CORRECTED%' order by code`,
      );
      expect(corrected).toEqual([{ code: '844316' }, { code: '844317' }]);
    });

    it('resolves FCS 2009 to HS2022: the 22 printed codes that no longer exist are each mapped, and none is dropped', async () => {
      const r = await resolveBasket(store, 'unesco-fcs-2009', 'HS2022');
      const hs2022 = new Set(
        csv(sharedPath('data/hs_concordance/hs_nomenclature_by_edition.csv'))
          .filter((x) => x.edition === 'HS2022')
          .map((x) => x.code as string),
      );
      const printed = new Set(
        csv(sharedPath('data/cultural_classifications/unesco_fcs2009_hs2007.csv')).map(
          (x) => x.hs_code as string,
        ),
      );
      const gone = r.bySource.filter((s) => !s.existsInTarget && printed.has(s.sourceCode));
      // SOURCE.md lists them: 13 core + 9 equipment
      const listed = [
        '970500',
        '970600',
        '970110',
        '970190',
        '970200',
        '970300',
        '442010',
        '370510',
        '370590',
        '490591',
        '490510',
        '490599',
        '950410',
        '852580',
        '900810',
        '900820',
        '900830',
        '900840',
        '890310',
        '890391',
        '890392',
        '950890',
      ];
      expect(gone.map((g) => g.sourceCode).sort()).toEqual([...listed].sort());
      expect(gone.every((g) => !hs2022.has(g.sourceCode))).toBe(true);
      // each is mapped to codes that exist in HS2022, with the mapping shown
      const how = Object.fromEntries(gone.map((g) => [g.sourceCode, `${g.mapping} ${g.targets.join(' ')}`]));
      expect(how['970110']).toBe('1:n 970121 970191'); // paintings split by age (HS2022 9701.21/.91)
      expect(how['490591']).toBe('1:1 490520'); // atlases in book form
      expect(how['370510']).toBe('n:1 370500'); // merged with 370590
      expect(how['950410']).toBe('n:1 950450');
      expect(gone.every((g) => g.targets.length > 0 && g.targets.every((t) => hs2022.has(t)))).toBe(true);
      // nothing silently dropped: each of the 211 basket codes is resolved or reported as unresolved
      expect(r.bySource).toHaveLength(211);
      expect(r.unresolved).toEqual([]);
    });

    it('treats the HS2022 catch-all links as residual, not as destinations, and reports them', async () => {
      const r = await resolveBasket(store, 'unesco-fcs-2009', 'HS2022');
      const main = r.codes.map((c) => c.code);
      expect(main.filter((c) => c.startsWith('8549') || c.startsWith('8524'))).toEqual([]);
      // recorded magnetic media: HS2007 852321 → HS2022 {852321, 854921 … 854999} in the table (hs_concordance/SOURCE.md)
      const media = r.bySource.find((s) => s.sourceCode === '852321');
      expect(media?.targets).toEqual(['852321']);
      expect(media?.residual).toEqual(['854921', '854929', '854931', '854939', '854991', '854999']);
      expect(r.policy).toMatch(/8549xx\/8524xx/);
      // basket_resolved has one row per code, so a join to trade_flows cannot double count
      const dup = await store.query(
        sql`select edition, code, count(*) as n from basket_resolved where basket_id = 'unesco-fcs-2009' group by 1, 2 having count(*) > 1`,
      );
      expect(dup).toEqual([]);
    });

    it('resolves a domain selector to older editions too', async () => {
      const books = await resolveBasket(store, 'unesco-fcs-2009:books', 'HS1996');
      expect(books.codes.length).toBeGreaterThan(0);
      expect(books.codes.every((c) => c.domain === 'books')).toBe(true);
      expect(books.via).toBe('HS1996>HS2007');
    });

    it('loads the official series with scopes kept apart', async () => {
      const source = csv(sharedPath('data/china_official/china_cultural_trade_official.csv'));
      // China's figures (the other bundled files hold other publishers' series, UNCTAD's with a China row).
      const all = (await listOfficialSeries(store, { country: 'CHN' })).filter((r) => !r.publisher?.startsWith('UNCTAD'));
      expect(all).toHaveLength(source.length);
      expect(new Set(all.map((r) => r.scope))).toEqual(new Set(source.map((r) => r.scope)));
      // export values: NBS/customs/UNESCO/MOFCOM figures never on one unbroken line
      const exports = (
        await listOfficialSeries(store, {
          country: 'CHN',
          indicator: 'value',
          flow: 'export',
          includeSubScopes: false,
        })
      ).filter((r) => !r.publisher?.startsWith('UNCTAD'));
      const { segments } = officialLines(exports);
      for (const s of segments) expect(new Set(s.points.map((p) => p.year)).size).toBe(s.points.length);
      const scopesInOrder = segments.map((s) => s.scope);
      segments.forEach((s, i) => {
        if (i > 0 && scopesInOrder[i - 1] !== s.scope) expect(s.break).toBe(true);
      });
      const products = segments.filter((s) => s.scope === 'cultural_products');
      // customs 2011 and MOFCOM 2016–2019 are two segments of the same scope name, the second marked as a break
      expect(products.map((s) => [s.publisher, s.points.map((p) => p.year)])).toEqual([
        ['General Administration of Customs', [2011]],
        ['MOFCOM', [2016, 2017, 2018, 2019]],
      ]);
    });
  },
);
