/**
 * Basket scopes on the UNESCO FCS 2009 basket (core = the framework's "cultural goods"; related =
 * equipment and supporting materials, related goods), through the library, the CLI and the API;
 * basket versions (kept on --replace); the bundled-basket rules and the README's UNCTAD example.
 *
 * The expected sums come from the files themselves: the bundled basket CSV says which codes are
 * core, the hand-made trade file says what was exported.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { routes as basketRoutes } from '../../src/api/routes/baskets.ts';
import { routes as versionRoutes } from '../../src/api/routes/basket-versions.ts';
import { ensureBundledBaskets, parseBasketSelector, resolveBasket } from '../../src/reference/index.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { sql } from '../../src/store/sql.ts';
import { captureCli } from '../cli.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fcs = parse(readFileSync(join(root, 'data', 'baskets', 'unesco-fcs-2009.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
const scopeOf = new Map(fcs.map((r) => [r.code!, r.core_or_related!]));
const coreCodes = fcs.filter((r) => r.core_or_related === 'core').map((r) => r.code!);

// CHN's exports in 2020 (thousand US$), HS2007: two core codes, two equipment codes, one outside the basket.
const trade = 't,i,j,k,v,q\n2020,156,842,970110,100,1\n2020,156,842,950510,40,1\n2020,156,276,490199,30,1\n2020,156,842,851920,20,1\n2020,156,842,010121,7,1\n';
function expected(scope: 'core' | 'related' | 'all'): number {
  return trade
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter(([, , , k]) => {
      const s = scopeOf.get(k!.padStart(6, '0'));
      if (!s) return false;
      return scope === 'all' || (scope === 'core' ? s === 'core' : s !== 'core');
    })
    .reduce((sum, r) => sum + Number(r[4]) * 1000, 0);
}

let dir: string;
let db: string;
const cli = (...args: string[]) => captureCli([...args, '--db', db], { cwd: dir });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-scopes-'));
  db = join(dir, 'store.duckdb');
  writeFileSync(join(dir, 'BACI_HS07_Y2020_V202401.csv'), trade);
  const imp = await cli('import', join(dir, 'BACI_HS07_Y2020_V202401.csv'));
  expect(imp.code, imp.err).toBe(0);
});

describe('basket scopes (UNESCO FCS 2009)', () => {
  it('parses BASKET[:DOMAIN][@SCOPE] and refuses an unknown scope', () => {
    expect(parseBasketSelector('unesco-fcs-2009@core')).toEqual({ basketId: 'unesco-fcs-2009', scope: 'core' });
    expect(parseBasketSelector('unesco-fcs-2009:D@related')).toEqual({ basketId: 'unesco-fcs-2009', domain: 'books', scope: 'related' });
    expect(parseBasketSelector('unesco-fcs-2009@all')).toEqual({ basketId: 'unesco-fcs-2009' });
    expect(() => parseBasketSelector('unesco-fcs-2009@heritage')).toThrow(/Unknown basket scope/);
  });

  it('resolves @core to the core codes only, and @related to the rest', async () => {
    const store = await openStore({ path: db, readOnly: true });
    try {
      const core = await resolveBasket(store, 'unesco-fcs-2009@core', 'HS2007');
      expect(core.codes.map((c) => c.code).sort()).toEqual([...coreCodes].sort());
      expect(new Set(core.codes.map((c) => c.coreOrRelated))).toEqual(new Set(['core']));
      const related = await resolveBasket(store, 'unesco-fcs-2009@related', 'HS2007');
      const all = await resolveBasket(store, 'unesco-fcs-2009', 'HS2007');
      expect(core.codes.length + related.codes.length).toBe(all.codes.length);
      expect(related.codes.some((c) => c.coreOrRelated === 'core')).toBe(false);
    } finally {
      await store.close();
    }
  });

  it('switches indicators in the CLI: core + related = all', async () => {
    const value = async (basket: string) => {
      const r = await cli('indicator', 'value', '--exporter', 'CHN', '--year', '2020', '--basket', basket, '--format', 'json');
      expect(r.code, r.err).toBe(0);
      return (JSON.parse(r.out).rows as { value: number }[]).reduce((s, x) => s + x.value, 0);
    };
    expect(await value('unesco-fcs-2009@core')).toBe(expected('core'));
    expect(await value('unesco-fcs-2009@related')).toBe(expected('related'));
    expect(await value('unesco-fcs-2009')).toBe(expected('all'));
    expect(expected('core')).toBe(130000);
    expect(expected('related')).toBe(60000);
    // a read model takes the same selector: the country profile
    const p = await cli('profile', 'country', 'CHN', '--years', '2020', '--basket', 'unesco-fcs-2009@core', '--format', 'json');
    expect(p.code, p.err).toBe(0);
    expect(JSON.parse(p.out).scope.label).toBe('unesco-fcs-2009@core');
  });

  it('serves scopes in the API: the basket listing, the codes of a scope, a bad scope', async () => {
    const store = await openStore({ path: db, readOnly: true });
    try {
      const api = await createApi({ store, readOnly: true, modules: [{ name: 'baskets', routes: basketRoutes }, { name: 'versions', routes: versionRoutes }], log: () => {} });
      const list = (await (await api.app.request('/api/v1/baskets')).json()) as { rows: { id: string; scopes: string[] }[] };
      expect(list.rows.find((b) => b.id === 'unesco-fcs-2009')?.scopes).toEqual(['core', 'related']);
      const core = (await (await api.app.request('/api/v1/baskets/unesco-fcs-2009@core')).json()) as { rows: { code: string; coreOrRelated: string }[] };
      expect(core.rows.map((r) => r.code).sort()).toEqual([...coreCodes].sort());
      const bad = await api.app.request('/api/v1/baskets/unesco-fcs-2009@heritage');
      expect(bad.status).toBe(400);
    } finally {
      await store.close();
    }
  });
});

describe('basket versions and bundled baskets', () => {
  it("adds UNCTAD's list as the README says, replaces it keeping versions, and refuses a scope it cannot give", async () => {
    const file = join(root, 'test', 'fixtures', 'baskets', 'unctad-creative-goods-sample.csv');
    const add = await cli('basket', 'add', 'unctad-creative-goods', '--file', file);
    expect(add.code, add.err).toBe(0);
    expect(add.out).toContain('added basket unctad-creative-goods (version 1): 4 codes in HS2002');
    const again = await cli('basket', 'add', 'unctad-creative-goods', '--file', file);
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('--replace');
    const rep = await cli('basket', 'add', 'unctad-creative-goods', '--file', file, '--replace');
    expect(rep.code, rep.err).toBe(0);
    expect(rep.out).toContain('version 2');
    expect(rep.out).toContain('replaced version 1, which is kept');
    const versions = JSON.parse((await cli('basket', 'versions', 'unctad-creative-goods', '--format', 'json')).out) as { version: string; current: boolean; codes: number }[];
    expect(versions.map((v) => [v.version, v.current, v.codes])).toEqual([
      ['1', false, 4],
      ['2', true, 4],
    ]);
    // no core_or_related column: no scope to switch to
    const scoped = await cli('indicator', 'value', '--exporter', 'CHN', '--year', '2020', '--basket', 'unctad-creative-goods@core');
    expect(scoped.code).not.toBe(0);
    expect(scoped.err).toContain('core');
  });

  it('refuses to change the bundled FCS basket silently; --replace keeps the bundled version, which a later bundled load leaves alone', async () => {
    const own = join(dir, 'fcs-own.csv');
    writeFileSync(own, 'code,core_or_related\n970110,core\n');
    const refused = await cli('basket', 'add', 'unesco-fcs-2009', '--file', own, '--edition', 'HS2007');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('bundled basket');
    const store0 = await openStore({ path: db, readOnly: true });
    const before = await store0.query<{ n: number }>(sql`select count(*)::int as n from basket_codes where basket_id = 'unesco-fcs-2009'`);
    await store0.close();
    expect(before[0]?.n).toBe(fcs.length);
    const replaced = await cli('basket', 'add', 'unesco-fcs-2009', '--file', own, '--edition', 'HS2007', '--replace');
    expect(replaced.code, replaced.err).toBe(0);
    expect(replaced.out).toContain('replaced the bundled version 2009.1');
    const store = await openStore({ path: db });
    try {
      await store.run(sql`delete from reference_loads where kind = 'basket' and subject = 'unesco-fcs-2009'`);
      expect(await ensureBundledBaskets(store)).not.toContain('unesco-fcs-2009');
      const kept = await store.query<{ version: string; bundled: boolean; n: number }>(
        sql`select v.version, v.bundled, (select count(*) from basket_version_codes c where c.basket_id = v.basket_id and c.version = v.version)::int as n
            from basket_versions v where v.basket_id = 'unesco-fcs-2009'`,
      );
      expect(kept).toEqual([{ version: '2009.1', bundled: true, n: fcs.length }]);
      expect(await store.query(sql`select code from basket_codes where basket_id = 'unesco-fcs-2009'`)).toEqual([{ code: '970110' }]);
    } finally {
      await store.close();
    }
  });
});

