/**
 * `lantern hs children [PARENT]`, `lantern hs search TEXT…`, `lantern hs names CODE…`: the HS
 * nomenclature in the store (queries/hs.ts `hsChildrenModel`, `hsSearchModel`, `hsNamesModel`:
 * their flags, and the answers GET /api/v1/hs/children|search|names send as `data`). The table
 * shows each code with its English and Chinese names; CSV and NDJSON its rows; JSON the answer.
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import type { HsListData } from '../../contract.ts';
import { hsChildrenModel, hsNamesModel, hsSearchModel, type ReadModel } from '../../queries/index.ts';
import type { CliContext } from '../context.ts';
import { type Column, emitResult, isTable, listingOptions } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';

const codeColumns: Column[] = [
  { key: 'code' },
  { key: 'level' },
  { key: 'description', label: 'name' },
  { key: 'description_zh', label: '名称' },
];

/** One `hs` subcommand: its positional argument is the model's field `field`; the rest are flags. */
function hsCommand(
  hs: Command,
  ctx: CliContext,
  spec: { usage: string; description: string; field: string; join: string; model: Pick<ReadModel<z.ZodObject, HsListData<object>>, 'params' | 'years' | 'open' | 'rows'>; columns: Column[] },
): void {
  const sub = hs.command(spec.usage).description(spec.description);
  listingOptions(modelOptions(sub, spec.model, [spec.field])).action(async (given: string | string[] | undefined, opts: Record<string, unknown>, cmd: Command) => {
    const value = Array.isArray(given) ? given.join(spec.join) : given;
    await ctx.withStore(cmd, async (store) => {
      const d = await spec.model.open(store, { ...modelValues(spec.model, opts, [spec.field]), ...(value === undefined ? {} : { [spec.field]: value }) });
      // The table picks its columns; CSV and NDJSON print the rows whole, as the API's .csv does.
      await emitResult(ctx, cmd, { json: d, rows: spec.model.rows(d), columns: isTable(cmd) ? spec.columns : undefined });
    });
  });
}

export function registerHs(program: Command, ctx: CliContext): void {
  const hs = program.command('hs').description('browse the HS nomenclature in the store: codes under a code, search, names of codes (English, Chinese)');
  hsCommand(hs, ctx, {
    usage: 'children [parent]',
    description: 'the codes under a chapter (49) or heading (4901); without PARENT, the chapters',
    field: 'parent',
    join: '',
    model: hsChildrenModel,
    columns: [...codeColumns, { key: 'section' }, { key: 'children', label: 'codes below' }],
  });
  hsCommand(hs, ctx, {
    usage: 'search <text...>',
    description: 'codes starting with a prefix (9505), whose name holds every word (festive articles, 圣诞), or that an everyday word leads to (lantern, 灯笼, video game); each says why it matched',
    field: 'q',
    join: ' ',
    model: hsSearchModel,
    columns: [...codeColumns, { key: 'why', label: 'why it matched' }, { key: 'why_zh', label: '匹配原因' }],
  });
  hsCommand(hs, ctx, {
    usage: 'names <codes...>',
    description: 'the names of HS codes (4901 9505, or 4901,9505); codes the edition lacks are left out',
    field: 'codes',
    join: ',',
    model: hsNamesModel,
    columns: codeColumns,
  });
}
