/**
 * Country groups as data: the European Union, ASEAN and the World Bank income groups, each with
 * its publisher, source URL and the date its list is as of. They filter partners and markets in
 * the read models (`group=eu27`), the API (`/groups`) and the dashboard.
 *
 * The shipped table `data/groups/country-groups.csv.gz` is derived by `npm run build:groups`
 * (scripts/build-country-groups.ts) from the lists in `data/groups/sources/` (each in its
 * publisher's layout, with `groups.csv` naming the source and date of each); see
 * data/groups/SOURCE.md. `country-groups.test.ts` checks the shipped table is what the script makes.
 *
 * Invariants: every member is an ISO 3166 alpha-3 code Lantern knows; a group has at least one
 * member; ids are kebab-case.
 *
 * @example
 *   groupMembers('eu27') // ['AUT', 'BEL', …] (27 codes)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { csvObjects } from '../csv-in.ts';
import { LanternError } from '../errors.ts';
import { getCountry } from './countries.ts';
import { dataPath } from './data-files.ts';

export const COUNTRY_GROUPS_FILE = 'country-groups.csv.gz';

export interface CountryGroup {
  id: string;
  name: { en: string; zh: string };
  publisher: string;
  source_url: string;
  /** The date the list is as of (YYYY-MM-DD). */
  as_of: string;
  note: string;
  members: string[];
}

type Rec = Record<string, string>;

/**
 * Codes a publisher uses that are not ISO 3166 alpha-3, with the ISO codes they stand for: the
 * World Bank's CHI is the Channel Islands (Guernsey and Jersey).
 */
const PUBLISHER_CODES: Record<string, string[]> = { CHI: ['GGY', 'JEY'] };
const readCsv = (text: string, file: string): Rec[] => csvObjects(text, file, { trim: true }).map((r) => r.record);

/**
 * Reads the source lists (`groups.csv` and the member files it names) and checks them: every code
 * must be a known country, every group must have members. Throws one LanternError with every
 * problem found.
 */
export function readGroupSources(dir: string): CountryGroup[] {
  const problems: { file: string; message: string; found?: string }[] = [];
  const groups: CountryGroup[] = [];
  for (const g of readCsv(readFileSync(join(dir, 'groups.csv'), 'utf8'), 'groups.csv')) {
    const file = g.file!;
    const rows = readCsv(readFileSync(join(dir, file), 'utf8'), file);
    const kept = g.filter_column ? rows.filter((r) => r[g.filter_column!] === g.filter_value) : rows;
    const members = [...new Set(kept.flatMap((r) => PUBLISHER_CODES[r.Code!.toUpperCase()] ?? [r.Code!.toUpperCase()]))].sort();
    for (const m of members) if (!getCountry(m)) problems.push({ file, message: `${g.id}: unknown country code`, found: m });
    if (!members.length) problems.push({ file, message: `${g.id}: no members (filter ${g.filter_column}=${g.filter_value})` });
    if (!/^[a-z0-9-]+$/.test(g.id!)) problems.push({ file: 'groups.csv', message: 'group id should be kebab-case', found: g.id });
    groups.push({
      id: g.id!,
      name: { en: g.name_en!, zh: g.name_zh! },
      publisher: g.publisher!,
      source_url: g.source_url!,
      as_of: g.as_of!,
      note: g.note ?? '',
      members,
    });
  }
  if (problems.length)
    throw new LanternError('invalid-argument', `The country group lists have ${problems.length} problem(s).`, problems.map((p) => ({ ...p, field: 'Code' })));
  return groups;
}

const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The shipped table: one row per group and member, the group's source on every row. Deterministic. */
export function encodeCountryGroups(groups: readonly CountryGroup[]): string {
  const head = 'group,name_en,name_zh,publisher,source_url,as_of,note,iso3';
  const lines = groups.flatMap((g) => g.members.map((m) => [g.id, g.name.en, g.name.zh, g.publisher, g.source_url, g.as_of, g.note, m].map(q).join(',')));
  return `${[head, ...lines].join('\n')}\n`;
}

export function decodeCountryGroups(text: string): CountryGroup[] {
  const byId = new Map<string, CountryGroup>();
  for (const r of readCsv(text, COUNTRY_GROUPS_FILE)) {
    let g = byId.get(r.group!);
    if (!g) {
      g = { id: r.group!, name: { en: r.name_en!, zh: r.name_zh! }, publisher: r.publisher!, source_url: r.source_url!, as_of: r.as_of!, note: r.note ?? '', members: [] };
      byId.set(g.id, g);
    }
    g.members.push(r.iso3!);
  }
  return [...byId.values()];
}

let shipped: CountryGroup[] | undefined;
let own: { dir: string; stamp: string; groups: CountryGroup[] } | undefined;

const bundled = (): CountryGroup[] =>
  (shipped ??= decodeCountryGroups(gunzipSync(readFileSync(dataPath('groups', COUNTRY_GROUPS_FILE))).toString('utf8')));

/**
 * The country groups: the bundled ones (read once), then the user's own (`useOwnGroups`), read
 * again when a file of their folder changes, so a running server follows an edited list.
 */
export function countryGroups(): CountryGroup[] {
  if (own && folderStamp(own.dir) !== own.stamp) own = readOwnGroups(own.dir);
  return own ? [...bundled(), ...own.groups] : bundled();
}

/**
 * The state of the user's own groups ('' without them): their folder's stamp, read again first when
 * it changed. A server empties its answer cache when this changes (answers filtered by `group=`).
 * A folder that no longer reads is a new state too; the error is reported where groups are read.
 */
export function ownGroupsState(): string {
  if (!own) return '';
  try {
    countryGroups();
  } catch {
    return folderStamp(own.dir);
  }
  return own.stamp;
}

/** The names, sizes and modification times of a folder's files ('' when it cannot be read). */
function folderStamp(dir: string): string {
  try {
    return readdirSync(dir)
      .sort()
      .map((f) => {
        const s = statSync(join(dir, f));
        return `${f}:${s.size}:${s.mtimeMs}`;
      })
      .join('|');
  } catch {
    return '';
  }
}

/**
 * Adds the user's own country groups (setting `groups`, LANTERN_GROUPS): a folder laid out like
 * data/groups/sources — `groups.csv` (id, names, member file, publisher, source URL, as-of date,
 * note) and the member files it names (`Code,Country`) — read and checked as the bundled lists are.
 * An id a bundled group has is refused. `undefined` drops them again. Read again when the folder's
 * files change (`countryGroups`).
 *
 * @example useOwnGroups('my-groups') // groups.csv: bri-mine,Belt and Road (my list),…,bri.csv,…
 */
export function useOwnGroups(dir: string | undefined): void {
  if (!dir) return void (own = undefined);
  if (own?.dir === dir && own.stamp === folderStamp(dir)) return;
  own = readOwnGroups(dir);
}

/** Reads and checks a folder of the user's own groups. */
function readOwnGroups(dir: string): { dir: string; stamp: string; groups: CountryGroup[] } {
  const stamp = folderStamp(dir);
  let groups: CountryGroup[];
  try {
    groups = readGroupSources(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    throw new LanternError('invalid-config', `The country groups folder "${dir}" has no ${basename((e as NodeJS.ErrnoException).path ?? 'groups.csv')}.`, [
      { field: 'groups', message: 'file not found', expected: 'groups.csv and the member files it names', found: (e as NodeJS.ErrnoException).path ?? dir, hint: 'lay the folder out like data/groups/sources (see data/groups/SOURCE.md)' },
    ]);
  }
  const taken = new Set(bundled().map((g) => g.id));
  const clash = groups.filter((g) => taken.has(g.id));
  if (clash.length)
    throw new LanternError('invalid-config', `Your country groups reuse ${clash.length} id(s) of the bundled groups.`, clash.map((g) => ({
      field: 'groups', file: join(dir, 'groups.csv'), message: 'id of a bundled group', found: g.id, hint: `choose another id (the bundled ones: ${[...taken].join(', ')})`,
    })));
  return { dir, stamp, groups };
}

/** The members of a group; an unknown id is a user mistake naming the groups there are. */
export function groupMembers(id: string): string[] {
  const g = countryGroups().find((x) => x.id === id);
  if (!g)
    throw new LanternError('invalid-argument', `Unknown country group "${id}".`, [
      { field: 'group', message: 'not a country group', expected: countryGroups().map((x) => x.id).join(' | '), found: id, hint: 'see /api/v1/groups' },
    ]);
  return g.members;
}
