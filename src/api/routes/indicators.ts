/**
 * `/indicators`: the indicator catalog (id, labels in English and Chinese, unit, formula, source,
 * parameters, `definition`: the path of its definition page docs/indicators/ID.md; `/indicators/{id}`
 * adds the page itself as `definition_markdown` and `definition_sections`: queries `indicatorModel`,
 * what `lantern indicator show ID --format json` prints) and one endpoint per
 * indicator, `/indicators/{id}/values`, whose query string is that
 * indicator's own zod parameter schema (so the OpenAPI document lists each one's parameters).
 * `/compare`: one indicator for several countries over years.
 */
import { z } from 'zod';
import { LanternError } from '../../errors.ts';
import { indicators, yearSchema } from '../../indicators/index.ts';
import {
  askedSchema,
  basketSelectorField,
  compareModel,
  defaultSpans,
  exampleQuery,
  indicatorListModel,
  indicatorModel,
  type IndicatorResult,
  openScope,
  runIndicator,
  shapeOf,
  sourceShape,
  yearsSchema,
} from '../../queries/index.ts';
import { modelAnswer, type RouteExample, type RouteModule } from '../router.ts';

function provenanceOf(r: IndicatorResult) {
  return {
    runs: r.provenance.runs.map((x) => x.id),
    sql: `${r.sql.text}\n-- params: ${JSON.stringify(r.sql.params)}`,
    note: [r.indicator.label.en, r.provenance.perspective, r.provenance.view ? `${r.provenance.view} view` : '', ...r.notes].filter(Boolean).join(' · '),
  };
}

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/indicators',
      summary: indicatorListModel.summary,
      tags: ['indicators'],
      query: askedSchema(indicatorListModel),
      examples: { valid: [{}], invalid: [{ query: { unit: 'usd' }, mentions: 'unit' }] },
    },
    async ({ rawQuery }) => modelAnswer(indicatorListModel, await indicatorListModel.open(deps.store, rawQuery)),
  );
  app.get(
    {
      path: '/indicators/{id}',
      summary: indicatorModel.summary,
      tags: ['indicators'],
      params: indicatorModel.params,
      examples: { valid: [{ params: { id: 'rca' } }], invalid: [{ params: { id: 'no-such-indicator' }, status: 404 }] },
    },
    async ({ params }) => modelAnswer(indicatorModel, await indicatorModel.open(deps.store, params)),
  );

  for (const def of indicators) {
    // `basket` takes a selector (BASKET:DOMAIN@SCOPE, or an HS code), as `--basket` and every other route's basket do;
    // `years` a span, as `--years` and the other routes; without years or from, the store's last year (as the CLI).
    const query = z.object({
      ...(shapeOf(def.params) as z.ZodRawShape),
      from: yearSchema.optional().describe('first year (default: the last year of data)'),
      years: yearsSchema.optional().describe('a year or a span, e.g. 2015-2023, instead of from and to'),
      basket: basketSelectorField,
      ...sourceShape,
    });
    const ex = exampleQuery(def.example as Record<string, unknown>);
    const valid: RouteExample[] = [{ query: ex, ...(def.perspectives.includes('reconciled') ? {} : { fixture: 'reported' as const }) }];
    app.get(
      {
        path: `/indicators/${def.id}/values`,
        summary: `${def.label.en} · ${def.label.zh} (${def.unit})`,
        description: `${def.description.en}\n\nFormula: \`${def.formula}\`. Source: ${def.source}.${def.note ? `\n\n${def.note.en}` : ''}`,
        tags: ['indicators'],
        query,
        paginate: { defaultLimit: 1000, maxLimit: 5000 },
        examples: { valid, invalid: [{ query: { ...ex, from: 'soon' }, mentions: 'from' }, { query: { ...ex, side: 'sideways' }, mentions: 'side' }] },
      },
      async ({ rawQuery, page }) => {
        const { years, ...asked } = rawQuery as Record<string, unknown>;
        if (years !== undefined && (asked.from !== undefined || asked.to !== undefined)) {
          throw new LanternError('invalid-argument', 'Give years, or from and to, not both.', [
            { field: 'years', message: 'given with from/to', found: String(years), expected: 'years alone, or from (and to)', hint: 'drop years, or drop from and to' },
          ]);
        }
        const span = asked.from === undefined ? await openScope(deps.store, { years, source: asked.source as string | undefined }, defaultSpans.indicator) : undefined;
        // Paged in SQL: only the page's rows are read (and named); the total is counted once per answer.
        const r = await runIndicator(deps.store, def.id, span ? { ...asked, from: span.from, to: span.to } : asked, { page });
        return {
          data: { indicator: r.indicator, params: r.params, notes: r.notes, empty: r.empty },
          rows: r.rows,
          total: r.total,
          meta: { provenance: provenanceOf(r) },
        };
      },
    );
  }

  app.get(
    {
      path: '/compare',
      summary: compareModel.summary,
      tags: ['compare'],
      query: askedSchema(compareModel),
      examples: {
        valid: [{ query: { countries: 'CHN,USA', indicator: 'value', basket: 'unesco-fcs-2009', years: '2019-2021' } }, { query: { countries: 'CHN', indicator: 'world-share', from: '2020', to: '2021' } }],
        invalid: [{ query: { indicator: 'value' }, mentions: 'countries' }, { query: { countries: 'CHN', indicator: 'nope', years: '2021' }, status: 400 }],
      },
    },
    async ({ rawQuery }) => modelAnswer(compareModel, await compareModel.open(deps.store, rawQuery)),
  );
};
