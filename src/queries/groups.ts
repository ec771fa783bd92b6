/**
 * Country groups as read models (`lantern groups [ID]`, GET /api/v1/groups and /groups/{id}): the
 * bundled groups (EU27, ASEAN, World Bank income groups) and the user's own (setting `groups`,
 * LANTERN_GROUPS), each with its names, members, publisher, source URL and the date its list is as
 * of (reference/country-groups.ts). A group's id is the `group=` filter of the profiles, compare and
 * the market finder. Reads no store: the lists are files, read again when the user's folder changes.
 *
 * @example
 *   await groupModel.open(store, { id: 'eu27' });   // { id: 'eu27', count: 27, members: ['AUT', …], member_names: { AUT: { en: 'Austria', zh: '奥地利' }, … }, … }
 */
import { z } from 'zod';
import type { CountryGroupRow } from '../contract.ts';
import { parseParams } from '../indicators/index.ts';
import { type CountryGroup, countryGroups, countryName, groupMembers } from '../reference/index.ts';
import { readModel } from './read-model.ts';

/** A group as the wire carries it: its names beside its id, its members with their names and their number. */
function groupRow(g: CountryGroup): CountryGroupRow {
  return {
    id: g.id,
    name_en: g.name.en,
    name_zh: g.name.zh,
    publisher: g.publisher,
    source_url: g.source_url,
    as_of: g.as_of,
    note: g.note,
    count: g.members.length,
    members: g.members,
    member_names: Object.fromEntries(g.members.map((m) => [m, { en: countryName(m, 'en'), zh: countryName(m, 'zh') }])),
  };
}

/**
 * A group's flat row (CSV, the table): its members as one comma-separated cell of codes, their
 * names as one cell per language ("AUT Austria; BEL Belgium; …").
 */
function flatRow({ member_names, ...g }: CountryGroupRow): Record<string, unknown> {
  const named = (lang: 'en' | 'zh') => g.members.map((m) => `${m} ${member_names[m]![lang]}`).join('; ');
  return { ...g, members: g.members.join(','), members_en: named('en'), members_zh: named('zh') };
}

export const groupListParams = z.object({});

/** Every group, the bundled ones first. */
export function groupList(): CountryGroupRow[] {
  return countryGroups().map(groupRow);
}

export const groupListModel = readModel({
  id: 'groups',
  summary: 'Country groups (EU27, ASEAN, World Bank income groups, your own) with members, source and date: the group= filter of profiles, compare and markets',
  params: groupListParams,
  rowsOnly: true,
  run: async () => groupList(),
  rows: (d) => d.map(flatRow),
  list: (d) => d,
  provenance: (d) => ({ sources: [...new Set(d.map((g) => g.source_url))] }),
});

export const groupParams = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'should be a group id such as eu27').describe('the group id, e.g. eu27, asean, wb-high (see `lantern groups`)'),
});
export type GroupParams = z.input<typeof groupParams>;

/** One group by id; an unknown id is refused naming the groups there are. */
export function groupById(input: GroupParams): CountryGroupRow {
  const { id } = parseParams(groupParams, input, 'group');
  groupMembers(id);
  return groupRow(countryGroups().find((g) => g.id === id)!);
}

export const groupModel = readModel({
  id: 'group',
  summary: 'One country group with its members, source and date',
  params: groupParams,
  run: async (_store, p: GroupParams) => groupById(p),
  rows: (d) => [flatRow(d)],
  provenance: (d) => ({ sources: [d.source_url] }),
});
