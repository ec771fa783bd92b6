/**
 * Everyday words for HS headings (`data/hs/everyday-words.csv`, described in
 * `data/hs/SOURCE-everyday.md`): Lantern's own table, in English and Chinese, of the words people
 * use for cultural goods (lantern, 灯笼, video game, 油画 …) and the headings those goods are
 * classified in. The nomenclature's own wording rarely holds them (no HS name says "lantern"), so
 * `hsSearch` adds these headings to a search and says which word brought each in.
 *
 * Read once, from the file, on first use (no store needed).
 */
import { readFileSync } from 'node:fs';
import { csvTable } from '../csv-in.ts';
import { dataPath } from './data-files.ts';

/** One row of the table: the words, the headings they lead to (in the editions named, else every edition) and why. */
export interface EverydayEntry {
  words: string[];
  codes: string[];
  /** Editions the codes hold the goods in (HS1992 …); empty for every edition. */
  editions: string[];
  note: string;
  note_zh: string;
}

/** A heading an everyday word leads to, with the word as found in the query and the table's note. */
export interface EverydayHit {
  code: string;
  word: string;
  note: string;
  note_zh: string;
}

const FILE = 'data/hs/everyday-words.csv';
let table: EverydayEntry[] | undefined;

const list = (cell: string | undefined, sep: RegExp): string[] => (cell ?? '').split(sep).map((s) => s.trim()).filter(Boolean);

/** The table, read once (its header checked as every bundled CSV's is: a missing column is named). */
export function everydayEntries(): EverydayEntry[] {
  if (table) return table;
  const { columns, rows } = csvTable(readFileSync(dataPath('hs', 'everyday-words.csv'), 'utf8'), FILE, {
    columns: { en: ['words_en'], zh: ['words_zh'], codes: ['codes'], editions: ['editions'], note: ['note_en'], noteZh: ['note_zh'] },
    required: ['en', 'zh', 'codes', 'editions', 'note', 'noteZh'],
    expected: 'words_en,words_zh,codes,editions,note_en,note_zh',
    hint: 'data/hs/SOURCE-everyday.md describes the table',
  });
  const { at } = columns;
  table = rows.map(({ fields: f }) => ({
    words: [...list(f[at.en], /\|/), ...list(f[at.zh], /\|/)].map((w) => w.toLowerCase()),
    codes: list(f[at.codes], /\|/),
    editions: list(f[at.editions], /\s+/),
    note: (f[at.note] ?? '').trim(),
    note_zh: (f[at.noteZh] ?? '').trim(),
  }));
  return table;
}

const cjk = /[\u3400-\u9fff]/;
const wordsOf = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).filter(Boolean);

/** Whether the query's words hold `term`'s words in a row, the last one maybe in the plural (lanterns, christmas decorations). */
function holdsWords(query: string[], term: string[]): boolean {
  const last = term.length - 1;
  const same = (q: string, t: string, i: number) => q === t || (i === last && (q === `${t}s` || q === `${t}es`));
  for (let start = 0; start + term.length <= query.length; start++) {
    if (term.every((t, i) => same(query[start + i]!, t, i))) return true;
  }
  return false;
}

/** The table's words found in `q`: Chinese as a substring, English as whole words; a word inside a longer one found (书 in 书法) is left out. */
function wordsFound(q: string): string[] {
  const text = q.toLowerCase();
  const queryWords = wordsOf(text);
  const all = new Set(everydayEntries().flatMap((e) => e.words));
  const found = [...all].filter((w) => (cjk.test(w) ? text.includes(w) : holdsWords(queryWords, wordsOf(w))));
  return found.filter((w) => !found.some((longer) => longer !== w && longer.includes(w)));
}

/** The headings the everyday words of `q` lead to in `edition`, one hit per code (the first row that names it). */
export function everydayHits(q: string, edition: string): EverydayHit[] {
  const found = wordsFound(q);
  if (found.length === 0) return [];
  const hits = new Map<string, EverydayHit>();
  for (const e of everydayEntries()) {
    if (e.editions.length && !e.editions.includes(edition)) continue;
    const word = e.words.find((w) => found.includes(w));
    if (!word) continue;
    for (const code of e.codes) if (!hits.has(code)) hits.set(code, { code, word, note: e.note, note_zh: e.note_zh });
  }
  return [...hits.values()];
}
