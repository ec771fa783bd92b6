/** The ledger: idempotent saves, replacement of a re-checked document, atomic failure. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDocuments } from '../../src/claims/check.ts';
import { documentFromString } from '../../src/claims/documents.ts';
import { readLedger, saveToLedger } from '../../src/claims/ledger.ts';
import { ensureReferenceData } from '../../src/reference/index.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';

let store: Store;
beforeAll(async () => {
  store = await openStore();
  await ensureReferenceData(store);
});
afterAll(async () => store.close());

const now = new Date('2026-11-23T00:00:00Z');
const counts = async () =>
  (
    await store.query<{ d: number; c: number; r: number; v: number }>(
      sql`select (select count(*) from claim_documents) as d, (select count(*) from claims) as c, (select count(*) from claim_relations) as r, (select count(*) from claim_verdicts) as v`,
    )
  )[0];
const a = documentFromString(
  'In 2019, China’s exports of cultural products were US$99.89 billion and imports were US$11.57 billion; the surplus was US$88.32 billion.',
  'a.txt',
);
const b = documentFromString(
  'China’s exports of cultural products in 2019 were worth US$100 billion.',
  'b.txt',
);

describe('claim ledger', () => {
  it('stores documents, claims, relations and verdicts; checking again changes nothing', async () => {
    await checkDocuments(store, [a], { now });
    const first = await counts();
    // 3 claims; 1 relation (difference 99.89 − 11.57 = 88.32); 3 verdicts.
    expect(first).toEqual({ d: 1, c: 3, r: 1, v: 3 });
    await checkDocuments(store, [a], { now });
    expect(await counts()).toEqual(first);
  });

  it('relates a new document with the ledger (the rounded 100 billion is the 99.89)', async () => {
    const res = await checkDocuments(store, [b], { now });
    expect(res.relations.find((r) => r.type === 'same_figure')?.verdict).toBe('consistent');
    expect((await counts())?.d).toBe(2);
    const ledger = await readLedger(store, ['b.txt']);
    expect(ledger.relations.map((r) => r.type)).toContain('same_figure');
  });

  it('leaves the ledger unchanged when a save fails half-way', async () => {
    const before = await counts();
    const bad = documentFromString('In 2020, exports were US$5 billion.', 'c.txt');
    const res = await checkDocuments(store, [bad], { now, save: false });
    // A verdict for a claim that violates the schema (null verdict) makes the insert fail after the document row.
    const broken = {
      ...res,
      verdicts: [
        { ...(res.verdicts[0] as (typeof res.verdicts)[0]), verdict: null as unknown as 'supported' },
      ],
    };
    await expect(saveToLedger(store, broken, now)).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });
});
