/**
 * Two hand-made releases of one BACI file (thousand US$; the same file name, so the second
 * replaces the first on `import --replace`) with known changes, and what a release diff must find
 * in them, computed here from the files' text without Lantern:
 *   2019 CHN→USA 970110   100 → 150   revised +50
 *   2019 CHN→JPN 970110    40 →  40   unchanged
 *   2019 USA→CHN 490199    10 →  —    removed
 *   2020 CHN→USA 970110   200 → 180   revised −20
 *   2020 JPN→CHN 852349     — →   5   added
 */
import type { ApiDiffGroup } from '../../src/contract.ts';

export const BACI_HEADER = 't,i,j,k,v,q\n';
export const RELEASE_A = `${BACI_HEADER}2019,156,842,970110,100,1\n2019,156,392,970110,40,1\n2019,842,156,490199,10,1\n2020,156,842,970110,200,2\n`;
export const RELEASE_B = `${BACI_HEADER}2019,156,842,970110,150,1\n2019,156,392,970110,40,1\n2020,156,842,970110,180,2\n2020,392,156,852349,5,1\n`;
/** A third release, for a replace that fails. */
export const RELEASE_C = `${BACI_HEADER}2019,156,842,970110,999,1\n`;

/** BACI's numeric codes of the economies in these files. */
const ISO3: Record<string, string> = { '156': 'CHN', '842': 'USA', '392': 'JPN' };

interface BaciLine {
  key: string;
  year: string;
  reporter: string;
  product: string;
  usd: number;
}

function lines(text: string): BaciLine[] {
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => {
      const [t, i, j, k, v] = l.split(',') as [string, string, string, string, string];
      return { key: [t, i, j, k].join(','), year: t, reporter: ISO3[i] ?? i, product: k, usd: Number(v) * 1000 };
    });
}

/** Rows and Σ v × 1000 (US$) of a BACI text. */
export function baciTotals(text: string): { rows: number; usd: number } {
  const ls = lines(text);
  return { rows: ls.length, usd: ls.reduce((s, l) => s + l.usd, 0) };
}

/** The fields of a diff group (the contract's `ApiDiffGroup`) that the texts alone determine. */
export type ExpectedGroup = Pick<ApiDiffGroup, 'key' | 'rows_a' | 'rows_b' | 'added' | 'removed' | 'revised' | 'value_a' | 'value_b'>;

/** What a diff of `a` → `b` grouped by reporter, year or product holds, from the texts alone. */
export function expectedDiff(a: string, b: string, by: 'reporter' | 'year' | 'product'): {
  totals: { rows_a: number; rows_b: number; value_a: number; value_b: number; added: number; removed: number; revised: number };
  groups: ExpectedGroup[];
} {
  const [la, lb] = [lines(a), lines(b)];
  const inB = new Map(lb.map((l) => [l.key, l]));
  const inA = new Map(la.map((l) => [l.key, l]));
  const groups = new Map<string, ExpectedGroup>();
  const group = (l: BaciLine) => {
    const key = l[by];
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, rows_a: 0, rows_b: 0, added: 0, removed: 0, revised: 0, value_a: 0, value_b: 0 }));
    return g;
  };
  for (const l of la) {
    const g = group(l);
    g.rows_a++;
    g.value_a += l.usd;
    const other = inB.get(l.key);
    if (!other) g.removed++;
    else if (other.usd !== l.usd) g.revised++;
  }
  for (const l of lb) {
    const g = group(l);
    g.rows_b++;
    g.value_b += l.usd;
    if (!inA.has(l.key)) g.added++;
  }
  const all = [...groups.values()].sort((x, y) => x.key.localeCompare(y.key));
  const sum = (k: keyof Omit<ExpectedGroup, 'key'>) => all.reduce((s, g) => s + g[k], 0);
  return {
    totals: { rows_a: sum('rows_a'), rows_b: sum('rows_b'), value_a: sum('value_a'), value_b: sum('value_b'), added: sum('added'), removed: sum('removed'), revised: sum('revised') },
    groups: all,
  };
}
