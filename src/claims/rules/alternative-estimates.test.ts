import { describe, expect, it } from 'vitest';
import { relateClaims } from '../relate.ts';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('two estimates of one quantity', () => {
  it('"could be £2.4bn, compared to the official figure of £1.3bn" is a difference of method', () => {
    const t = textsOf('The new study finds that design exports could be worth £2.4bn, compared to the official figure of £1.3bn.');
    const r = relationOf(t, 'definitional_conflict', [idOf(t, '£2.4bn'), idOf(t, '£1.3bn')]);
    expect(r?.verdict).toBe('not_comparable');
    expect(r?.note).toMatch(/not a contradiction/);
  });
  it('leaves the pair to the growth rule when the text states the rate between them', () => {
    const t = textsOf('Music exports could be 25 per cent higher than estimated. The new estimate is £5bn, compared to the official figure of £4bn.');
    expect(relationOf(t, 'growth', [idOf(t, '£4bn'), idOf(t, '£5bn'), idOf(t, '25 per cent')])?.verdict).toBe('consistent');
    expect(relateClaims(t.claims, t.texts).some((r) => r.type === 'definitional_conflict')).toBe(false);
  });
  it('says nothing of two figures compared without an estimate word', () => {
    const t = textsOf('Design exports were £2.4bn in 2021, compared to £1.3bn for crafts.');
    expect(relateClaims(t.claims, t.texts).some((r) => r.type === 'definitional_conflict')).toBe(false);
  });
});

describe('zero as a figure', () => {
  it('"puts it at zero" set against an estimate is a figure in that estimate’s currency, and the pair is a definitional conflict', () => {
    const t = textsOf('In 2022, digital exports of the games sector could be worth £250m, whereas the official data puts their export value at zero.');
    const zero = t.claims.find((c) => c.quote === 'zero');
    expect(zero).toMatchObject({ value: 0, unit: 'GBP', kind: 'level' });
    const r = relationOf(t, 'definitional_conflict', [idOf(t, '£250m'), idOf(t, 'zero')]);
    expect(r?.verdict).toBe('not_comparable');
    expect(r?.computed).toBeNull();
  });
  it('a zero with no money figure beside it, or not said as a level ("zero tariffs"), is not read', () => {
    expect(textsOf('The agreement brings zero tariffs on books.').claims).toEqual([]);
    expect(textsOf('The scheme offers zero tariffs on $5 billion of goods.').claims.map((c) => c.quote)).toEqual(['$5 billion']);
  });
});
