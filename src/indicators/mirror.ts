/**
 * Mirror statistics for reported data: what the exporter says it shipped against what the importer
 * says it received. INDICATORS.md §3.7.
 *
 * These read both sides' reports directly and ignore `view`. A pair where only one side reports has
 * discrepancy 1 (ATL convention), and the missing side is NULL. They need reported data (Comtrade,
 * OTS); reconciled data (BACI) has one value per flow and no mirror.
 */
import { type Dialect, raw, type Sql, sql } from '../store/index.ts';
import { inFilter, scan } from './base.ts';
import { perspectiveSchema, type Scope, scopeYears, withScope } from './params.ts';
import { defineIndicator } from './types.ts';

export const mirrorParams = withScope({
  perspective: perspectiveSchema.default('reported').describe('mirror statistics need reported data'),
});

// Full join with USING (the merged key is whichever side is present): ClickHouse 18.16 runs a
// FULL JOIN only with USING.
function mirrorRows(p: Scope, d: Dialect): Sql {
  const o = { products: true, ...scopeYears(p) };
  const ex = inFilter('reporter', p.country);
  const imFromEx = inFilter('partner', p.country);
  const ratio = raw(d.fn.safeDiv('importer_reports.v', 'exporter_reports.v'));
  const discrepancy = raw(
    d.fn.safeDiv(
      'abs(coalesce(exporter_reports.v, 0) - coalesce(importer_reports.v, 0))',
      'coalesce(exporter_reports.v, 0) + coalesce(importer_reports.v, 0)',
    ),
  );
  // What each exporter reports shipping (exporter_reports) and what each importer reports
  // receiving from it (importer_reports), keyed alike: exporter, importer, group.
  return sql`
    with exporter_reports as (
      select year, reporter as exporter, partner as importer, grp, sum(v) as v
      from (${scan(p, 'X', o)}) s
      where ${ex} and ${inFilter('partner', p.partner)}
      group by year, reporter, partner, grp
    ),
    importer_reports as (
      select year, partner as exporter, reporter as importer, grp, sum(v) as v
      from (${scan(p, 'M', o)}) s
      where ${imFromEx} and ${inFilter('reporter', p.partner)}
      group by year, partner, reporter, grp
    )
    select year, exporter as country, importer as partner, grp as product,
           exporter_reports.v as exports_reported, importer_reports.v as imports_reported,
           coalesce(importer_reports.v, 0) - coalesce(exporter_reports.v, 0) as gap,
           ${ratio} as ratio, ${discrepancy} as discrepancy
    from exporter_reports
    full outer join importer_reports using (year, exporter, importer, grp)`;
}

const mirrorColumns = [
  { key: 'exports_reported', unit: 'usd', description: "V^E: exporter's report (FOB)" },
  { key: 'imports_reported', unit: 'usd', description: "V^I: importer's report (CIF)" },
  { key: 'gap', unit: 'usd', description: 'V^I − V^E (missing side counted as 0)' },
  { key: 'ratio', unit: 'ratio', description: 'V^I / V^E (≈ 1.08 for CIF/FOB alone)' },
  { key: 'discrepancy', unit: 'ratio', description: '|V^E − V^I| / (V^E + V^I)' },
] as const;

export const mirrorGap = defineIndicator({
  id: 'mirror-gap',
  label: { en: 'Mirror gap', zh: '镜像差额' },
  unit: 'usd',
  description: {
    en: 'Importer-reported minus exporter-reported value of the same flow (reported data only). Part of it is CIF/FOB (about 8%).',
    zh: '同一贸易流中进口方申报值减出口方申报值（仅适用于申报数据），其中约 8% 为到岸价与离岸价之差。',
  },
  formula: 'G_{ij} = V^{I}_{ij} - V^{E}_{ij}',
  source: 'docs/indicators/mirror-gap.md',
  params: mirrorParams,
  perspectives: ['reported'],
  keys: ['year', 'country', 'partner', 'product'],
  columns: [{ key: 'value', unit: 'usd', description: 'V^I − V^E' }, ...mirrorColumns],
  example: { country: ['CHN'], partner: ['USA'], from: 2021, product: '4901', level: 4 },
  build(p, d) {
    return sql`
      select year, country, partner, product, gap as value, exports_reported, imports_reported, gap, ratio, discrepancy
      from (${mirrorRows(p, d)}) reports
      order by year, country, partner, product`;
  },
});

export const discrepancy = defineIndicator({
  id: 'discrepancy',
  label: { en: 'Discrepancy index', zh: '镜像差异指数' },
  unit: 'ratio',
  description: {
    en: 'Absolute mirror gap over the sum of both reports, from 0 (agree) to 1 (only one side reports).',
    zh: '镜像差额绝对值除以双方申报值之和，0 为一致，1 为仅一方申报。',
  },
  formula: 'D_{ij} = |V^{E}_{ij} - V^{I}_{ij}| / (V^{E}_{ij} + V^{I}_{ij})',
  source: 'docs/indicators/discrepancy.md',
  params: mirrorParams,
  perspectives: ['reported'],
  keys: ['year', 'country', 'partner', 'product'],
  columns: [{ key: 'value', unit: 'ratio', description: 'D' }, ...mirrorColumns],
  example: { country: ['CHN'], from: 2021, product: '4901', level: 4 },
  build(p, d) {
    return sql`
      select year, country, partner, product, discrepancy as value, exports_reported, imports_reported, gap, ratio, discrepancy
      from (${mirrorRows(p, d)}) reports
      order by year, country, partner, product`;
  },
});
