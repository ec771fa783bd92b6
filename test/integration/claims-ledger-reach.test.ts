/**
 * Relating a new document with the ledger reads only the ledger claims a rule could tie to it
 * (`relatableLedgerClaims`): the relations that touch the new document must be exactly those found
 * against the whole ledger (`otherLedgerClaims`), while far fewer claims are read. The ledger is
 * made of texts written for this test: four countries, eighteen years, English and Chinese, some
 * texts without last year's level (so growth reaches into other documents), figures that other
 * texts restate or round (same figure across documents) and services figures of two scopes of one
 * family (definitional conflicts in any year).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocuments } from '../../src/claims/check.ts';
import { type ClaimDocument, documentFromString } from '../../src/claims/documents.ts';
import { type Claim, extractClaims } from '../../src/claims/extract.ts';
import { otherLedgerClaims, relatableLedgerClaims, saveToLedger } from '../../src/claims/ledger.ts';
import { type Relation, relateClaims } from '../../src/claims/relate.ts';
import { openStore, type Store } from '../../src/store/db.ts';

const COUNTRIES = [
  ['China', '中国'],
  ['Japan', '日本'],
  ['France', '法国'],
  ['Brazil', '巴西'],
] as const;

/** One text: exports, imports, total, growth, a span rate, services of a scope that varies. */
function text(country: number, year: number, variant: number): string {
  const [en, zh] = COUNTRIES[country] as readonly [string, string];
  const e = 40 + country * 17 + (year - 2005) * 3.1 + variant * 0.4;
  const i = 8 + country * 3 + (year - 2005) * 0.7;
  const services = variant % 2 ? 'cultural and entertainment services' : 'cultural services';
  if (variant === 2) {
    return `${zh}文化贸易

${year}年，${zh}文化产品出口${e.toFixed(1)}亿美元，同比增长6.2%，进口${i.toFixed(1)}亿美元，文化产品进出口总额${(e + i).toFixed(1)}亿美元。
`;
  }
  const lastYear = variant === 1 ? '' : ` In ${year - 1}, exports of cultural products were US$${(e / 1.062).toFixed(1)} billion.`;
  return `${en}'s cultural trade in ${year}

In ${year}, ${en}'s exports of cultural products reached US$${e.toFixed(1)} billion, up 6.2% year on year, while imports of cultural products were US$${i.toFixed(1)} billion. Total trade in cultural products was US$${(e + i).toFixed(1)} billion.${lastYear}

Exports of ${services} were US$${(e / 5).toFixed(2)} billion in ${year}. From ${year - 3} to ${year}, exports of cultural products grew ${(20 + variant).toFixed(0)}%.
`;
}

const touches = (mine: Set<string>) => (r: Relation) => [...r.inputs, ...(r.output ? [r.output] : [])].some((id) => mine.has(id));
const byId = (rs: Relation[]) => [...rs].sort((a, b) => a.id.localeCompare(b.id));

let store: Store;
let ledgerClaims = 0;
const now = new Date('2026-11-23T00:00:00Z');

beforeAll(async () => {
  store = await openStore();
  const documents: ClaimDocument[] = [];
  const claims: Claim[] = [];
  for (let c = 0; c < COUNTRIES.length; c++)
    for (let y = 2005; y <= 2022; y++)
      for (let v = 0; v < 3; v++) {
        const d = documentFromString(text(c, y, v), `ledger-${c}-${y}-${v}.txt`);
        documents.push(d);
        claims.push(...extractClaims(d));
      }
  ledgerClaims = claims.length;
  await saveToLedger(store, { documents, claims, relations: [], verdicts: [] }, now);
}, 120_000);
afterAll(async () => store.close());

describe('relating a new document with the ledger', () => {
  const fresh: [string, string][] = [
    ['China 2021, a restatement with a rounded figure', text(0, 2021, 3).replace(/US\$(\d+)\.\d billion, up/, 'US$$$1 billion, up')],
    ['Japan 2016 without last year’s level', text(1, 2016, 1).replace('Japan', 'Japan ')],
    ['France 2010 in Chinese', `${text(2, 2010, 2)}另据统计。`],
    ['Brazil 2030, years no ledger text has', text(3, 2030, 0)],
  ];

  it.each(fresh)('%s: the same relations as against the whole ledger, from far fewer claims', async (_what, body) => {
    const doc = documentFromString(body, 'new.txt');
    const mine = extractClaims(doc);
    const ids = new Set(mine.map((c) => c.id));
    const all = await otherLedgerClaims(store, [doc.id]);
    const reach = await relatableLedgerClaims(store, mine, [doc.id]);
    expect(all.length).toBe(ledgerClaims);
    const full = byId(relateClaims([...mine, ...all]).filter(touches(ids)));
    const bounded = byId(relateClaims([...mine, ...reach]).filter(touches(ids)));
    expect(bounded).toEqual(full);
    expect(reach.length).toBeLessThan(all.length / 4);
  });

  it('the cases above do reach into other documents (growth, same figure, definitional conflicts)', async () => {
    const types = new Set<string>();
    for (const [, body] of fresh) {
      const doc = documentFromString(body, 'new.txt');
      const mine = extractClaims(doc);
      const ids = new Set(mine.map((c) => c.id));
      const all = await otherLedgerClaims(store, [doc.id]);
      for (const r of relateClaims([...mine, ...all]).filter(touches(ids))) if (r.docs.length > 1) types.add(r.type);
    }
    expect([...types].sort()).toEqual(expect.arrayContaining(['definitional_conflict', 'growth', 'same_figure']));
  });

  it('checkDocuments relates through the bounded read and saves those relations', async () => {
    const doc = documentFromString(fresh[0]?.[1] as string, 'new.txt');
    const mine = extractClaims(doc);
    const ids = new Set(mine.map((c) => c.id));
    const full = byId(relateClaims([...mine, ...(await otherLedgerClaims(store, [doc.id]))]).filter(touches(ids)));
    const result = await checkDocuments(store, [doc], { now, save: false });
    expect(byId(result.relations).map((r) => [r.id, r.verdict, r.suspect ?? null])).toEqual(
      full.map((r) => [r.id, r.verdict, r.suspect ?? null]),
    );
  });
});
