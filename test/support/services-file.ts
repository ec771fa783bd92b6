/**
 * Services files (Comtrade Plus CSV, typeCode S, EBOPS 2010) read the test's own way, and the
 * figures Lantern should give computed independently of `servicesCountedRows`:
 * - per report (reporter, partner, flow, year), each flow once: a kept code counts unless another
 *   kept code of the report is one of its ancestors in the EBOPS tree (the `parent` column of
 *   data/ebops/ebops-2010.csv, read here by hand); memorandum items never count; World rows are
 *   not read;
 * - the Trade Map view: a flow is read from its reporter where the reporter reported that flow
 *   (any services row) in that year, else from the partner's mirror report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { repoRoot } from '../shared.ts';

export const SERVICES_FIXTURES = join(repoRoot, 'test', 'fixtures', 'comtrade-services');

export interface ServicesRow {
  type: string;
  cls: string;
  rep: string;
  par: string;
  flow: string;
  year: number;
  code: string;
  v: number;
}

export function servicesRows(file: string): ServicesRow[] {
  return (parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]).map((r) => ({
    type: r.typeCode!,
    cls: r.classificationCode!,
    rep: r.reporterISO!,
    par: r.partnerISO!,
    flow: r.flowCode!,
    year: Number(r.refYear),
    code: r.cmdCode!,
    v: Number(r.primaryValue),
  }));
}

const tree = parse(readFileSync(join(repoRoot, 'data', 'ebops', 'ebops-2010.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
const parent = new Map(tree.map((t) => [t.code!, t.parent!]));
const memo = new Set(tree.filter((t) => t.memo === '1').map((t) => t.code!));
/** Whether a code is a memorandum item (never added to the components). */
export const isMemo = (code: string) => memo.has(code);
/** The EBOPS names of the shipped tree, by code. */
export const ebopsNames = new Map(tree.map((t) => [t.code!, t.name!]));

export function ancestors(code: string): string[] {
  const out: string[] = [];
  for (let p = parent.get(code); p; p = parent.get(p)) out.push(p);
  return out;
}

/** Whether a code is one of `items` or under one of them. */
export const under = (items: string[]) => (code: string) => items.includes(code) || ancestors(code).some((a) => items.includes(a));

/** Per report key `rep|par|flow|year`: the sum of the kept codes, each flow once (see the header). */
export function reports(rows: ServicesRow[], keep: (code: string) => boolean): Map<string, number> {
  const kept = rows.filter((r) => r.type === 'S' && r.par !== 'W00' && !memo.has(r.code) && keep(r.code));
  const present = new Set(kept.map((r) => `${r.rep}|${r.par}|${r.flow}|${r.year}|${r.code}`));
  const out = new Map<string, number>();
  for (const r of kept) {
    const key = `${r.rep}|${r.par}|${r.flow}|${r.year}`;
    if (ancestors(r.code).some((a) => present.has(`${key}|${a}`))) continue;
    out.set(key, (out.get(key) ?? 0) + r.v);
  }
  return out;
}

/**
 * Trade Map pairs of one year: exporter → importer with the export-side value `vx` and the
 * import-side value `vm` (each from its reporter where that country reported the flow that year,
 * else from the mirror report), over the kept codes.
 */
export function tradeMapPairs(rows: ServicesRow[], year: number, keep: (code: string) => boolean): { exp: string; imp: string; vx: number | null; vm: number | null }[] {
  const rep = reports(rows, keep);
  const reported = (c: string, flow: string) => rows.some((r) => r.type === 'S' && r.rep === c && r.flow === flow && r.year === year);
  const pairs = new Set<string>();
  for (const k of rep.keys()) {
    const [r, p, flow, y] = k.split('|');
    if (Number(y) !== year) continue;
    pairs.add(flow === 'X' ? `${r}|${p}` : `${p}|${r}`);
  }
  return [...pairs].map((pair) => {
    const [exp, imp] = pair.split('|') as [string, string];
    const x = rep.get(`${exp}|${imp}|X|${year}`) ?? null;
    const m = rep.get(`${imp}|${exp}|M|${year}`) ?? null;
    return { exp, imp, vx: reported(exp, 'X') ? x : m, vm: reported(imp, 'M') ? m : x };
  });
}
