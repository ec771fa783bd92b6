/** Browsing the nomenclature: children with their counts, search by code and by words, names. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore } from '../../test/support/world.ts';
import { sql } from '../store/index.ts';
import { hsChildren, hsEditionsLoaded, hsNames, hsSearch } from './hs-browse.ts';

let store: Awaited<ReturnType<typeof openTestStore>>;
const rows: [string, number, string, string][] = [
  ['49', 2, 'TOTAL', 'Printed books, newspapers, pictures'],
  ['4901', 4, '49', 'Printed books, brochures, leaflets'],
  ['490110', 6, '4901', 'In single sheets'],
  ['490199', 6, '4901', 'Other'],
  ['4902', 4, '49', 'Newspapers, journals and periodicals'],
  ['95', 2, 'TOTAL', 'Toys, games and sports requisites'],
  ['9505', 4, '95', 'Festive, carnival or other entertainment articles'],
  ['9405', 4, '94', 'Lamps and lighting fittings'],
];

beforeAll(async () => {
  store = await openTestStore();
  await store.run(sql`delete from hs_products where edition = ${'HS2007'}`);
  for (const [code, level, parent, description] of rows)
    await store.run(sql`insert into hs_products (edition, code, level, parent, description, section) values (${'HS2007'}, ${code}, ${level}, ${parent}, ${description}, ${null})`);
});
afterAll(async () => store.close());

describe('hs browse', () => {
  it('children: chapters at the root, headings under a chapter, each with its count below', async () => {
    expect((await hsChildren(store, 'HS2007', '')).map((e) => [e.code, Number(e.children)])).toEqual([
      ['49', 2],
      ['95', 1],
    ]);
    expect((await hsChildren(store, 'HS2007', '49')).map((e) => [e.code, Number(e.children)])).toEqual([
      ['4901', 2],
      ['4902', 0],
    ]);
    expect((await hsChildren(store, 'HS2007', '4901')).map((e) => e.code)).toEqual(['490110', '490199']);
  });

  it('search: a code prefix, or every word of the description', async () => {
    expect((await hsSearch(store, 'HS2007', '490')).map((e) => e.code)).toEqual(['4901', '4902', '490110', '490199']);
    expect((await hsSearch(store, 'HS2007', '490')).every((e) => e.match === 'code' && e.why === 'code starts with 490')).toBe(true);
    // "books" is also an everyday word for 4901, whose hits come first; the reason given is the strongest.
    expect((await hsSearch(store, 'HS2007', 'printed BOOKS')).map((e) => [e.code, e.match])).toEqual([
      ['4901', 'description'],
      ['49', 'description'],
    ]);
    expect(await hsSearch(store, 'HS2007', 'kettles of tin')).toEqual([]);
  });

  it('search: everyday words for cultural goods find the headings the nomenclature words otherwise, each saying why', async () => {
    for (const q of ['lantern', '灯笼']) {
      const hits = await hsSearch(store, 'HS2007', q);
      expect(hits.map((e) => [e.code, e.match]), q).toEqual([
        ['9405', 'everyday'],
        ['9505', 'everyday'],
      ]);
      expect(hits[1]!.why).toBe(`everyday word "${q}": lanterns for festivals and carnivals are festive articles`);
      expect(hits[1]!.why_zh).toBe(`常用词“${q}”：节日、狂欢用的灯笼属节日用品`);
    }
    // A word of the Chinese name (Lantern's translation) says so.
    expect((await hsSearch(store, 'HS2007', '节日用品')).map((e) => [e.code, e.match])).toEqual([['9505', 'description_zh']]);
  });

  it('names for a list of codes; unknown codes are absent', async () => {
    expect((await hsNames(store, 'HS2007', ['9505', '4901', '1234'])).map((r) => r.code)).toEqual(['4901', '9505']);
  });

  it('names and editions are read once per store state, and follow a change to the nomenclature', async () => {
    expect((await hsNames(store, 'HS2007', ['9505', '9503'])).map((r) => r.code)).toEqual(['9505']);
    await store.run(sql`insert into hs_products (edition, code, level, parent, description, section) values (${'HS2007'}, ${'9503'}, ${4}, ${'95'}, ${'Other toys'}, ${null})`);
    expect((await hsNames(store, 'HS2007', ['9505', '9503'])).map((r) => [r.code, r.description])).toEqual([
      ['9503', 'Other toys'],
      ['9505', 'Festive, carnival or other entertainment articles'],
    ]);
    const before = await hsEditionsLoaded(store);
    await store.transaction(async (tx) => {
      await tx.run(sql`insert into hs_products (edition, code, level, parent, description, section) values (${'HS1888'}, ${'49'}, ${2}, ${'TOTAL'}, ${'Books'}, ${null})`);
    });
    expect(await hsEditionsLoaded(store)).toEqual([...before, 'HS1888'].sort());
    await store.run(sql`delete from hs_products where edition = ${'HS1888'} or code = ${'9503'}`);
    expect(await hsEditionsLoaded(store)).toEqual(before);
  });
});
