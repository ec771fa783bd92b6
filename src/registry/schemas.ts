/**
 * The registry's model at the trust boundary: zod schemas for what users write (JSON files, CSV
 * rows, API bodies) and the plain row types stored.
 *
 * Invariants:
 * - Every fact row has a `source_url` (http or https) and may have a `source_note`.
 * - A date is 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' or null; a gap stays null, never a guess.
 * - Countries are ISO 3166 alpha-3 codes that exist.
 * - Empty strings (CSV cells) mean "not given" and become null.
 */
import { z } from 'zod';
import { isCountryCode } from './countries.ts';
import { parsePartialDate } from './dates.ts';

export const institutionKinds = ['cultural-centre', 'export-base', 'trade-base', 'other'] as const;
export const agreementKinds = ['co-production-treaty', 'cultural-agreement', 'cooperation-document'] as const;
export const measureStatuses = ['announced', 'in-progress', 'implemented', 'lapsed', 'unknown'] as const;
export const entityNames = ['institution', 'agreement', 'document', 'measure', 'count'] as const;
export type EntityName = (typeof entityNames)[number];
export type InstitutionKind = (typeof institutionKinds)[number];
export type AgreementKind = (typeof agreementKinds)[number];

/** Labels users see, in English and Chinese. */
export const kindLabels: Record<string, { en: string; zh: string }> = {
  'cultural-centre': { en: 'Cultural centre', zh: '海外文化中心' },
  'export-base': { en: 'Cultural export base', zh: '国家文化出口基地' },
  'trade-base': { en: 'Foreign cultural trade base', zh: '国家对外文化贸易基地' },
  other: { en: 'Other institution', zh: '其他机构' },
  'co-production-treaty': { en: 'Film co-production treaty', zh: '电影合拍协议' },
  'cultural-agreement': { en: 'Cultural agreement', zh: '文化协定' },
  'cooperation-document': { en: 'Cooperation document', zh: '合作文件' },
  'film-co-production': { en: 'Film co-productions', zh: '合拍片' },
};

/** '' and undefined → null, so CSV cells and omitted JSON fields mean the same thing. */
function blankToNull(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'string' && v.trim() === '') return null;
  return typeof v === 'string' ? v.trim() : v;
}

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankToNull, schema.nullable());
}

const text = z.string().trim().min(1, 'should not be empty');

export const countryCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isCountryCode, {
    message: 'should be an ISO 3166 alpha-3 country code that exists (e.g. CHN, FRA, MUS)',
  });

export const dateText = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const r = parsePartialDate(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  })
  .transform((s) => {
    const r = parsePartialDate(s);
    return r.ok ? r.value.text : s;
  });

const sourceUrl = z
  .string()
  .trim()
  .min(1, 'every registry fact needs the URL of its source')
  .refine((s) => /^https?:\/\/[^\s/]+\.[^\s]+$/.test(s), {
    message: 'should be an http(s) URL of the source page, e.g. https://example.org/page',
  });

const intFromText = z.preprocess(
  (v) => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v),
  z.number().int(),
);
const numFromText = z.preprocess(
  (v) => (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v)) ? Number(v) : v),
  z.number(),
);

/** A list given as a JSON array or as text separated by ';' (CSV cells). */
function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => {
    if (v === undefined || v === null) return [];
    if (typeof v === 'string')
      return v.trim() === ''
        ? []
        : v
            .split(';')
            .map((s) => s.trim())
            .filter(Boolean);
    return v;
  }, z.array(item));
}

const slugId = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9-]*(#[a-z0-9-]+)?$/,
    'should be lower-case letters, digits and dashes, e.g. cultural-centre-fra-paris',
  );

const common = {
  source_url: sourceUrl,
  source_note: optional(z.string()),
};

/** Adds an issue when `later` is before `earlier` (comparing the periods' starts and ends loosely). */
function notBefore(earlierKey: string, laterKey: string, what: string) {
  return (row: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const a = row[earlierKey];
    const b = row[laterKey];
    if (typeof a !== 'string' || typeof b !== 'string') return;
    const pa = parsePartialDate(a);
    const pb = parsePartialDate(b);
    if (pa.ok && pb.ok && pb.value.end < pa.value.start) {
      ctx.addIssue({
        code: 'custom',
        path: [laterKey],
        message: `${what} (${b}) is before ${earlierKey} (${a})`,
        input: b,
      });
    }
  };
}

export const institutionInput = z
  .object({
    id: optional(slugId),
    kind: z.enum(institutionKinds, { message: `should be one of ${institutionKinds.join(', ')}` }),
    name_en: text,
    name_zh: optional(z.string()),
    home_country: z.preprocess((v) => blankToNull(v) ?? 'CHN', countryCode),
    country: countryCode,
    region: optional(z.string()),
    city: optional(z.string()),
    lat: optional(
      numFromText.pipe(
        z.number().min(-90, 'latitude is from -90 to 90').max(90, 'latitude is from -90 to 90'),
      ),
    ),
    lon: optional(
      numFromText.pipe(
        z.number().min(-180, 'longitude is from -180 to 180').max(180, 'longitude is from -180 to 180'),
      ),
    ),
    programme: optional(z.string()),
    batch: optional(intFromText.pipe(z.number().int().min(1, 'a batch number starts at 1'))),
    opened: optional(dateText),
    opened_by: optional(dateText),
    closed: optional(dateText),
    ...common,
  })
  .superRefine(notBefore('opened', 'closed', 'closed'))
  .superRefine((row, ctx) => {
    if ((row.lat === null) !== (row.lon === null)) {
      ctx.addIssue({
        code: 'custom',
        path: [row.lat === null ? 'lat' : 'lon'],
        message: 'give both lat and lon, or neither',
      });
    }
  });

export const agreementInput = z
  .object({
    id: optional(slugId),
    kind: z.enum(agreementKinds, { message: `should be one of ${agreementKinds.join(', ')}` }),
    title: text,
    title_zh: optional(z.string()),
    home_country: z.preprocess((v) => blankToNull(v) ?? 'CHN', countryCode),
    partner: optional(countryCode),
    parties: listOf(countryCode),
    signed: optional(dateText),
    signed_by: optional(dateText),
    in_force: optional(dateText),
    ...common,
  })
  .transform((row) => {
    // The home country and the partner are always parties; the list is kept sorted and unique.
    const parties = new Set(row.parties);
    parties.add(row.home_country);
    if (row.partner) parties.add(row.partner);
    return { ...row, parties: [...parties].sort() };
  })
  .superRefine(notBefore('signed', 'in_force', 'in_force'))
  .superRefine((row, ctx) => {
    if (row.parties.length < 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['parties'],
        message: 'an agreement needs at least two parties: give partner or parties (e.g. "CHN;FRA")',
      });
    }
    if (row.partner === row.home_country) {
      ctx.addIssue({
        code: 'custom',
        path: ['partner'],
        message: 'the partner should differ from home_country',
      });
    }
  });

export const documentInput = z.object({
  id: slugId,
  title_en: text,
  title_zh: optional(z.string()),
  country: countryCode,
  doc_number: optional(z.string()),
  issued: optional(dateText),
  agencies: listOf(text),
  agency_count: optional(intFromText.pipe(z.number().int().min(1))),
  measure_count: optional(intFromText.pipe(z.number().int().min(0))),
  ...common,
});

export const measureInput = z.object({
  id: optional(slugId),
  document_id: slugId,
  number: optional(intFromText.pipe(z.number().int().min(1, 'measure numbers start at 1'))),
  heading: optional(z.string()),
  summary: text.max(600, 'keep the summary short (600 characters) and in your own words'),
  agencies: listOf(text),
  status: z.preprocess(
    (v) => blankToNull(v) ?? 'unknown',
    z.enum(measureStatuses, { message: `should be one of ${measureStatuses.join(', ')}` }),
  ),
  indicators: listOf(
    z
      .string()
      .trim()
      .regex(
        /^[a-z0-9-]+(:[a-z0-9-]+)?$/,
        'should be an indicator id, optionally with a basket: exports:unesco-fcs-2009',
      ),
  ),
  ...common,
});

export const countInput = z.object({
  id: optional(z.string()),
  subject: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]+$/, 'should be a kebab-case subject, e.g. cultural-centre'),
  metric: z
    .string()
    .trim()
    .regex(/^[a-z0-9-]+$/, 'should be a kebab-case metric, e.g. established'),
  country: z.preprocess((v) => blankToNull(v) ?? 'CHN', countryCode),
  value: numFromText.pipe(z.number().finite()),
  unit: z.preprocess((v) => blankToNull(v) ?? 'count', z.string()),
  as_of: dateText,
  ...common,
});

export type InstitutionInput = z.infer<typeof institutionInput>;
export type AgreementInput = z.infer<typeof agreementInput>;
export type DocumentInput = z.infer<typeof documentInput>;
export type MeasureInput = z.infer<typeof measureInput>;
export type CountInput = z.infer<typeof countInput>;

export const inputSchemas = {
  institution: institutionInput,
  agreement: agreementInput,
  document: documentInput,
  measure: measureInput,
  count: countInput,
} as const;
