/**
 * The claim checker on texts written for it (test/fixtures/claims/unseen): each text related on
 * its own, every relation a reader finds by hand is found with its verdict, and no other relation
 * calls a figure wrong (a false alarm tells a journalist a correct text is wrong).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../src/claims/documents.ts';
import { extractClaims } from '../src/claims/extract.ts';
import { relateClaims } from '../src/claims/relate.ts';
import { repoRoot } from './shared.ts';

const dir = join(repoRoot, 'test/fixtures/claims/unseen');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  texts: Record<string, { type: string; quotes: string[]; verdict: string }[]>;
};

describe('relations in texts written for the tests', () => {
  for (const [file, wanted] of Object.entries(expected.texts)) {
    describe(file, () => {
      const doc = loadDocument(join(dir, file));
      const claims = extractClaims(doc);
      const relations = relateClaims(claims, new Map([[doc.name, doc.text]]));
      const quote = new Map(claims.map((c) => [c.id, c.quote]));
      const quotesOf = (r: (typeof relations)[number]) => [...r.inputs, ...(r.output ? [r.output] : [])].map((id) => quote.get(id)).sort();
      const key = (type: string, quotes: string[]) => `${type}: ${[...quotes].sort().join(' | ')}`;
      const found = new Map(relations.map((r) => [key(r.type, quotesOf(r) as string[]), r.verdict]));
      for (const w of wanted)
        it(`${w.type} ${w.quotes.join(', ')} is ${w.verdict}`, () => {
          expect(found.get(key(w.type, w.quotes)), `relations found: ${[...found.keys()].join('; ')}`).toBe(w.verdict);
        });
      it('calls no other figure wrong', () => {
        const meant = new Set(wanted.filter((w) => w.verdict === 'inconsistent').map((w) => key(w.type, w.quotes)));
        const alarms = [...found].filter(([k, v]) => v === 'inconsistent' && !meant.has(k)).map(([k]) => k);
        expect(alarms).toEqual([]);
      });
    });
  }
});
