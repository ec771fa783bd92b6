/**
 * `/hs/…`: the HS nomenclature of the store for browsing and naming (reference/hs-browse.ts):
 * the codes under a code (chapters → headings → subheadings), a search by code or words, and
 * names for a list of codes. Edition: the one asked for, else the newest loaded.
 */
import { z } from 'zod';
import type { HsEntryRow } from '../../contract.ts';
import { LanternError } from '../../errors.ts';
import { hsChildren, hsEditionsLoaded, hsNames, hsSearch } from '../../reference/index.ts';
import type { Store } from '../../store/index.ts';
import type { RouteModule } from '../router.ts';

const edition = z.string().regex(/^HS\d{4}$/, 'should be an HS edition such as HS2007 or HS2022').optional().describe('HS edition (default: the newest loaded)');

async function editionOr(store: Store, asked: string | undefined): Promise<string> {
  const loaded = await hsEditionsLoaded(store);
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

const toRow = (e: Omit<HsEntryRow, 'edition'>, ed: string): HsEntryRow => ({ edition: ed, code: e.code, level: Number(e.level), parent: e.parent, description: e.description, description_zh: e.description_zh, section: e.section, children: Number(e.children) });

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/hs/children',
      summary: 'HS codes under a code: chapters (no parent), headings of a chapter, subheadings of a heading',
      cost: 'light',
      tags: ['reference'],
      query: z.object({ parent: z.string().regex(/^(\d{2}|\d{4})?$/, 'should be empty, a chapter (49) or a heading (4901)').default('').describe('chapter or heading (empty: the chapters)'), edition }),
      examples: { valid: [{}, { query: { parent: '49' } }], invalid: [{ query: { parent: '4' }, mentions: 'parent' }] },
    },
    async ({ query }) => {
      const ed = await editionOr(deps.store, query.edition);
      return { data: { edition: ed, parent: query.parent }, rows: (await hsChildren(deps.store, ed, query.parent)).map((e) => toRow(e, ed)) };
    },
  );
  app.get(
    {
      path: '/hs/search',
      summary: 'Search the HS nomenclature by code prefix or words of the description',
      cost: 'light',
      tags: ['reference'],
      query: z.object({ q: z.string().trim().min(1, 'type a code or a word').describe('a code prefix (9505) or words (festive lantern)'), edition, limit: z.coerce.number().int().min(1).max(200).default(50) }),
      examples: { valid: [{ query: { q: 'book' } }, { query: { q: '9505' } }], invalid: [{ query: {}, mentions: 'q' }] },
    },
    async ({ query }) => {
      const ed = await editionOr(deps.store, query.edition);
      return { data: { edition: ed, q: query.q }, rows: (await hsSearch(deps.store, ed, query.q, query.limit)).map((e) => toRow(e, ed)) };
    },
  );
  app.get(
    {
      path: '/hs/names',
      summary: 'Names of HS codes (for labels next to codes)',
      cost: 'light',
      tags: ['reference'],
      query: z.object({ codes: z.string().regex(/^\d{2,6}(,\d{2,6})*$/, 'should be HS codes separated by commas: 4901,9505').describe('codes, comma-separated'), edition }),
      examples: { valid: [{ query: { codes: '4901,9505' } }], invalid: [{ query: { codes: 'books' }, mentions: 'codes' }] },
    },
    async ({ query }) => {
      const ed = await editionOr(deps.store, query.edition);
      const rows = await hsNames(deps.store, ed, query.codes.split(','));
      return { data: { edition: ed }, rows: rows.map((r) => ({ edition: ed, code: r.code, level: Number(r.level), description: r.description, description_zh: r.description_zh })) };
    },
  );
};
