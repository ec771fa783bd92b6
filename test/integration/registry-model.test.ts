/**
 * The registry model against a real (in-memory) DuckDB store: bundled facts, validation with clear
 * errors, atomic imports, the audit log, tokens and the "as of" counts the claims checker uses.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LanternError } from '../../src/errors.ts';
import {
  countAgreementPartners,
  countInstitutions,
  datedCounts,
  timeline,
} from '../../src/queries/registry.ts';
import {
  bundleDir,
  checkToken,
  createEntities,
  createToken,
  deleteEntity,
  importRegistryCsv,
  listAudit,
  loadBundledRegistry,
  readBundle,
  requireToken,
  revokeToken,
  updateEntity,
} from '../../src/registry/index.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { ident, sql } from '../../src/store/sql.ts';
import { hasShared, repoRoot, sharedPath } from '../shared.ts';

const fixtures = join(repoRoot, 'test', 'fixtures', 'registry');
const now = new Date('2026-11-23T03:00:00Z');
const ctx = { actor: 'alice', now };

async function caught(p: Promise<unknown>): Promise<LanternError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LanternError) return e;
    throw e;
  }
  throw new Error('expected a LanternError');
}

async function rowCount(store: Store, table: string): Promise<number> {
  const [r] = await store.query<{ n: number }>(sql`select count(*) as n from ${ident(table)}`);
  return Number(r?.n);
}

let store: Store;
beforeEach(async () => {
  store = await openStore();
});
afterEach(async () => {
  await store.close();
});

describe('bundled registry data (data/registry)', () => {
  it('loads once, with every row sourced, and is idempotent', async () => {
    expect(await loadBundledRegistry(store, { now })).toBe(true);
    const before = await rowCount(store, 'registry_audit');
    expect(await loadBundledRegistry(store, { now })).toBe(false);
    expect(await rowCount(store, 'registry_audit')).toBe(before);
    // 26 centres (shared/data/registry/china_cultural_centers.csv) + 11 export bases
    expect(await rowCount(store, 'registry_institutions')).toBe(37);
    expect(await rowCount(store, 'registry_agreements')).toBe(13);
    expect(await rowCount(store, 'registry_counts')).toBe(21);
    const [unsourced] = await store.query<{ n: number }>(
      sql`select count(*) as n from registry_institutions where source_url is null or source_url = ''`,
    );
    expect(unsourced?.n).toBe(0);
    const bundle = readBundle();
    expect(bundle.version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reloads a changed bundle: audits only the rows that changed, keeps rows a user changed', async () => {
    await loadBundledRegistry(store, { now });
    await updateEntity(
      store,
      'institution',
      'cultural-centre-egy-cairo',
      { city: 'Giza' },
      { actor: 'alice', now },
    );
    const before = await rowCount(store, 'registry_audit');
    // A new version of the bundle: Paris gets a new note, the 2010 count is dropped, a count is added.
    const dir = mkdtempSync(join(tmpdir(), 'lantern-bundle-'));
    try {
      for (const f of readdirSync(bundleDir)) copyFileSync(join(bundleDir, f), join(dir, f));
      const inst = readFileSync(join(dir, 'institutions.csv'), 'utf8').replace(
        'first in a western country; new building 2008',
        'first in a western country',
      );
      writeFileSync(join(dir, 'institutions.csv'), inst);
      const counts = readFileSync(join(dir, 'counts.csv'), 'utf8')
        .split('\n')
        .filter((l) => !l.includes('built-2006-2010'));
      counts.push('cultural-centre,established,CHN,40,count,2019,https://example.org/new,added');
      writeFileSync(join(dir, 'counts.csv'), counts.join('\n'));
      expect(await loadBundledRegistry(store, { now: new Date('2026-11-24T00:00:00Z'), dir })).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const changes = (await listAudit(store, { actor: 'bundle', limit: 1000 })).filter(
      (e) => e.at === '2026-11-24T00:00:00.000Z',
    );
    expect(changes.map((e) => `${e.action} ${e.entity_id}`).sort()).toEqual([
      'delete chn:cultural-centre:built-2006-2010:2010',
      'load chn:cultural-centre:established:2019',
      'load cultural-centre-fra-paris',
    ]);
    const paris = changes.find((e) => e.entity_id === 'cultural-centre-fra-paris')!;
    expect(paris.before).toMatchObject({ source_note: 'first in a western country; new building 2008' });
    expect(paris.after).toMatchObject({ source_note: 'first in a western country' });
    expect(await rowCount(store, 'registry_audit')).toBe(before + 3);
    const [cairo] = await store.query(
      sql`select city, origin from registry_institutions where id = 'cultural-centre-egy-cairo'`,
    );
    expect(cairo).toEqual({ city: 'Giza', origin: 'user' });
  });

  it('keeps gaps as gaps: no guessed opening years', async () => {
    await loadBundledRegistry(store, { now });
    const [sofia] = await store.query<{
      opened: string | null;
      opened_year: number | null;
      source_note: string;
    }>(
      sql`select opened, opened_year, source_note from registry_institutions where id = 'cultural-centre-bgr-sofia'`,
    );
    expect(sofia).toMatchObject({ opened: null, opened_year: null });
    expect(sofia?.source_note).toMatch(/year/);
    const [italy] = await store.query(
      sql`select signed, signed_by from registry_agreements where partner = 'ITA'`,
    );
    expect(italy).toEqual({ signed: null, signed_by: '2011' });
  });

  it('counts institutions as of a date, honest about undated rows', async () => {
    await loadBundledRegistry(store, { now });
    // By the end of 2015: 25 centres certainly open (21 listed for 2015, Paris listed for 2014, plus
    // the four with opening years 1988/2002) — Sofia has no date at all.
    expect(
      await countInstitutions(store, { kind: 'cultural-centre', country: 'CHN', asOf: '2015-12-31' }),
    ).toEqual({
      kind: 'cultural-centre',
      country: 'CHN',
      as_of: '2015-12-31',
      count: 25,
      undated: 1,
      not_yet: 0,
      total: 26,
    });
    // As of February 2015, seventeen are certainly open: Port Louis, Cotonou (1988), Cairo (2002), Paris
    // (2002-11), Valletta (2003-09-19), Seoul (2004-12), Berlin (2008-05-26), Tokyo (2009-12-14),
    // Madrid (2012-09), Mexico City (2012-10-25), Bangkok (2012-11-21), Moscow (2012-12-05), Abuja
    // (2013-09-09), Copenhagen (2014-06-11), Islamabad (2014-09), Colombo (2014) and Sydney
    // (2014-11-17); Brussels (2015-09-16) and the rows only "listed in 2015" come later or could.
    const feb = await countInstitutions(store, { kind: 'cultural-centre', country: 'CHN', asOf: '2015-02' });
    expect(feb.count).toBe(17);
    // Treaties: France (2010-04-29) and the four "signed by 2011" (ITA, AUS, NZL, SGP) by end-2011.
    expect(
      (await countAgreementPartners(store, { kind: 'co-production-treaty', country: 'CHN', asOf: '2011' }))
        .count,
    ).toBe(5);
  });

  it('shows official counts next to what the registry lists', async () => {
    await loadBundledRegistry(store, { now });
    const counts = await datedCounts(store, { subject: 'cultural-centre', metric: 'established' });
    expect(counts.map((c) => [c.as_of, c.value, c.registry_count])).toEqual(
      [
        // 2015-02: the seventeen dated by then (see above); 2011-10: Port Louis, Cotonou, Cairo, Paris,
        // Valletta, Seoul, Berlin and Tokyo.
        ['2015-02', 20, 17],
        ['2011-10', 9, 8],
        ['2015-12-31', 26, 25],
        ['2017-09', 31, 25],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('puts dated events on a timeline, oldest first', async () => {
    await loadBundledRegistry(store, { now });
    const t = await timeline(store, { country: 'FRA' });
    expect(t.map((r) => [r.date, r.event, r.id])).toEqual([
      ['2002-11', 'centre-opening', 'cultural-centre-fra-paris'],
      ['2010-04-29', 'treaty-signing', 'co-production-treaty-chn-fra'],
    ]);
  });
});

describe('validation', () => {
  const centre = {
    kind: 'cultural-centre',
    name_en: 'Test Centre',
    home_country: 'KOR',
    country: 'PER',
    city: 'Lima',
    source_url: 'https://example.org/x',
  };

  it('rejects bad dates with the field, the value and how to write it', async () => {
    const e = await caught(
      createEntities(
        store,
        'institution',
        [{ value: { ...centre, opened: '2015-02-30', closed: 'soon' } }],
        ctx,
      ),
    );
    expect(e.code).toBe('invalid-argument');
    expect(e.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'opened',
          found: '2015-02-30',
          message: expect.stringMatching(/day 30 does not exist/),
        }),
        expect.objectContaining({ field: 'closed', found: 'soon', expected: 'YYYY, YYYY-MM or YYYY-MM-DD' }),
      ]),
    );
  });

  it('rejects a closing before the opening', async () => {
    const e = await caught(
      createEntities(
        store,
        'institution',
        [{ value: { ...centre, opened: '2015', closed: '2014-06' } }],
        ctx,
      ),
    );
    expect(e.problems[0]).toMatchObject({
      field: 'closed',
      message: 'closed (2014-06) is before opened (2015)',
    });
  });

  it('rejects unknown countries', async () => {
    const e = await caught(
      createEntities(store, 'institution', [{ value: { ...centre, country: 'ATL' } }], ctx),
    );
    expect(e.problems).toEqual([
      expect.objectContaining({
        field: 'country',
        found: 'ATL',
        message: expect.stringMatching(/ISO 3166 alpha-3/),
      }),
    ]);
    const w = await caught(
      createEntities(
        store,
        'agreement',
        [
          {
            value: {
              kind: 'cultural-agreement',
              title: 'X',
              home_country: 'CHN',
              partner: 'WLD',
              source_url: 'https://example.org',
            },
          },
        ],
        ctx,
      ),
    );
    expect(w.problems.map((p) => p.field)).toContain('partner');
  });

  it('rejects duplicate names, in the store and within a batch', async () => {
    await createEntities(store, 'institution', [{ value: centre }], ctx);
    const again = await caught(
      createEntities(store, 'institution', [{ value: { ...centre, city: 'Cusco' } }], ctx),
    );
    expect(again.code).toBe('conflict');
    expect(again.problems[0]).toMatchObject({
      field: 'name_en',
      message: expect.stringMatching(
        /duplicate name: "cultural-centre-per-lima" already has the same kind, country and name_en/,
      ),
    });
    const batch = await caught(
      createEntities(
        store,
        'institution',
        [
          { value: { ...centre, name_en: 'Other', city: 'Arequipa' }, line: 2 },
          { value: { ...centre, name_en: 'Other', city: 'Trujillo' }, line: 3 },
        ],
        ctx,
      ),
    );
    expect(batch.problems).toEqual([
      expect.objectContaining({
        line: 3,
        message: 'duplicate name: same kind, country and name_en as line 2',
      }),
    ]);
  });

  it('requires a source for every fact and a document for every measure', async () => {
    const e = await caught(
      createEntities(store, 'institution', [{ value: { ...centre, source_url: '' } }], ctx),
    );
    expect(e.problems[0]).toMatchObject({
      field: 'source_url',
      message: expect.stringMatching(/needs the URL of its source/),
    });
    const m = await caught(
      createEntities(
        store,
        'measure',
        [{ value: { document_id: 'no-such-doc', summary: 'x', source_url: 'https://example.org' } }],
        ctx,
      ),
    );
    expect(m.problems[0]).toMatchObject({ field: 'document_id', message: 'no policy document with this id' });
  });
});

describe('bulk import', () => {
  it('imports a good file in one go', async () => {
    const text = readFileSync(join(fixtures, 'centres-good.csv'), 'utf8');
    const r = await importRegistryCsv(store, text, { kind: 'centre', file: 'centres-good.csv' }, ctx);
    expect(r.ids).toEqual([
      'cultural-centre-per-lima',
      'cultural-centre-ken-nairobi',
      'cultural-centre-nor-oslo',
    ]);
    const [oslo] = await store.query(
      sql`select opened, opened_precision, opened_year from registry_institutions where id = 'cultural-centre-nor-oslo'`,
    );
    expect(oslo).toEqual({ opened: '2019-09-30', opened_precision: 'day', opened_year: 2019 });
  });

  it('writes nothing when any row is bad, and reports every bad row with its line', async () => {
    const text = readFileSync(join(fixtures, 'centres-bad.csv'), 'utf8');
    const e = await caught(importRegistryCsv(store, text, { kind: 'centre', file: 'centres-bad.csv' }, ctx));
    expect(e.code).toBe('bad-rows');
    expect(e.message).toBe(
      '3 of 5 institution rows in centres-bad.csv cannot be imported; nothing was written.',
    );
    expect(e.problems.map((p) => [p.file, p.line, p.field])).toEqual([
      ['centres-bad.csv', 3, 'opened'],
      ['centres-bad.csv', 4, 'country'],
      ['centres-bad.csv', 6, 'name_en'],
    ]);
    expect(await rowCount(store, 'registry_institutions')).toBe(0);
    expect(await rowCount(store, 'registry_audit')).toBe(0);
  });

  it('rolls back rows already inserted when the store fails part-way', async () => {
    // Validation passes; the agreements are inserted, then inserting their parties fails on a stray
    // party row planted for this test (primary key clash). The agreements must not remain.
    await store.run(
      sql`insert into registry_agreement_parties (agreement_id, country) values ('co-production-treaty-kor-fra', 'FRA')`,
    );
    const rows = [
      {
        value: {
          kind: 'co-production-treaty',
          title: 'A',
          home_country: 'KOR',
          partner: 'ITA',
          source_url: 'https://example.org',
        },
        line: 2,
      },
      { value: JSON.parse(readFileSync(join(fixtures, 'agreement.json'), 'utf8')), line: 3 },
    ];
    await expect(createEntities(store, 'agreement', rows, ctx)).rejects.toThrow(/constraint|duplicate key/i);
    expect(await rowCount(store, 'registry_agreements')).toBe(0);
    expect(await rowCount(store, 'registry_agreement_parties')).toBe(1);
    expect(await rowCount(store, 'registry_audit')).toBe(0);
  });

  it.skipIf(!hasShared('data', 'registry', 'china_cultural_centers.csv'))(
    'imports the shared centres file as it is, except the row whose date has no year',
    async () => {
      const text = readFileSync(sharedPath('data', 'registry', 'china_cultural_centers.csv'), 'utf8');
      const e = await caught(
        importRegistryCsv(store, text, { kind: 'centre', file: 'china_cultural_centers.csv' }, ctx),
      );
      expect(e.problems).toEqual([expect.objectContaining({ line: 27, field: 'opened', found: '(Nov 23)' })]);
    },
  );
});

describe('audit log', () => {
  it('records who, when, and the row before and after each change', async () => {
    const { ids } = await createEntities(
      store,
      'agreement',
      [{ value: JSON.parse(readFileSync(join(fixtures, 'agreement.json'), 'utf8')) }],
      ctx,
    );
    const id = ids[0]!;
    expect(id).toBe('co-production-treaty-kor-fra');
    await updateEntity(
      store,
      'agreement',
      id,
      { in_force: '2008-01' },
      { actor: 'bob', now: new Date('2026-11-23T04:00:00Z') },
    );
    await deleteEntity(store, 'agreement', id, { actor: 'carol', now: new Date('2026-11-23T05:00:00Z') });
    const log = await listAudit(store, { id });
    expect(log.map((e) => [e.action, e.actor, e.at])).toEqual([
      ['delete', 'carol', '2026-11-23T05:00:00.000Z'],
      ['update', 'bob', '2026-11-23T04:00:00.000Z'],
      ['create', 'alice', '2026-11-23T03:00:00.000Z'],
    ]);
    const [del, upd, cre] = log;
    expect(cre?.before).toBeNull();
    expect(cre?.after).toMatchObject({
      id,
      partner: 'FRA',
      parties: ['FRA', 'KOR'],
      signed: '2006-10-17',
      in_force: '2007',
    });
    expect(upd?.before).toMatchObject({ in_force: '2007' });
    expect(upd?.after).toMatchObject({ in_force: '2008-01', signed: '2006-10-17' });
    expect(del?.before).toMatchObject({ in_force: '2008-01' });
    expect(del?.after).toBeNull();
    expect(await rowCount(store, 'registry_agreement_parties')).toBe(0);
  });

  it('records nothing for a refused change', async () => {
    await createEntities(
      store,
      'count',
      [
        {
          value: {
            subject: 'cultural-centre',
            metric: 'established',
            country: 'KOR',
            value: '3',
            as_of: '2020',
            source_url: 'https://example.org',
          },
        },
      ],
      ctx,
    );
    const n = await rowCount(store, 'registry_audit');
    await expect(
      updateEntity(store, 'count', 'kor:cultural-centre:established:2020', { as_of: '2020-13' }, ctx),
    ).rejects.toThrow(LanternError);
    expect(await rowCount(store, 'registry_audit')).toBe(n);
  });
});

describe('tokens', () => {
  it('stores only a salted hash; checks, names and revokes tokens', async () => {
    const t = await createToken(store, { name: 'alice', now });
    expect(t.token).toMatch(/^lantern_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const secret = t.token.split('_').slice(2).join('_');
    const stored = await store.query<Record<string, string>>(sql`select * from registry_tokens`);
    expect(JSON.stringify(stored)).not.toContain(secret);
    expect(stored[0]?.hash).toMatch(/^[0-9a-f]{64}$/);

    expect(await checkToken(store, t.token, now)).toEqual({ ok: true, name: 'alice' });
    expect(await requireToken(store, t.token, now)).toBe('alice');
    expect(
      await checkToken(store, `${t.token.slice(0, -1)}${t.token.endsWith('A') ? 'B' : 'A'}`, now),
    ).toEqual({ ok: false, reason: 'mismatch' });
    expect(await checkToken(store, 'not-a-token', now)).toEqual({ ok: false, reason: 'malformed' });

    const missing = await caught(requireToken(store, undefined, now));
    expect([missing.code, missing.status]).toEqual(['unauthorized', 401]);
    await revokeToken(store, 'alice', now);
    const revoked = await caught(requireToken(store, t.token, now));
    expect([revoked.code, revoked.status, revoked.message]).toEqual([
      'forbidden',
      403,
      'The token is not valid.',
    ]);
    expect(await checkToken(store, t.token, now)).toEqual({ ok: false, reason: 'revoked' });
    await expect(createToken(store, { name: 'alice', now })).rejects.toThrow(/already exists/);
  });
});
