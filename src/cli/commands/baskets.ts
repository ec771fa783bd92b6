/**
 * `lantern baskets`, `lantern basket add|show|remove`: cultural baskets (versioned HS code lists
 * with framework, domain, core/related and source) and how they resolve to each HS edition.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import {
  addBasket,
  basketCodes,
  bundledBaskets,
  describeCodes,
  domainLabel,
  getBasket,
  listBaskets,
  parseBasketEdition,
  parseEdition,
  basketVersions,
  parseBasketSelector,
  removeBasket,
  resolveBasket,
  splitCodes,
} from '../../reference/index.ts';
import type { CliContext } from '../context.ts';
import { listingOptions } from '../output.ts';

function lang(v: string | undefined): 'en' | 'zh' {
  if (v === undefined || v === 'en' || v === 'zh') return v ?? 'en';
  throw new LanternError('invalid-argument', `Unknown language "${v}".`, [
    { field: '--lang', message: 'unknown language', expected: 'en | zh', found: v, hint: 'e.g. --lang zh' },
  ]);
}

/**
 * Kept whole: the `baskets` command group's declarations (subcommands, options, help) with their
 * short actions; the work is done in reference/.
 */
export function registerBaskets(program: Command, ctx: CliContext): void {
  listingOptions(
    program
      .command('baskets')
      .description(
        'list the cultural baskets: id, name, version, framework, HS edition, number of codes, source',
      ),
  ).action(async (_opts, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      const rows = (await listBaskets(store)).map((b) => ({
        id: b.id,
        name: b.name,
        version: b.version,
        framework: b.framework,
        edition: b.hsEdition,
        codes: b.codes,
        domains: b.domains.join(','),
        scopes: b.scopes.length ? `${b.scopes.map((x) => `@${x}`).join(',')}` : '',
        resolved_to: b.editions.join(','),
        bundled: b.bundled,
        source: b.source,
      }));
      ctx.print(cmd, rows);
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
    basket
      .command('show <basket>')
      .description(
        "list a basket's codes (BASKET, BASKET:DOMAIN, BASKET@core|related) resolved to an HS edition: description, domain, how each code was mapped",
      )
      .option('--edition <edition>', "HS edition to resolve to (default: the basket's own)")
      .option('--lang <lang>', 'labels in en | zh', 'en')
      .option(
        '--by-source',
        'one row per basket code: whether it still exists in the edition, its mapping, targets and residual links',
      ),
  ).action(
    async (selector: string, opts: { edition?: string; lang?: string; bySource?: boolean }, cmd: Command) => {
      const language = lang(opts.lang);
      await ctx.withStore(cmd, async (store) => {
        const id = parseBasketSelector(selector).basketId;
        const b = await getBasket(store, id);
        const edition = opts.edition ? parseEdition(opts.edition) : b.hsEdition;
        const r = await resolveBasket(store, selector, edition);
        const targetDesc = await describeCodes(store, edition, [
          ...r.codes.map((c) => c.code),
          ...r.residual.map((x) => x.code),
        ]);
        const sourceDesc = await describeCodes(
          store,
          b.hsEdition,
          r.unresolved.map((u) => u.code),
        );
        const codes = new Map((await basketCodes(store, b.id)).map((c) => [c.code, c]));
        if (opts.bySource) {
          const own = await describeCodes(
            store,
            b.hsEdition,
            r.bySource.map((s) => s.sourceCode),
          );
          ctx.print(
            cmd,
            r.bySource.map((s) => ({
              code: s.sourceCode,
              description: own.get(s.sourceCode) ?? null,
              domain: domainLabel(codes.get(s.sourceCode)?.domain, language),
              core_or_related: codes.get(s.sourceCode)?.coreOrRelated ?? null,
              [`in_${edition}`]: s.existsInTarget,
              mapping: s.mapping,
              targets: s.targets.join(','),
              residual: s.residual.join(','),
            })),
          );
          return;
        }
        const rows: Record<string, unknown>[] = [
          ...r.codes.map((c) => ({
            status: 'resolved',
            code: c.code,
            description: targetDesc.get(c.code) ?? null,
            domain: domainLabel(c.domain, language),
            domain_code: c.domainCode,
            core_or_related: c.coreOrRelated,
            from: c.sourceCodes.join(','),
            mapping: c.mapping,
            note: c.note,
          })),
          ...r.residual.map((x) => ({
            status: 'residual',
            code: x.code,
            description: targetDesc.get(x.code) ?? null,
            domain: domainLabel(codes.get(x.sourceCode)?.domain, language),
            domain_code: codes.get(x.sourceCode)?.domainCode ?? null,
            core_or_related: codes.get(x.sourceCode)?.coreOrRelated ?? null,
            from: x.sourceCode,
            mapping: 'residual',
            note: x.reason,
          })),
          ...r.unresolved.map((u) => ({
            status: 'unresolved',
            code: u.code,
            description: sourceDesc.get(u.code) ?? null,
            domain: domainLabel(codes.get(u.code)?.domain, language),
            domain_code: codes.get(u.code)?.domainCode ?? null,
            core_or_related: codes.get(u.code)?.coreOrRelated ?? null,
            from: u.code,
            mapping: 'unresolved',
            note: u.reason,
          })),
        ];
        const gone = r.bySource.filter((s) => !s.existsInTarget).length;
        ctx.effects.stderr(
          `${b.id} v${b.version} (${b.framework}, ${b.hsEdition}) → ${edition} via ${r.via}: ${r.codes.length} codes, ` +
            `${r.residual.length} residual links, ${r.unresolved.length} unresolved; ${gone} basket codes do not exist in ${edition}` +
            `${r.via === 'identity' ? '' : `\n  catch-all policy: ${r.policy}`}` +
            `${targetDesc.size === 0 && r.codes.length > 0 ? `\n  no descriptions: the ${edition} nomenclature is not loaded (lantern reference load DIR)` : ''}\n`,
        );
        ctx.print(cmd, rows, [
          { key: 'status' },
          { key: 'code' },
          {
            key: 'description',
            display: (v) => (typeof v === 'string' && v.length > 60 ? `${v.slice(0, 57)}…` : String(v ?? '')),
          },
          { key: 'domain' },
          { key: 'domain_code' },
          { key: 'core_or_related' },
          { key: 'from' },
          { key: 'mapping' },
          {
            key: 'note',
            display: (v) => (typeof v === 'string' && v.length > 50 ? `${v.slice(0, 47)}…` : String(v ?? '')),
          },
        ]);
      });
    },
  );

  listingOptions(
    basket
      .command('versions <basket>')
      .description('every version of a basket, the current one last: codes, core and related codes (FCS 2009 scopes), when replaced'),
  ).action(async (id: string, _opts, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      const rows = await basketVersions(store, parseBasketSelector(id).basketId);
      ctx.print(
        cmd,
        rows.map((v) => ({
          version: v.version,
          current: v.current,
          name: v.name,
          framework: v.framework,
          edition: v.hsEdition,
          bundled: v.bundled,
          codes: v.codes,
          core: v.core,
          related: v.related,
          replaced_at: v.replacedAt,
          source: v.source,
        })),
      );
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
