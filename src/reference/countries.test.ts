import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../../test/shared.ts';
import { LanternError } from '../errors.ts';
import { openStore } from '../store/db.ts';
import { sql } from '../store/sql.ts';
import {
  assertCountry,
  countryName,
  listCountries,
  listCountryCodes,
  loadCountries,
  partnerKind,
  resolveCountryCode,
} from './countries.ts';

describe('countries', () => {
  it('maps the special BACI and Comtrade codes explicitly', () => {
    expect(resolveCountryCode('baci', '490')).toBe('TWN');
    expect(resolveCountryCode('comtrade', 490)).toBe('TWN');
    expect(resolveCountryCode('comtrade-iso', 'S19')).toBe('TWN');
    for (const [code, iso3] of [
      ['251', 'FRA'],
      ['579', 'NOR'],
      ['699', 'IND'],
      ['757', 'CHE'],
      ['842', 'USA'],
    ]) {
      expect(resolveCountryCode('baci', code as string)).toBe(iso3);
      expect(resolveCountryCode('comtrade', code as string)).toBe(iso3);
    }
    expect(resolveCountryCode('comtrade', '0')).toBe('WLD');
    expect(resolveCountryCode('comtrade-iso', 'w00')).toBe('WLD');
    expect(partnerKind('WLD')).toBe('world');
    expect(resolveCountryCode('baci', '0')).toBeUndefined(); // BACI has no World rows
  });

  it('keeps historical entities under their former ISO codes with years', () => {
    const codes = listCountryCodes().filter((c) => c.scheme === 'comtrade');
    const get = (code: string) => codes.find((c) => c.code === code);
    expect(get('810')).toMatchObject({ iso3: 'SUN', exitYear: 1990 });
    expect(get('890')).toMatchObject({ iso3: 'YUG', exitYear: 1991 });
    expect(get('278')).toMatchObject({ iso3: 'DDR', exitYear: 1990 });
    expect(get('280')).toMatchObject({ iso3: 'DEU', exitYear: 1990 });
    expect(get('200')).toMatchObject({ iso3: 'CSK', exitYear: 1992 });
    expect(get('891')).toMatchObject({ iso3: 'SCG', entryYear: 1992, exitYear: 2005 });
    expect(get('530')).toMatchObject({ iso3: 'ANT', exitYear: 2010 });
    expect(listCountries().find((c) => c.iso3 === 'SUN')?.kind).toBe('historical');
  });

  it('keeps Comtrade areas apart as kind "area" with pseudo-codes', () => {
    for (const code of ['899', '837', '838', '839', '568', '577', '636', '637', '697', '879']) {
      const iso3 = resolveCountryCode('comtrade', code);
      expect(iso3, code).toBe(`X${code}`);
      expect(partnerKind(iso3 as string)).toBe('area');
    }
    expect(resolveCountryCode('comtrade-iso', '_X')).toBe('X899');
  });

  it('leading zeros do not matter in numeric codes', () => {
    expect(resolveCountryCode('iso-numeric', '004')).toBe('AFG');
    expect(resolveCountryCode('baci', '4')).toBe('AFG');
  });

  it('names in English and Chinese', () => {
    expect(countryName('CHN', 'en')).toBe('China');
    expect(countryName('CHN', 'zh')).toBe('中国');
    expect(countryName('HKG', 'zh')).toBe('中国香港');
    expect(countryName('WLD', 'zh')).toBe('世界');
    // every entity has both names
    for (const c of listCountries()) {
      expect(c.nameEn.length, c.iso3).toBeGreaterThan(0);
      expect(c.nameZh.length, c.iso3).toBeGreaterThan(0);
    }
  });

  it('M49 regions and continents', () => {
    const by = (k: string) => listCountries().find((c) => c.iso3 === k);
    expect(by('BRA')).toMatchObject({ region: 'Americas', continent: 'South America' });
    expect(by('MEX')).toMatchObject({ region: 'Americas', continent: 'North America' });
    expect(by('CHN')).toMatchObject({ region: 'Asia', subregion: 'Eastern Asia' });
    expect(by('TWN')).toMatchObject({ region: 'Asia', subregion: 'Eastern Asia' });
  });

  it('assertCountry accepts ISO3/ISO2/numeric in any case, and names an unknown code with suggestions', () => {
    expect(assertCountry('chn').iso3).toBe('CHN');
    expect(assertCountry('CN').iso3).toBe('CHN');
    expect(assertCountry('156').iso3).toBe('CHN');
    try {
      assertCountry('CHM');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LanternError);
      const err = e as LanternError;
      expect(err.code).toBe('unknown-country');
      expect(err.message).toContain('"CHM"');
      expect(err.problems[0]?.hint).toContain('CHN');
    }
  });

  it('fills the store once, and is a no-op when up to date', async () => {
    const store = await openStore();
    expect(await loadCountries(store)).toBe(true);
    expect(await loadCountries(store)).toBe(false);
    const [n] = await store.query<{ n: number }>(sql`select count(*)::int as n from countries`);
    expect(n?.n).toBe(listCountries().length);
    const [t] = await store.query<{ iso3: string }>(
      sql`select iso3 from country_codes where scheme = 'baci' and code = ${'490'}`,
    );
    expect(t?.iso3).toBe('TWN');
    await store.close();
  });
});

describe.skipIf(!hasShared('data/countries'))(
  'countries against Comtrade reference tables (../shared)',
  () => {
    for (const file of ['comtrade_reporters.csv', 'comtrade_partners.csv']) {
      it(`every code in ${file} resolves, by number and by Comtrade's ISO text`, () => {
        const rows = parse(readFileSync(sharedPath('data/countries', file)), { columns: true }) as Record<
          string,
          string
        >[];
        expect(rows.length).toBeGreaterThan(200);
        const missing: string[] = [];
        for (const r of rows) {
          const id = r.id as string;
          const iso = (r.iso_3 as string).trim();
          const byNum = resolveCountryCode('comtrade', id);
          if (!byNum) missing.push(`${id} ${r.country}`);
          if (iso && iso !== 'A79' && resolveCountryCode('comtrade-iso', iso) === undefined)
            missing.push(`${iso} ${r.country}`);
          // Where Comtrade's text is a real ISO code of the same entity, the number must agree with it
          // (except codes Comtrade itself maps to a merged or special entity).
          if (
            byNum &&
            /^[A-Z]{3}$/.test(iso) &&
            !['S19', 'MCO', 'EUR', 'BEL', 'PUS'].includes(iso) &&
            id !== '58'
          ) {
            expect(byNum, `${id} ${r.country}`).toBe(resolveCountryCode('comtrade-iso', iso));
          }
        }
        expect(missing).toEqual([]);
      });
    }
  },
);
