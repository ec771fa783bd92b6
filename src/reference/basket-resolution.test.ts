import { describe, expect, it } from 'vitest';
import {
  type BasketCode,
  type CorrelationInput,
  isCatchAll,
  resolveIdentity,
  resolveThroughLinks,
} from './basket-resolution.ts';

const code = (c: string, domainCode = 'D', coreOrRelated = 'core'): BasketCode => ({
  code: c,
  domainCode,
  domain: domainCode === 'D' ? 'books' : 'sports',
  coreOrRelated,
});

/** A tiny HS2007 → HS2022 table (invented codes, laid out to exercise every rule). */
function input(links: [string, string | null, boolean?][], fanIn: Record<string, number>): CorrelationInput {
  return {
    from: 'HS2007',
    to: 'HS2022',
    via: 'HS2007>HS2022',
    policy: 'test',
    links: links.map(([from, to, catchAll]) => ({ from, to, catchAll: !!catchAll })),
    targetFanIn: new Map(Object.entries(fanIn)),
    targetCodes: new Set(['111111', '333331', '333332', '444444', '555555', '666661', '666662']),
    sourceCodesInTable: new Set([
      '111111',
      '222222',
      '333333',
      '444444',
      '444445',
      '555555',
      '666666',
      '777777',
      '888888',
    ]),
  };
}

describe('resolveThroughLinks', () => {
  const table = input(
    [
      ['111111', '111111'], // unchanged: 1:1
      ['111111', '854921', true], // plus a catch-all e-waste link: residual
      ['333333', '333331'], // split: 1:n
      ['333333', '333332'],
      ['444444', '444444'], // merged with 444445: n:1 (both in the basket)
      ['444445', '444444'],
      ['555555', '555555'], // merged with a code outside the basket: n:1
      ['666666', '666661'], // split, and 666661 also fed by another code: n:n
      ['666666', '666662'],
      ['777777', '854999', true], // only catch-all links: kept, with a note
      ['888888', null], // UNSD 'n/a'
    ],
    {
      '111111': 1,
      '333331': 1,
      '333332': 1,
      '444444': 2,
      '555555': 2,
      '666661': 2,
      '666662': 1,
      '854999': 1023,
    },
  );
  const basket = [
    code('111111'),
    code('333333'),
    code('444444'),
    code('444445', 'H', 'equipment_supporting_related'),
    code('555555'),
    code('666666'),
    code('777777'),
    code('888888'),
    code('999999'),
  ];
  const r = resolveThroughLinks(basket, table);
  const by = Object.fromEntries(r.bySource.map((s) => [s.sourceCode, s]));

  it('labels each code by its remaining links, pairwise', () => {
    expect(by['111111']?.mapping).toBe('1:1');
    expect(by['333333']?.mapping).toBe('1:n');
    expect(by['333333']?.targets).toEqual(['333331', '333332']);
    expect(by['444444']?.mapping).toBe('n:1');
    expect(by['555555']?.mapping).toBe('n:1');
    expect(by['666666']?.mapping).toBe('n:n');
  });

  it('keeps catch-all links apart as residual, unless they are the only links', () => {
    expect(r.residual).toEqual([
      { sourceCode: '111111', code: '854921', reason: expect.stringContaining('catch-all') },
    ]);
    expect(r.codes.find((c) => c.code === '854921')).toBeUndefined();
    const only = r.codes.find((c) => c.code === '854999');
    expect(only?.sourceCode).toBe('777777');
    expect(only?.note).toBe('only catch-all links exist for 777777');
  });

  it('reports codes it cannot resolve, with the reason, and drops none', () => {
    expect(r.unresolved).toEqual([
      { code: '888888', reason: expect.stringMatching(/no HS2022 counterpart/) },
      { code: '999999', reason: expect.stringMatching(/not in the HS2007>HS2022 correlation table/) },
    ]);
    // every basket code is accounted for: resolved (bySource with targets) or unresolved
    expect(r.bySource.map((s) => s.sourceCode).sort()).toEqual(basket.map((b) => b.code).sort());
  });

  it('lists each target once, with the highest-priority basket code and a note naming the others', () => {
    const codes = r.codes.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const merged = r.codes.find((c) => c.code === '444444');
    expect(merged?.sourceCodes).toEqual(['444444', '444445']); // core before equipment
    expect(merged?.domainCode).toBe('D');
    expect(merged?.note).toBe('also reached from 444445 (H, equipment_supporting_related)');
    // 9 basket codes: 1 + 2 + 1 (merged pair) + 1 + 2 + 1 (catch-all only) targets = 8; 2 unresolved
    expect(r.codes).toHaveLength(8);
  });

  it('says whether a code still exists in the target edition', () => {
    expect(by['111111']?.existsInTarget).toBe(true);
    expect(by['333333']?.existsInTarget).toBe(false);
  });
});

describe('going back to an older edition', () => {
  it('reports a basket code whose every link is catch-all as unresolved, its links as residual', () => {
    // an HS2022 e-waste subheading in a user's basket, resolved back to HS2017
    const back = resolveThroughLinks([code('854921'), code('950510')], {
      from: 'HS2022',
      to: 'HS2017',
      via: 'HS2017>HS2022',
      policy: 'test',
      onlyCatchAll: 'unresolved',
      links: [
        { from: '854921', to: '847130', catchAll: true },
        { from: '854921', to: '950510', catchAll: true },
        { from: '950510', to: '950510', catchAll: false },
      ],
      targetFanIn: new Map([['950510', 1]]),
      targetCodes: new Set(['950510', '847130']),
      sourceCodesInTable: new Set(['854921', '950510']),
    });
    expect(back.codes.map((c) => [c.code, c.mapping])).toEqual([['950510', '1:1']]);
    expect(back.unresolved).toEqual([
      {
        code: '854921',
        reason: expect.stringMatching(/^854921 is a catch-all HS2022 subheading: all its 2 links/),
      },
    ]);
    expect(back.residual.map((r) => `${r.sourceCode}>${r.code}`)).toEqual(['854921>847130', '854921>950510']);
  });
});

describe('resolveIdentity', () => {
  it('maps each code to itself, and flags codes the nomenclature does not know', () => {
    const r = resolveIdentity('HS2007', [code('490199'), code('123456')], new Set(['490199']));
    expect(r.codes.map((c) => [c.code, c.mapping])).toEqual([['490199', 'identity']]);
    expect(r.unresolved).toEqual([
      { code: '123456', reason: '123456 is not a subheading of the HS2007 nomenclature' },
    ]);
  });
  it('accepts every code when no nomenclature is loaded', () => {
    expect(resolveIdentity('HS2007', [code('123456')]).codes).toHaveLength(1);
  });
});

describe('isCatchAll', () => {
  it('names HS2022 8549 and 8524 and very wide destinations', () => {
    expect(isCatchAll('HS2022', '854921', 1)).toBe(true);
    expect(isCatchAll('HS2022', '852411', 1)).toBe(true);
    expect(isCatchAll('HS2017', '854921', 1)).toBe(false); // 8549 is e-waste only from HS2022
    expect(isCatchAll('HS2017', '854231', 161)).toBe(true);
    expect(isCatchAll('HS2022', '490199', 49)).toBe(false);
    expect(isCatchAll('HS2022', '490199', 50)).toBe(true);
  });
});
