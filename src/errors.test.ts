import { describe, expect, it } from 'vitest';
import { formatError, formatProblem, LanternError, PROBLEMS_SHOWN } from './errors.ts';

describe('LanternError', () => {
  it('carries a stable code and its HTTP status', () => {
    const e = new LanternError('unknown-country', 'Unknown country code "XXX".');
    expect(e.code).toBe('unknown-country');
    expect(e.status).toBe(400);
  });

  it('says where, what was expected, what was found and how to fix it', () => {
    expect(
      formatProblem({ file: 'a.csv', line: 3, column: 'v', message: 'not a number', expected: 'a number', found: 'abc', hint: 'fix the value' }),
    ).toBe('a.csv:3 column v: not a number (expected a number, found "abc") — fix the value');
  });

  it('lists the first problems and counts the rest', () => {
    const problems = Array.from({ length: PROBLEMS_SHOWN + 5 }, (_, i) => ({ line: i + 1, message: 'bad' }));
    const text = formatError(new LanternError('bad-rows', 'Bad rows.', problems));
    expect(text.split('\n')).toHaveLength(1 + PROBLEMS_SHOWN + 1);
    expect(text).toContain('… and 5 more');
  });
});
