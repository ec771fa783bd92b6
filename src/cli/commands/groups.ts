/**
 * `lantern groups [ID]`: the country groups — bundled (EU27, ASEAN, World Bank income groups) and
 * your own (setting `groups`, LANTERN_GROUPS) — with names, members, source and date
 * (queries/groups.ts `groupListModel`: the list GET /api/v1/groups sends); with an ID, that group
 * (`groupModel`, as GET /api/v1/groups/{id} sends it; its table lists the members with their
 * names in English and Chinese). A group's id is the `--group` filter of
 * profile, compare and markets.
 */
import type { Command } from 'commander';
import type { CountryGroupRow } from '../../contract.ts';
import { groupById, groupList, groupListModel, groupModel } from '../../queries/index.ts';
import { type CliContext, useConfiguredGroups } from '../context.ts';
import { emitResult, formatRows, isTable, listingOptions } from '../output.ts';
import { modelOptions } from '../param-options.ts';

export function registerGroups(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('groups [id]')
    .description('list the country groups (the --group filter): id, English and Chinese names, publisher, as-of date, members, source; with ID, that one');
  listingOptions(modelOptions(cmd, groupListModel)).action(async (id: string | undefined, _o: Record<string, unknown>, c: Command) => {
    // The lists are files: no store is opened.
    await useConfiguredGroups(ctx.config(c));
    if (id === undefined) {
      const groups = groupList();
      // CSV: the descriptor's rows, as GET /groups.csv sends them (members named in English and Chinese).
      return ctx.print(c, groupListModel.rows(groups), isTable(c) ? columns : undefined, groups);
    }
    const one = groupById({ id });
    await emitResult(ctx, c, { json: one, rows: groupModel.rows(one), table: () => groupTable(one) });
  });
}

/** One group as a table: its names, publisher and date, then its members with their names. */
function groupTable(g: CountryGroupRow): string {
  const members = g.members.map((iso3) => ({ iso3, name: g.member_names[iso3]!.en, name_zh: g.member_names[iso3]!.zh }));
  return [
    `${g.id}: ${g.name_en} · ${g.name_zh} — ${g.count} members, ${g.publisher}, as of ${g.as_of}\n`,
    formatRows(members, 'table', [{ key: 'iso3', label: 'code' }, { key: 'name' }, { key: 'name_zh', label: 'name (zh)' }]),
    `source: ${g.source_url}${g.note ? `\n${g.note}` : ''}\n`,
  ].join('');
}

const columns = [
  { key: 'id' },
  { key: 'name_en', label: 'name' },
  { key: 'name_zh', label: 'name (zh)' },
  { key: 'publisher' },
  { key: 'as_of', label: 'as of' },
  { key: 'count', label: 'members' },
  { key: 'members', label: 'codes', display: (v: unknown) => (String(v).length > 40 ? `${String(v).slice(0, 39)}…` : String(v)) },
  { key: 'source_url', label: 'source' },
  { key: 'note', display: (v: unknown) => (String(v).length > 30 ? `${String(v).slice(0, 29)}…` : String(v)) },
];
