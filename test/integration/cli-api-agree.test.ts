/**
 * One answer, two edges: for the same question, `lantern … --format json` prints the same objects
 * the API sends (`data`, or `rows`). Each read model whose CLI and API answers are the wire type of
 * src/contract.ts is listed here; both sides run on the same store file (the API fixture world).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/app.ts';
import { openStore } from '../../src/store/index.ts';
import { captureCli } from '../cli.ts';
import { openFixtureStore } from './api-fixture.ts';

const dir = mkdtempSync(join(tmpdir(), 'lantern-agree-'));
const db = join(dir, 'store.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const store = await openFixtureStore({ path: db });
  await store.close();
});

/**
 * Numbers to 12 significant digits: DuckDB adds a group's doubles in whatever order its parallel
 * aggregation meets them, so a sum (an HHI) may differ in the last bit between two runs of the
 * same query. Everything else must be equal as is.
 */
function settled(x: unknown): unknown {
  if (typeof x === 'number') return Number.isInteger(x) ? x : Number(x.toPrecision(12));
  if (Array.isArray(x)) return x.map(settled);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, settled(v)]));
  return x;
}

/** The CLI's JSON answer to `args` on the fixture store. */
async function cliJson(...args: string[]): Promise<unknown> {
  const r = await captureCli([...args, '--db', db, '--format', 'json'], { cwd: dir });
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return settled(JSON.parse(r.out));
}

/** The CLI's JSON answer to a command that also writes a summary line to stderr (`basket show`). */
async function cliJsonSummarised(...args: string[]): Promise<unknown> {
  const r = await captureCli([...args, '--db', db, '--format', 'json'], { cwd: dir });
  expect(r.code, r.err).toBe(0);
  return settled(JSON.parse(r.out));
}

/** The API's envelope for `path` on the same store (opened read-only, as `lantern serve --read-only`). */
async function apiJson(path: string): Promise<{ data?: unknown; rows?: unknown[] }> {
  const store = await openStore({ path: db, readOnly: true });
  try {
    const api = await createApi({ store, log: () => {} });
    const res = await api.app.request(`/api/v1${path}`);
    expect(res.status).toBe(200);
    return settled(await res.json()) as { data?: unknown; rows?: unknown[] };
  } finally {
    await store.close();
  }
}

/** The API's text answer for `path` (a `.csv`). */
async function apiText(path: string): Promise<string> {
  const store = await openStore({ path: db, readOnly: true });
  try {
    const api = await createApi({ store, log: () => {} });
    const res = await api.app.request(`/api/v1${path}`);
    expect(res.status).toBe(200);
    return await res.text();
  } finally {
    await store.close();
  }
}

/** The API's status and body for `path` (an error answer too). */
async function apiResponse(path: string): Promise<{ status: number; body: unknown }> {
  const store = await openStore({ path: db, readOnly: true });
  try {
    const api = await createApi({ store, log: () => {} });
    const res = await api.app.request(`/api/v1${path}`);
    return { status: res.status, body: await res.json() };
  } finally {
    await store.close();
  }
}

/** The header line of the CLI's CSV answer to `args` and of the API's `.csv` for `path`, on the same store. */
async function csvHeaders(args: string[], path: string): Promise<{ cli: string; api: string }> {
  const r = await captureCli([...args, '--db', db, '--format', 'csv'], { cwd: dir });
  expect(r.code, r.err).toBe(0);
  const store = await openStore({ path: db, readOnly: true });
  try {
    const api = await createApi({ store, log: () => {} });
    const res = await api.app.request(`/api/v1${path}`);
    expect(res.status).toBe(200);
    const firstLine = (text: string) => text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
    return { cli: firstLine(r.out), api: firstLine(await res.text()) };
  } finally {
    await store.close();
  }
}

describe('the CLI and the API give the same answer', () => {
  it('datasets: the import runs (ImportRunInfo), all of them and one', async () => {
    const cli = (await cliJson('datasets')) as { id: number; synthetic: boolean; options: unknown }[];
    expect(cli.length).toBeGreaterThan(0);
    expect(cli[0]).toHaveProperty('synthetic', false);
    expect(cli[0]).toHaveProperty('perspective');
    expect((await apiJson('/datasets?limit=5000')).rows).toEqual(cli);
    expect((await apiJson('/datasets?all=true&limit=5000')).rows).toEqual(await cliJson('datasets', '--all'));
    expect((await apiJson(`/datasets/${cli[0]!.id}`)).data).toEqual(cli[0]);
    // datasetModel at both edges; the source filter (datasetListModel) at both.
    expect(await cliJson('datasets', String(cli[0]!.id))).toEqual(cli[0]);
    const source = (cli[0] as unknown as { source: string }).source;
    expect((await apiJson(`/datasets?source=${source}&limit=5000`)).rows).toEqual(await cliJson('datasets', '--source', source));
  });

  it('status: what the store holds (StatusData), the tables as the rows; only the store file and read-only differ', async () => {
    const cli = (await cliJson('status')) as { store: { path: string; readOnly: boolean; dialect: string }; tables: { name: string }[]; resources: string[] };
    expect(cli.tables.map((t) => t.name)).toContain('trade_flows');
    expect(cli.resources).toContain('registry');
    // The edges differ in these only: the CLI names its store file and opened it to write; the API
    // here is given no file name and opened the same file read-only.
    expect(cli.store).toEqual({ path: 'store.duckdb', readOnly: false, dialect: 'duckdb' });
    const api = await apiJson('/status');
    const apiData = api.data as typeof cli;
    expect(apiData.store).toEqual({ path: ':memory:', readOnly: true, dialect: 'duckdb' });
    expect({ ...apiData, store: { ...apiData.store, path: cli.store.path, readOnly: cli.store.readOnly } }).toEqual(cli);
    expect(api.rows).toEqual(cli.tables);
  });

  it('indicators: the catalog (IndicatorInfo), as the API lists it', async () => {
    const cli = (await cliJson('indicator', 'list')) as { id: string; parameters: { name: string }[] }[];
    expect(cli.find((i) => i.id === 'rca')?.parameters.map((p) => p.name)).toContain('basket');
    expect((await apiJson('/indicators')).rows).toEqual(cli);
    // indicatorListModel: the list as rows, no data (rowsOnly).
    expect((await apiJson('/indicators')).data).toBeUndefined();
  });

  it('indicator show: one indicator with its definition page (IndicatorDetail)', async () => {
    const cli = (await cliJson('indicator', 'show', 'rca')) as { id: string; definition_sections: Record<string, string>; exampleUrl: string };
    expect(cli.id).toBe('rca');
    expect(Object.keys(cli.definition_sections)).toContain('Definition');
    expect(cli.exampleUrl).toMatch(/^\/api\/v1\/indicators\/rca\/values\?/);
    expect((await apiJson('/indicators/rca')).data).toEqual(cli);
  });

  it('softpower definition: the composite\'s definition page (SoftPowerDefinition)', async () => {
    const cli = (await cliJson('softpower', 'definition')) as { page: string; definition_markdown: string; definition_sections: Record<string, string> };
    expect(cli.page).toBe('docs/indicators/soft-power.md');
    expect(cli.definition_markdown).toMatch(/^# /);
    expect(Object.keys(cli.definition_sections).length).toBeGreaterThan(2);
    expect((await apiJson('/softpower/definition')).data).toEqual(cli);
  });

  it('diff: a release against itself, grouped by year', async () => {
    const cli = (await cliJson('diff', '1', '1', '--by', 'year', '--top', '3')) as { by: string };
    expect(cli.by).toBe('year');
    expect((await apiJson('/diff?a=1&b=1&by=year&top=3')).data).toEqual(cli);
    // The descriptor's defaults (by reporter, top 10) at both edges.
    const byDefault = (await cliJson('diff', '1', '1')) as { by: string; groups: unknown[] };
    expect(byDefault.by).toBe('reporter');
    const api = await apiJson('/diff?a=1&b=1');
    expect(api.data).toEqual(byDefault);
    expect(api.rows?.length).toBe(byDefault.groups.length);
  });

  it('listings: the CSV of each list is the same flat rows at both edges (the header line compared)', async () => {
    const listings: [string[], string][] = [
      [['datasets'], '/datasets.csv'],
      [['countries'], '/countries.csv'],
      [['groups'], '/groups.csv'],
      [['baskets'], '/baskets.csv'],
      [['basket', 'versions', 'unesco-fcs-2009'], '/baskets/unesco-fcs-2009/versions.csv'],
      [['indicator', 'list'], '/indicators.csv'],
      [['official', '--country', 'CHN'], '/official.csv?country=CHN'],
      [['official', '--scopes'], '/official/scopes.csv'],
      [['registry', 'list', 'centres', '--country', 'CHN'], '/registry/institutions.csv?kind=cultural-centre&country=CHN'],
      [['registry', 'list', 'treaties', '--country', 'CHN'], '/registry/agreements.csv?kind=co-production-treaty&country=CHN'],
      [['registry', 'list', 'documents', '--country', 'CHN'], '/registry/documents.csv?country=CHN'],
      [['hs', 'children', '49'], '/hs/children.csv?parent=49'],
      [['hs', 'search', '灯笼'], `/hs/search.csv?q=${encodeURIComponent('灯笼')}`],
      [['hs', 'names', '4901', '9505'], '/hs/names.csv?codes=4901,9505'],
    ];
    const differ: string[] = [];
    for (const [args, path] of listings) {
      const csv = await csvHeaders(args, path);
      expect(csv.cli.length, path).toBeGreaterThan(0);
      if (csv.cli !== csv.api) differ.push(`${args.join(' ')}: ${csv.cli}\n${path}: ${csv.api}`);
    }
    expect(differ).toEqual([]);
  });

  it('countries: the entities with their codes (CountryRow), a search and one', async () => {
    const cli = (await cliJson('countries', '--search', 'china')) as { iso3: string; baci: string }[];
    expect(cli.map((c) => c.iso3)).toContain('CHN');
    expect((await apiJson('/countries?search=china')).rows).toEqual(cli);
    const areas = await cliJson('countries', '--kind', 'area');
    expect((await apiJson('/countries?kind=area&limit=5000')).rows).toEqual(areas);
    expect((await apiJson('/countries/CHN')).data).toEqual(cli.find((c) => c.iso3 === 'CHN'));
    // One by code (countryModel): alpha-2 at both edges.
    expect((await apiJson('/countries/cn')).data).toEqual(await cliJson('countries', 'cn'));
  });

  it('groups: the country groups (CountryGroupRow), all of them and one', async () => {
    const cli = (await cliJson('groups')) as { id: string; name_zh: string; members: string[]; count: number }[];
    expect(cli.find((g) => g.id === 'eu27')).toMatchObject({ count: 27 });
    expect(cli.every((g) => g.name_zh && g.count === g.members.length)).toBe(true);
    expect((await apiJson('/groups')).rows).toEqual(cli);
    // groupModel at both edges.
    const one = (await cliJson('groups', 'asean')) as { members: string[]; member_names: Record<string, { en: string; zh: string }> };
    expect(one).toEqual(cli.find((g) => g.id === 'asean'));
    // Each member named beside its code, as the country list names it.
    const countries = (await cliJson('countries')) as { iso3: string; nameEn: string; nameZh: string }[];
    expect(Object.keys(one.member_names)).toEqual(one.members);
    for (const m of one.members) {
      const c = countries.find((x) => x.iso3 === m)!;
      expect(one.member_names[m], m).toEqual({ en: c.nameEn, zh: c.nameZh });
    }
    expect(one.member_names.THA).toEqual({ en: 'Thailand', zh: '泰国' });
    expect((await apiJson('/groups/asean')).data).toEqual(one);
    // The CSV at both edges: the descriptor's rows (the API's flat table), members named in English and Chinese.
    const csv = await csvHeaders(['groups'], '/groups.csv?table=flat');
    expect(csv.cli.split(',')).toEqual(expect.arrayContaining(['id', 'members', 'members_en', 'members_zh']));
    expect(csv.cli).toBe(csv.api);
  });

  it('hs: the codes under a code, a search and names (HsListData), its codes as the rows', async () => {
    const chapters = (await cliJson('hs', 'children')) as { edition: string; rows: { code: string; level: number }[] };
    expect(chapters.rows.length).toBeGreaterThan(90);
    expect(chapters.rows.every((r) => r.level === 2)).toBe(true);
    const api = await apiJson('/hs/children');
    expect(api.data).toEqual(chapters);
    expect(api.rows).toEqual(chapters.rows);
    const books = (await cliJson('hs', 'children', '49', '--edition', chapters.edition)) as { parent: string; rows: { code: string }[] };
    expect(books.rows.map((r) => r.code)).toContain('4901');
    expect((await apiJson(`/hs/children?parent=49&edition=${chapters.edition}`)).data).toEqual(books);
    const search = (await cliJson('hs', 'search', 'festive', 'articles', '--limit', '5')) as { q: string; rows: { code: string }[] };
    expect(search.q).toBe('festive articles');
    expect(search.rows.map((r) => r.code)).toContain('9505');
    expect((await apiJson('/hs/search?q=festive%20articles&limit=5')).data).toEqual(search);
    // Everyday words for cultural goods (data/hs/everyday-words.csv): the same hits, each with why, at both edges.
    const lantern = (await cliJson('hs', 'search', '灯笼', '--edition', chapters.edition)) as { rows: { code: string; match: string; why_zh: string }[] };
    expect(lantern.rows.map((r) => [r.code, r.match])).toEqual([
      ['9405', 'everyday'],
      ['9505', 'everyday'],
    ]);
    expect(lantern.rows[1]!.why_zh).toContain('灯笼');
    const apiLantern = await apiJson(`/hs/search?q=${encodeURIComponent('灯笼')}&edition=${chapters.edition}`);
    expect(apiLantern.data).toEqual(lantern);
    expect(apiLantern.rows).toEqual(lantern.rows);
    const games = (await cliJson('hs', 'search', 'video', 'games')) as { rows: { code: string; match: string }[] };
    // 9504 names video games itself (HS2022); 8523 (game software on discs) comes from the everyday words.
    expect(games.rows.slice(0, 2).map((r) => [r.code, r.match])).toEqual([
      ['8523', 'everyday'],
      ['9504', 'description'],
    ]);
    expect((await apiJson('/hs/search?q=video%20games')).data).toEqual(games);
    // Names: codes as separate words or comma-separated at the CLI, comma-separated at the API.
    const names = (await cliJson('hs', 'names', '4901', '9505')) as { rows: { code: string; description_zh: string | null }[] };
    expect(names.rows.map((r) => r.code)).toEqual(['4901', '9505']);
    expect(names.rows[0]!.description_zh).toBeTruthy();
    expect((await apiJson('/hs/names?codes=4901,9505')).data).toEqual(names);
    expect(await cliJson('hs', 'names', '4901,9505')).toEqual(names);
    // An edition by any of its names at both edges (HS17 = H5 = HS2017).
    const hs17 = (await cliJson('hs', 'names', '4901', '--edition', 'hs17')) as { edition: string };
    expect(hs17.edition).toBe('HS2017');
    expect((await apiJson('/hs/names?codes=4901&edition=H5')).data).toEqual(hs17);
  });

  it('baskets: the list (BasketInfo), one basket resolved to an edition (BasketData) and its versions', async () => {
    const list = (await cliJson('baskets')) as { id: string; hsEdition: string; domains: string[] }[];
    expect(list.find((b) => b.id === 'unesco-fcs-2009')).toMatchObject({ hsEdition: 'HS2007', domainNames: { books: { en: 'Books and Press', zh: '书籍和报刊' } } });
    expect((await apiJson('/baskets')).rows).toEqual(list);
    // Bundled baskets are named in Chinese too, at both edges; the table in one language with --lang.
    expect(list.find((b) => b.id === 'unesco-fcs-2009')).toMatchObject({ nameZh: '联合国教科文组织 2009 年文化统计框架——文化产品（表 3）' });
    const zhTable = await captureCli(['baskets', '--lang', 'zh', '--db', db], { cwd: dir });
    expect(zhTable.code, zhTable.err).toBe(0);
    expect(zhTable.out).toContain('联合国教科文组织 2009 年文化统计框架');
    expect(zhTable.out).toContain('书籍和报刊');
    expect(zhTable.out).not.toContain('UNESCO Framework for Cultural Statistics 2009');
    // Booleans in CSV as true / false at both edges (the bundled flag).
    const csvCli = await captureCli(['baskets', '--db', db, '--format', 'csv'], { cwd: dir });
    const csvApi = await apiText('/baskets.csv');
    for (const text of [csvCli.out, csvApi]) {
      const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
      expect(rows.find((r) => r.id === 'unesco-fcs-2009')?.bundled).toBe('true');
    }
    const enTable = await captureCli(['baskets', '--db', db], { cwd: dir });
    expect(enTable.out).toContain('UNESCO Framework for Cultural Statistics 2009');
    expect(enTable.out).not.toContain('联合国教科文组织');
    // basketModel: a domain in HS2017 with Chinese domain labels, at both edges; its codes as the rows.
    const books = (await cliJsonSummarised('basket', 'show', 'unesco-fcs-2009:books', '--edition', 'HS2017', '--lang', 'zh')) as {
      edition: string;
      basket: { name: string; nameZh: string | null };
      codes: { status: string; code: string; domain: string }[];
    };
    expect(books.edition).toBe('HS2017');
    expect(books.basket.nameZh).toBe('联合国教科文组织 2009 年文化统计框架——文化产品（表 3）');
    // The summary on stderr names the basket in the language asked, under its counts.
    const zhLines = (await captureCli(['basket', 'show', 'unesco-fcs-2009:books', '--lang', 'zh', '--db', db], { cwd: dir })).err.split('\n');
    expect(zhLines[0]).toMatch(/^unesco-fcs-2009 v2009\.1 .* unresolved;/);
    expect(zhLines[1]).toBe('  联合国教科文组织 2009 年文化统计框架——文化产品（表 3）');
    const enLines = (await captureCli(['basket', 'show', 'unesco-fcs-2009:books', '--db', db], { cwd: dir })).err.split('\n');
    expect(enLines[1]).toBe(`  ${books.basket.name}`);
    expect(books.codes.filter((c) => c.status === 'resolved').length).toBeGreaterThan(5);
    expect(books.codes[0]!.domain).toBe('书籍和报刊');
    const api = await apiJson('/baskets/unesco-fcs-2009:books?edition=HS2017&lang=zh');
    expect(api.data).toEqual(books);
    expect(api.rows).toEqual(books.codes);
    // --by-source prints the basket's own codes: the answer's bySource (the API's ?table=bySource).
    const bySource = (await cliJson('basket', 'show', 'unesco-fcs-2009:books', '--edition', 'HS2017', '--lang', 'zh', '--by-source')) as { in_edition: boolean }[];
    expect(bySource.length).toBeGreaterThan(5);
    expect(bySource).toEqual((api.data as { bySource: unknown }).bySource);
    // Without an edition: the basket's own, at both edges.
    const core = (await cliJsonSummarised('basket', 'show', 'unesco-fcs-2009@core')) as { edition: string; via: string };
    expect([core.edition, core.via]).toEqual(['HS2007', 'identity']);
    expect((await apiJson('/baskets/unesco-fcs-2009@core')).data).toEqual(core);
    const versions = (await cliJson('basket', 'versions', 'unesco-fcs-2009')) as { current: boolean }[];
    expect(versions.at(-1)?.current).toBe(true);
    expect((await apiJson('/baskets/unesco-fcs-2009/versions')).rows).toEqual(versions);
  });

  it('registry: the listings (RegistryInstitution, RegistryAgreement, documents, measures, RegistryCountRow) and the timeline', async () => {
    const centres = (await cliJson('registry', 'list', 'centres', '--country', 'CHN')) as { kind: string; kind_zh: string; country_en: string | null }[];
    expect(centres.length).toBeGreaterThan(10);
    expect(centres.every((c) => c.kind === 'cultural-centre' && c.kind_zh && c.country_en)).toBe(true);
    expect((await apiJson('/registry/institutions?kind=cultural-centre&country=CHN&limit=1000')).rows).toEqual(centres);
    // A country as typed at every command (alpha-2, lower case) is the same question.
    expect(await cliJson('registry', 'list', 'institutions', '--home', 'cn', '--kind', 'cultural-centre')).toEqual(
      (await apiJson('/registry/institutions?home=CHN&kind=cultural-centre&limit=1000')).rows,
    );
    const treaties = (await cliJson('registry', 'list', 'treaties', '--country', 'CHN')) as { parties: string[] }[];
    expect(treaties.length).toBeGreaterThan(5);
    expect(treaties[0]!.parties).toContain('CHN');
    expect((await apiJson('/registry/agreements?kind=co-production-treaty&country=CHN&limit=1000')).rows).toEqual(treaties);
    const documents = (await cliJson('registry', 'list', 'documents', '--country', 'CHN')) as { id: string }[];
    expect(documents.length).toBeGreaterThan(0);
    expect((await apiJson('/registry/documents?country=CHN')).rows).toEqual(documents);
    const measures = (await cliJson('registry', 'list', 'measures', '--document', documents[0]!.id)) as unknown[];
    expect((await apiJson(`/registry/measures?document=${documents[0]!.id}`)).rows).toEqual(measures);
    const counts = (await cliJson('registry', 'list', 'counts', '--country', 'CHN', '--subject', 'cultural-centre')) as { registry_count: number | null }[];
    expect(counts.some((c) => c.registry_count !== null)).toBe(true);
    expect((await apiJson('/registry/counts?country=CHN&subject=cultural-centre')).rows).toEqual(counts);
    const events = (await cliJson('registry', 'timeline', '--country', 'CHN', '--from', '2010', '--to', '2015', '--events', 'centre-opening,treaty-signing')) as { year: number; event: string }[];
    expect(events.length).toBeGreaterThan(3);
    expect(events.every((e) => e.year >= 2010 && e.year <= 2015 && ['centre-opening', 'treaty-signing'].includes(e.event))).toBe(true);
    expect((await apiJson('/registry/timeline?country=CHN&from=2010&to=2015&events=centre-opening,treaty-signing')).rows).toEqual(events);
    // A count as of a date (RegistryAsOfCount) and the event study (its events as the rows).
    const count = (await cliJson('registry', 'count', 'co-production-treaty', '--country', 'CHN', '--as-of', '2017')) as { counted: string; count: number };
    expect(count.counted).toBe('partner countries');
    expect((await apiJson('/registry/count?kind=co-production-treaty&country=CHN&as_of=2017')).data).toEqual(count);
    const effect = (await cliJson('registry', 'effect', '--event-kind', 'centre-opening', '--exporter', 'CHN', '--window', '2', '--bootstrap', '50')) as { events: unknown[]; label: string };
    expect(effect.label).toBe('descriptive, not causal');
    const apiEffect = await apiJson('/registry/effect?event_kind=centre-opening&exporter=CHN&window=2&bootstrap=50');
    expect(apiEffect.data).toEqual(effect);
    expect(apiEffect.rows).toEqual(effect.events);
    // The map layer (RegistryMapData), a partner's trade series (RegistryTradeData) and one row with its history (RegistryDetail).
    const map = (await cliJson('registry', 'map', '--country', 'CHN')) as { institutions: unknown[]; partners: { country_zh: string }[] };
    expect(map.institutions.length).toBeGreaterThan(10);
    expect(map.partners.every((p) => p.country_zh)).toBe(true);
    const apiMap = await apiJson('/registry/map?country=CHN');
    expect(apiMap.data).toEqual(map);
    expect(apiMap.rows).toEqual(map.institutions);
    // Without a country neither edge picks one: both refuse, naming the registry's home countries and how to ask.
    const noCountry = await captureCli(['registry', 'map', '--db', db, '--format', 'json'], { cwd: dir });
    expect(noCountry.code).toBe(1);
    expect(noCountry.out).toBe('');
    expect(noCountry.err).toContain('--country: no home country given');
    expect(noCountry.err).toMatch(/home countries: [A-Z|\s]*CHN/);
    const apiNoCountry = await apiResponse('/registry/map');
    expect(apiNoCountry.status).toBe(400);
    const problem = (apiNoCountry.body as { errors: { field: string; expected: string; hint: string }[] }).errors[0]!;
    expect(problem.field).toBe('country');
    expect(problem.expected).toMatch(/home countries: [A-Z|\s]*CHN/);
    expect(noCountry.err).toContain(problem.expected);
    const trade = (await cliJson('registry', 'trade', '--exporter', 'CHN', '--partner', 'USA')) as { source: string | null; series: { partner: number }[] };
    expect(trade.series.some((y) => y.partner > 0)).toBe(true);
    expect((await apiJson('/registry/trade?exporter=CHN&partner=USA')).data).toEqual(trade);
    const row = (await cliJson('registry', 'show', 'centre', 'cultural-centre-fra-paris')) as { id: string; kind_en: string; history: unknown[] };
    expect([row.id, row.kind_en]).toEqual(['cultural-centre-fra-paris', expect.any(String)]);
    expect((await apiJson('/registry/institutions/cultural-centre-fra-paris')).data).toEqual(row);
    // The audit log (registryAuditModel; empty on the fixture store, which nobody has written to).
    expect(await cliJson('registry', 'audit', '--entity', 'institution', '--limit', '5')).toEqual((await apiJson('/registry/audit?entity=institution&limit=5')).rows);
  });

  it('official: the figures (OfficialRowInfo), the scopes and the lines', async () => {
    const figures = (await cliJson('official', '--country', 'CHN', '--flow', 'export')) as { scope_en: string }[];
    expect(figures.length).toBeGreaterThan(0);
    expect(figures[0]!.scope_en).toBeTruthy();
    expect((await apiJson('/official?country=CHN&flow=export')).rows).toEqual(figures);
    expect((await apiJson('/official/scopes')).rows).toEqual(await cliJson('official', '--scopes'));
    const lines = (await cliJson('official', '--lines', '--indicator', 'value', '--flow', 'export')) as { segment: number }[];
    expect(lines.length).toBeGreaterThan(0);
    expect((await apiJson('/official/lines?indicator=value&flow=export')).rows).toEqual(lines);
  });

  it('profile country: sections, headline and top lists (CountryProfileData); without years, the same default', async () => {
    const cli = (await cliJson('profile', 'country', 'CHN', '--basket', 'unesco-fcs-2009', '--years', '2020-2022', '--top', '5')) as {
      country: { iso3: string };
      partners: unknown[];
      totals: { rows: unknown[] };
    };
    expect(cli.country.iso3).toBe('CHN');
    expect(cli.totals.rows.length).toBe(3);
    expect(cli.partners.length).toBeGreaterThan(1);
    expect((await apiJson('/profiles/country/CHN?basket=unesco-fcs-2009&years=2020-2022&top=5')).data).toEqual(cli);
    const open = (await cliJson('profile', 'country', 'CHN')) as { from: number; to: number };
    expect([open.from, open.to]).toEqual([2015, 2022]);
    expect((await apiJson('/profiles/country/CHN')).data).toEqual(open);
  });

  it('profile country --group: the partners kept to a country group, as group= does', async () => {
    const cli = (await cliJson('profile', 'country', 'CHN', '--group', 'eu27', '--years', '2021', '--top', '5')) as {
      topPartners: { exports: { partner: string }[] };
      notes: string[];
    };
    // The fixture world trades with two members of the EU27 (DEU, FRA) and four countries outside it.
    expect(cli.topPartners.exports.map((p) => p.partner).sort()).toEqual(['DEU', 'FRA']);
    expect(cli.notes.join(' ')).toContain('European Union (27)');
    expect((await apiJson('/profiles/country/CHN?group=eu27&years=2021&top=5')).data).toEqual(cli);
  });

  it('profile country --product: an HS code as product= (the API had it, the CLI refused the flag)', async () => {
    const cli = (await cliJson('profile', 'country', 'CHN', '--product', '4901', '--years', '2021')) as { scope: { product: string | null; label: string } };
    expect(cli.scope).toMatchObject({ product: '4901', label: 'HS 4901' });
    expect((await apiJson('/profiles/country/CHN?product=4901&years=2021')).data).toEqual(cli);
  });

  it('indicator: the values (IndicatorResult) at both edges; basket= takes a selector as --basket does, --domain/--scope are domain=/scope=', async () => {
    type Values = { params: Record<string, unknown>; notes: string[]; empty: string | null; rows: { year: number; value: number }[] };
    const ask = ['indicator', 'value', '--country', 'CHN', '--years', '2020-2022', '--by', 'domain'];
    const cli = (await cliJson(...ask, '--basket', 'unesco-fcs-2009:books@core')) as Values;
    expect(cli.params).toMatchObject({ basket: 'unesco-fcs-2009', domain: 'books', scope: 'core', from: 2020, to: 2022 });
    expect(cli.rows.length).toBeGreaterThan(0);
    const all = (await cliJson(...ask, '--basket', 'unesco-fcs-2009:books')) as Values;
    expect(all.params.scope).toBeUndefined();
    // The same question with the parts as flags, at the CLI, and both ways at the API.
    expect(await cliJson(...ask, '--basket', 'unesco-fcs-2009', '--domain', 'books', '--scope', 'core')).toEqual(cli);
    const query = 'country=CHN&from=2020&to=2022&by=domain';
    for (const path of [
      `/indicators/value/values?${query}&basket=unesco-fcs-2009:books@core`,
      `/indicators/value/values?${query}&basket=unesco-fcs-2009&domain=books&scope=core`,
    ]) {
      const api = (await apiJson(path)) as { data: Omit<Values, 'rows'>; rows: Values['rows'] };
      expect(api.rows, path).toEqual(cli.rows);
      expect(api.data, path).toMatchObject({ params: cli.params, notes: cli.notes, empty: cli.empty });
    }
    expect((await apiJson(`/indicators/value/values?${query}&basket=unesco-fcs-2009:books`)).rows).toEqual(all.rows);
    // A domain given twice, differently: refused at both edges, naming both.
    const clash = await apiResponse(`/indicators/value/values?${query}&basket=unesco-fcs-2009:books&domain=music`);
    expect(clash.status).toBe(400);
    expect(JSON.stringify(clash.body)).toContain('books');
    expect(JSON.stringify(clash.body)).toContain('music');
    const r = await captureCli([...ask, '--basket', 'unesco-fcs-2009:books', '--domain', 'music', '--db', db], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.err).toContain('--domain');
  });

  it('indicator: years= as --years, and without years the same default year at both edges (from was required at the API)', async () => {
    type Values = { params: { from: number; to?: number }; rows: unknown[] };
    const span = (await cliJson('indicator', 'value', '--country', 'CHN', '--years', '2020-2022', '--basket', 'unesco-fcs-2009')) as Values;
    expect(span.params).toMatchObject({ from: 2020, to: 2022 });
    expect(span.rows.length).toBe(3);
    expect((await apiJson('/indicators/value/values?country=CHN&years=2020-2022&basket=unesco-fcs-2009')).rows).toEqual(span.rows);
    const open = (await cliJson('indicator', 'value', '--country', 'CHN', '--basket', 'unesco-fcs-2009')) as Values;
    expect(open.params.from).toBe(2022); // the fixture's last year
    const api = (await apiJson('/indicators/value/values?country=CHN&basket=unesco-fcs-2009')) as { data: { params: unknown }; rows: unknown[] };
    expect(api.rows).toEqual(open.rows);
    expect(api.data.params).toEqual(open.params);
    const both = await apiResponse('/indicators/value/values?country=CHN&years=2021&from=2020');
    expect(both.status).toBe(400);
    expect(JSON.stringify(both.body)).toContain('years');
  });

  it('profile product: a basket domain across countries (ProductProfileData)', async () => {
    const cli = (await cliJson('profile', 'product', 'unesco-fcs-2009:books', '--years', '2020-2022', '--top', '5')) as { exporters: unknown[] };
    expect(cli.exporters.length).toBeGreaterThan(1);
    expect((await apiJson('/profiles/product?product=unesco-fcs-2009:books&years=2020-2022&top=5')).data).toEqual(cli);
  });

  it('without years, both edges take the same default from the store (queries/scope.ts openScope)', async () => {
    const product = (await cliJson('profile', 'product', 'unesco-fcs-2009:books')) as { from: number; to: number };
    expect([product.from, product.to]).toEqual([2015, 2022]); // the fixture's years: the last ten at most
    expect((await apiJson('/profiles/product?product=unesco-fcs-2009:books')).data).toEqual(product);
    const pair = (await cliJson('bilateral', 'CHN', 'USA')) as { to: number };
    expect(pair.to).toBe(2022);
    expect((await apiJson('/bilateral/CHN/USA')).data).toEqual(pair);
    const markets = (await cliJson('markets', '--exporter', 'CHN', '--product', 'unesco-fcs-2009')) as { year: number };
    expect(markets.year).toBe(2022);
    expect((await apiJson('/markets?exporter=CHN&product=unesco-fcs-2009')).data).toEqual(markets);
  });

  it('bilateral: both directions by year and product (BilateralData)', async () => {
    const cli = (await cliJson('bilateral', 'CHN', 'USA', '--basket', 'unesco-fcs-2009', '--years', '2020-2022')) as { trend: { a_to_b: number | null }[] };
    expect(cli.trend.length).toBe(3);
    expect((await apiJson('/bilateral/CHN/USA?basket=unesco-fcs-2009&years=2020-2022')).data).toEqual(cli);
  });

  it('compare: one indicator for several countries (CompareData), its values long as the rows', async () => {
    const cli = (await cliJson('compare', 'CHN', 'USA', '--indicator', 'world-share', '--basket', 'unesco-fcs-2009', '--years', '2020-2022')) as {
      values: { country: string; value: number | null }[];
    };
    expect(cli.values.filter((v) => v.value !== null).length).toBeGreaterThan(3);
    const api = await apiJson('/compare?countries=CHN,USA&indicator=world-share&basket=unesco-fcs-2009&years=2020-2022');
    expect(api.data).toEqual(cli);
    expect(api.rows).toEqual(cli.values);
    // Without years: every year of the data at both edges (compareModel's default span).
    const open = (await cliJson('compare', 'CHN', 'USA')) as { years: { from: number; to: number } };
    expect(open.years).toEqual({ from: 2015, to: 2022 }); // the fixture's years, all of them
    expect((await apiJson('/compare?countries=CHN,USA')).data).toEqual(open);
  });

  it('softpower: the composite (SoftPowerResult), its flat rows as the rows; without a year, the same default', async () => {
    const cli = (await cliJson('softpower', '--year', '2021', '--weights', 'exports=2,rca=1', '--draws', '50', '--normalise', 'rank')) as { rows: unknown[]; year: number };
    expect(cli.year).toBe(2021);
    expect(cli.rows.length).toBeGreaterThan(1);
    const api = await apiJson('/softpower?year=2021&weights=exports=2,rca=1&draws=50&normalise=rank');
    expect(api.data).toEqual(cli);
    expect(api.rows?.length).toBe(cli.rows.length);
    const open = (await cliJson('softpower', '--draws', '20')) as { year: number };
    expect(open.year).toBe(2022);
    expect((await apiJson('/softpower?draws=20')).data).toEqual(open);
  });

  it('complexity: the product space (its nodes as the rows) and a country\'s opportunities (as the rows); without a year, the same default', async () => {
    const space = (await cliJson('product-space', '--country', 'CHN', '--year', '2021')) as { year: number; nodes: unknown[] };
    expect(space.nodes.length).toBeGreaterThan(1);
    const api = await apiJson('/complexity/product-space?country=CHN&year=2021');
    expect(api.data).toEqual(space);
    expect(api.rows?.length).toBe(space.nodes.length);
    // The fixture's few products leave no country an opportunity: the summary is what is compared.
    const opp = (await cliJson('opportunities', '--country', 'USA', '--year', '2021', '--limit', '10', '--all')) as { opportunities: unknown[]; summary: { products: number } };
    expect(opp).not.toHaveProperty('nodes');
    expect(opp.summary.products).toBeGreaterThan(1);
    const apiOpp = await apiJson('/complexity/opportunities?country=USA&year=2021&limit=10&opportunities=all');
    expect(apiOpp.data).toEqual(opp);
    expect(apiOpp.rows).toEqual(opp.opportunities);
    const open = (await cliJson('opportunities', '--country', 'CHN')) as { year: number };
    expect(open.year).toBe(2022);
    expect((await apiJson('/complexity/opportunities?country=CHN')).data).toEqual(open);
  });

  it('epm compare: EPM figures beside export potential (EpmComparison), from a file at the CLI and the query at the API', async () => {
    // Invented EPM figures for CHN's 970110 (paintings) in four of its markets.
    writeFileSync(join(dir, 'epm.csv'), 'exporter,product,market,epm_potential,epm_actual,epm_release\nCHN,970110,USA,500,90,2024-05\nCHN,970110,DEU,900,,2024-05\nCHN,970110,JPN,100,,2024-05\nCHN,970110,GBR,300,,2024-05\n');
    // `line` says where each figure was given: its line in the file, its place in `epm=`.
    const located = (rows: { line: number }[]) => rows.map(({ line, ...row }) => ({ ...row, line: line - 1 }));
    const cli = (await cliJson('epm', 'compare', 'epm.csv', '--year', '2021', '--distance-elasticity', '0')) as { rows: { line: number; lantern_potential: number | null }[]; groups: unknown[] };
    expect(cli.rows.filter((r) => r.lantern_potential !== null).length).toBeGreaterThan(2);
    const api = await apiJson('/epm/compare?exporter=CHN&product=970110&year=2021&epm=USA:500:90,DEU:900,JPN:100,GBR:300&release=2024-05&distanceElasticity=0');
    expect(api.data).toEqual({ ...cli, rows: located(cli.rows) });
    expect(api.rows).toEqual(located(cli.rows));
    // Without a year, the figures read the store's last year at both edges.
    const open = (await cliJson('epm', 'compare', 'epm.csv')) as { groups: { year: number }[]; rows: { line: number }[] };
    expect(open.groups[0]?.year).toBe(2022);
    expect((await apiJson('/epm/compare?exporter=CHN&product=970110&epm=USA:500:90,DEU:900,JPN:100,GBR:300&release=2024-05')).data).toEqual({ ...open, rows: located(open.rows) });
  });

  it('markets: the market finder (MarketFinderData), its markets as the rows', async () => {
    const cli = (await cliJson('markets', '--exporter', 'CHN', '--product', 'unesco-fcs-2009', '--year', '2022', '--sort', 'share')) as {
      markets: { market: string; imports: number }[];
    };
    expect(cli.markets.length).toBeGreaterThan(1);
    const api = await apiJson('/markets?exporter=CHN&product=unesco-fcs-2009&year=2022&sort=share');
    expect(api.data).toEqual(cli);
    expect(api.rows).toEqual(cli.markets);
    // A basket named as a basket: --basket at the CLI, basket= at the API, the same answer as --product.
    const basket = await cliJson('markets', '--exporter', 'CHN', '--basket', 'unesco-fcs-2009', '--year', '2022', '--sort', 'share');
    expect(basket).toEqual(cli);
    expect((await apiJson('/markets?exporter=CHN&basket=unesco-fcs-2009&year=2022&sort=share')).data).toEqual(basket);
  });
});
