/**
 * Services trade codes: the EBOPS 2010 tree as Comtrade writes it (SDMX ids S, SK, SK1, SK11 …),
 * shipped in `data/ebops/ebops-2010.csv` (made by `scripts/build-ebops.ts` from Comtrade's reference
 * tables; see data/ebops/SOURCE.md) and loaded on first run into `services_codes` and
 * `services_ancestors` (migration 026).
 *
 * Invariants:
 * - EBOPS codes are not prefixes of one another's meaning (SC3A, Space transport, is a child of SC,
 *   not of SC3): the hierarchy is the `parent` column, never a substring rule.
 * - Memorandum and supplementary items (`isMemoItem`) overlap the standard components: they are
 *   named but never added to them (indicators/base.ts `servicesCountedRows` leaves them out).
 * - The load is one transaction, once per version of the file (recorded in `reference_loads`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { csvObjects } from '../csv-in.ts';
import { insertRows, sql, type Store } from '../store/index.ts';
import { dataPath, sha256 } from './data-files.ts';

/** The services classification Lantern reads baskets and trees in. */
export const EBOPS2010: string = 'EBOPS2010';
export const EBOPS_FILE = 'ebops-2010.csv';
/** Bumped when the loading rule changes (the file's hash versions its content). */
const LOADER_VERSION = '1';

/** A Comtrade EBOPS 2010 (SDMX) code: S, SK, SK1, SK11, SK11z, SJ1121, Say … */
export const ebopsCodePattern = /^S[A-Za-z0-9]{0,6}$/;

/** Whether text is written like an EBOPS 2010 code (not whether the code exists). */
export function isEbopsCode(code: string): boolean {
  return ebopsCodePattern.test(code);
}

/**
 * An EBOPS 2010 code in Comtrade's spelling, whatever the case it arrives in: upper case but for the
 * trailing y or z of "of which" items (SK11z, SD5y) and goods for processing (Say, Saz).
 */
export function canonicalEbopsCode(code: string): string {
  const up = code.trim().toUpperCase();
  if (up === 'SAY' || up === 'SAZ') return `Sa${up.slice(2).toLowerCase()}`;
  return up.length > 1 && /[YZ]$/.test(up) ? `${up.slice(0, -1)}${up.slice(-1).toLowerCase()}` : up;
}

/**
 * Memorandum and supplementary items of EBOPS 2010: the "of which" items (a trailing y or z, as
 * SK11z "of which: audio-visual originals"; Say and Saz, goods for processing, are components), the
 * supplementary items C.1–C.9 (S1 … S9, S1z, S3z) and tourism-related services (SDz).
 */
export function isMemoItem(code: string): boolean {
  if (/^S\d/.test(code)) return true;
  return /[yz]$/.test(code) && !/^Sa[yz]$/.test(code);
}

export interface ServicesCode {
  code: string;
  parent: string | null;
  depth: number;
  memo: boolean;
  name: string;
}

/** Reads the shipped tree (a bug in our own file throws). */
export function readEbopsTree(text: string): ServicesCode[] {
  return csvObjects(text, EBOPS_FILE).map(({ record: r }) => ({
    code: r.code!,
    parent: r.parent ? r.parent : null,
    depth: Number(r.depth),
    memo: r.memo === '1',
    name: r.name!,
  }));
}

/**
 * The shipped tree's CSV from Comtrade's two services tables (the SDMX list `cmd_eb` and the
 * numbered EBOPS 2010 list `cmd_eb10`, in the comtradr CSV layout `id,text,parent,last_modified`).
 * Columns: code, parent ('' for the root S), depth (S = 0), memo (1 for memorandum and
 * supplementary items, `isMemoItem`), name. Comtrade cuts the SDMX names at 50 characters; a cut
 * name is completed from the numbered list when exactly one item there (at the code's depth)
 * starts with it, else it ends with '…'.
 */
export function encodeEbopsTree(sdmxText: string, numberedText: string): { text: string; completed: number } {
  type Item = { id: string; text: string; parent: string };
  const read = (t: string, file: string) => csvObjects(t, file).map((r) => r.record as Item);
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  const sdmx = read(sdmxText, 'the SDMX list (cmd_eb)').filter((r) => /^S/.test(r.id));
  // The numbered list's names, with their item number (C.1 …) and without it, and their depth.
  const numbered = read(numberedText, 'the numbered list (cmd_eb10)').flatMap((r) => {
    const full = clean(r.text);
    const depth = r.id.split('.').length;
    return [
      { text: full, depth },
      { text: full.replace(/^[0-9A-Za-z.]+\s+/, ''), depth },
    ];
  });
  const byId = new Map(sdmx.map((r) => [r.id, r]));
  const depthOf = (id: string): number => {
    const p = byId.get(id)?.parent;
    return !p || p === '#' ? 0 : 1 + depthOf(p);
  };
  const lines = ['code,parent,depth,memo,name'];
  let completed = 0;
  for (const r of [...sdmx].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    let name = clean(r.text);
    if (r.text.replace(/\t/g, '').length >= 50) {
      const found = numbered.filter((t) => t.text.startsWith(name));
      const texts = [...new Set(found.map((t) => t.text))];
      // Two items starting alike (SH4, SH41): the one at the code's depth.
      const atDepth = [...new Set(found.filter((t) => t.depth === depthOf(r.id)).map((t) => t.text))];
      const hit = texts.length === 1 ? texts[0] : atDepth.length === 1 ? atDepth[0] : undefined;
      if (hit) {
        name = hit;
        completed++;
      } else name = `${name}…`;
    }
    const parent = r.parent === '#' ? '' : r.parent;
    if (parent && !byId.has(parent)) throw new Error(`${r.id}: parent ${parent} is not in the list`);
    const q = /[",]/.test(name) ? `"${name.replace(/"/g, '""')}"` : name;
    lines.push(`${r.id},${parent},${depthOf(r.id)},${isMemoItem(r.id) ? 1 : 0},${q}`);
  }
  return { text: `${lines.join('\n')}\n`, completed };
}

/** Every (code, ancestor, ancestor depth) pair of a tree. */
export function ancestorPairs(tree: readonly ServicesCode[]): [string, string, number][] {
  const byCode = new Map(tree.map((c) => [c.code, c]));
  const out: [string, string, number][] = [];
  for (const c of tree) {
    for (let p = c.parent ? byCode.get(c.parent) : undefined; p; p = p.parent ? byCode.get(p.parent) : undefined)
      out.push([c.code, p.code, p.depth]);
  }
  return out;
}

/** Loads the shipped EBOPS tree when the store lacks this version of it; returns the codes written. */
export async function ensureBundledEbops(store: Store, dir = dataPath('ebops')): Promise<number> {
  const path = `${dir}/${EBOPS_FILE}`;
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'utf8');
  const version = `${LOADER_VERSION}+${sha256(text).slice(0, 12)}`;
  const done = await store.query<{ n: number }>(
    sql`select count(*) as n from reference_loads where kind = 'services-codes' and subject = ${EBOPS2010} and version = ${version}`,
  );
  if ((done[0]?.n ?? 0) > 0) return 0;
  const tree = readEbopsTree(text);
  await store.transaction(async (tx) => {
    await tx.run(sql`delete from services_codes where classification = ${EBOPS2010}`);
    await tx.run(sql`delete from services_ancestors where classification = ${EBOPS2010}`);
    await insertRows(
      tx,
      'services_codes',
      ['classification', 'code', 'parent', 'depth', 'memo', 'name'],
      tree.map((c) => [EBOPS2010, c.code, c.parent, c.depth, c.memo, c.name]),
    );
    await insertRows(
      tx,
      'services_ancestors',
      ['classification', 'code', 'ancestor', 'depth'],
      ancestorPairs(tree).map(([code, ancestor, depth]) => [EBOPS2010, code, ancestor, depth]),
    );
    await insertRows(
      tx,
      'reference_loads',
      ['kind', 'subject', 'source', 'file_name', 'sha256', 'rows', 'version'],
      [['services-codes', EBOPS2010, 'bundled', `data/ebops/${EBOPS_FILE}`, sha256(text), tree.length, version]],
    );
  });
  return tree.length;
}
