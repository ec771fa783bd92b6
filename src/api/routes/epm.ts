/**
 * `/epm/compare`: Lantern's export potential beside figures copied from ITC's Export Potential Map
 * (queries/epm-compare.ts), for one exporter × HS6 product × year and the markets given as
 * `epm=USA:500000,DEU:900000[:actual]` (US dollars). The CLI's `lantern epm compare FILE` takes
 * a whole CSV of triples; this is the same comparison for one product at a time. A read: GET.
 * In the rows, `line` is the market's position in `epm` (1 = first).
 */
import { z } from 'zod';
import { LanternError } from '../../errors.ts';
import { compareWithEpm, defaultSpans, epmCompareParams, type EpmTriple, iso3Schema, listOf, openScope } from '../../queries/index.ts';
import type { RouteModule } from '../router.ts';

const marketFigure = z
  .string()
  .regex(/^[A-Za-z]{3}:\d+(\.\d+)?(:\d+(\.\d+)?)?$/, 'should be MARKET:POTENTIAL or MARKET:POTENTIAL:ACTUAL, e.g. USA:500000 (US$)');

const query = epmCompareParams.omit({ year: true }).extend({
  exporter: iso3Schema.describe('the exporting country'),
  product: z.string().regex(/^\d{6}$/, 'should be an HS6 code such as 970110').describe('the HS6 product'),
  year: z.number().int().min(1900).max(2100).optional().describe('the data year of the EPM figures (default: the last year in the store)'),
  epm: listOf(marketFigure)
    .refine((l) => l.length > 0, 'give at least one market, e.g. USA:500000')
    .describe("EPM's figures per market, comma-separated: MARKET:POTENTIAL[:ACTUAL] in US$ (e.g. USA:500000,DEU:900000)"),
  release: z.string().max(40).optional().describe('the EPM release the figures come from (recorded in the rows)'),
});

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/epm/compare',
      summary: "Export potential beside ITC Export Potential Map figures: per market Lantern's potential, ratio and ranks; Spearman ρ",
      tags: ['epm'],
      query,
      examples: {
        valid: [{ query: { exporter: 'CHN', product: '970110', year: '2021', epm: 'USA:500,DEU:900,JPN:100' } }],
        invalid: [
          { query: { exporter: 'CHN', product: '970110', epm: 'USA=500' }, mentions: 'epm' },
          { query: { exporter: 'CHN', product: '9701', epm: 'USA:500' }, mentions: 'product' },
          { query: { exporter: 'CHN', product: '970110', year: '2021', epm: 'USA:5,USA:6' }, mentions: 'twice' },
        ],
      },
    },
    async ({ rawQuery }) => {
      const { exporter, product, epm, release, ...rest } = rawQuery as Record<string, unknown>;
      const year = (await openScope(deps.store, { year: rest.year }, defaultSpans.markets)).to;
      const figures = (typeof epm === 'string' ? epm.split(',') : (epm as string[])).map((s) => s.trim()).filter(Boolean);
      const triples: EpmTriple[] = figures.map((f, i) => {
        const [market, potential, actual] = f.split(':') as [string, string, string | undefined];
        return {
          line: i + 1,
          exporter: String(exporter).toUpperCase(),
          product: String(product),
          market: market.toUpperCase(),
          epmPotential: Number(potential),
          epmActual: actual === undefined ? null : Number(actual),
          year,
          release: (release as string | undefined) ?? null,
        };
      });
      const seen = new Set<string>();
      for (const t of triples) {
        if (seen.has(t.market))
          throw new LanternError('invalid-argument', `Market ${t.market} is given twice in epm.`, [
            { field: 'epm', message: 'a market appears twice', found: t.market, hint: 'give each market once' },
          ]);
        seen.add(t.market);
      }
      const r = await compareWithEpm(deps.store, triples, rest);
      return {
        data: { group: r.groups[0] ?? null, notes: r.notes },
        rows: r.rows,
        meta: { provenance: { runs: r.groups.flatMap((g) => g.runs), note: r.notes.join(' ') } },
      };
    },
  );
};
