/**
 * Chinese product names: Lantern's own translation (`data/hs/names-zh.csv`, described in
 * `data/hs/SOURCE-zh.md`), not an official list. No official machine-readable Chinese HS
 * nomenclature was found; the names follow the wording of China's customs tariff (进出口税则) where
 * the translator knew it. They cover the 21 HS sections, the chapters, the headings and
 * subheadings of the bundled UNESCO FCS 2009 basket, the headings everyday words lead to
 * (data/hs/everyday-words.csv), and the EBOPS 2010 items of the cultural services basket. A code with no name here is shown in English with its code.
 *
 * Read once, from the file, on first use (no store needed).
 */
import { readFileSync } from 'node:fs';
import { readCsv } from '../csv-in.ts';
import { dataPath } from './data-files.ts';

export type ZhNameKind = 'section' | 'hs' | 'ebops';

const FILE = 'data/hs/names-zh.csv';
let table: Map<string, string> | undefined;

function load(): Map<string, string> {
  if (table) return table;
  const { header, rows } = readCsv(readFileSync(dataPath('hs', 'names-zh.csv'), 'utf8'), FILE);
  const [kind, code, name] = ['kind', 'code', 'name_zh'].map((c) => header.indexOf(c));
  table = new Map(rows.map(({ fields }) => [`${fields[kind!]}:${fields[code!]}`, fields[name!]!.trim()] as const).filter(([, n]) => n));
  return table;
}

/** The Chinese name of an HS code, an HS section (roman numeral) or an EBOPS 2010 item; null where there is none. */
export function zhName(kind: ZhNameKind, code: string): string | null {
  return load().get(`${kind}:${code}`) ?? null;
}

/** Every entry of the file (for the HS search by Chinese words and the tests). */
export function zhNames(kind: ZhNameKind): [code: string, name: string][] {
  const prefix = `${kind}:`;
  return [...load()].filter(([k]) => k.startsWith(prefix)).map(([k, n]) => [k.slice(prefix.length), n]);
}
