/**
 * Benchmark: does the cost of `claims check` grow with the ledger? One ~130 KB text is checked
 * (extract → relate with the ledger → verify → save) against ledgers of growing size, each in a
 * fresh store; the reference is the same check against an empty ledger in the same run.
 *
 * Ledger documents are the seed articles (../shared/seeds) about one of 13 countries (China's
 * name replaced by another's in 12 of 13) with their years shifted 0 to 29 years back, and a
 * numbered heading, so each is a distinct document whose claims look like real ones. The checked
 * text is the seed articles as they are, repeated to ~130 KB: the ledger's China texts of nearby
 * years are its look-alikes, which the rules must see.
 *
 * Each size also times the relation step the way it was done before (relateClaims over every
 * ledger claim, `otherLedgerClaims`), the reference for the ratio.
 *
 *   npm run bench:claims-ledger                       # ledgers of 0, 2k, 6k and 18k claims
 *   npm run bench:claims-ledger -- --sizes 0,18000    # other sizes
 *   npm run bench:claims-ledger -- --no-whole         # skip the whole-ledger reference
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { checkDocuments } from '../src/claims/check.ts';
import { documentFromString } from '../src/claims/documents.ts';
import { extractClaims } from '../src/claims/extract.ts';
import { otherLedgerClaims, relatableLedgerClaims, saveToLedger } from '../src/claims/ledger.ts';
import { relateClaims } from '../src/claims/relate.ts';
import { openStore } from '../src/store/db.ts';
import { sql } from '../src/store/sql.ts';
import { hasShared, sharedPath } from '../test/shared.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}
const SIZES = arg('sizes', '0,2000,6000,18000').split(',').map(Number);
const TEXT_KB = Number(arg('kb', '130'));

if (!hasShared('seeds')) {
  console.error('bench:claims-ledger needs ../shared/seeds (the seed articles); nothing to measure.');
  process.exit(0);
}
const seeds = readdirSync(sharedPath('seeds'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(sharedPath('seeds', f), 'utf8'));

const WHOLE = !process.argv.includes('--no-whole');
const shiftYears = (t: string, k: number) => t.replace(/(?<!\d)(19|20)\d\d(?!\d)/g, (y) => String(Number(y) - k));
const COUNTRIES: [string, string][] = [
  ['China', '中国'], ['Japan', '日本'], ['France', '法国'], ['Germany', '德国'], ['Brazil', '巴西'], ['India', '印度'],
  ['Mexico', '墨西哥'], ['Italy', '意大利'], ['Spain', '西班牙'], ['Canada', '加拿大'], ['Australia', '澳大利亚'],
  ['Turkey', '土耳其'], ['Egypt', '埃及'],
];
const about = (t: string, [en, zh]: [string, string]) => t.replace(/China|Chinese/g, en).replace(/中国/g, zh);

/** Ledger documents with about `n` claims in all. */
function ledgerDocuments(n: number) {
  const docs = [];
  const claims = [];
  for (let i = 0; claims.length < n; i++) {
    const k = Math.floor(i / COUNTRIES.length) % 30;
    const country = COUNTRIES[i % COUNTRIES.length] as [string, string];
    const body = about(shiftYears(seeds[i % seeds.length] as string, k), country);
    const doc = documentFromString(`Ledger text ${i}\n\n${body}`, `ledger-${i}.txt`);
    docs.push(doc);
    claims.push(...extractClaims(doc, { recogniser: false }));
  }
  return { documents: docs, claims, relations: [], verdicts: [] };
}

let body = '';
for (let i = 0; Buffer.byteLength(body) < TEXT_KB * 1024; i++) body += `${seeds[i % seeds.length]}\n\n`;
const checked = documentFromString(body, 'checked.txt');
console.log(`checked text: ${(Buffer.byteLength(body) / 1024).toFixed(0)} KB`);

const now = new Date('2026-01-01T00:00:00Z');
let reference = 0;
/** A store holding a ledger of about `n` claims; the texts made for it are not kept in memory. */
async function ledgerStore(n: number) {
  const store = await openStore();
  if (n > 0) await saveToLedger(store, ledgerDocuments(n), now);
  return store;
}

for (const n of SIZES) {
  const store = await ledgerStore(n);
  const [{ count, docs }] = (await store.query<{ count: number; docs: number }>(
    sql`select count(*)::int as count, count(distinct doc_id)::int as docs from claims`,
  )) as [{ count: number; docs: number }];
  // Collect what building the ledger left (with --expose-gc, as `npm run` passes): the check's
  // time is then its own, not a collection of the ledger texts' garbage.
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const result = await checkDocuments(store, [checked], { now, recogniser: false });
  const s = (performance.now() - t0) / 1000;
  const mine = extractClaims(checked, { recogniser: false });
  // The two steps that depend on the ledger, each timed alone (median of 5): the read of the ledger
  // claims a rule could tie to the text, and the relation step with them.
  const median = async (f: () => unknown) => {
    const ms: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await f();
      ms.push(performance.now() - t);
    }
    return (ms.sort((a, b) => a - b)[2] as number).toFixed(0);
  };
  const others = await relatableLedgerClaims(store, mine, [checked.id]);
  const read = others.length;
  const readMs = await median(() => relatableLedgerClaims(store, mine, [checked.id]));
  const focus = new Set(mine.map((c) => c.id));
  const relateMs = await median(() => relateClaims([...mine, ...others], new Map([[checked.name, checked.text]]), focus));
  let whole = '';
  if (WHOLE) {
    const t1 = performance.now();
    const all = await otherLedgerClaims(store, [checked.id]);
    relateClaims([...mine, ...all]);
    whole = `; before (relating with every ledger claim): ${((performance.now() - t1) / 1000).toFixed(2)} s for the relation step alone`;
  }
  if (n === SIZES[0]) reference = s;
  console.log(
    `ledger ${String(count).padStart(6)} claims (${String(docs).padStart(4)} docs): check ${s.toFixed(2).padStart(7)} s, ${(s / reference).toFixed(2)}× the first size; ${read} ledger claims read (${readMs} ms), relation step ${relateMs} ms; ${result.claims.length} claims, ${result.relations.length} relations${whole}`,
  );
  await store.close();
}
