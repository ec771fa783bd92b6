/**
 * The Kaggle "Global Commodity Trade Statistics" reader on tiny hand-made files written here (not
 * rows of the real file): names to ISO3, flows, HS codes with their level, TOTAL, units, and the
 * bad-input messages. The reader runs with a collecting ReadContext, as the importer runs it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { isLanternError } from '../errors.ts';
import { resolveCountryCode } from '../reference/countries.ts';
import { hasShared, repoRoot, sharedPath } from '../../test/shared.ts';
import { fold } from './comtrade-record.ts';
import { COMTRADE_NAMES, nameKey, resolveCountryName } from './kaggle-countries.ts';
import { isKaggleHeader, KAGGLE_DEFAULT_EDITION, kaggleReader, quantityUnit } from './kaggle.ts';
import type { FlowRow, RowProblem } from './types.ts';

const HEADER = 'country_or_area,year,comm_code,commodity,flow,trade_usd,weight_kg,quantity_name,quantity,category';

function write(lines: string[], name = 'commodity_trade_statistics_data.csv', gzip = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-kaggle-'));
  const path = join(dir, name);
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
}

async function read(path: string, hsEdition?: string) {
  const rows: FlowRow[] = [];
  const rejected: RowProblem[] = [];
  const warnings: string[] = [];
  const recorded: Record<string, string> = {};
  await kaggleReader.read({
    file: 'commodity_trade_statistics_data.csv',
    path,
    options: { hsEdition },
    onBytes: () => {},
    emit: (r) => rows.push(r),
    reject: (p) => rejected.push(p),
    warn: (m) => warnings.push(m),
    record: (k, v) => {
      recorded[k] = v;
    },
  });
  return { rows, rejected, warnings, recorded };
}

/** The rows of test/fixtures/kaggle/commodity_trade_statistics_data.csv (hand-made; see its README). */
const GOOD = [
  HEADER,
  'Afghanistan,2016,010410,"Sheep, live",Export,6088,2339,Number of items,51,01_live_animals',
  'Afghanistan,2016,TOTAL,ALL COMMODITIES,Export,614200000,,No Quantity,,all_commodities',
  'China,2015,970110,"Paintings, drawings and pastels",Export,1500000,1200,Weight in kilograms,1200,97_works_of_art_collectors_pieces_and_antiques',
  '"China, Hong Kong SAR",2015,970110,"Paintings, drawings and pastels",Re-Export,2500000.5,,No Quantity,,97_works_of_art_collectors_pieces_and_antiques',
  'Rep. of Korea,2014,4901,"Printed books, brochures",Import,300,10,Weight in kilograms,10,49_printed_books_newspapers_pictures_etc',
  'EU-28,2016,490199,"Printed books, other",Import,1000000,,No Quantity,,49_printed_books_newspapers_pictures_etc',
  'USA,1996,97011,"Paintings (the leading zero lost in a spreadsheet)",Re-Import,42,,Number of items,3,97_works_of_art_collectors_pieces_and_antiques',
  'Fmr Sudan,1995,49,Printed matter,Export,7,,,,49_printed_books_newspapers_pictures_etc',
];

describe('Kaggle commodity trade statistics', () => {
  it('reads reporter-vs-World rows: names to ISO3, flows, codes with their level, TOTAL, USD, units', async () => {
    const fixture = join(repoRoot, 'test', 'fixtures', 'kaggle', 'commodity_trade_statistics_data.csv');
    expect(readFileSync(fixture, 'utf8')).toBe(`${GOOD.join('\n')}\n`);
    const { rows, rejected, recorded, warnings } = await read(fixture);
    expect(rejected).toEqual([]);
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => `${r.reporter} ${r.year} ${r.flow} ${r.product}/${r.productLevel}`)).toEqual([
      'AFG 2016 X 010410/6',
      'AFG 2016 X TOTAL/0',
      'CHN 2015 X 970110/6',
      'HKG 2015 RX 970110/6',
      'KOR 2014 M 4901/4',
      'X097 2016 M 490199/6',
      'USA 1996 RM 097011/6',
      'SDN 1995 X 49/2',
    ]);
    expect(new Set(rows.map((r) => `${r.partner} ${r.partnerKind} ${r.typeCode} ${r.month}`))).toEqual(
      new Set(['WLD world C null']),
    );
    expect(new Set(rows.map((r) => r.classification))).toEqual(new Set(['HS1992']));
    // Totals by flow, by hand from the rows above:
    //   X  = 6088 + 614200000 + 1500000 + 7 = 615706095
    //   M  = 300 + 1000000                  = 1000300
    //   RX = 2500000.5;  RM = 42
    const byFlow: Record<string, number> = {};
    for (const r of rows) byFlow[r.flow] = (byFlow[r.flow] ?? 0) + r.valueUsd;
    expect(byFlow).toEqual({ X: 615706095, M: 1000300, RX: 2500000.5, RM: 42 });
    // quantities with Comtrade's unit abbreviations; "No Quantity" and blanks carry none
    expect(rows.map((r) => [r.quantity, r.quantityUnit, r.netWeightKg])).toEqual([
      [51, 'u', 2339],
      [null, null, null],
      [1200, 'kg', 1200],
      [null, null, null],
      [10, 'kg', 10],
      [null, null, null],
      [3, 'u', null],
      [null, null, null],
    ]);
    expect(recorded.hs_edition).toBe(KAGGLE_DEFAULT_EDITION);
    expect(recorded.hs_edition_note).toMatch(/assumed.*HS1992 \(H0\)/);
    expect(warnings.join(' ')).toMatch(/classification recorded as HS1992.*--hs-edition/);
  });

  it('records the edition given with --hs-edition instead of assuming one', async () => {
    const { rows, recorded, warnings } = await read(write(GOOD.slice(0, 3)), 'H3');
    expect(rows.map((r) => r.classification)).toEqual(['HS2007', 'HS2007']);
    expect(recorded).toMatchObject({ hs_edition: 'HS2007' });
    expect(recorded.hs_edition_note).toBeUndefined();
    expect(warnings).toEqual([]);
    const e = await read(write(GOOD.slice(0, 2)), 'EB10').catch((x: unknown) => x);
    expect(isLanternError(e) && e.code).toBe('invalid-argument');
  });

  it('reads a gzipped file the same', async () => {
    const { rows } = await read(write(GOOD, 'commodity_trade_statistics_data.csv.gz', true));
    expect(rows).toHaveLength(8);
  });

  it('lists every unknown name first (once, with a hint), and names file, line and field of each bad value', async () => {
    const { rows, rejected, warnings } = await read(
      write([
        HEADER,
        'Atlantis,2016,970110,Paintings,Export,10,,No Quantity,,97_x', // line 2
        'China,2016,970110,Paintings,Export,n/a,,No Quantity,,97_x', // line 3: trade_usd
        'Atlantis,2015,970110,Paintings,Export,20,,No Quantity,,97_x', // line 4
        'Narnia,2016,4901,Books,Import,5,,No Quantity,,49_x', // line 5
        'Atlantis,2014,970110,Paintings,Exported,30,,No Quantity,,97_x', // line 6: name and flow
        'China,2016,97A110,Paintings,Export,1,,No Quantity,,97_x', // line 7: code
        'China,16,970110,Paintings,Export,1,,No Quantity,,97_x', // line 8: year
        'Germany,2016,970110,Paintings,Import,99,,No Quantity,,97_x', // good
      ]),
    );
    expect(rows.map((r) => r.reporter)).toEqual(['DEU']);
    expect(rejected.map((p) => `${p.file}:${p.line} ${p.column}: ${p.message} (found ${p.found})`)).toEqual([
      'commodity_trade_statistics_data.csv:2 country_or_area: unknown country or area name (found Atlantis)',
      'commodity_trade_statistics_data.csv:3 trade_usd: trade value is not a number (found n/a)',
      'commodity_trade_statistics_data.csv:5 country_or_area: unknown country or area name (found Narnia)',
      'commodity_trade_statistics_data.csv:7 comm_code: not an HS code (found 97A110)',
      'commodity_trade_statistics_data.csv:8 year: not a year (found 16)',
      // later rows of a name already reported come after the file is read
      'commodity_trade_statistics_data.csv:4 country_or_area: unknown country or area name (found Atlantis)',
      'commodity_trade_statistics_data.csv:6 country_or_area: unknown country or area name (found Atlantis)',
      'commodity_trade_statistics_data.csv:6 flow: unknown flow (found Exported)',
    ]);
    expect(rejected[0]).toMatchObject({
      expected: expect.stringMatching(/UN Comtrade country or area name/),
      hint: expect.stringMatching(/lantern countries/),
      raw: 'Atlantis,2016,970110,Paintings,Export,10,,No Quantity,,97_x',
    });
    expect(rejected[1]).toMatchObject({ expected: 'a number (US dollars)' });
    expect(warnings.join(' ')).toMatch(/unknown country or area names: "Atlantis" \(3 rows\), "Narnia" \(1 row\)/);
  });

  it("keeps Comtrade's 9999AA (commodities not specified) as a 6-level code", async () => {
    const { rows, rejected } = await read(write([HEADER, 'Germany,2010,9999AA,Commodities not specified,Export,5,,,,99_x']));
    expect(rejected).toEqual([]);
    expect(rows.map((r) => `${r.product}/${r.productLevel}`)).toEqual(['9999AA/6']);
  });

  it('suggests close names for a misspelt one', async () => {
    const { rejected } = await read(write([HEADER, 'Rep. of Koria,2016,4901,Books,Import,5,,,,49_x']));
    expect(rejected[0]?.hint).toMatch(/^did you mean "Republic of Korea"/);
  });

  it('names every missing required column at once', async () => {
    const e = await read(write(['country_or_area,year,commodity,flow', 'China,2016,Books,Export'])).catch(
      (x: unknown) => x,
    );
    expect(isLanternError(e) && e.code).toBe('csv-missing-column');
    expect(isLanternError(e) && e.problems.map((p) => p.column)).toEqual(['comm_code', 'trade_usd']);
    expect(isLanternError(e) && e.problems[0]).toMatchObject({ file: 'commodity_trade_statistics_data.csv', line: 1 });
  });

  it('is recognised by its header (and the Comtrade layouts are not)', () => {
    const cols = (h: string) => new Set(h.split(',').map(fold));
    expect(isKaggleHeader(cols(HEADER))).toBe(true);
    expect(isKaggleHeader(cols('Country_or_Area,Year,Comm_Code,Commodity,Flow,Trade_USD'))).toBe(true);
    expect(isKaggleHeader(cols('t,i,j,k,v,q'))).toBe(false);
    expect(isKaggleHeader(cols('Classification,Year,Period,Commodity Code,Trade Value (US$)'))).toBe(false);
  });

  it('maps Comtrade quantity names to its unit abbreviations', () => {
    expect(quantityUnit('Number of items')).toBe('u');
    expect(quantityUnit('Weight in kilograms')).toBe('kg');
    expect(quantityUnit('Number of pairs')).toBe('2u');
    expect(quantityUnit('Volume in litres')).toBe('l');
    expect(quantityUnit('No Quantity')).toBeNull();
    expect(quantityUnit('')).toBeNull();
    expect(quantityUnit('Barrels')).toBe('Barrels'); // unknown names are kept as given
  });
});

describe('Comtrade country names', () => {
  it('resolves current and legacy Comtrade spellings', () => {
    const cases: [string, string][] = [
      ['Rep. of Korea', 'KOR'],
      ["Dem. People's Rep. of Korea", 'PRK'],
      ['Br. Virgin Isds', 'VGB'],
      ['N. Mariana Isds', 'MNP'],
      ['Bolivia (Plurinational State of)', 'BOL'],
      ["Côte d'Ivoire", 'CIV'],
      ['Czech Rep.', 'CZE'],
      ['TFYR of Macedonia', 'MKD'],
      ['Swaziland', 'SWZ'],
      ['Viet Nam', 'VNM'],
      ['Faeroe Isds', 'FRO'],
      ['Fmr Fed. Rep. of Germany', 'DEU'],
      ['Fmr USSR', 'SUN'],
      ['So. African Customs Union', 'X711'],
      ['Other Asia, nes', 'TWN'],
      ['EU-28', 'X097'],
      ['World', 'WLD'],
    ];
    expect(cases.map(([n]) => [n, resolveCountryName(n)])).toEqual(cases);
    expect(resolveCountryName('Korea')).toBeUndefined(); // two Koreas: never a guess
    expect(resolveCountryName('Atlantis')).toBeUndefined();
    expect(nameKey('Dem. Rep. of the Congo')).toBe('democratic republic of congo');
  });

  it('every explicit name resolves through the reference to the entity of its Comtrade code', () => {
    for (const [name, code] of Object.entries(COMTRADE_NAMES))
      expect([name, resolveCountryName(name)]).toEqual([name, resolveCountryCode('comtrade', code)]);
  });

  it.skipIf(!hasShared('data/countries/comtrade_reporters.csv'))(
    "every reporter and partner name of Comtrade's reference tables resolves to the entity of its code",
    () => {
      for (const file of ['comtrade_reporters.csv', 'comtrade_partners.csv']) {
        const rows = parse(readFileSync(sharedPath('data/countries', file), 'utf8'), { columns: true }) as {
          id: string;
          country: string;
        }[];
        expect(rows.length).toBeGreaterThan(250); // 255 reporters, 310 partners in SOURCE.md's snapshot
        const wrong = rows
          .map((r) => ({ name: r.country, want: resolveCountryCode('comtrade', r.id), got: resolveCountryName(r.country) }))
          .filter((x) => x.want === undefined || x.got !== x.want);
        expect(wrong, file).toEqual([]);
      }
    },
  );
});
