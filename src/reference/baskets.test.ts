import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLanternError, type LanternError } from '../errors.ts';
import { openStore, type Store } from '../store/db.ts';
import { sql } from '../store/sql.ts';
import { addBasket } from './basket-file.ts';
import { basketNameZh, bundledBaskets, ensureBundledBaskets } from './bundled-baskets.ts';
import { domainLabel, listBaskets, parseBasketSelector, resolveBasket, slugify } from './baskets.ts';
import { loadReferenceFiles } from './hs-load.ts';

async function caught(p: Promise<unknown>): Promise<LanternError> {
  try {
    await p;
  } catch (e) {
    if (isLanternError(e)) return e;
    throw e;
  }
  throw new Error('expected a LanternError');
}

/** A tiny HS2017/HS2022 nomenclature and correlation table (real codes of heading 9505/4901, a made-up split). */
const nomenclature = {
  name: 'hs_nomenclature_by_edition.csv',
  source: 'test',
  text: [
    'edition,code,level,description',
    'HS2017,49,2,Printed books',
    'HS2017,4901,4,Printed books',
    'HS2017,490110,6,Books in single sheets',
    'HS2017,490199,6,Books n.e.c.',
    'HS2017,9505,4,Festive articles',
    'HS2017,950510,6,Christmas articles',
    'HS2017,950590,6,Festive articles n.e.c.',
    'HS2022,490110,6,Books in single sheets',
    'HS2022,490199,6,Books n.e.c.',
    'HS2022,950510,6,Christmas articles',
    'HS2022,950591,6,Festive articles A',
    'HS2022,950592,6,Festive articles B',
    'HS2022,854999,6,E-waste',
  ].join('\n'),
};
const correlation = {
  name: 'hs2017_to_hs2022.csv',
  source: 'test',
  text: [
    'from_edition,from_code,to_edition,to_code,relationship',
    'HS2017,490110,HS2022,490110,1:1',
    'HS2017,490199,HS2022,490199,1:1',
    'HS2017,950510,HS2022,950510,1:1',
    'HS2017,950590,HS2022,950591,1:n',
    'HS2017,950590,HS2022,950592,1:n',
    'HS2017,950590,HS2022,854999,n:n',
  ].join('\n'),
};

let store: Store;
beforeEach(async () => {
  store = await openStore();
});
afterEach(async () => {
  await store.close();
});

describe('parseBasketSelector and labels', () => {
  it('reads basket and domain, by slug or FCS letter', () => {
    expect(parseBasketSelector('unesco-fcs-2009')).toEqual({ basketId: 'unesco-fcs-2009' });
    expect(parseBasketSelector('unesco-fcs-2009:books')).toEqual({
      basketId: 'unesco-fcs-2009',
      domain: 'books',
    });
    expect(parseBasketSelector('UNESCO-FCS-2009:D')).toEqual({
      basketId: 'unesco-fcs-2009',
      domain: 'books',
    });
    expect(parseBasketSelector('unesco-fcs-2009:Visual Arts and Crafts')).toEqual({
      basketId: 'unesco-fcs-2009',
      domain: 'visual-arts',
    });
    expect(parseBasketSelector('mine:Festive Goods')).toEqual({ basketId: 'mine', domain: 'festive-goods' });
    expect(() => parseBasketSelector('unesco-fcs-2009:')).toThrow(/basket selector/);
  });
  it('labels domains in English and Chinese', () => {
    expect(domainLabel('books', 'en')).toBe('Books and Press');
    expect(domainLabel('D', 'zh')).toBe('书籍和报刊');
    expect(domainLabel('festive-goods', 'zh')).toBe('festive-goods');
    expect(slugify('Audio-visual & Interactive Media')).toBe('audio-visual-and-interactive-media');
  });
  it('names every bundled basket in Chinese, and a user basket (even under a bundled id) not', () => {
    for (const b of bundledBaskets) expect(basketNameZh({ id: b.id, bundled: true }), b.id).toMatch(/[\u4e00-\u9fff]/);
    expect(basketNameZh({ id: 'cultural-services', bundled: true })).toBe('文化服务（EBOPS 2010）');
    expect(basketNameZh({ id: 'unesco-fcs-2009', bundled: false })).toBeNull();
    expect(basketNameZh({ id: 'mine', bundled: false })).toBeNull();
  });
});

describe('user baskets', () => {
  it('adds a basket from --codes and resolves it to its own edition without any reference data', async () => {
    const r = await addBasket(store, {
      name: 'Festive',
      codes: ['950510', '950590'],
      edition: 'HS2017',
      domain: 'celebration',
    });
    expect(r.checked).toBe(false);
    expect(r.basket).toMatchObject({ id: 'festive', version: '1', framework: 'user', hsEdition: 'HS2017' });
    const res = await resolveBasket(store, 'festive', 'HS2017');
    expect(res.codes.map((c) => [c.code, c.mapping, c.domain])).toEqual([
      ['950510', 'identity', 'celebration'],
      ['950590', 'identity', 'celebration'],
    ]);
    const list = await listBaskets(store);
    expect(list.find((b) => b.id === 'festive')).toMatchObject({ codes: 2, editions: ['HS2017'] });
  });

  it('says which table to load when asked for another edition', async () => {
    await addBasket(store, { name: 'festive', codes: ['950510'], edition: 'HS2017' });
    const e = await caught(resolveBasket(store, 'festive', 'HS2022'));
    expect(e.code).toBe('edition-mismatch');
    expect(e.toString()).toMatch(/lantern reference load DIR/);
    expect(e.toString()).toMatch(/lantern fetch reference/);
  });

  it('names the known baskets when one is unknown', async () => {
    await addBasket(store, { name: 'festive', codes: ['950510'], edition: 'HS2017' });
    const e = await caught(resolveBasket(store, 'festiv', 'HS2017'));
    expect(e.code).toBe('unknown-basket');
    expect(e.problems[0]?.expected).toContain('festive');
  });

  it('resolves through a correlation table, keeping catch-all links residual, and materialises one row per code', async () => {
    await loadReferenceFiles(store, [nomenclature, correlation]);
    await addBasket(store, { name: 'festive', codes: ['950510', '950590'], edition: 'HS2017' });
    const r = await resolveBasket(store, 'festive', 'HS2022');
    expect(r.codes.map((c) => [c.code, c.sourceCode, c.mapping])).toEqual([
      ['950510', '950510', '1:1'],
      ['950591', '950590', '1:n'],
      ['950592', '950590', '1:n'],
    ]);
    expect(r.residual).toEqual([{ sourceCode: '950590', code: '854999', reason: expect.any(String) }]);
    const stored = await store.query<{ code: string; mapping: string }>(
      sql`select code, mapping from basket_resolved where basket_id = 'festive' and edition = 'HS2022' order by code`,
    );
    expect(stored).toEqual(r.codes.map((c) => ({ code: c.code, mapping: c.mapping })));
    const residual = await store.query(
      sql`select source_code, code from basket_residual where basket_id = 'festive'`,
    );
    expect(residual).toEqual([{ source_code: '950590', code: '854999' }]);
  });

  it('re-resolves existing baskets when correlation tables are loaded later', async () => {
    await addBasket(store, { name: 'festive', codes: ['950590'], edition: 'HS2017' });
    expect(await store.query(sql`select edition from basket_editions where basket_id = 'festive'`)).toEqual([
      { edition: 'HS2017' },
    ]);
    await loadReferenceFiles(store, [nomenclature, correlation]);
    const eds = await store.query<{ edition: string; codes: number }>(
      sql`select edition, codes from basket_editions where basket_id = 'festive' order by edition`,
    );
    expect(eds).toEqual([
      { edition: 'HS2017', codes: 1 },
      { edition: 'HS2022', codes: 2 },
    ]);
  });

  it('expands a 4-digit heading when the nomenclature is loaded', async () => {
    await loadReferenceFiles(store, [nomenclature]);
    const r = await addBasket(store, { name: 'books', codes: ['4901'], edition: 'HS2017' });
    expect(r.expanded).toEqual([{ heading: '4901', codes: ['490110', '490199'] }]);
    expect(r.codes).toBe(2);
  });

  it('rejects unknown codes, a bad edition in the file, duplicates and a taken name, all at once, writing nothing', async () => {
    await loadReferenceFiles(store, [nomenclature]);
    await addBasket(store, { name: 'festive', codes: ['950510'], edition: 'HS2017' });
    const file = {
      name: 'festive.csv',
      text: [
        'code,hs_edition,domain',
        '950510,HS2017,festive',
        '950511,HS2017,festive',
        '950510,HS2017,festive',
        '95051,HS2017,festive',
      ].join('\n'),
    };
    const e = await caught(addBasket(store, { name: 'festive', file }));
    expect(e.code).toBe('bad-rows');
    const text = e.toString();
    expect(text).toMatch(/festive\.csv:5 column code: an HS code has 6 digits/);
    expect(text).toMatch(/festive\.csv:4 column code: duplicate code 950510 \(already on line 2\)/);
    expect(text).toMatch(/festive\.csv:3 column code: unknown code 950511 \(expected an HS2017 subheading/);
    expect(text).toMatch(/a basket "festive" already exists/);
    const codes = await store.query(sql`select code from basket_codes where basket_id = 'festive'`);
    expect(codes).toEqual([{ code: '950510' }]);

    const bad = await caught(
      addBasket(store, { name: 'x', file: { name: 'x.csv', text: 'code,hs_edition\n950510,HS2019\n' } }),
    );
    expect(bad.toString()).toMatch(/x\.csv:2 column hs_edition: unknown HS edition/);
  });

  it('points to the edition where an unknown code exists', async () => {
    await loadReferenceFiles(store, [nomenclature]);
    const e = await caught(addBasket(store, { name: 'x', codes: ['950591'], edition: 'HS2017' }));
    expect(e.problems[0]?.hint).toBe('950591 exists in HS2022: use --edition accordingly');
  });

  it("accepts the research layout of a list (hs_version, hs_code, group), as UNCTAD's would come", async () => {
    const file = {
      name: 'unctad.csv',
      text: 'framework,hs_version,hs_code,description,group,subgroup,source_url,source_note\nUNCTAD creative goods,HS2017,490199,Books,Publishing,Books,https://unctad.org/x,annex\n',
    };
    const r = await addBasket(store, { name: 'unctad-creative-goods', file });
    expect(r.basket).toMatchObject({ framework: 'UNCTAD creative goods', hsEdition: 'HS2017' });
    const rows = await store.query(
      sql`select code, domain, source_note from basket_codes where basket_id = 'unctad-creative-goods'`,
    );
    expect(rows).toEqual([{ code: '490199', domain: 'publishing', source_note: 'subgroup=Books; annex' }]);
    // checked against the counts of CER 2010 (data/baskets/unctad-cer2010-subgroup-counts.csv): books 4, publishing 15
    expect(r.completeness.find((c) => c.subgroup === 'books')).toEqual({
      group: 'Publishing',
      subgroup: 'books',
      expected: 4,
      found: 1,
      ok: false,
    });
    expect(r.completeness.find((c) => c.group === 'Publishing' && c.subgroup === '(all)')).toMatchObject({
      expected: 15,
      found: 1,
    });
    expect(r.completeness.find((c) => c.group === 'Art crafts' && c.subgroup === '(all)')).toMatchObject({
      expected: 60,
      found: 0,
    });
  });

  it('refuses a header-only file with a clear message', async () => {
    const e = await caught(
      addBasket(store, {
        name: 'u',
        file: {
          name: 'u.csv',
          text: 'framework,hs_version,hs_code,description,group,subgroup,source_url,source_note\n',
        },
      }),
    );
    expect(e.toString()).toMatch(/u\.csv has no codes/);
  });

  it('refuses to change a stored bundled basket without --replace; a bundled id Lantern does not ship is free', async () => {
    await ensureBundledBaskets(store);
    const e = await caught(
      addBasket(store, { name: 'unesco-fcs-2009', codes: ['950510'], edition: 'HS2007', reserved: ['unesco-fcs-2009'] }),
    );
    expect(e.code).toBe('conflict');
    const r = await addBasket(store, { name: 'unctad-creative-goods', codes: ['970110'], edition: 'HS2002', reserved: ['unctad-creative-goods'] });
    expect(r.basket).toMatchObject({ id: 'unctad-creative-goods', bundled: false, version: '1' });
  });

  it('replaces with --replace and bumps the version', async () => {
    await addBasket(store, { name: 'festive', codes: ['950510'], edition: 'HS2017' });
    const r = await addBasket(store, {
      name: 'festive',
      codes: ['950590'],
      edition: 'HS2017',
      replace: true,
    });
    expect(r.basket.version).toBe('2');
    expect(await store.query(sql`select code from basket_codes where basket_id = 'festive'`)).toEqual([
      { code: '950590' },
    ]);
  });
});
