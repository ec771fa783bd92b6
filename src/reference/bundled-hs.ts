/**
 * The HS reference data that ships with Lantern (`data/hs/`): product names of every edition
 * HS1992 … HS2022 at 2, 4 and 6 digits, and the UNSD correlation tables between editions, as
 * compact derived tables that `scripts/build-reference.ts` makes from the official files. They are
 * loaded into a store on its first run, so a fresh install resolves the bundled baskets and names
 * products offline with no other step; `lantern reference load` / `fetch reference` update them.
 *
 * Layouts (gzipped CSV, one header line):
 * - `hs-names.csv.gz`: `code,editions,section,description`: one row per code and wording; `editions`
 *   lists the editions (Comtrade's H0 … H6) that word the code that way, so a name shared by seven
 *   editions is stored once. `section` (roman numeral) is given on chapter rows and applies to the
 *   chapter's headings and subheadings: the 21 HS sections group the same chapters in every edition.
 * - `hs-correlations.csv.gz`: `pair,from_code,to_code,relationship,published,ex`: the links of each
 *   UNSD correlation table (`pair` = `HS2007>HS2022`, older → newer), the relationship label oriented
 *   older → newer and as UNSD printed it, and UNSD's "ex" flag (`1`, `0` or empty where the table
 *   does not publish it).
 *
 * Invariants: encoding then decoding gives back the rows that `collectReferenceTables` made from the
 * official files (tested); the loader writes a store's tables in one transaction, once per version of
 * the files, and never replaces an edition or pair that a user loaded from other files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readCsv } from '../csv-in.ts';
import { LanternError, type Problem } from '../errors.ts';
import { inList, insertRows, isDuckDBStore, raw, sql, type Store } from '../store/index.ts';
import { materialiseAllBaskets } from './baskets.ts';
import { dataPath, sha256 } from './data-files.ts';
import { type HsEdition, hsEditions } from './hs.ts';
import {
  type CorrelationRow,
  type ProductRow,
  type ReferenceFile,
  type ReferenceTables,
  writeReferenceTables,
} from './hs-load.ts';

export const HS_NAMES_FILE = 'hs-names.csv.gz';
export const HS_CORRELATIONS_FILE = 'hs-correlations.csv.gz';
/** Bumped when the layout or the loading rule changes (the files' own hashes version their content). */
const LAYOUT_VERSION = '1';

/** Comtrade's short names of the editions: H0 = HS1992 … H6 = HS2022. */
const SHORT: Record<HsEdition, string> = {
  HS1992: 'H0',
  HS1996: 'H1',
  HS2002: 'H2',
  HS2007: 'H3',
  HS2012: 'H4',
  HS2017: 'H5',
  HS2022: 'H6',
};
const FROM_SHORT = new Map(Object.entries(SHORT).map(([ed, s]) => [s, ed as HsEdition]));

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Product rows of every edition → the names table (rows sorted by code, then first edition). */
export function encodeHsNames(byEdition: ReadonlyMap<HsEdition, { rows: readonly ProductRow[] }>): string {
  const sectionOfChapter = new Map<string, string>();
  const groups = new Map<string, { code: string; description: string; editions: Set<HsEdition> }>();
  for (const ed of hsEditions) {
    for (const r of byEdition.get(ed)?.rows ?? []) {
      if (r.section && !sectionOfChapter.has(r.code.slice(0, 2))) sectionOfChapter.set(r.code.slice(0, 2), r.section);
      const description = r.description ?? '';
      const key = `${r.code}\u0000${description}`;
      const g = groups.get(key) ?? { code: r.code, description, editions: new Set<HsEdition>() };
      g.editions.add(ed);
      groups.set(key, g);
    }
  }
  const order = (e: Set<HsEdition>) => Math.min(...[...e].map((x) => hsEditions.indexOf(x)));
  const rows = [...groups.values()].sort(
    (a, b) => a.code.localeCompare(b.code) || order(a.editions) - order(b.editions),
  );
  const lines = ['code,editions,section,description'];
  for (const g of rows) {
    const eds = hsEditions.filter((e) => g.editions.has(e)).map((e) => SHORT[e]);
    const section = g.code.length === 2 ? (sectionOfChapter.get(g.code) ?? '') : '';
    lines.push([g.code, eds.join(' '), section, csvField(g.description)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The names table → product rows by edition (parent and level from the code; section by chapter). */
export function decodeHsNames(text: string, file = HS_NAMES_FILE): Map<HsEdition, ProductRow[]> {
  const { header, rows } = readCsv(text, file);
  expectHeader(file, header, ['code', 'editions', 'section', 'description']);
  const sectionOfChapter = new Map<string, string>();
  for (const { fields } of rows) if (fields[0]?.length === 2 && fields[2]) sectionOfChapter.set(fields[0], fields[2]);
  const out = new Map<HsEdition, ProductRow[]>();
  const problems: Problem[] = [];
  for (const { line, fields } of rows) {
    const [code = '', eds = '', , description = ''] = fields;
    const level = code.length;
    if (!/^\d{2}(\d{2}([\dA-Z]{2})?)?$/.test(code)) {
      problems.push({ file, line, column: 'code', message: 'not an HS code', found: code });
      continue;
    }
    for (const short of eds.split(' ')) {
      const edition = FROM_SHORT.get(short);
      if (!edition) {
        problems.push({ file, line, column: 'editions', message: 'unknown edition', found: short, expected: 'H0 … H6' });
        continue;
      }
      const list = out.get(edition) ?? [];
      list.push({
        edition,
        code,
        level,
        parent: level === 2 ? 'TOTAL' : code.slice(0, level - 2),
        description: description || null,
        section: sectionOfChapter.get(code.slice(0, 2)) ?? null,
      });
      out.set(edition, list);
    }
  }
  if (problems.length) throw new LanternError('bad-file', `Bundled ${file} is invalid.`, problems);
  for (const list of out.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  return out;
}

/** Correlation rows by pair → the correlations table. */
export function encodeHsCorrelations(byPair: ReadonlyMap<string, { rows: readonly CorrelationRow[] }>): string {
  const lines = ['pair,from_code,to_code,relationship,published,ex'];
  for (const pair of [...byPair.keys()].sort()) {
    for (const r of byPair.get(pair)?.rows ?? []) {
      const ex = r.exFlag === null ? '' : r.exFlag ? '1' : '0';
      lines.push(
        [pair, r.fromCode, r.toCode ?? '', csvField(r.relationship ?? ''), csvField(r.relationshipPublished ?? ''), ex].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The correlations table → correlation rows by pair. */
export function decodeHsCorrelations(text: string, file = HS_CORRELATIONS_FILE): Map<string, CorrelationRow[]> {
  const { header, rows } = readCsv(text, file);
  expectHeader(file, header, ['pair', 'from_code', 'to_code', 'relationship', 'published', 'ex']);
  const out = new Map<string, CorrelationRow[]>();
  const problems: Problem[] = [];
  for (const { line, fields } of rows) {
    const [pair = '', fromCode = '', toCode = '', relationship = '', published = '', ex = ''] = fields;
    const [from, to] = pair.split('>') as [HsEdition, HsEdition];
    if (!hsEditions.includes(from) || !hsEditions.includes(to) || !/^\d{6}$/.test(fromCode) || !/^(\d{6})?$/.test(toCode)) {
      problems.push({ file, line, message: 'not a correlation link', found: fields.join(',') });
      continue;
    }
    const list = out.get(pair) ?? [];
    list.push({
      fromEdition: from,
      fromCode,
      toEdition: to,
      toCode: toCode || null,
      relationship: relationship || null,
      relationshipPublished: published || null,
      exFlag: ex === '' ? null : ex === '1',
    });
    out.set(pair, list);
  }
  if (problems.length) throw new LanternError('bad-file', `Bundled ${file} is invalid.`, problems);
  return out;
}

function expectHeader(file: string, found: readonly string[], expected: readonly string[]): void {
  if (found.join(',') !== expected.join(',')) {
    throw new LanternError('bad-file', `Bundled ${file} has an unexpected header.`, [
      { file, line: 1, message: 'unexpected header', found: found.join(','), expected: expected.join(',') },
    ]);
  }
}

function bundledVersion(namesGz: Buffer, corrGz: Buffer): string {
  return `${LAYOUT_VERSION}+${sha256(Buffer.concat([namesGz, corrGz])).slice(0, 12)}`;
}

/** The bundled tables as `writeReferenceTables` takes them, with their version; undefined when absent. */
export function readBundledHs(dir = dataPath('hs')): { tables: ReferenceTables; version: string } | undefined {
  const namesPath = `${dir}/${HS_NAMES_FILE}`;
  const corrPath = `${dir}/${HS_CORRELATIONS_FILE}`;
  if (!existsSync(namesPath) || !existsSync(corrPath)) return undefined;
  const namesGz = readFileSync(namesPath);
  const corrGz = readFileSync(corrPath);
  const version = bundledVersion(namesGz, corrGz);
  const file = (name: string, gz: Buffer): ReferenceFile => ({
    name: `data/hs/${name}`,
    text: '',
    source: 'bundled',
    sha256: sha256(gz),
  });
  const namesFile = file(HS_NAMES_FILE, namesGz);
  const corrFile = file(HS_CORRELATIONS_FILE, corrGz);
  const byEdition = new Map(
    [...decodeHsNames(gunzipSync(namesGz).toString('utf8'))].map(([ed, rows]) => [ed, { rows, file: namesFile }]),
  );
  const byPair = new Map(
    [...decodeHsCorrelations(gunzipSync(corrGz).toString('utf8'))].map(([pair, rows]) => [
      pair,
      { rows, file: corrFile },
    ]),
  );
  return { tables: { byEdition, byPair }, version };
}

/**
 * Loads the bundled HS tables into a store that lacks this version of them, in one transaction, and
 * re-resolves the baskets. Editions and pairs that a user loaded from other files are kept.
 * Returns the number of editions and pairs written.
 */
export async function ensureBundledHs(store: Store, dir = dataPath('hs')): Promise<number> {
  const namesPath = `${dir}/${HS_NAMES_FILE}`;
  const corrPath = `${dir}/${HS_CORRELATIONS_FILE}`;
  if (!existsSync(namesPath) || !existsSync(corrPath)) return 0;
  const stamp = bundledVersion(readFileSync(namesPath), readFileSync(corrPath));
  const done = await store.query<{ n: number }>(
    sql`select count(*) as n from reference_loads where kind = 'hs-bundled' and version = ${stamp}`,
  );
  if ((done[0]?.n ?? 0) > 0) return 0;
  const bundled = isDuckDBStore(store) ? undefined : readBundledHs(dir);
  const version = bundled?.version ?? stamp;
  // On DuckDB the engine reads the gzipped tables itself (several times faster than decoding them
  // here); the maps then only say which editions and pairs to write.
  const tables: ReferenceTables = bundled?.tables ?? {
    byEdition: new Map(hsEditions.map((ed) => [ed, { rows: [], file: placeholder }])),
    byPair: new Map(editionPairNames().map((pair) => [pair, { rows: [], file: placeholder }])),
  };
  const userLoaded = new Set(
    (
      await store.query<{ subject: string }>(
        sql`select distinct subject from reference_loads
            where kind in ('hs-nomenclature', 'hs-correlation') and source <> 'bundled'`,
      )
    ).map((r) => r.subject),
  );
  for (const ed of [...tables.byEdition.keys()]) if (userLoaded.has(ed)) tables.byEdition.delete(ed);
  for (const pair of [...tables.byPair.keys()]) if (userLoaded.has(pair)) tables.byPair.delete(pair);
  await store.transaction(async (tx) => {
    if (isDuckDBStore(tx)) await writeNative(tx, dir, tables, version);
    else await writeReferenceTables(tx, tables, { version });
    await tx.run(
      sql`insert into reference_loads (kind, subject, source, file_name, sha256, rows, version)
          values ('hs-bundled', 'hs', 'bundled', 'data/hs', ${version}, ${tables.byEdition.size + tables.byPair.size}, ${version})`,
    );
    await materialiseAllBaskets(tx);
  });
  return tables.byEdition.size + tables.byPair.size;
}

const placeholder: ReferenceFile = { name: 'data/hs', text: '', source: 'bundled' };

function editionPairNames(): string[] {
  return hsEditions.flatMap((a, i) => hsEditions.slice(i + 1).map((b) => `${a}>${b}`));
}

/** Edition short names as a SQL CASE: H0 → HS1992 … (program constants, not input). */
const editionCase = (col: string) =>
  raw(`case ${col} ${Object.entries(SHORT).map(([ed, s]) => `when '${s}' then '${ed}'`).join(' ')} end`);

/**
 * Writes the editions and pairs named in `tables` straight from the gzipped files with DuckDB's CSV
 * reader, with the same rules as `decodeHsNames` / `decodeHsCorrelations` (which the tests compare).
 */
async function writeNative(tx: Store, dir: string, tables: ReferenceTables, version: string): Promise<void> {
  const editions = [...tables.byEdition.keys()];
  const pairs = [...tables.byPair.keys()];
  const namesPath = `${dir}/${HS_NAMES_FILE}`;
  const corrPath = `${dir}/${HS_CORRELATIONS_FILE}`;
  const csv = (path: string) => sql`read_csv(${path}, header = true, all_varchar = true, quote = '"', escape = '"')`;
  if (editions.length) {
    await tx.run(sql`delete from hs_products where edition in ${inList(editions)}`);
    await tx.run(
      sql`insert into hs_products (edition, code, level, parent, description, section)
          with names as (select * from ${csv(namesPath)}),
          chapters as (select code as chapter, min(section) as section from names
                       where length(code) = 2 and section is not null group by code),
          by_edition as (select ${editionCase('e.short')} as edition, n.code, n.description
                         from names n, unnest(string_split(n.editions, ' ')) as e(short))
          select b.edition, b.code, length(b.code),
                 case when length(b.code) = 2 then 'TOTAL' else left(b.code, length(b.code) - 2) end,
                 b.description, c.section
          from by_edition b left join chapters c on c.chapter = left(b.code, 2)
          where b.edition in ${inList(editions)}
          order by b.edition, b.code`,
    );
  }
  if (pairs.length) {
    await tx.run(
      sql`delete from hs_correlations where from_edition || '>' || to_edition in ${inList(pairs)}`,
    );
    await tx.run(
      sql`insert into hs_correlations (from_edition, from_code, to_edition, to_code, relationship, relationship_published, ex_flag)
          select split_part(pair, '>', 1), from_code, split_part(pair, '>', 2), to_code, relationship, published,
                 case ex when '1' then true when '0' then false end
          from ${csv(corrPath)} where pair in ${inList(pairs)}`,
    );
  }
  const counts = await tx.query<{ kind: string; subject: string; n: number }>(
    sql`select 'hs-nomenclature' as kind, edition as subject, count(*) as n from hs_products where edition in ${inList(editions.length ? editions : [''])} group by edition
        union all
        select 'hs-correlation', from_edition || '>' || to_edition, count(*) from hs_correlations
        where from_edition || '>' || to_edition in ${inList(pairs.length ? pairs : [''])} group by 1, 2`,
  );
  const sums = new Map([
    ['hs-nomenclature', sha256(readFileSync(namesPath))],
    ['hs-correlation', sha256(readFileSync(corrPath))],
  ]);
  await insertRows(
    tx,
    'reference_loads',
    ['kind', 'subject', 'source', 'file_name', 'sha256', 'rows', 'version'],
    counts.map((c) => [
      c.kind,
      c.subject,
      'bundled',
      `data/hs/${c.kind === 'hs-nomenclature' ? HS_NAMES_FILE : HS_CORRELATIONS_FILE}`,
      sums.get(c.kind) ?? null,
      c.n,
      version,
    ]),
  );
}
