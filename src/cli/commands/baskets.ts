/**
 * `lantern baskets`, `lantern basket add|show|remove`: cultural baskets (versioned HS code lists
 * with framework, domain, core/related and source) and how they resolve to each HS edition.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import type { BasketData } from '../../contract.ts';
import { basketListModel, basketModel, basketVersionsModel } from '../../queries/index.ts';
import {
  addBasket,
  bundledBaskets,
  getBasket,
  parseBasketEdition,
  parseBasketSelector,
  removeBasket,
  splitCodes,
} from '../../reference/index.ts';
import type { CliContext } from '../context.ts';
import { type Column, emitResult, listingOptions } from '../output.ts';
import { modelOptions, modelValues } from '../param-options.ts';

/**
 * The listing's table in one language: the basket's name and its domains' names in Chinese (a
 * user's basket, which has no Chinese name, keeps its own) or in English. JSON, NDJSON and CSV print
 * the rows whole, both languages, as the API sends them.
 */
function basketColumns(rows: readonly Record<string, unknown>[], lang: 'en' | 'zh'): Column[] {
  const hidden = lang === 'zh' ? ['name', 'domains'] : ['name_zh', 'domains_zh'];
  return Object.keys(rows[0] ?? {})
    .filter((key) => !hidden.includes(key))
    .map((key): Column => {
      if (key === 'name_zh') return { key, label: '名称', display: (v, r) => String(v ?? r.name) };
      if (key === 'domains_zh') return { key, label: '领域' };
      return { key };
    });
}

/**
 * Kept whole: the `baskets` command group's declarations (subcommands, options, help) with their
 * short actions; the work is done in reference/ and the read models of queries/baskets.ts (the
 * listing, `basket show` and `basket versions` print with --format json what the API sends).
 */
export function registerBaskets(program: Command, ctx: CliContext): void {
  listingOptions(
    modelOptions(
      program
        .command('baskets')
        .description('list the cultural baskets: id, name, version, framework, HS edition, number of codes, source')
        .option('--lang <lang>', 'basket and domain names in the table: en | zh (JSON and CSV carry both)', 'en'),
      basketListModel,
    ),
  ).action(async (opts: Record<string, unknown>, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      const baskets = await basketListModel.open(store, modelValues(basketListModel, opts));
      const rows = basketListModel.rows(baskets);
      const table = ((cmd.optsWithGlobals() as { format?: string }).format ?? 'table') === 'table';
      ctx.print(cmd, rows, table ? basketColumns(rows, opts.lang === 'zh' ? 'zh' : 'en') : undefined, baskets);
    });
  });

  const basket = program.command('basket').description('add, show or remove a cultural basket');

  basket
    .command('add <name>')
    .description(
      'add a basket from a list of codes or a CSV file (framework,hs_edition,code,domain_code,domain,core_or_related,source_url,source_note)',
    )
    .option(
      '--codes <codes>',
      'HS codes, comma-separated (6 digits; 4-digit headings are expanded when the nomenclature is loaded), or EBOPS 2010 services items (SK1,SI31) for a services basket',
    )
    .option(
      '--file <file>',
      'a CSV file in the basket layout (only `code` is required); UNCTAD creative goods load this way',
    )
    .option(
      '--edition <edition>',
      "HS edition the codes are written in (default: the file's hs_edition, else HS2022), or EBOPS2010 for services items",
    )
    .option(
      '--domain <domain>',
      'domain for codes without one (FCS letter A–H, slug like books, or your own)',
    )
    .option('--framework <framework>', 'framework name (default: the file\'s, else "user")')
    .option('--description <text>', 'what the basket is for')
    .option('--source <source>', 'where the list comes from (URL or citation)')
    .option('--version <version>', 'version label (default 1, or the next number with --replace)')
    .option('--replace', 'replace a basket of the same name (the earlier version is kept: `lantern basket versions NAME`)')
    .action(async (name: string, opts: Record<string, string | boolean | undefined>, cmd: Command) => {
      const file = typeof opts.file === 'string' ? resolve(ctx.effects.cwd, opts.file) : undefined;
      let text: string | undefined;
      if (file) {
        try {
          text = readFileSync(file, 'utf8');
        } catch (e) {
          throw new LanternError('not-found', `Cannot read ${opts.file}.`, [
            { file: String(opts.file), message: 'cannot read the file', found: (e as NodeJS.ErrnoException).code ?? 'unreadable', hint: 'check the path (a relative path starts from the current folder)' },
          ]);
        }
      }
      await ctx.withStore(cmd, async (store) => {
        const result = await addBasket(store, {
          name,
          codes: typeof opts.codes === 'string' ? splitCodes(opts.codes) : undefined,
          file: file && text !== undefined ? { name: basename(file), text } : undefined,
          edition: typeof opts.edition === 'string' ? parseBasketEdition(opts.edition) : undefined,
          domain: opts.domain as string | undefined,
          framework: opts.framework as string | undefined,
          description: opts.description as string | undefined,
          source: opts.source as string | undefined,
          version: opts.version as string | undefined,
          replace: !!opts.replace,
          reserved: bundledBaskets.map((b) => b.id),
        });
        const out = ctx.effects.stdout;
        out(
          `added basket ${result.basket.id} (version ${result.basket.version}): ${result.codes} codes in ${result.basket.hsEdition}${result.editionDefaulted ? ' (default edition; use --edition to change)' : ''}\n`,
        );
        if (result.replaced)
          out(
            `  replaced ${result.replaced.bundled ? 'the bundled ' : ''}version ${result.replaced.version}, which is kept (\`lantern basket versions ${result.basket.id}\`)\n`,
          );
        for (const e of result.expanded)
          out(`  heading ${e.heading} expanded to ${e.codes.length} subheadings: ${e.codes.join(', ')}\n`);
        if (!result.checked)
          out(
            `  codes were not checked: no ${result.basket.hsEdition} nomenclature or correlation table is loaded (run \`lantern reference load DIR\`)\n`,
          );
        const off = result.completeness.filter((c) => !c.ok);
        if (result.completeness.length > 0) {
          out(
            `  UNCTAD CER 2010 counts: ${result.completeness.length - off.length} of ${result.completeness.length} groups/subgroups match\n`,
          );
          for (const c of off)
            out(`    ${c.group} / ${c.subgroup}: ${c.found} codes, the report says ${c.expected}\n`);
        }
        for (const r of result.resolutions) {
          out(
            `  resolved to ${r.to} via ${r.via}: ${r.codes.length} codes, ${r.residual.length} residual links, ${r.unresolved.length} unresolved\n`,
          );
        }
      });
    });

  listingOptions(
    modelOptions(
      basket
        .command('show <basket>')
        .description(
          "list a basket's codes (BASKET, BASKET:DOMAIN, BASKET@core|related) resolved to an HS edition: description, domain, how each code was mapped",
        ),
      basketModel,
      ['id'],
    ).option('--by-source', 'one row per basket code: whether it still exists in the edition, its mapping, targets and residual links'),
  ).action(async (selector: string, opts: Record<string, unknown>, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      const d = await basketModel.open(store, { ...modelValues(basketModel, opts, ['id']), id: selector });
      if (opts.bySource) return ctx.print(cmd, d.bySource);
      ctx.effects.stderr(basketSummary(d, opts.lang === 'zh' ? 'zh' : 'en'));
      await emitResult(ctx, cmd, { json: d, rows: basketModel.rows(d), columns: codeColumns });
    });
  });

  listingOptions(
    basket
      .command('versions <basket>')
      .description('every version of a basket, the current one last: codes, core and related codes (FCS 2009 scopes), when replaced'),
  ).action(async (id: string, _opts, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      const versions = await basketVersionsModel.open(store, { id: parseBasketSelector(id).basketId });
      ctx.print(cmd, basketVersionsModel.rows(versions), undefined, versions);
    });
  });

  basket
    .command('remove <basket>')
    .description('remove a basket you added (bundled baskets stay)')
    .action(async (id: string, _opts, cmd: Command) => {
      await ctx.withStore(cmd, async (store) => {
        const b = await getBasket(store, id.toLowerCase());
        if (b.bundled)
          throw new LanternError('forbidden', `"${b.id}" is bundled with Lantern and cannot be removed.`);
        await removeBasket(store, b.id);
        ctx.effects.stdout(`removed basket ${b.id}\n`);
      });
    });
}

/** What `basket show` writes to stderr: the basket, the edition and the counts, then its name in the language asked, the policy and notes. */
function basketSummary(d: BasketData, lang: 'en' | 'zh'): string {
  const count = (status: string) => d.codes.filter((c) => c.status === status).length;
  const gone = d.bySource.filter((s) => !s.in_edition).length;
  const b = d.basket;
  const name = lang === 'zh' && b.nameZh ? b.nameZh : b.name;
  return (
    `${b.id} v${b.version} (${b.framework}, ${b.hsEdition}) → ${d.edition} via ${d.via}: ${count('resolved')} codes, ` +
    `${count('residual')} residual links, ${count('unresolved')} unresolved; ${gone} basket codes do not exist in ${d.edition}` +
    `${name && name !== b.id ? `\n  ${name}` : ''}` +
    `${d.via === 'identity' ? '' : `\n  catch-all policy: ${d.policy}`}` +
    d.notes.map((n) => `\n  ${n}`).join('') +
    '\n'
  );
}

const cut = (n: number) => (v: unknown) => (typeof v === 'string' && v.length > n ? `${v.slice(0, n - 3)}…` : String(v ?? ''));

const codeColumns: Column[] = [
  { key: 'status' },
  { key: 'code' },
  { key: 'description', display: cut(60) },
  { key: 'domain' },
  { key: 'domain_code' },
  { key: 'core_or_related' },
  { key: 'from' },
  { key: 'mapping' },
  { key: 'note', display: cut(50) },
];
