import { describe, expect, it } from 'vitest';
import { documentFromString } from './documents.ts';
import { extractClaims } from './extract.ts';
import { relateClaims } from './relate.ts';
import { problemsOf, readable, reportHtml, reportJson, reportMarkdown } from './report.ts';
import type { Verification } from './verify.ts';

const doc = documentFromString(
  'Film trade rose in 2022\n\nIn 2022, Kenya’s film trade totalled US$52.1 billion; exports were US$41.27 billion and imports were US$8.36 billion. In the first half of 2022, exports were US$20.03 billion.',
  'k.txt',
  { date: '2023-01-05' },
);
const claims = extractClaims(doc);
const relations = relateClaims(claims);
const exportsClaim = claims.find((c) => c.quote === 'US$41.27 billion');
const verdicts: Verification[] = claims.map((c) =>
  c === exportsClaim
    ? { claim_id: c.id, verdict: 'contradicted', reason: 'mismatch', explanation: 'series: US$45 bn', evidence: null }
    : c.period === '2022H1'
      ? { claim_id: c.id, verdict: 'unverifiable', reason: 'sub_annual', explanation: 'part of a year', evidence: null }
      : { claim_id: c.id, verdict: 'unverifiable', reason: 'no_series', explanation: 'no series', evidence: null },
);
const content = { documents: [doc], claims, relations, verdicts };

describe('report for people', () => {
  it('formats figures for reading', () => {
    expect(readable({ value: 200.03e9, unit: 'USD', qualifier: 'eq' })).toBe('US$200.03 bn');
    expect(readable({ value: 10, unit: 'pp', qualifier: 'eq' })).toBe('10 percentage points');
    expect(readable({ value: 3e9, unit: 'GBP', qualifier: 'gt' })).toBe('more than £3 bn');
  });
  it('puts problems first in Markdown, HTML and JSON alike, with quotes and the suspect figure', () => {
    const problems = problemsOf(content);
    expect(problems.map((p) => p.kind)).toEqual(['contradicted', 'inconsistent']);
    expect(problems[1]?.what).toContain('“US$52.1 billion”');
    const md = reportMarkdown(content);
    expect(md.startsWith('# Film trade rose in 2022')).toBe(true);
    expect(md.indexOf('## Problems first')).toBeLessThan(md.indexOf('## Film trade rose in 2022'));
    expect(md).toContain('“US$41.27 billion”, “US$8.36 billion” → “US$52.1 billion”');
    expect(md).not.toMatch(/\| c[0-9a-f]{8}\.\d+ \|/);
    expect(md).toContain('US$41.27 bn');
    expect(md).toContain('1 not comparable with a series');
    const html = reportHtml(content);
    expect(html).toContain('<title>Film trade rose in 2022</title>');
    for (const p of problems) expect(html).toContain(p.evidence.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    const json = JSON.parse(reportJson(content));
    expect(json.problems).toEqual(problems);
    expect(json.summary.unverifiable).toMatchObject({ not_comparable: 1 });
  });
});
