import { describe, expect, it } from 'vitest';
import { documentFromString } from './documents.ts';
import { type Claim, extractClaims } from './extract.ts';
import { relateClaims } from './relate.ts';

const claimsOf = (name: string, text: string, date = '2024-05-01') =>
  extractClaims(documentFromString(text, name, { date }));
const rel = (...docs: [string, string][]) => relateClaims(docs.flatMap(([n, t]) => claimsOf(n, t)));
const byQuote = (cs: ReturnType<typeof claimsOf>, quote: string) => cs.find((c) => c.quote === quote)?.id;

describe('relateClaims', () => {
  it('checks a sum within rounding: 41.27 + 8.36 = 49.63 vs stated 49.62 is consistent (inputs ±0.005 each)', () => {
    const t =
      'In 2022, Kenya’s craft trade totalled US$49.62 billion; exports were US$41.27 billion and imports were US$8.36 billion.';
    const cs = claimsOf('a.txt', t);
    const r = relateClaims(cs).find((x) => x.type === 'sum');
    expect(r?.verdict).toBe('consistent');
    expect(r?.output).toBe(byQuote(cs, 'US$49.62 billion'));
    expect(r?.computed).toBeCloseTo(49.63e9, -6);
  });

  it('calls a sum off by more than rounding inconsistent: 41.27 + 8.36 = 49.63 vs 52.1', () => {
    const t =
      'In 2022, Kenya’s craft trade totalled US$52.1 billion; exports were US$41.27 billion and imports were US$8.36 billion.';
    const r = rel(['a.txt', t]).find((x) => x.type === 'sum');
    expect(r?.verdict).toBe('inconsistent');
    expect(r?.arithmetic).toContain('41.27');
  });

  it('checks a difference (surplus = exports − imports: 41.27 − 8.36 = 32.91)', () => {
    const t =
      'In 2022, exports of cultural goods were US$41.27 billion and imports were US$8.36 billion, a surplus of US$32.91 billion.';
    expect(rel(['a.txt', t]).find((x) => x.type === 'difference')?.verdict).toBe('consistent');
  });

  it('checks a CAGR over a span: (20/10)^(1/10) − 1 = 7.18%, stated 7% (±0.5) is consistent', () => {
    const t =
      'From 2010 to 2020, music exports rose from US$10 billion to US$20 billion, an average annual growth rate of 7%.';
    const r = rel(['a.txt', t]).find((x) => x.type === 'cagr');
    expect(r?.verdict).toBe('consistent');
    expect(r?.computed).toBeCloseTo((2 ** 0.1 - 1) * 100, 6);
  });

  it('checks growth across documents: 50 × 1.10 = 55.0 vs "more than 54 billion"', () => {
    const a = [
      'a.txt',
      'In 2020, the cultural products and services trade of Peru reached US$50.0 billion.',
    ] as [string, string];
    const b = [
      'b.txt',
      'Peru’s foreign trade in culture exceeded US$54 billion in 2021, up 10% year-on-year.',
    ] as [string, string];
    const r = rel(a, b).find((x) => x.type === 'growth');
    expect(r?.verdict).toBe('consistent');
    expect(r?.docs).toEqual(['a.txt', 'b.txt']);
  });

  it('pairs a rounded figure in another source with the precise one (US$40 billion vs US$39.8 billion)', () => {
    const a = ['a.txt', 'In 2021, exports of cultural products from Chile were worth US$40 billion.'] as [
      string,
      string,
    ];
    const b = ['b.txt', 'In 2021, Chile’s cultural products exports were US$39.8 billion.'] as [
      string,
      string,
    ];
    const r = rel(a, b).find((x) => x.type === 'same_figure');
    expect(r?.verdict).toBe('consistent');
  });

  it('pairs the same count twice in a document, and not two different counts of the same value', () => {
    const t =
      'The ministry named 12 pilot zones. Later, the 12 pilot zones were expanded. Films were shown in over 12 countries.';
    const same = rel(['a.txt', t]).filter((x) => x.type === 'same_figure');
    expect(same).toHaveLength(1);
  });

  it('flags different scopes as not comparable, never inconsistent', () => {
    const a = [
      'a.txt',
      'In 2020, Mexico imported US$3 billion of cultural and entertainment services and exported US$1 billion.',
    ] as [string, string];
    const b = [
      'b.txt',
      'In 2015, Mexico’s cultural services exports were US$9.5 billion and imports US$6.1 billion.',
    ] as [string, string];
    const rs = rel(a, b);
    expect(rs.filter((x) => x.verdict === 'inconsistent')).toEqual([]);
    expect(rs.find((x) => x.type === 'definitional_conflict')?.verdict).toBe('not_comparable');
  });

  it('checks a bound: "more than US$30 billion" against a stated 31.2', () => {
    const t =
      'In 2023, Peru’s cultural services trade reached US$31.2 billion. In 2023 the cultural services trade exceeded US$30 billion for the first time.';
    expect(rel(['a.txt', t]).find((x) => x.type === 'bound')?.verdict).toBe('consistent');
  });

  it('checks a share: 40 / 50 = 80% (inputs ±0.5 bn give 78.2%…81.8%) consistent; 10 / 50 = 20% vs stated 25% inconsistent', () => {
    const ok = rel([
      'a.txt',
      'In 2021, exports were US$40 billion and total trade was US$50 billion, exports accounting for 80% of the total.',
    ]);
    expect(ok.find((x) => x.type === 'share')).toMatchObject({ verdict: 'consistent', computed: 80 });
    const bad = rel([
      'a.txt',
      'In 2021, Peru’s imports of cultural goods were US$10 billion and its total trade in cultural goods was US$50 billion; imports made up 25% of the total.',
    ]);
    expect(bad.find((x) => x.type === 'share')).toMatchObject({ verdict: 'inconsistent', computed: 20 });
  });

  it('gives stable relation ids (same input, same id)', () => {
    const t =
      'In 2022, exports of cultural goods were US$41.27 billion and imports were US$8.36 billion, a surplus of US$32.91 billion.';
    expect(rel(['a.txt', t]).map((r) => r.id)).toEqual(rel(['a.txt', t]).map((r) => r.id));
  });

  it('does not call a gross gap a contradiction: parts of another breakdown (2 + 1 vs 50) are not comparable', () => {
    const t =
      'In 2021, Chile’s cultural trade totalled US$50 billion; exports were US$2 billion and imports were US$1 billion.';
    const r = rel(['a.txt', t]).find((x) => x.type === 'sum');
    expect(r?.verdict).toBe('not_comparable');
  });

  it('says "not comparable" in the arithmetic of a failed check across documents, as its verdict does', () => {
    const rs = rel(
      ['a.txt', 'In 2022, Kenya’s craft exports were US$41.27 billion and its craft imports were US$8.36 billion.'],
      ['b.txt', 'In 2022, Kenya’s craft trade totalled US$52.1 billion.'],
    );
    const across = rs.filter((x) => new Set(x.docs).size > 1 && x.verdict === 'not_comparable');
    expect(across.length).toBeGreaterThan(0);
    for (const r of across) {
      expect(r.arithmetic).not.toMatch(/→ inconsistent/);
      expect(r.arithmetic).toMatch(/→ not comparable/);
    }
  });
});

describe('relateClaims with a focus (a new text against ledger claims)', () => {
  // The new text, a ledger text it relates to (last year's level, the same figure restated) and
  // ledger texts no rule can tie to it: the same country and scope in years far away, and other
  // countries in the same year.
  const fresh = 'In 2022, Chile’s exports of cultural goods were US$4.40 billion, up 10.0% year on year, and imports were US$1.50 billion; total trade was US$5.90 billion.';
  const related = 'In 2021, Chile’s exports of cultural goods were US$4.00 billion. In 2022, Chile’s imports of cultural goods were US$1.5 billion.';
  const COUNTRIES = ['Peru', 'Kenya', 'Ghana', 'Nepal', 'Chad', 'Laos', 'Fiji', 'Mali'];
  const unrelated = (i: number) =>
    i % 2
      ? `In ${1950 + (i % 40)}, Chile’s exports of cultural goods were US$${(1 + i / 100).toFixed(2)} billion, up ${(2 + (i % 7)).toFixed(1)}% year on year, and imports were US$0.${10 + (i % 80)} billion; total trade was US$${(1.1 + i / 100).toFixed(2)} billion.`
      : `In 2022, ${COUNTRIES[i % COUNTRIES.length]}’s exports of cultural goods were US$${(2 + i / 100).toFixed(2)} billion, up ${(3 + (i % 5)).toFixed(1)}% year on year, and imports were US$0.${20 + (i % 70)} billion; total trade was US$${(2.2 + i / 100).toFixed(2)} billion.`;

  /** Relates the new text with `n` unrelated ledger texts; counts every read of a property of their claims. */
  function relateWithLedger(n: number) {
    const mine = claimsOf('new.txt', fresh);
    let reads = 0;
    const counted = (c: Claim): Claim => new Proxy(c, { get: (t, k, r) => ((reads += 1), Reflect.get(t, k, r)) });
    const others = Array.from({ length: n }, (_, i) => claimsOf(`ledger-${i}.txt`, unrelated(i)).map(counted)).flat();
    const rels = relateClaims([...mine, ...claimsOf('related.txt', related), ...others], new Map([['new.txt', fresh]]), new Set(mine.map((c) => c.id)));
    return { rels, perClaim: reads / others.length };
  }

  it('reads each unrelated ledger claim a fixed number of times, however many there are', () => {
    const small = relateWithLedger(20);
    const large = relateWithLedger(160);
    // The relations touching the new text are the same, across texts too.
    expect(large.rels.map((r) => r.id).sort()).toEqual(small.rels.map((r) => r.id).sort());
    expect(small.rels.some((r) => r.type === 'growth' && r.docs.includes('related.txt'))).toBe(true);
    expect(small.rels.some((r) => r.type === 'same_figure' && r.docs.includes('related.txt'))).toBe(true);
    // Pairing every ledger claim with every other made each read grow with the ledger (8× more
    // claims: ~8× the reads per claim); indexed by entity and period they stay flat.
    expect(large.perClaim).toBeLessThan(small.perClaim * 1.25);
  });
});
