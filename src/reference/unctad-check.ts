/**
 * A completeness check for UNCTAD's creative-goods list, which Lantern does not ship (no public copy
 * of the HS list was found): the Creative Economy Report 2010 annex states how many codes each
 * subgroup has (art crafts, visual arts, publishing; `data/baskets/unctad-cer2010-subgroup-counts.csv`).
 * When a user adds UNCTAD's list, its codes are counted per group and subgroup and compared.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { csvObjects } from '../csv-in.ts';
import { slugify } from './baskets.ts';
import { dataPath } from './data-files.ts';

export interface CountCheck {
  group: string;
  subgroup: string;
  expected: number;
  found: number;
  ok: boolean;
}

export function publishedUnctadCounts(
  path = dataPath('baskets', 'unctad-cer2010-subgroup-counts.csv'),
): { group: string; subgroup: string; n: number }[] {
  if (!existsSync(path)) return [];
  const rows = csvObjects(readFileSync(path, 'utf8'), basename(path)).map((r) => r.record);
  return rows.map((r) => ({ group: r.group ?? '', subgroup: r.subgroup ?? '', n: Number(r.n_codes) }));
}

/** Compares a list's codes per group (domain) and subgroup with the published counts. */
export function checkUnctadCounts(
  codes: readonly { domain: string | null; sourceNote: string | null }[],
  published = publishedUnctadCounts(),
): CountCheck[] {
  const sub = (note: string | null) => slugify(/subgroup=([^;]+)/.exec(note ?? '')?.[1] ?? '');
  return published.map((p) => {
    const inGroup = codes.filter((c) => c.domain === slugify(p.group));
    const found =
      p.subgroup === '(all)'
        ? inGroup.length
        : inGroup.filter((c) => sub(c.sourceNote) === slugify(p.subgroup)).length;
    return { group: p.group, subgroup: p.subgroup, expected: p.n, found, ok: found === p.n };
  });
}
