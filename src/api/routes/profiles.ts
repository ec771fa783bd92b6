/**
 * `/profiles/country/{iso3}`: the country profile (queries/country-profile.ts), shaped for the
 * dashboard (contract.ts `CountryProfileData`). The CSV variant gives the profile's flat rows;
 * `?table=partners|products|domains|trend` picks one section.
 */
import { z } from 'zod';
import {
  AREAS,
  countryProfile,
  countryProfileParams,
  countryProfileRows,
  defaultSpans,
  openScope,
  yearsSchema,
} from '../../queries/index.ts';
import type { CountryProfileData } from '../../contract.ts';
import type { RouteModule } from '../router.ts';

const query = countryProfileParams
  .omit({ country: true })
  .extend({
    years: yearsSchema.optional().describe('a year or a span, e.g. 2015-2023 (default: every year in the store)'),
    from: z.number().int().min(1900).max(2100).optional().describe('first year (alternative to years)'),
    to: z.number().int().min(1900).max(2100).optional().describe('last year (alternative to years)'),
  });

export const routes: RouteModule = (app, deps) => {
  app.get(
    {
      path: '/profiles/country/{iso3}',
      summary: 'Country profile: totals and balance by year, domains, partners, products, world share and rank, RCA, concentration, growth',
      tags: ['profiles'],
      params: z.object({ iso3: z.string().regex(/^[A-Za-z]{3}$/, 'should be an ISO alpha-3 code such as CHN') }),
      query,
      examples: {
        valid: [
          { params: { iso3: 'CHN' } },
          { params: { iso3: 'CHN' }, query: { basket: 'unesco-fcs-2009', years: '2020-2022', top: '20' } },
        ],
        invalid: [
          { params: { iso3: 'CHINA' }, mentions: 'iso3' },
          { params: { iso3: 'CHN' }, query: { years: '2022-2020' }, mentions: 'years' },
          { params: { iso3: 'CHN' }, query: { top: '0' }, mentions: 'top' },
        ],
      },
    },
    async ({ params, rawQuery }) => {
      const { from: _f, to: _t, ...rest } = rawQuery;
      const p = await countryProfile(deps.store, { ...rest, country: params.iso3, years: (await openScope(deps.store, rawQuery, defaultSpans.countryProfile)).years });
      const totals = p.totals.rows;
      const year = p.topPartners.year ?? totals.at(-1)?.year ?? p.years.to;
      const t = totals.find((r) => r.year === year);
      const ws = p.worldShare.rows.find((r) => r.year === year);
      // A partner or product in one side's top list only: the other side is not in this answer
      // (null, shown as "no data"), never 0.
      const partners = new Map<string, CountryProfileData['partners'][number]>();
      for (const r of p.topPartners.exports) partners.set(r.partner, { partner: r.partner, name_en: r.name.en, name_zh: r.name.zh, exports: r.value, imports: null, share: r.share });
      for (const r of p.topPartners.imports) {
        const x = partners.get(r.partner) ?? { partner: r.partner, name_en: r.name.en, name_zh: r.name.zh, exports: null, imports: null, share: null };
        x.imports = r.value;
        partners.set(r.partner, x);
      }
      // Trade with partners not named: in the totals, outside the shares (over named partners).
      const { exports: ax, imports: am } = p.topPartners.areas;
      if (ax !== null || am !== null)
        partners.set(AREAS.code, { partner: AREAS.code, name_en: AREAS.name.en, name_zh: AREAS.name.zh, exports: ax, imports: am, share: null });
      const products = new Map<string, CountryProfileData['products'][number]>();
      for (const r of p.topProducts.exports) products.set(r.product, { product: r.product, name_en: r.name.en, name_zh: r.name.zh, exports: r.value, imports: null, share: r.share });
      for (const r of p.topProducts.imports) {
        const x = products.get(r.product) ?? { product: r.product, name_en: r.name.en, name_zh: r.name.zh, exports: null, imports: null, share: null };
        x.imports = r.value;
        products.set(r.product, x);
      }
      const domRows = p.byDomain?.rows ?? [];
      const domTotal = domRows.reduce((s, r) => s + (r.exports > 0 ? r.exports : 0), 0);
      const data: CountryProfileData = {
        country: { iso3: p.country.iso3, nameEn: p.country.name.en, nameZh: p.country.name.zh },
        trade: p.provenance.trade,
        basket: p.scope.basket,
        domain: p.scope.domain,
        from: p.years.from,
        to: p.years.to,
        year,
        perspective: [p.provenance.perspective, p.provenance.view].filter(Boolean).join(' · '),
        headline: {
          year,
          exports: t?.exports ?? null,
          imports: t?.imports ?? null,
          balance: t?.balance ?? null,
          worldShare: ws?.exports_share ?? null,
          worldRank: ws?.exports_rank ?? null,
          exportGrowth: p.growth.exports.yoy,
          exportCagr: p.growth.exports.cagr,
          partners: p.concentration.exports?.markets ?? null,
        },
        trend: totals.map((r) => ({ year: r.year, exports: r.exports, imports: r.imports, balance: r.balance })),
        domains: domRows.map((r) => ({ domain: r.domain, label_en: r.label.en, label_zh: r.label.zh, exports: r.exports, imports: r.imports, share: domTotal ? r.exports / domTotal : null })),
        partners: [...partners.values()],
        products: [...products.values()],
        rca: domRows.map((r) => ({ domain: r.domain, label_en: r.label.en, label_zh: r.label.zh, rca: r.rca })),
        concentration: p.concentration.exports ? { hhi: p.concentration.exports.hhi_partners, equivalentMarkets: p.concentration.exports.equivalent_partners } : null,
        provenance: {
          runs: p.provenance.runs.map((r) => r.id),
          note: [`${p.scope.label}`, `${p.provenance.perspective}${p.provenance.view ? ` (${p.provenance.view} view)` : ''}`, p.provenance.trade === 'services' ? 'services (EBOPS 2010)' : `HS level ${p.provenance.level}`, ...p.notes].join(' · '),
          flowSources: p.sources,
        },
      };
      return {
        data,
        tables: {
          rows: countryProfileRows(p),
          trend: data.trend,
          partners: data.partners,
          products: data.products,
          domains: data.domains,
        },
        meta: { provenance: data.provenance },
      };
    },
  );
};
