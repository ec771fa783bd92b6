/**
 * One Comtrade record → one FlowRow. Shared by the Plus CSV, API JSON, bulk and legacy readers:
 * each hands a getter over "folded" column names (lower case, letters and digits only, so
 * `reporterISO`, `reporter_iso` and `Reporter ISO` are the same key).
 *
 * Rules (FORMATS.md B–D):
 * - reporter/partner by Comtrade numeric code when present, else by Comtrade's ISO text; 0 / W00 is
 *   World (partner_kind 'world'), areas "nes" keep a pseudo-code (partner_kind 'area').
 * - flows X/M/RX/RM (legacy 1/2/3/4); other flows (DX, FM, processing flows) are rejected with a reason.
 * - rows broken down by second partner, customs procedure or mode of transport are rejected: only the
 *   totals (partner2 0, customs C00, MOT 0) are kept, so no trade is counted twice.
 * - value: primaryValue in USD (legacy: Trade Value (US$)); refMonth 52 means annual.
 */
import { canonicalEbopsCode, partnerKind, resolveCountryCode } from '../reference/index.ts';
import { classificationFromCode, hsEditionInForce, padHsCode } from './classifications.ts';
import type { Flow, FlowRow, RowProblem } from './types.ts';

/** Folds a column name: `reporterISO`, `reporter_iso`, `Reporter ISO` → `reporteriso`. */
export function fold(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Legacy (pre-2023) column names, folded, → the Plus names they mean. */
export const legacyAliases: Record<string, string> = {
  year: 'refyear',
  aggregatelevel: 'aggrlevel',
  tradeflowcode: 'legacyflow',
  tradeflow: 'flowdesc',
  reporter: 'reporterdesc',
  partner: 'partnerdesc',
  commoditycode: 'cmdcode',
  commodity: 'cmddesc',
  qtyunit: 'qtyunitabbr',
  netweightkg: 'netwgt',
  tradevalueus: 'primaryvalue',
  classification: 'classificationcode',
  '2ndpartnercode': 'partner2code',
  customsproccode: 'customscode',
  modeoftransportcode: 'motcode',
  ciftradevalueus: 'cifvalue',
  fobtradevalueus: 'fobvalue',
  grossweightkg: 'grosswgt',
};

/** Comtrade quantity unit codes (qtyUnitCode) → abbreviations, for files that carry codes only. */
export const qtyUnits: Record<string, string | null> = {
  '-1': null,
  '1': null, // "No Quantity"
  '2': 'm²',
  '3': '1000 kWh',
  '4': 'm',
  '5': 'u',
  '6': '2u',
  '7': 'l',
  '8': 'kg',
  '9': '1000u',
  '10': 'u (jeu/pack)',
  '11': '12u',
  '12': 'm³',
  '13': 'carat',
};

const FLOW_DESC: Record<string, Flow> = {
  export: 'X',
  import: 'M',
  reexport: 'RX',
  reimport: 'RM',
  reexports: 'RX',
  reimports: 'RM',
  exports: 'X',
  imports: 'M',
};
const LEGACY_FLOW: Record<string, Flow> = { '1': 'M', '2': 'X', '3': 'RX', '4': 'RM' };

export type Getter = (key: string) => unknown;

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

function num(v: unknown): number | null | typeof NaN {
  const s = text(v);
  if (s === '' || s.toUpperCase() === 'NA' || s.toUpperCase() === 'NULL') return null;
  const n = typeof v === 'number' ? v : Number(s);
  return Number.isFinite(n) ? n : Number.NaN;
}

/**
 * Said once per file holding EBOPS 2002 services rows (Comtrade classification EB02): they are
 * stored as read, but no indicator reads them (services are read on the EBOPS 2010 tree).
 */
export const EBOPS2002_WARNING =
  'services rows in EBOPS 2002 (Comtrade classification EB02) are stored but not read: Lantern reads services on EBOPS 2010 only; download the same data classified in EBOPS 2010 (Comtrade EB10: `lantern fetch comtrade --services`, or the Comtrade download with classification EB10)';

export interface RecordContext {
  file: string;
  line: number;
  /** HS edition to assume when the record has no classification. */
  hsEdition?: string;
  /** Called once per file the first time the edition had to be assumed. */
  assumed?: (what: string) => void;
}

/**
 * Normalises one record; returns the row, or the problems that keep it out.
 *
 * Kept whole: one record's fields checked and converted in order, every problem collected; pure, so
 * each rule is unit-tested.
 */
export function normaliseComtrade(
  get: Getter,
  ctx: RecordContext,
): { row?: FlowRow; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const where = { file: ctx.file, line: ctx.line };
  const bad = (column: string, message: string, expected: string, found: string, hint?: string) =>
    problems.push({ ...where, column, message, expected, found, hint });

  // Year and month.
  const period = text(get('period'));
  let year = num(get('refyear'));
  if (year === null && /^\d{4}/.test(period)) year = Number(period.slice(0, 4));
  if (year === null || Number.isNaN(year) || !Number.isInteger(year) || year < 1900 || year > 2100) {
    bad('refYear', 'year is not a year', 'a year such as 2019', text(get('refyear')) || period);
  }
  const freq = text(get('freqcode')).toUpperCase();
  let month: number | null = null;
  const refMonth = num(get('refmonth'));
  // Legacy files have no freqCode: a six-digit period (199503) is a month.
  const legacyMonthly = freq === '' && refMonth === null && /^\d{6}$/.test(period);
  if (freq === 'M' || legacyMonthly || (refMonth !== null && refMonth >= 1 && refMonth <= 12)) {
    month =
      refMonth !== null && refMonth >= 1 && refMonth <= 12
        ? refMonth
        : /^\d{6}$/.test(period)
          ? Number(period.slice(4))
          : null;
    if (month === null)
      bad(
        'refMonth',
        'monthly record without a month',
        'refMonth 1–12 or period YYYYMM',
        String(get('refmonth') ?? period),
      );
  }

  // Type of trade.
  const typeText = text(get('typecode')).toUpperCase() || 'C';
  if (typeText !== 'C' && typeText !== 'S')
    bad('typeCode', 'unknown type of trade', 'C (goods) or S (services)', typeText);
  const typeCode = typeText === 'S' ? 'S' : 'C';

  // Flow.
  let flow: Flow | undefined;
  const flowCode = text(get('flowcode')).toUpperCase();
  const legacy = text(get('legacyflow'));
  if (flowCode) {
    if (['X', 'M', 'RX', 'RM'].includes(flowCode)) flow = flowCode as Flow;
    else
      bad(
        'flowCode',
        `flow ${flowCode} is not kept`,
        'X, M, RX or RM',
        flowCode,
        'Lantern keeps exports, imports, re-exports and re-imports; query Comtrade with flowCode=X,M,RX,RM',
      );
  } else if (legacy) {
    flow = LEGACY_FLOW[legacy];
    if (!flow)
      bad(
        'Trade Flow Code',
        'unknown trade flow code',
        '1 (import), 2 (export), 3 (re-export) or 4 (re-import)',
        legacy,
      );
  } else {
    const desc = fold(text(get('flowdesc')));
    flow = FLOW_DESC[desc];
    if (!flow)
      bad('flowDesc', 'unknown flow', 'Export, Import, Re-export or Re-import', text(get('flowdesc')));
  }

  // Breakdowns that would double count.
  const p2 = text(get('partner2code'));
  const p2iso = text(get('partner2iso')).toUpperCase();
  const customs = text(get('customscode')).toUpperCase();
  const mot = text(get('motcode'));
  if ((p2 && p2 !== '0') || (p2iso && p2iso !== 'W00' && !p2))
    bad(
      'partner2Code',
      'row is broken down by second partner',
      'partner2Code 0 (World)',
      p2 || p2iso,
      'download totals over second partners (partner2Code=0)',
    );
  if (customs && customs !== 'C00')
    bad(
      'customsCode',
      'row is broken down by customs procedure',
      'customsCode C00 (total)',
      customs,
      'download customs totals (customsCode=C00)',
    );
  if (mot && mot !== '0')
    bad(
      'motCode',
      'row is broken down by mode of transport',
      'motCode 0 (total)',
      mot,
      'download transport totals (motCode=0)',
    );

  // Reporter and partner.
  const who = (role: 'reporter' | 'partner'): string | undefined => {
    const code = text(get(`${role}code`));
    const iso = text(get(`${role}iso`)).toUpperCase();
    if (code !== '') {
      const hit = resolveCountryCode('comtrade', code);
      // The ISO column, when present, must name the same entity as the code (a hand-edited file).
      if (hit && iso !== '' && resolveCountryCode('comtrade-iso', iso) !== hit) {
        bad(
          `${role}ISO`,
          `${role}ISO contradicts ${role}Code ${code}`,
          `${hit} (the entity of ${role}Code ${code})`,
          iso,
          'fix one of the two columns: they must name the same country',
        );
        return undefined;
      }
      if (hit) return hit;
      bad(
        `${role}Code`,
        `unknown ${role} code`,
        'a Comtrade country code (e.g. 156 China, 0 World)',
        code,
        'run `lantern countries` to list the codes; if Comtrade added it recently, update Lantern',
      );
      return undefined;
    }
    if (iso !== '') {
      const hit = resolveCountryCode('comtrade-iso', iso);
      if (hit) return hit;
      bad(
        `${role}ISO`,
        `unknown ${role} ISO code`,
        'an ISO 3166 alpha-3 code or a Comtrade area code (W00, _X …)',
        iso,
        'run `lantern countries` to list the codes',
      );
      return undefined;
    }
    bad(`${role}Code`, `${role} is blank`, `a ${role} code`, '');
    return undefined;
  };
  const reporter = who('reporter');
  const partner = who('partner');

  // Classification and product.
  const clsText = text(get('classificationcode'));
  let classification: string | undefined;
  if (clsText) {
    classification = classificationFromCode(clsText);
    if (!classification)
      bad('classificationCode', 'unknown classification', 'H0…H6, EB, EB02, EB10, S1…S4', clsText);
  } else if (typeCode === 'S') {
    bad('classificationCode', 'services record without a classification', 'EB, EB02 or EB10', '');
  } else if (typeof year === 'number' && !Number.isNaN(year)) {
    classification = ctx.hsEdition ?? hsEditionInForce(year);
    if (!ctx.hsEdition)
      ctx.assumed?.('HS edition in force each year (the file has no classification column)');
  }
  const cmd = text(get('cmdcode')).toUpperCase();
  const aggr = num(get('aggrlevel'));
  let product: string | undefined;
  let productLevel = 0;
  if (cmd === 'TOTAL' || cmd === 'ALL') {
    product = 'TOTAL';
  } else if (cmd === '') {
    bad('cmdCode', 'product code is blank', 'TOTAL or an HS code', '');
  } else if (classification?.startsWith('HS') || classification?.startsWith('SITC')) {
    if (classification.startsWith('HS')) {
      product = padHsCode(
        cmd,
        typeof aggr === 'number' && !Number.isNaN(aggr) && aggr > 0 ? aggr : undefined,
      );
      if (!product) bad('cmdCode', 'not an HS code', 'TOTAL or 2, 4 or 6 digits', cmd);
      productLevel = product?.length ?? 0;
    } else {
      product = cmd;
      productLevel = cmd.replace(/\D/g, '').length;
    }
  } else if (classification) {
    // Services (EBOPS): codes like SK, SK1, SK11z, 287 in Comtrade's spelling (the "of which" suffix
    // stays lower case: SK11z is a memo item, not SK11Z); the depth is Comtrade's aggrLevel when given.
    product = classification === 'EBOPS2010' ? canonicalEbopsCode(cmd) : cmd;
    productLevel = typeof aggr === 'number' && !Number.isNaN(aggr) ? aggr : cmd.length;
  }

  // Value, quantity, weight.
  let value = num(get('primaryvalue'));
  if (value === null) {
    const alt = flow === 'X' || flow === 'RX' ? num(get('fobvalue')) : num(get('cifvalue'));
    if (alt !== null) value = alt;
  }
  if (value === null) bad('primaryValue', 'value is blank', 'a value in US dollars', '');
  else if (Number.isNaN(value))
    bad('primaryValue', 'value is not a number', 'a number (US dollars)', text(get('primaryvalue')));
  else if (value < 0) bad('primaryValue', 'value is negative', 'a value ≥ 0', text(get('primaryvalue')));

  const qty = num(get('qty'));
  let unit: string | null = text(get('qtyunitabbr')) || null;
  const unitCode = text(get('qtyunitcode'));
  if (!unit && unitCode) unit = qtyUnits[unitCode] ?? null;
  if (unit === 'N/A' || unitCode === '-1') unit = null;
  if (qty !== null && Number.isNaN(qty))
    bad('qty', 'quantity is not a number', 'a number or blank', text(get('qty')));
  const wgt = num(get('netwgt'));
  if (wgt !== null && Number.isNaN(wgt))
    bad('netWgt', 'net weight is not a number', 'a number (kg) or blank', text(get('netwgt')));

  if (problems.length) return { problems };
  return {
    problems,
    row: {
      year: year as number,
      month,
      typeCode,
      reporter: reporter as string,
      partner: partner as string,
      partnerKind: partnerKind(partner as string),
      flow: flow as Flow,
      classification: classification as string,
      product: product as string,
      productLevel,
      valueUsd: value as number,
      quantity: unit === null ? null : (qty as number | null),
      quantityUnit: unit === null || qty === null ? null : unit,
      netWeightKg: wgt === null || Number.isNaN(wgt) ? null : wgt,
    },
  };
}
