/**
 * The claims commands end to end on the fixtures in test/fixtures/claims (documents written for
 * these tests): extract → JSON the scorer reads; check → ledger, relations, verdicts; report in
 * three formats; show with evidence and the reproducing command.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';
import { repoRoot } from '../shared.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-claims-'));
const db = join(dir, 'ledger.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fx = (f: string) => join('test/fixtures/claims', f);

const cli = (...argv: string[]) => captureCli(['--db', db, ...argv], { cwd: repoRoot });

describe('lantern claims', () => {
  it('extract prints a JSON array with offsets into the extracted text', async () => {
    const r = await cli('claims', 'extract', fx('ministry.html'), fx('zh.txt'), '--format', 'json');
    expect(r.code).toBe(0);
    const claims = JSON.parse(r.out);
    expect(Array.isArray(claims)).toBe(true);
    const total = claims.find((c: { quote: string }) => c.quote === 'US$49.63 billion');
    // "Last year" in a page published 2023-02-14 is 2022.
    expect(total).toMatchObject({
      doc: 'ministry.html',
      value: 49.63e9,
      unit: 'USD',
      metric: 'total_trade',
      period: '2022',
      entity: 'KEN',
    });
    expect(claims.some((c: { quote: string }) => c.quote === '123456')).toBe(false); // script content is not text
    const zh = claims.filter((c: { doc: string }) => c.doc === 'zh.txt');
    expect(zh.map((c: { value: number; unit: string }) => [c.value, c.unit])).toEqual([
      [123.45e9, 'USD'],
      [5.2, 'percent'],
      [0.3, 'pp'],
    ]);
  });

  it('extract prints a table and CSV', async () => {
    expect((await cli('claims', 'extract', fx('news.md'))).out).toContain('US$41.3 billion');
    expect((await cli('claims', 'extract', fx('news.md'), '--format', 'csv')).out.split('\n')[0]).toMatch(
      /^id,doc,doc_id,start,end,quote/,
    );
  });

  it('check relates within and across documents and reports inconsistencies with the arithmetic', async () => {
    const r = await cli('claims', 'check', fx('ministry.html'), fx('news.md'), '--format', 'json');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    const sums = rep.relations.filter((x: { type: string }) => x.type === 'sum');
    // ministry: 41.27 + 8.36 = 49.63 → consistent; news: 41.3 + 8.36 = 49.66 vs 52 → inconsistent.
    expect(sums.map((x: { verdict: string }) => x.verdict).sort()).toEqual(['consistent', 'inconsistent']);
    expect(sums.find((x: { verdict: string }) => x.verdict === 'inconsistent').arithmetic).toMatch(
      /US\$41\.3 bn \+ US\$8\.36 bn = US\$49\.66 bn/,
    );
    // The rounded 41.3 in the news story is the ministry's 41.27; its total 52 is not the ministry's 49.63.
    const across = rep.relations.filter(
      (x: { type: string; docs: string[] }) => x.type === 'same_figure' && x.docs.length === 2,
    );
    expect(across.find((x: { arithmetic: string }) => x.arithmetic.includes('41.27'))?.verdict).toBe(
      'consistent',
    );
    expect(across.find((x: { arithmetic: string }) => x.arithmetic.includes('49.63'))?.verdict).toBe(
      'inconsistent',
    );
    expect(rep.documents).toHaveLength(2);
    // Every claim of every document carries a verdict from the closed set.
    const verdicts = rep.documents.flatMap((d: { claims: { verification: { verdict: string } }[] }) =>
      d.claims.map((c) => c.verification.verdict),
    );
    expect(verdicts.length).toBeGreaterThan(0);
    for (const v of verdicts) expect(['supported', 'contradicted', 'unverifiable']).toContain(v);
  });

  it('report renders the ledger as Markdown, HTML with highlights, and JSON', async () => {
    const md = await cli('claims', 'report', '--format', 'md');
    expect(md.out).toMatch(/^# Claims report/);
    expect(md.out).toContain('| sum | **inconsistent** |');
    const html = await cli('claims', 'report', '--format', 'html');
    expect(html.out).toMatch(
      /<mark id="c[0-9a-f]{8}\.\d+" class="claim unverifiable[^"]*" title="[^"]*total_trade/,
    );
    const json = JSON.parse((await cli('claims', 'report', '--format', 'json', '--doc', 'news.md')).out);
    expect(json.documents.map((d: { name: string }) => d.name)).toEqual(['news.md']);
  });

  it('show prints the claim, its verdict and the command that reproduces it', async () => {
    const claims = JSON.parse((await cli('claims', 'extract', fx('news.md'), '--format', 'json')).out);
    const id = claims.find((c: { quote: string }) => c.quote === 'US$52 billion').id;
    const r = await cli('claims', 'show', id);
    expect(r.code).toBe(0);
    expect(r.out).toContain('“US$52 billion”');
    expect(r.out).toMatch(/relation r[0-9a-f]{10} sum: inconsistent/);
    // The inconsistent relation names the figure most likely wrong, and why.
    expect(r.out).toMatch(/\n {4}suspect: (?:this figure|c[0-9a-f]{8}\.\d+) — \S/);
    expect(r.out).toContain(`reproduce: lantern claims check test/fixtures/claims/news.md --only ${id}`);
    const again = await cli('claims', 'check', fx('news.md'), '--only', id, '--format', 'json');
    expect(
      JSON.parse(again.out).relations.some((x: { verdict: string }) => x.verdict === 'inconsistent'),
    ).toBe(true);
  });

  it('fails with one clear line on an unknown claim or file', async () => {
    const r = await cli('claims', 'show', 'cdeadbeef.1');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/not-found.*No claim cdeadbeef\.1/);
    const f = await cli('claims', 'extract', 'no/such/file.txt', fx('news.md'), 'no/other.md');
    expect(f.code).toBe(1);
    // Missing files are refused before anything is read, every one of them named.
    expect(f.err).toMatch(/not-found.*2 of 3 values of <files\.\.\.> refused/s);
    expect(f.err).toContain('no/such/file.txt');
    expect(f.err).toContain('no/other.md');
  });
});
