/**
 * "Respectively" lists: "exports and imports were $140 billion and $30 billion, respectively",
 * "出口、进口分别为1400亿美元和300亿美元", "exports to Japan and Korea were $5m and $3m respectively".
 * The figures of one list are given, in order, the items of the list of the same length written
 * before them in the sentence: metrics, countries (partner markets when the first one is a
 * partner, else the makers) or parts.
 */
import type { Claim } from './extract.ts';
import { findCountries, METRIC_KEYWORDS, PART_NAMES, PART_WORDS } from './lexicon.ts';

interface Item {
  start: number;
  end: number;
  value: string;
}

/** Between two items of a list: a comma, "and", 、, 和… */
const ITEM_GAP = /^\s*(?:,\s*(?:and\s+|or\s+)?|and|or|&|、|和|与|及|以及|或)\s*(?:the\s+)?$/i;
/** Between two figures of a list. */
const FIGURE_GAP = /^\s*(?:,\s*(?:and\s+)?|and|、|和|与|及)\s*$/i;
const AFTER_LIST = /^\s*,?\s*respectively\b/i;
const BEFORE_LIST = /分别(?:为|是|达|达到|增长|下降|增加|减少|占)?\s*$/;

/** Single metric words: "exports and imports" is a list here, not the total. */
const METRIC_WORDS = METRIC_KEYWORDS.filter(([, label]) => ['exports', 'imports', 'revenue', 'balance', 'investment', 'value_added'].includes(label)).filter(
  ([re]) => !/sold/.test(re.source),
);

function items(head: string, found: Item[], n: number): Item[] | null {
  const sorted = [...found].sort((a, b) => a.start - b.start).filter((x, i, all) => i === 0 || x.start >= (all[i - 1] as Item).end);
  // The last run of n items joined by list words.
  for (let end = sorted.length; end >= n; end--) {
    const run = sorted.slice(end - n, end);
    if (run.every((x, i) => i === 0 || ITEM_GAP.test(head.slice((run[i - 1] as Item).end, x.start)))) return run;
  }
  return null;
}

function metricItems(head: string): Item[] {
  const out: Item[] = [];
  for (const [re, label] of METRIC_WORDS)
    for (const m of head.matchAll(new RegExp(re.source, 'gi'))) out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, value: label });
  return out;
}

function partItems(head: string): Item[] {
  const out: Item[] = [];
  for (const [re] of PART_WORDS)
    for (const m of head.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))) {
      const name = PART_NAMES[m[0].toLowerCase()] ?? m[0].toLowerCase();
      out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, value: /^[a-z][a-z ]*[^s]s$/.test(name) && !/(?:ss|us|is)$/.test(name) ? name.slice(0, -1) : name });
    }
  return out;
}

/** The claims of one list of figures in a sentence, in order (two or more, one unit). */
function figureLists(claims: readonly Claim[], sentence: string, offset: number): Claim[][] {
  const lists: Claim[][] = [];
  let run: Claim[] = [];
  const close = () => {
    if (run.length >= 2) {
      const first = run[0] as Claim;
      const last = run[run.length - 1] as Claim;
      if (AFTER_LIST.test(sentence.slice(last.end - offset)) || BEFORE_LIST.test(sentence.slice(0, first.start - offset))) lists.push(run);
    }
    run = [];
  };
  for (const c of claims) {
    const prev = run[run.length - 1];
    if (prev && prev.unit === c.unit && FIGURE_GAP.test(sentence.slice(prev.end - offset, c.start - offset))) run.push(c);
    else {
      close();
      run = [c];
    }
  }
  close();
  return lists;
}

/**
 * Gives each figure of a "respectively" list the item of its rank. `claims` are one sentence's,
 * in order; `offset` is the sentence's start in the document; `home` the document's country.
 */
export function assignRespectively(claims: Claim[], sentence: string, offset: number, home: string | null): void {
  for (const list of figureLists(claims, sentence, offset)) {
    const head = sentence.slice(0, (list[0] as Claim).start - offset);
    const n = list.length;
    const metrics = items(head, metricItems(head), n);
    if (metrics && new Set(metrics.map((m) => m.value)).size === n) {
      list.forEach((c, i) => Object.assign(c, { metric: (metrics[i] as Item).value }));
      continue;
    }
    const countries = items(
      head,
      findCountries(head).map((m) => ({ start: m.start, end: m.end, value: m.iso3 })),
      n,
    );
    if (countries && new Set(countries.map((m) => m.value)).size === n) {
      // Partners when the figures were read as about one of the listed countries as a market.
      const partners = list.some((c) => countries.some((x) => x.value === c.partner));
      list.forEach((c, i) => {
        const iso3 = (countries[i] as Item).value;
        if (partners) Object.assign(c, { partner: iso3, entity: countries.some((x) => x.value === c.entity) ? home : c.entity });
        else Object.assign(c, { entity: iso3 });
      });
      continue;
    }
    const parts = items(head, partItems(head), n);
    if (parts && new Set(parts.map((m) => m.value)).size === n) list.forEach((c, i) => Object.assign(c, { part: (parts[i] as Item).value }));
  }
}
