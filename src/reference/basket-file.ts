/**
 * Reading basket definitions (CSV files and `--codes` lists) and adding users' baskets.
 *
 * The CSV layout is the bundled one (`data/baskets/*.csv`): framework, hs_edition, code,
 * domain_code, domain, core_or_related, source_url, source_note. Only `code` is required; the
 * research layout's names (hs_version, hs_code, domain_name, group) are accepted too, so UNCTAD's
 * creative-goods list loads in either. Every row is checked (zod) and all problems are reported
 * together with their line numbers; nothing is written unless the whole basket is valid.
 */
import { z } from 'zod';
import { csvObjects, csvTable, fieldCountProblem } from '../csv-in.ts';
import { LanternError, type Problem } from '../errors.ts';
import { inList, sql, type Store } from '../store/index.ts';
import type { Resolution } from './basket-resolution.ts';
import {
  type Basket,
  type BasketDefinition,
  coreOrRelatedValues,
  fcsDomain,
  knownCodes,
  nextBasketVersion,
  slugify,
  writeBasket,
} from './baskets.ts';
import { type HsEdition, normaliseEdition, parseEdition, subheadingsOf } from './hs.ts';
import { canonicalEbopsCode, EBOPS2010, isEbopsCode } from './services.ts';
import { type CountCheck, checkUnctadCounts } from './unctad-check.ts';

/** Column aliases accepted in basket files (research layout → Lantern layout). */
const aliases: Record<string, string> = {
  hs_version: 'hs_edition',
  edition: 'hs_edition',
  hs_code: 'code',
  hscode: 'code',
  domain_name: 'domain',
  group: 'domain',
};

/** A header name as the basket reader knows it: lower case, aliases to their column. */
const basketColumn = (h: string) => {
  const k = h.trim().toLowerCase();
  return aliases[k] ?? k;
};

const coreValues = Object.keys(coreOrRelatedValues) as [string, ...string[]];

const hsRowSchema = z.object({
  framework: z.string().trim().optional(),
  hs_edition: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || normaliseEdition(v) !== undefined, {
      message: 'unknown HS edition: expected HS1992 … HS2022',
    }),
  code: z
    .string({ message: 'a code is required' })
    .trim()
    .transform((v) => v.replace(/[.\s]/g, ''))
    .refine((v) => /^(\d{4}|\d{6})$/.test(v), {
      message: 'an HS code has 6 digits (or 4 for a heading), e.g. 950510 or 9505',
    }),
  domain_code: z.string().trim().optional(),
  domain: z.string().trim().optional(),
  subgroup: z.string().trim().optional(),
  core_or_related: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || coreValues.includes(v), {
      message: `core_or_related is one of ${coreValues.join(', ')}`,
    }),
  source_url: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^https?:\/\/\S+$/.test(v), { message: 'source_url should be an http(s) URL' }),
  source_note: z.string().trim().optional(),
});

export interface BasketRowInput {
  line?: number;
  code: string;
  hsEdition?: HsEdition;
  framework?: string;
  domainCode: string | null;
  domain: string | null;
  /** null when the file has no core_or_related column: the basket then has no core/related scope. */
  coreOrRelated: string | null;
  sourceUrl: string | null;
  sourceNote: string | null;
}

/**
 * A services basket (the bundled EBOPS 2010 one): codes are EBOPS 2010 items as Comtrade writes them
 * (SK1, SH4, SI31), the edition column says EBOPS2010.
 */
const servicesRowSchema = hsRowSchema.extend({
  hs_edition: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || servicesEdition(v) === 'EBOPS2010', {
      message: `a services basket is written in ${EBOPS2010} (EBOPS 2002 and HS codes cannot be mixed in)`,
    }),
  code: z
    .string({ message: 'a code is required' })
    .trim()
    .refine((v) => isEbopsCode(v), { message: 'an EBOPS 2010 code as Comtrade writes it, e.g. SK1 or SI31' })
    .transform((v) => canonicalEbopsCode(v)),
});

/**
 * The services classification an edition text names: EBOPS2010 for "EBOPS2010", "EBOPS 2010",
 * Comtrade's "EB10" and "EB"; "EBOPS2002" for "EBOPS2002" and "EB02" (which no basket is written in:
 * Lantern reads services on EBOPS 2010); undefined for anything else (an HS edition).
 */
export function servicesEdition(text: string): 'EBOPS2010' | 'EBOPS2002' | undefined {
  const s = text.trim().toUpperCase().replace(/[\s_-]/g, '');
  if (s === 'EBOPS2010' || s === 'EB10' || s === 'EB') return 'EBOPS2010';
  if (s === 'EBOPS2002' || s === 'EB02') return 'EBOPS2002';
  return undefined;
}

/**
 * Whether a basket file is a services basket: its edition column names EBOPS 2010, or every code is
 * written like an EBOPS code (SK1, SI31) rather than an HS code.
 */
export function isServicesBasketText(text: string): boolean {
  let records: Record<string, string>[];
  try {
    records = csvObjects(text, 'basket', { fold: basketColumn, trim: true }).map((r) => r.record);
  } catch {
    return false; // parseBasketCsv reports the file's problem
  }
  if (records.some((r) => r.hs_edition && servicesEdition(r.hs_edition) === 'EBOPS2010')) return true;
  const codes = records.map((r) => r.code ?? '').filter(Boolean);
  return codes.length > 0 && codes.every((c) => isEbopsCode(c));
}

/**
 * Parses a basket CSV; returns rows and the problems found (the caller throws once). With
 * `services`, codes are EBOPS 2010 items (the bundled services basket); otherwise HS codes.
 *
 * Kept whole: one pass over the rows with a check per column, every problem collected.
 */
export function parseBasketCsv(
  text: string,
  file: string,
  opts: { services?: boolean } = {},
): { rows: BasketRowInput[]; problems: Problem[] } {
  const rowSchema = opts.services ? servicesRowSchema : hsRowSchema;
  const problems: Problem[] = [];
  const { columns, rows: records } = csvTable(text, file, {
    columns: { code: ['code'] },
    required: ['code'],
    fold: basketColumn,
    expected: 'a header with code (or hs_code)',
    hint: 'columns: framework,hs_edition,code,domain_code,domain,core_or_related,source_url,source_note',
  });
  const keys = columns.folded;
  const rows: BasketRowInput[] = [];
  for (const { line, fields } of records) {
    if (fields.length !== keys.length) {
      problems.push(
        fieldCountProblem(file, line, fields.length, keys.length, 'quote a field that holds a comma, and add the basket again (nothing was added)'),
      );
      continue;
    }
    const record = Object.fromEntries(keys.map((k, i) => [k, (fields[i] as string).trim()]));
    const clean = Object.fromEntries(Object.entries(record).filter(([, v]) => v !== '' && v !== undefined));
    const r = rowSchema.safeParse(clean);
    if (!r.success) {
      for (const issue of r.error.issues) {
        const column = String(issue.path[0] ?? '');
        problems.push({
          file,
          line,
          column,
          message: issue.message,
          expected:
            column === 'code'
              ? opts.services
                ? 'an EBOPS 2010 code such as SK1 (a services basket holds no HS codes)'
                : 'an HS code of 6 digits (or 4 for a heading)'
              : `a valid ${column || 'row'}`,
          found: column ? (record[column] ?? '') : undefined,
          hint: 'fix the row and add the basket again (nothing was added)',
        });
      }
      continue;
    }
    const v = r.data;
    const fcs =
      v.domain_code && v.domain_code.length === 1
        ? fcsDomain(v.domain_code)
        : v.domain
          ? fcsDomain(v.domain)
          : undefined;
    rows.push({
      line,
      code: v.code,
      hsEdition: v.hs_edition ? (opts.services ? (EBOPS2010 as HsEdition) : normaliseEdition(v.hs_edition)) : undefined,
      framework: v.framework,
      domainCode: v.domain_code ?? fcs?.code ?? null,
      domain: v.domain
        ? fcs && (!v.domain_code || v.domain_code === fcs.code)
          ? fcs.slug
          : slugify(v.domain)
        : (fcs?.slug ?? null),
      coreOrRelated: v.core_or_related ?? null,
      sourceUrl: v.source_url ?? null,
      sourceNote:
        [v.subgroup ? `subgroup=${v.subgroup}` : undefined, v.source_note].filter(Boolean).join('; ') || null,
    });
  }
  return { rows, problems };
}

/** Splits `--codes 950510,940540 9503` into codes. */
export function splitCodes(list: string): string[] {
  return list
    .split(/[\s,;]+/)
    .map((c) => c.replace(/\./g, '').trim())
    .filter(Boolean);
}

export interface AddBasketInput {
  /** The basket's name; its id is the slug of the name. */
  name: string;
  codes?: string[];
  file?: { name: string; text: string };
  edition?: HsEdition;
  domain?: string;
  framework?: string;
  description?: string;
  source?: string;
  version?: string;
  replace?: boolean;
  /** Ids of bundled baskets: a user may take one whose file Lantern does not ship (it is then a user basket). */
  reserved?: readonly string[];
}

export interface AddBasketResult {
  basket: Basket;
  codes: number;
  expanded: { heading: string; codes: string[] }[];
  /** False when neither the nomenclature nor a correlation table of the edition is loaded. */
  checked: boolean;
  editionDefaulted: boolean;
  resolutions: Resolution[];
  /** For UNCTAD's list: codes per group/subgroup against the counts published in CER 2010. */
  completeness: CountCheck[];
  /** The version this one replaced (kept in basket_versions), or null. */
  replaced: { version: string; bundled: boolean } | null;
}

/**
 * Validates and stores a user's basket, then resolves it to every edition the loaded correlation
 * tables allow. All problems are reported together; nothing is written on error.
 *
 * Kept whole: validation, storage and resolution to every edition in one transaction: every problem
 * is reported together and nothing is written on error.
 */
export async function addBasket(store: Store, input: AddBasketInput): Promise<AddBasketResult> {
  const problems: Problem[] = [];
  const id = slugify(input.name);
  if (!id) {
    throw new LanternError('invalid-argument', `"${input.name}" cannot be a basket name.`, [
      {
        field: 'name',
        message: 'a basket name needs letters or digits',
        found: input.name,
        hint: 'e.g. lantern basket add festive-goods --codes 950510',
      },
    ]);
  }
  // A bundled basket in the store is replaced only when the user says so (--replace); its
  // definition is then kept as an earlier version. A bundled id whose file Lantern does not ship
  // (UNCTAD's list) is free: the user's list is stored under it as a user basket.
  const stored = await store.query<{ version: string; bundled: boolean }>(sql`select version, bundled from baskets where id = ${id}`);
  if (stored[0]?.bundled && !input.replace) {
    throw new LanternError('conflict', `"${id}" is a bundled basket (version ${stored[0].version}); adding your list under its id would change it.`, [
      {
        field: 'name',
        message: 'bundled basket',
        found: id,
        hint: `choose another name (e.g. my-${id}), or pass --replace to replace it — the bundled version is kept (\`lantern basket versions ${id}\`)`,
      },
    ]);
  }
  if (!!input.codes === !!input.file) {
    throw new LanternError(
      'invalid-argument',
      'Give the codes either with --codes or with --file, not both and not neither.',
      [
        {
          field: 'codes',
          message: 'no single source of codes',
          hint: 'lantern basket add NAME --codes 950510,940540  or  --file basket.csv',
        },
      ],
    );
  }
  const fileName = input.file?.name ?? '--codes';
  // Where a code came from: file, line and column, or the --codes option.
  const loc = (r: { line?: number }): Problem =>
    input.file
      ? { file: fileName, line: r.line, column: 'code', message: '' }
      : { field: 'codes', message: '' };
  // Goods (HS codes) or services (EBOPS 2010 items: `--edition EBOPS2010`, the file's edition column,
  // or codes all written like SK1): a basket is one or the other.
  const services =
    (input.edition as string | undefined) === EBOPS2010 ||
    (input.file
      ? isServicesBasketText(input.file.text)
      : (input.codes ?? []).length > 0 && (input.codes ?? []).every((c) => isEbopsCode(c)));
  let rows: BasketRowInput[];
  if (input.file) {
    const parsed = parseBasketCsv(input.file.text, input.file.name, { services });
    rows = parsed.rows;
    problems.push(...parsed.problems);
    if (rows.length === 0 && parsed.problems.length === 0) {
      throw new LanternError('bad-file', `${input.file.name} has no codes.`, [
        {
          file: input.file.name,
          line: 2,
          message: 'the file has a header but no rows',
          hint: 'add one row per HS code',
        },
      ]);
    }
  } else {
    rows = (input.codes ?? []).map((code) => ({
      line: undefined,
      code: services ? canonicalEbopsCode(code) : code,
      domainCode: null,
      domain: null,
      coreOrRelated: 'core',
      sourceUrl: null,
      sourceNote: null,
    }));
    for (const r of rows) {
      if (services && !isEbopsCode(r.code)) {
        problems.push({
          field: 'codes',
          message: 'a services basket holds EBOPS 2010 codes only (goods and services are never mixed)',
          expected: 'e.g. SK1',
          found: r.code,
        });
      } else if (!services && !/^(\d{4}|\d{6})$/.test(r.code)) {
        problems.push({
          field: 'codes',
          message: isEbopsCode(r.code)
            ? 'a basket holds goods (HS codes) or services (EBOPS 2010 items), never both'
            : 'an HS code has 6 digits (or 4 for a heading)',
          expected: 'e.g. 950510',
          found: r.code,
        });
      }
    }
    rows = rows.filter((r) => (services ? isEbopsCode(r.code) : /^(\d{4}|\d{6})$/.test(r.code)));
    if (rows.length === 0)
      problems.push({ field: 'codes', message: 'no codes given', hint: 'e.g. --codes 950510,940540' });
  }
  // One edition for the whole basket.
  const fileEditions = [...new Set(rows.map((r) => r.hsEdition).filter((e): e is HsEdition => !!e))];
  if (fileEditions.length > 1) {
    problems.push({
      file: fileName,
      column: 'hs_edition',
      message: 'a basket is written in one HS edition',
      expected: 'one edition',
      found: fileEditions.join(', '),
    });
  }
  if (input.edition && fileEditions.length === 1 && fileEditions[0] !== input.edition) {
    problems.push({
      file: fileName,
      column: 'hs_edition',
      message: `the file says ${fileEditions[0]} but --edition says ${input.edition}`,
      hint: 'drop --edition or fix the file',
    });
  }
  if (services && input.edition && (input.edition as string) !== EBOPS2010) {
    problems.push({
      field: 'edition',
      message: `the codes are EBOPS 2010 services items, but --edition says ${input.edition}`,
      expected: EBOPS2010,
      found: input.edition,
      hint: 'drop --edition (or pass --edition EBOPS2010) for a services basket',
    });
  }
  const editionDefaulted = !services && !input.edition && fileEditions.length === 0;
  const edition: HsEdition = services ? (EBOPS2010 as HsEdition) : (input.edition ?? fileEditions[0] ?? 'HS2022');
  // Domain given on the command line applies to rows without one.
  if (input.domain) {
    const fcs = fcsDomain(input.domain);
    for (const r of rows) {
      if (!r.domain) {
        r.domain = fcs ? fcs.slug : slugify(input.domain);
        r.domainCode = r.domainCode ?? fcs?.code ?? null;
      }
    }
  }
  // Expand 4-digit headings when the nomenclature is there; otherwise say how to make it possible.
  const expanded: { heading: string; codes: string[] }[] = [];
  const out: BasketRowInput[] = [];
  for (const r of rows) {
    if (services || r.code.length === 6) {
      out.push(r);
      continue;
    }
    const kids = await subheadingsOf(store, edition, r.code);
    if (kids.length === 0) {
      problems.push({
        ...loc(r),
        message: `heading ${r.code} cannot be expanded: the ${edition} nomenclature is not loaded or has no subheadings under it`,
        found: r.code,
        hint: 'list its 6-digit subheadings, or run `lantern reference load DIR` first',
      });
      continue;
    }
    expanded.push({ heading: r.code, codes: kids });
    for (const k of kids)
      out.push({
        ...r,
        code: k,
        sourceNote: [`expanded from heading ${r.code} (${edition} nomenclature)`, r.sourceNote]
          .filter(Boolean)
          .join('; '),
      });
  }
  // Duplicates.
  const seen = new Map<string, BasketRowInput>();
  for (const r of out) {
    const prev = seen.get(r.code);
    if (prev) {
      problems.push({
        ...loc(r),
        message: `duplicate code ${r.code}${prev.line ? ` (already on line ${prev.line})` : ''}`,
        found: r.code,
        hint: 'list each code once; a code belongs to one domain',
      });
    } else seen.set(r.code, r);
  }
  // Unknown codes, when Lantern has something to check them against.
  const known = services ? await knownServicesCodes(store, [...seen.values()], loc, problems) : await knownCodes(store, edition);
  if (known && !services) {
    const unknown = [...seen.values()].filter((r) => !known.has(r.code));
    if (unknown.length > 0) {
      const elsewhere = await store.query<{ code: string; editions: string }>(
        sql`select code, string_agg(distinct edition, ', ' order by edition) as editions from hs_products
            where level = 6 and code in ${inList(unknown.map((u) => u.code))} group by code`,
      );
      const where = new Map(elsewhere.map((e) => [e.code, e.editions]));
      for (const r of unknown) {
        const other = where.get(r.code);
        problems.push({
          ...loc(r),
          message: `unknown code ${r.code}`,
          expected: `an ${edition} subheading`,
          found: r.code,
          hint: other
            ? `${r.code} exists in ${other}: use --edition accordingly`
            : 'check the code against the nomenclature (`lantern reference` lists the loaded editions)',
        });
      }
    }
  }
  const existing = await store.query<{ version: string; bundled: boolean }>(
    sql`select version, bundled from baskets where id = ${id}`,
  );
  if (existing[0] && !input.replace) {
    problems.push({
      field: 'name',
      message: `a basket "${id}" already exists (version ${existing[0].version})`,
      hint: 'add --replace to replace it, or choose another name',
    });
  }
  if (problems.length > 0) {
    throw new LanternError(
      'bad-rows',
      `Basket "${id}" was not added: ${problems.length} problem${problems.length > 1 ? 's' : ''}.`,
      problems,
    );
  }
  const version = input.version ?? (await nextBasketVersion(store, id));
  const taken = await store.query<{ n: number }>(
    sql`select count(*)::int as n from basket_versions where basket_id = ${id} and version = ${version}`,
  );
  if (input.version && ((taken[0]?.n ?? 0) > 0 || existing[0]?.version === version)) {
    throw new LanternError('conflict', `Basket "${id}" already has a version ${version}.`, [
      { field: 'version', message: 'versions are kept, so each label is used once', found: version, hint: 'drop --version to take the next number' },
    ]);
  }
  const frameworks = [...new Set(out.map((r) => r.framework).filter(Boolean))];
  const basket: Basket = {
    id,
    name: input.name,
    version,
    framework: input.framework ?? (frameworks.length === 1 ? (frameworks[0] as string) : 'user'),
    hsEdition: edition,
    source: input.source ?? (input.file ? input.file.name : 'lantern basket add --codes'),
    description: input.description ?? null,
    bundled: false,
  };
  const def: BasketDefinition = {
    basket,
    codes: [...seen.values()].map((r) => ({
      code: r.code,
      domainCode: r.domainCode,
      domain: r.domain,
      coreOrRelated: r.coreOrRelated,
      sourceUrl: r.sourceUrl,
      sourceNote: r.sourceNote,
    })),
  };
  const resolutions = await store.transaction((tx) => writeBasket(tx, def));
  const completeness = /unctad/i.test(basket.framework) ? checkUnctadCounts(def.codes) : [];
  return {
    basket,
    codes: def.codes.length,
    expanded,
    checked: !!known,
    editionDefaulted,
    resolutions,
    completeness,
    replaced: existing[0] ? { version: existing[0].version, bundled: existing[0].bundled } : null,
  };
}

/**
 * Checks a services basket's codes against the EBOPS 2010 tree the store holds (`services_codes`):
 * an unknown code, or a memorandum item (SK11z, S1 …, which overlaps the components and is never
 * read), is a problem naming it. Returns the known codes, or undefined when no tree is loaded.
 */
async function knownServicesCodes(
  store: Store,
  rows: BasketRowInput[],
  loc: (r: { line?: number }) => Problem,
  problems: Problem[],
): Promise<Set<string> | undefined> {
  const tree = await store.query<{ code: string; memo: boolean; name: string }>(
    sql`select code, memo, name from services_codes where classification = ${EBOPS2010}`,
  );
  if (tree.length === 0) return undefined;
  const byCode = new Map(tree.map((t) => [t.code, t]));
  for (const r of rows) {
    const t = byCode.get(r.code);
    if (!t) {
      problems.push({
        ...loc(r),
        message: `unknown code ${r.code}`,
        expected: 'an EBOPS 2010 item as Comtrade writes it (SK1, SK23, SH4, SI31 …)',
        found: r.code,
        hint: 'see the items and their names with `lantern basket show cultural-services` or data/ebops/ebops-2010.csv',
      });
    } else if (t.memo) {
      problems.push({
        ...loc(r),
        message: `${r.code} (${t.name}) is a memorandum item: it overlaps the standard components and is never added to them`,
        found: r.code,
        hint: 'list the standard items it is part of (for SK11z, audio-visual originals: SK11)',
      });
    }
  }
  return new Set(byCode.keys());
}

/**
 * The edition a user gives for a basket (`--edition`): an HS edition, or EBOPS2010 for a services
 * basket. EBOPS 2002 is refused: Lantern reads services on EBOPS 2010 only.
 */
export function parseBasketEdition(text: string): HsEdition {
  const services = servicesEdition(text);
  if (services === 'EBOPS2010') return EBOPS2010 as HsEdition;
  if (services === 'EBOPS2002')
    throw new LanternError('invalid-argument', `A basket cannot be written in EBOPS 2002 ("${text}").`, [
      {
        field: 'edition',
        message: 'Lantern reads services on EBOPS 2010 (MSITS 2010); no EBOPS 2002 correspondence ships',
        expected: `an HS edition (HS1992 … HS2022) or ${EBOPS2010}`,
        found: text,
        hint: 'write the basket in EBOPS 2010 items (SK1, SK23, SH4, SI31 …) with --edition EBOPS2010',
      },
    ]);
  return parseEdition(text);
}
