/**
 * The definition pages reach users: `lantern indicator show ID` prints the page (markdown, or JSON
 * with its sections), `indicator list` names each page, and the API's indicator metadata links the
 * page (`definition`) and `/indicators/{id}` carries its markdown.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCli } from '../cli.ts';
import { type Api, createApi } from '../../src/api/app.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { repoRoot } from '../shared.ts';

let dir: string;
let store: Store;
let api: Api;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-ind-docs-'));
  store = await openStore({ path: ':memory:' });
  api = await createApi({ store, dbPath: 'memory', log: () => {} });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => captureCli([...args, '--db', join(dir, 'store.duckdb')], { cwd: dir });

const rcaPage = () => readFileSync(join(repoRoot, 'docs', 'indicators', 'rca.md'), 'utf8');

describe('lantern indicator show', () => {
  it('prints the page as markdown, and as JSON with its sections', async () => {
    const t = await cli('indicator', 'show', 'rca');
    expect(t.code, t.err).toBe(0);
    expect(t.out).toContain(rcaPage().trimEnd());
    expect(t.out).toContain('(docs/indicators/rca.md)');
    const j = await cli('indicator', 'show', 'rca', '--format', 'json');
    // The object GET /api/v1/indicators/rca sends as data (indicatorModel): the page's path and its sections.
    const page = JSON.parse(j.out) as { definition: string; definition_sections: Record<string, string> };
    expect(page.definition).toBe('docs/indicators/rca.md');
    expect(Object.keys(page.definition_sections)).toEqual(['Definition', 'Worked example', 'Reading it', 'References']);
    expect(page.definition_sections.References).toContain('Balassa');
  });

  it('fails with one clear line for an unknown id, a missing id, or a stray argument', async () => {
    const u = await cli('indicator', 'show', 'nope');
    expect(u.code).toBe(1);
    expect(u.err).toMatch(/unknown-indicator.*no indicator "nope"/s);
    const m = await cli('indicator', 'show');
    expect(m.code).toBe(1);
    expect(m.err).toMatch(/lantern indicator show ID/);
    const s = await cli('indicator', 'rca', 'extra');
    expect(s.code).toBe(1);
    expect(s.err).toMatch(/Unexpected argument "extra"/);
  });

  it('indicator list names each page', async () => {
    const j = await cli('indicator', 'list', '--format', 'json');
    const list = JSON.parse(j.out) as { id: string; definition: string | null }[];
    expect(list.find((i) => i.id === 'rca')?.definition).toBe('docs/indicators/rca.md');
    expect(list.every((i) => i.definition === `docs/indicators/${i.id}.md`)).toBe(true);
  });
});

describe('API indicator metadata', () => {
  it('/indicators links each page; /indicators/{id} carries the markdown and sections', async () => {
    const list = (await (await api.app.request('/api/v1/indicators')).json()) as {
      rows: { id: string; definition: string }[];
    };
    expect(list.rows.find((r) => r.id === 'intensity')?.definition).toBe('docs/indicators/intensity.md');
    const one = (await (await api.app.request('/api/v1/indicators/rca')).json()) as {
      data: { definition: string; definition_markdown: string; definition_sections: Record<string, string> };
    };
    expect(one.data.definition).toBe('docs/indicators/rca.md');
    expect(one.data.definition_markdown).toBe(rcaPage());
    expect(one.data.definition_sections.Definition).toContain('RCA_{ik}');
  });
});
