import { describe, expect, it } from 'vitest';
import { relateClaims } from '../relate.ts';
import { idOf, relationOf, textsOf } from '../../../test/support/claims.ts';

describe('definitional_conflict: scopes of one family across texts are not comparable', () => {
  it('cultural and entertainment services vs cultural services: said, never inconsistent', () => {
    const t = textsOf(
      'In 2020, Mexico imported US$3 billion of cultural and entertainment services and exported US$1 billion.',
      'In 2015, Mexico’s cultural services exports were US$9.5 billion and imports US$6.1 billion.',
    );
    const rs = relateClaims(t.claims, t.texts);
    expect(rs.filter((x) => x.verdict === 'inconsistent')).toEqual([]);
    expect(rs.find((x) => x.type === 'definitional_conflict')?.verdict).toBe('not_comparable');
  });
});
