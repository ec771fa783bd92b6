/**
 * Open Trade Statistics API JSON (FORMATS.md F): an array of flat objects, both flows in one row
 * seen from the reporter. Each row becomes up to two rows, X (trade_value_usd_exp) and M
 * (trade_value_usd_imp); a null or absent value gives no row. Lower-case ISO3 codes are upper-cased;
 * a missing partner (tables yr, yc) or 'all' is World; a missing commodity is TOTAL.
 *
 * The HS edition is not in the data: it depends on the OTS vintage (HS 2012 from OTS v4, HS 1992
 * before). It is an option, default HS2012, recorded with the import run.
 */
import { LanternError } from '../errors.ts';
import { partnerKind, resolveCountryCode } from '../reference/index.ts';
import { classificationFromCode, padHsCode } from './classifications.ts';
import { readJsonFile } from './json-file.ts';
import type { FileHead, Flow, FormatEntry, ReadContext, RowReader } from './types.ts';

export const OTS_DEFAULT_EDITION = 'HS2012';

function country(code: unknown): string | undefined {
  const c = String(code ?? '')
    .trim()
    .toUpperCase();
  if (c === '' || c === 'ALL' || c === 'WLD') return 'WLD';
  // OTS writes some Comtrade areas as e.g. "e-490" / "0-unspecified".
  const m = /^E-(\d+)$/.exec(c);
  if (m) return resolveCountryCode('comtrade', m[1] as string);
  if (c === '0-UNSPECIFIED') return 'X899';
  return resolveCountryCode('comtrade-iso', c);
}

/**
 * Kept whole: a streaming reader: the document's edition, per-record normalisation, problems and
 * progress in one pass.
 */
export const otsReader: RowReader = {
  kind: 'rows',
  format: 'ots-json',
  source: 'ots',
  perspective: 'reported',
  async read(ctx: ReadContext) {
    const doc = await readJsonFile(ctx.path, ctx.file, ctx.onBytes, ctx.options.encoding, ctx.options.unpackLimits);
    if (!Array.isArray(doc)) {
      throw new LanternError('bad-file', `${ctx.file} is not an Open Trade Statistics answer.`, [
        {
          file: ctx.file,
          message: 'expected a JSON array of rows',
          expected: '[{"year":…,"reporter_iso":…,"trade_value_usd_exp":…}]',
          found: JSON.stringify(doc).slice(0, 120),
          hint: 'pass --format if this is another format',
        },
      ]);
    }
    const edition = ctx.options.hsEdition ?? OTS_DEFAULT_EDITION;
    const classification = classificationFromCode(edition);
    if (!classification?.startsWith('HS')) {
      throw new LanternError('invalid-argument', `Unknown HS edition "${edition}".`, [
        {
          field: 'hs-edition',
          message: 'unknown HS edition',
          expected: 'HS1992 … HS2022 (or HS92 … HS22)',
          found: edition,
        },
      ]);
    }
    ctx.record('hs_edition', classification);
    doc.forEach((rec: Record<string, unknown>, i) => {
      const line = i + 1;
      const raw = JSON.stringify(rec);
      const problems: { column: string; message: string; expected: string; found: string; hint?: string }[] =
        [];
      const year = Number(rec.year);
      if (!Number.isInteger(year) || year < 1900 || year > 2100)
        problems.push({
          column: 'year',
          message: 'year is not a year',
          expected: 'a year',
          found: String(rec.year),
        });
      const reporter = country(rec.reporter_iso);
      if (!reporter || reporter === 'WLD')
        problems.push({
          column: 'reporter_iso',
          message: 'unknown reporter',
          expected: 'an ISO3 code such as chn',
          found: String(rec.reporter_iso),
          hint: 'run `lantern countries`',
        });
      const partner = country(rec.partner_iso);
      if (!partner)
        problems.push({
          column: 'partner_iso',
          message: 'unknown partner',
          expected: 'an ISO3 code such as usa',
          found: String(rec.partner_iso),
          hint: 'run `lantern countries`',
        });
      let product = 'TOTAL';
      if (rec.commodity_code !== undefined && rec.commodity_code !== null && rec.commodity_code !== 'all') {
        const p = padHsCode(String(rec.commodity_code));
        if (!p)
          problems.push({
            column: 'commodity_code',
            message: 'not an HS code',
            expected: '2, 4 or 6 digits',
            found: String(rec.commodity_code),
          });
        else product = p;
      }
      const values: [Flow, string][] = [
        ['X', 'trade_value_usd_exp'],
        ['M', 'trade_value_usd_imp'],
      ];
      const found: [Flow, number][] = [];
      for (const [flow, key] of values) {
        const v = rec[key];
        if (v === null || v === undefined || v === '' || v === 'NA') continue;
        const n = Number(v);
        if (!Number.isFinite(n) || n < 0)
          problems.push({
            column: key,
            message: 'value is not a number ≥ 0',
            expected: 'US dollars',
            found: String(v),
          });
        else found.push([flow, n]);
      }
      if (problems.length) {
        for (const p of problems) ctx.reject({ file: ctx.file, line, raw, ...p });
        return;
      }
      for (const [flow, valueUsd] of found) {
        ctx.emit({
          year,
          month: null,
          typeCode: 'C',
          reporter: reporter as string,
          partner: partner as string,
          partnerKind: partnerKind(partner as string),
          flow,
          classification,
          product,
          productLevel: product === 'TOTAL' ? 0 : product.length,
          valueUsd,
          quantity: null,
          quantityUnit: null,
          netWeightKg: null,
        });
      }
    });
  },
};

/**
 * The Open Trade Statistics API's JSON: recognised by its reporter_iso / trade_value_usd_* keys
 * (and no Comtrade reporterCode), or an empty array (an OTS answer with no rows).
 */
export const otsFormat: FormatEntry = {
  id: 'ots-json',
  aliases: ['ots', 'ots-json'],
  layout: 'Open Trade Statistics JSON ([{"reporter_iso":…}])',
  sniff: (head: FileHead) =>
    head.json &&
    ((/"(reporter_iso|trade_value_usd_exp|trade_value_usd_imp)"/.test(head.text) && !/"reporterCode"/.test(head.text)) ||
      /^\[\s*\]$/.test(head.text)),
  open: () => otsReader,
};
