/**
 * The HS nomenclature of the store as read models (reference/hs-browse.ts): the codes under a code
 * (`hsChildrenModel`: chapters → headings → subheadings), a search by code, words or everyday words
 * for cultural goods (`hsSearchModel`: lantern, 灯笼 → 9405, 9505; each hit says why it matched) and names for a list of codes (`hsNamesModel`), each in one edition — the one
 * asked for, else the newest loaded (`hsEditionOr`, the one place that default is drawn). `lantern
 * hs children|search|names` and GET /api/v1/hs/children|search|names both call them.
 *
 * @example
 *   await hsChildrenModel.open(store, { parent: '49' });   // { edition: 'HS2022', parent: '49', rows: [4901 …] }
 *   await hsNamesModel.open(store, { codes: '4901,9505' });
 */
import { z } from 'zod';
import type { HsEntryRow, HsListData, HsNameRow, HsSearchRow } from '../contract.ts';
import { LanternError } from '../errors.ts';
import { parseParams } from '../indicators/index.ts';
import { type HsEntry, hsChildren, hsEditionsLoaded, hsNames, hsSearch, parseEdition } from '../reference/index.ts';
import type { Store } from '../store/index.ts';
import { readModel } from './read-model.ts';

const edition = z
  .string()
  .min(1)
  .meta({ placeholder: 'edition' })
  .optional()
  .describe('HS edition, e.g. HS2017 (HS17, H5 and 2017 too; default: the newest loaded)');

/** The edition asked for (any of its names: HS17, H5, 2017), checked against those loaded; else the newest loaded. */
export async function hsEditionOr(store: Store, asked: string | undefined): Promise<string> {
  const loaded = await hsEditionsLoaded(store);
  if (asked) asked = parseEdition(asked);
  if (asked) {
    if (!loaded.includes(asked)) {
      throw new LanternError('invalid-argument', `The HS nomenclature ${asked} is not loaded.`, [
        { field: 'edition', message: 'edition not loaded', expected: loaded.join(' | ') || '(none loaded)', found: asked, hint: 'load it with `lantern reference load`' },
      ]);
    }
    return asked;
  }
  const newest = loaded[loaded.length - 1];
  if (!newest) throw new LanternError('no-data', 'No HS nomenclature is loaded.', [{ field: 'edition', message: 'none loaded', hint: 'load one with `lantern reference load`' }]);
  return newest;
}

const entryRow = (e: HsEntry, ed: string): HsEntryRow => ({
  edition: ed,
  code: e.code,
  level: Number(e.level),
  parent: e.parent,
  description: e.description,
  description_zh: e.description_zh,
  section: e.section,
  children: Number(e.children),
});

/** What every HS listing shares: its rows flat as they are, no provenance beyond the edition in each row. */
const listing = {
  rows: (d: HsListData<object>) => d.rows as Record<string, unknown>[],
  list: (d: HsListData<object>) => d.rows,
  provenance: () => ({}),
};

export const hsChildrenParams = z.object({
  parent: z
    .string()
    .regex(/^(\d{2}|\d{4})?$/, 'should be empty, a chapter (49) or a heading (4901)')
    .meta({ placeholder: 'code' })
    .default('')
    .describe('chapter or heading (empty: the chapters)'),
  edition,
});

export const hsChildrenModel = readModel({
  id: 'hs-children',
  summary: 'HS codes under a code: chapters (no parent), headings of a chapter, subheadings of a heading',
  params: hsChildrenParams,
  async run(store, input: z.input<typeof hsChildrenParams>): Promise<HsListData> {
    const p = parseParams(hsChildrenParams, input, 'HS children');
    const ed = await hsEditionOr(store, p.edition);
    return { edition: ed, parent: p.parent, rows: (await hsChildren(store, ed, p.parent)).map((e) => entryRow(e, ed)) };
  },
  ...listing,
});

export const hsSearchParams = z.object({
  q: z.string().trim().min(1, 'type a code or a word').meta({ placeholder: 'text' }).describe('a code prefix (9505) or words (festive articles, lantern, 灯笼), English or Chinese'),
  edition,
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('at most this many codes'),
});

export const hsSearchModel = readModel({
  id: 'hs-search',
  summary: 'Search the HS nomenclature by code prefix, words of the description (English or Chinese) or everyday words for cultural goods (lantern, 灯笼); each hit says why it matched',
  params: hsSearchParams,
  async run(store, input: z.input<typeof hsSearchParams>): Promise<HsListData<HsSearchRow>> {
    const p = parseParams(hsSearchParams, input, 'HS search');
    const ed = await hsEditionOr(store, p.edition);
    return { edition: ed, q: p.q, rows: (await hsSearch(store, ed, p.q, p.limit)).map((e) => ({ ...entryRow(e, ed), match: e.match, why: e.why, why_zh: e.why_zh })) };
  },
  ...listing,
});

export const hsNamesParams = z.object({
  codes: z
    .string()
    .regex(/^\d{2,6}(,\d{2,6})*$/, 'should be HS codes separated by commas: 4901,9505')
    .meta({ placeholder: 'code,…' })
    .describe('codes, comma-separated'),
  edition,
});

export const hsNamesModel = readModel({
  id: 'hs-names',
  summary: 'Names of HS codes (for labels next to codes)',
  params: hsNamesParams,
  async run(store, input: z.input<typeof hsNamesParams>): Promise<HsListData<HsNameRow>> {
    const p = parseParams(hsNamesParams, input, 'HS names');
    const ed = await hsEditionOr(store, p.edition);
    const rows = await hsNames(store, ed, p.codes.split(','));
    return { edition: ed, rows: rows.map((r) => ({ edition: ed, code: r.code, level: Number(r.level), description: r.description, description_zh: r.description_zh })) };
  },
  ...listing,
});
