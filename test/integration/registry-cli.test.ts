/**
 * The registry and token commands through `runCli` on a temporary store file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { createEntities } from '../../src/registry/index.ts';
import { openStore } from '../../src/store/db.ts';
import {
  BASKET,
  centres,
  EXPORTER,
  loadEffectFixture,
  TRUE_EFFECT,
} from '../fixtures/registry/effect-fixture.ts';
import { repoRoot } from '../shared.ts';

const fixtures = join(repoRoot, 'test', 'fixtures', 'registry');
let dir: string;
let db: string;

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--db', db], {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    env,
    cwd: fixtures,
    now: () => new Date('2026-11-23T04:00:00Z'),
  });
  return { code, out: out.join(''), err: err.join('') };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-registry-cli-'));
  db = join(dir, 'test.duckdb');
  const store = await openStore({ path: db });
  await loadEffectFixture(store);
  await createEntities(
    store,
    'institution',
    centres.map((value) => ({ value })),
    { actor: 'fixture', now: new Date('2026-11-23T00:00:00Z') },
  );
  await store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lantern registry / lantern token', () => {
  let token = '';

  it('lists the bundled centres of a country as JSON', async () => {
    const r = await cli(['registry', 'list', 'centres', '--country', 'CHN', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out);
    expect(rows).toHaveLength(26);
    expect(rows.every((x: { source_url: string }) => /^https?:\/\//.test(x.source_url))).toBe(true);
  });

  it('counts institutions and treaty partners as of a date, undated rows apart', async () => {
    const r = await cli([
      'registry',
      'count',
      'cultural-centre',
      '--country',
      'CHN',
      '--as-of',
      '2017-09',
      '--format',
      'json',
    ]);
    // 25 bundled centres are dated (or listed as open) by 2015; Sofia has no date. JSON: the object
    // GET /api/v1/registry/count sends as data (registryCountModel).
    expect(JSON.parse(r.out)).toEqual(
      {
        kind: 'cultural-centre',
        country: 'CHN',
        as_of: '2017-09',
        count: 25,
        undated: 1,
        not_yet: 0,
        total: 26,
        counted: 'institutions',
      },
    );
    const t = await cli([
      'registry',
      'count',
      'co-production-treaty',
      '--country',
      'CHN',
      '--as-of',
      '2017',
      '--format',
      'json',
    ]);
    // France 2010 (1) + ITA, AUS, NZL, SGP by 2011 (4) + IND by 2017 (1) + RUS, BRA, LUX, KAZ, DNK, GRC in 2017 (6) = 12; JPN only "by 2020".
    expect(JSON.parse(t.out)).toMatchObject({ count: 12, total: 13 });
    const bad = await cli(['registry', 'count', 'cultural-centre', '--country', 'CHN', '--as-of', '2017-13']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('month 13 does not exist');
  });

  it('creates a token, printed once, and lists it without the secret', async () => {
    const r = await cli(['token', 'create', '--name', 'alice']);
    expect(r.code).toBe(0);
    token = r.out.trim();
    expect(token).toMatch(/^lantern_[0-9a-f]{12}_/);
    expect(r.err).toMatch(/shown only now/);
    const list = await cli(['token', 'list', '--format', 'json']);
    expect(JSON.parse(list.out)).toEqual([expect.objectContaining({ name: 'alice', status: 'active' })]);
    // The secret is base64url and may itself hold '_': everything after the id.
    expect(list.out).not.toContain(token.replace(/^lantern_[0-9a-f]{12}_/, ''));
  });

  it('refuses writes without a token (exit 1, one clear line) and with a bad one', async () => {
    const none = await cli(['registry', 'add', 'agreement', '--file', 'agreement.json']);
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/^error \[unauthorized\]: Writing to the registry needs a token\./);
    const bad = await cli([
      'registry',
      'add',
      'agreement',
      '--file',
      'agreement.json',
      '--token',
      `${token}x`,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^error \[forbidden\]/);
  });

  it('adds an agreement with --token and imports centres with LANTERN_TOKEN; the audit log names alice', async () => {
    const add = await cli(['registry', 'add', 'agreement', '--file', 'agreement.json', '--token', token]);
    expect(add.code).toBe(0);
    expect(add.out).toBe('added 1 agreement: co-production-treaty-kor-fra\n');
    const imp = await cli(['registry', 'import', 'centres-good.csv', '--kind', 'centre'], {
      LANTERN_TOKEN: token,
    });
    expect(imp.out).toBe('imported 3 institution rows from centres-good.csv\n');
    const audit = await cli(['registry', 'audit', '--actor', 'alice', '--format', 'json']);
    expect(
      JSON.parse(audit.out).map((e: { action: string; entity_id: string }) => `${e.action} ${e.entity_id}`),
    ).toEqual([
      'create cultural-centre-nor-oslo',
      'create cultural-centre-ken-nairobi',
      'create cultural-centre-per-lima',
      'create co-production-treaty-kor-fra',
    ]);
  });

  it('reports every bad row of an import with its line and writes nothing', async () => {
    const r = await cli(['registry', 'import', 'centres-bad.csv', '--kind', 'centre', '--token', token]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      '3 of 5 institution rows in centres-bad.csv cannot be imported; nothing was written.',
    );
    expect(r.err).toContain('centres-bad.csv:3 column opened: day 30 does not exist in 2015-02');
    expect(r.err).toContain('centres-bad.csv:4 column country:');
    expect(r.err).toContain('centres-bad.csv:6 column name_en: duplicate name');
    const list = await cli(['registry', 'list', 'centres', '--country', 'ECU', '--format', 'json']);
    expect(JSON.parse(list.out)).toEqual([]);
  });

  it('a refused write does not record the token as used (nothing stored changes)', async () => {
    const bob = (await cli(['token', 'create', '--name', 'bob'])).out.trim();
    const r = await cli(['registry', 'import', 'centres-bad.csv', '--kind', 'centre', '--token', bob]);
    expect(r.code).toBe(1);
    const lastUsed = async () =>
      (JSON.parse((await cli(['token', 'list', '--format', 'json'])).out) as { name: string; last_used_at: string | null }[])
        .find((t) => t.name === 'bob')?.last_used_at;
    expect(await lastUsed()).toBeNull();
  });

  it('prints a timeline of dated events for a country', async () => {
    const r = await cli(['registry', 'timeline', '--country', 'KOR', '--format', 'csv']);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(
      'date,precision,year,event,entity,id,label,label_zh,home_country,partner,value,source_url',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual([
      '2004-12,month,2004,centre-opening', // China Cultural Center in Seoul (bundled registry)
      '2005,year,2005,centre-opening',
      '2006-10-17,day,2006,treaty-signing',
      '2007,year,2007,agreement-in-force',
      '2010,year,2010,centre-opening',
      '2012-05,month,2012,centre-opening',
      '2015,year,2015,centre-opening',
      '2019-09-30,day,2019,centre-opening',
    ]);
  });

  it('runs the effect study, labelled descriptive, with the known estimate', async () => {
    const r = await cli([
      'registry',
      'effect',
      '--event-kind',
      'centre-opening',
      '--exporter',
      EXPORTER,
      '--basket',
      BASKET,
      '--window',
      '2',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    // The object GET /api/v1/registry/effect sends as data (registryEffectModel).
    const e = JSON.parse(r.out);
    // The Lima (2012-05) and Oslo (2019-09-30) centres imported above are events too: Oslo's window
    // (2017–2021) runs past the data (2020) and Lima's partner PER has no trade in the fixture: both skipped.
    expect(e.events_total).toBe(5);
    expect(e.events_used).toBe(3);
    const lima = e.events.find((x: { partner: string }) => x.partner === 'PER');
    expect(lima.skipped).toMatch(/no exports to PER/);
    expect(e.estimate).toBeCloseTo(TRUE_EFFECT, 10);
    const table = await cli([
      'registry',
      'effect',
      '--event-kind',
      'centre-opening',
      '--exporter',
      EXPORTER,
      '--basket',
      BASKET,
      '--window',
      '2',
    ]);
    expect(table.out).toContain('DESCRIPTIVE, NOT CAUSAL');
    expect(table.out).toMatch(/events: 5 dated, 3 used, 2 without a date in the registry/);
  });

  it('revokes a token; later writes are refused', async () => {
    expect((await cli(['token', 'revoke', 'alice'])).code).toBe(0);
    const r = await cli([
      'registry',
      'remove',
      'agreement',
      'co-production-treaty-kor-fra',
      '--token',
      token,
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/forbidden.*token is not valid/);
  });
});
