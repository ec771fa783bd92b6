import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LanternError } from '../errors.ts';
import { COUNTRY_GROUPS_FILE, countryGroups, encodeCountryGroups, groupMembers, readGroupSources } from './country-groups.ts';
import { dataPath } from './data-files.ts';

describe('country groups', () => {
  it('the shipped table is what the script makes from data/groups/sources', () => {
    const made = encodeCountryGroups(readGroupSources(dataPath('groups', 'sources')));
    const shipped = gunzipSync(readFileSync(dataPath('groups', COUNTRY_GROUPS_FILE))).toString('utf8');
    expect(shipped).toBe(made);
  });

  it('each group has its source and date; the EU has 27 members, ASEAN 11; income groups do not overlap', () => {
    const groups = countryGroups();
    for (const g of groups) {
      expect(g.source_url, g.id).toMatch(/^https:\/\//);
      expect(g.as_of, g.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(g.name.zh, g.id).not.toBe('');
    }
    expect(groupMembers('eu27')).toHaveLength(27);
    expect(groupMembers('eu27')).toContain('DEU');
    expect(groupMembers('eu27')).not.toContain('GBR');
    expect(groupMembers('asean')).toEqual(['BRN', 'IDN', 'KHM', 'LAO', 'MMR', 'MYS', 'PHL', 'SGP', 'THA', 'TLS', 'VNM']);
    const income = ['wb-high', 'wb-upper-middle', 'wb-lower-middle', 'wb-low'].flatMap((id) => groupMembers(id));
    expect(new Set(income).size).toBe(income.length);
    expect(groupMembers('wb-upper-middle')).toContain('CHN');
    expect(groupMembers('wb-high')).toEqual(expect.arrayContaining(['GGY', 'JEY'])); // the World Bank's CHI
    expect(income).not.toContain('VEN'); // not classified
  });

  it('an unknown group is a user mistake naming the groups there are', () => {
    expect(() => groupMembers('g77')).toThrow(LanternError);
    try {
      groupMembers('g77');
    } catch (e) {
      expect((e as LanternError).problems[0]!.expected).toContain('eu27');
    }
  });
});
