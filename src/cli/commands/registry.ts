/**
 * `lantern registry …`: the registry of cultural-trade institutions, agreements, policy documents
 * and dated counts — list, show, add/update/remove (with a write token), CSV import (atomic),
 * timeline, official counts next to the registry's, the audit log, and the descriptive event study
 * `registry effect`.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { LanternError } from '../../errors.ts';
import {
  listAgreements,
  countAgreementPartners,
  countInstitutions,
  datedCounts,
  documentsQuery,
  type EffectEventKind,
  effectEventKinds,
  institutionsQuery,
  measuresQuery,
  registryEffect,
  timeline,
  timelineEvents,
  undated,
} from '../../queries/index.ts';
import { assertCountry } from '../../reference/index.ts';
import {
  agreementKinds,
  createEntities,
  deleteEntity,
  type EntityName,
  getEntity,
  type ImportKind,
  importKinds,
  importRegistryCsv,
  institutionKinds,
  kindLabels,
  listAudit,
  parsePartialDate,
  recordTokenUse,
  requireToken,
  updateEntity,
} from '../../registry/index.ts';
import type { Store } from '../../store/index.ts';
import type { CliContext } from '../context.ts';
import { type Column, listingOptions } from '../output.ts';

/** What `add`, `update`, `remove` and `show` accept, and the entity and default kind each means. */
const entityArgs: Record<string, { entity: EntityName; kind?: string }> = {
  centre: { entity: 'institution', kind: 'cultural-centre' },
  base: { entity: 'institution', kind: 'export-base' },
  institution: { entity: 'institution' },
  treaty: { entity: 'agreement', kind: 'co-production-treaty' },
  agreement: { entity: 'agreement' },
  document: { entity: 'document' },
  measure: { entity: 'measure' },
  count: { entity: 'count' },
};

const listTargets = [
  'centres',
  'bases',
  'institutions',
  'agreements',
  'treaties',
  'documents',
  'measures',
  'counts',
] as const;

function entityArg(v: string): { entity: EntityName; kind?: string } {
  const e = entityArgs[v.toLowerCase()];
  if (!e) {
    throw new LanternError('invalid-argument', `Unknown registry entity "${v}".`, [
      { field: 'entity', message: 'unknown entity', expected: Object.keys(entityArgs).join(' | '), found: v },
    ]);
  }
  return e;
}

function country(v: string | undefined): string | undefined {
  return v === undefined ? undefined : assertCountry(v).iso3;
}

function intOption(v: string | undefined, name: string, min = 0): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min) {
    throw new LanternError(
      'invalid-argument',
      `--${name} should be a whole number${min ? ` ≥ ${min}` : ''}.`,
      [{ field: name, message: 'not a whole number', expected: `an integer ≥ ${min}`, found: v }],
    );
  }
  return Number(v);
}

function readInput(ctx: CliContext, file: string): { name: string; text: string } {
  const path = resolve(ctx.effects.cwd, file);
  try {
    return { name: basename(path), text: readFileSync(path, 'utf8') };
  } catch (e) {
    throw new LanternError('not-found', `Cannot read ${file}.`, [
      { file, message: (e as Error).message, hint: 'check the path' },
    ]);
  }
}

function readJson(ctx: CliContext, file: string): { name: string; value: unknown } {
  const { name, text } = readInput(ctx, file);
  try {
    return { name, value: JSON.parse(text) };
  } catch (e) {
    throw new LanternError('bad-file', `${name} is not valid JSON.`, [
      {
        file: name,
        message: (e as Error).message,
        hint: 'the file should hold one JSON object, or an array of them',
      },
    ]);
  }
}

/**
 * Runs a write as the token's holder (--token, else $LANTERN_TOKEN), checked against the store. The
 * token's last use is recorded only once the write has landed: a refused write changes nothing stored.
 */
async function asActor(
  ctx: CliContext,
  cmd: Command,
  store: Store,
  write: (who: string) => Promise<void>,
): Promise<void> {
  const token = (cmd.optsWithGlobals().token as string | undefined) ?? ctx.config(cmd).token;
  const who = await requireToken(store, token, ctx.effects.now(), false);
  await write(who);
  await recordTokenUse(store, token as string, ctx.effects.now());
}

function isTable(cmd: Command): boolean {
  const f = cmd.optsWithGlobals().format as string | undefined;
  return f === undefined || f === 'table';
}

const listColumns: Record<(typeof listTargets)[number], Column[]> = {
  centres: [
    { key: 'id' },
    { key: 'name_en', label: 'name' },
    { key: 'country' },
    { key: 'city' },
    { key: 'opened' },
    { key: 'opened_by', label: 'open by' },
    { key: 'closed' },
    { key: 'source_url', label: 'source' },
  ],
  bases: [
    { key: 'id' },
    { key: 'name_zh', label: '名称' },
    { key: 'name_en', label: 'name' },
    { key: 'region' },
    { key: 'batch' },
    { key: 'opened', label: 'designated' },
    { key: 'source_url', label: 'source' },
  ],
  institutions: [
    { key: 'id' },
    { key: 'kind' },
    { key: 'name_en', label: 'name' },
    { key: 'home_country', label: 'home' },
    { key: 'country' },
    { key: 'opened' },
    { key: 'source_url', label: 'source' },
  ],
  agreements: [
    { key: 'id' },
    { key: 'kind' },
    { key: 'partner' },
    { key: 'parties' },
    { key: 'signed' },
    { key: 'signed_by', label: 'signed by' },
    { key: 'in_force', label: 'in force' },
    { key: 'source_url', label: 'source' },
  ],
  treaties: [
    { key: 'id' },
    { key: 'partner' },
    { key: 'signed' },
    { key: 'signed_by', label: 'signed by' },
    { key: 'in_force', label: 'in force' },
    { key: 'source_url', label: 'source' },
  ],
  documents: [
    { key: 'id' },
    { key: 'title_en', label: 'title' },
    { key: 'issued' },
    { key: 'doc_number', label: 'number' },
    { key: 'agency_count', label: 'agencies' },
    { key: 'measure_count', label: 'measures' },
    { key: 'measures_recorded', label: 'recorded' },
  ],
  measures: [
    { key: 'document_id', label: 'document' },
    { key: 'number', label: 'no.' },
    { key: 'status' },
    { key: 'summary' },
  ],
  counts: [
    { key: 'subject' },
    { key: 'metric' },
    { key: 'as_of', label: 'as of' },
    { key: 'value', label: 'official' },
    { key: 'registry_count', label: 'registry lists' },
    { key: 'unit' },
    { key: 'source_url', label: 'source' },
  ],
};

export function registerRegistry(program: Command, ctx: CliContext): void {
  const registry = program
    .command('registry')
    .description(
      'institutions, agreements, policy measures and dated counts of cultural trade, linked to trade',
    );

  listingOptions(
    registry
      .command('list <what>')
      .description(`list ${listTargets.join(' | ')}`)
      .option('--country <iso3>', 'home or host/partner country (ISO3, e.g. CHN)')
      .option('--kind <kind>', 'institution or agreement kind (e.g. cultural-centre, co-production-treaty)')
      .option('--document <id>', 'measures of one policy document')
      .option('--subject <subject>', 'counts of one subject (e.g. cultural-centre)'),
  ).action(async (what: string, opts: Record<string, string | undefined>, cmd: Command) => {
    const target = what.toLowerCase() as (typeof listTargets)[number];
    if (!listTargets.includes(target)) {
      throw new LanternError('invalid-argument', `Cannot list "${what}".`, [
        { field: '<what>', message: 'unknown listing', expected: listTargets.join(' | '), found: what, hint: 'e.g. `lantern registry list centres`' },
      ]);
    }
    const c = country(opts.country);
    // Agreements carry their parties, read apart and printed as one `a;b` field.
    const agreements = async (store: Store, f: { kind?: string; country?: string }) =>
      (await listAgreements(store, f)).map((r) => ({ ...r, parties: (r.parties as string[]).join(';') || null }));
    const list: (store: Store) => Promise<Record<string, unknown>[]> = {
      centres: (st: Store) => st.query(institutionsQuery({ kind: 'cultural-centre', country: c })),
      bases: (st: Store) => st.query(institutionsQuery({ kind: 'export-base', country: c })),
      institutions: (st: Store) => st.query(institutionsQuery({ kind: opts.kind, country: c })),
      agreements: (st: Store) => agreements(st, { kind: opts.kind, country: c }),
      treaties: (st: Store) => agreements(st, { kind: 'co-production-treaty', country: c }),
      documents: (st: Store) => st.query(documentsQuery({ country: c })),
      measures: (st: Store) => st.query(measuresQuery({ country: c, document: opts.document })),
      counts: (st: Store) => datedCounts(st, { country: c, subject: opts.subject }),
    }[target];
    await ctx.withStore(cmd, async (store) => {
      const rows = await list(store);
      ctx.print(cmd, rows, isTable(cmd) ? listColumns[target] : undefined);
    });
  });

  listingOptions(
    registry
      .command('count <kind>')
      .description(
        'how many institutions of a kind (or treaty/agreement partners) a country has as of a date; undated rows are counted apart',
      )
      .requiredOption('--country <iso3>', 'home country of the programme (e.g. CHN)')
      .option('--as-of <date>', 'YYYY, YYYY-MM or YYYY-MM-DD (default: everything listed)'),
  ).action(async (kind: string, opts: { country: string; asOf?: string }, cmd: Command) => {
    const c = assertCountry(opts.country).iso3;
    if (opts.asOf !== undefined) {
      const d = parsePartialDate(opts.asOf);
      if (!d.ok)
        throw new LanternError('invalid-argument', `--as-of: ${d.message}.`, [
          { field: 'as-of', message: d.message, found: opts.asOf },
        ]);
    }
    const isAgreement = (agreementKinds as readonly string[]).includes(kind);
    if (!isAgreement && !(institutionKinds as readonly string[]).includes(kind)) {
      throw new LanternError('invalid-argument', `Unknown kind "${kind}".`, [
        {
          field: 'kind',
          message: 'unknown kind',
          expected: [...institutionKinds, ...agreementKinds].join(' | '),
          found: kind,
        },
      ]);
    }
    await ctx.withStore(cmd, async (store) => {
      const p = { kind, country: c, asOf: opts.asOf };
      const r = isAgreement
        ? { ...(await countAgreementPartners(store, p)), counted: 'partner countries' }
        : { ...(await countInstitutions(store, p)), counted: 'institutions' };
      ctx.print(cmd, [r]);
    });
  });

  registry
    .command('show <entity> <id>')
    .description('one row as JSON, with its audit history')
    .action(async (entity: string, id: string, _opts, cmd: Command) => {
      const e = entityArg(entity);
      await ctx.withStore(cmd, async (store) => {
        const row = await getEntity(store, e.entity, id);
        if (!row)
          throw new LanternError('not-found', `No ${e.entity} with id "${id}".`, [
            { field: 'id', message: 'unknown id', found: id, hint: `see \`lantern registry list\`` },
          ]);
        const history = await listAudit(store, { entity: e.entity, id });
        ctx.effects.stdout(`${JSON.stringify({ ...row, history }, null, 2)}\n`);
      });
    });

  registry
    .command('add <entity>')
    .description(
      `add rows from a JSON file (one object or an array); entity: ${Object.keys(entityArgs).join(' | ')}; needs a write token`,
    )
    .requiredOption('--file <file>', 'JSON file with the row(s)')
    .option('--token <token>', 'write token (default $LANTERN_TOKEN)')
    .action(async (entity: string, opts: { file: string }, cmd: Command) => {
      const e = entityArg(entity);
      const { name, value } = readJson(ctx, opts.file);
      const items = Array.isArray(value) ? value : [value];
      await ctx.withStore(cmd, async (store) => {
        await asActor(ctx, cmd, store, async (who) => {
          const inputs = items.map((v, i) => ({
            value: e.kind && v && typeof v === 'object' && !('kind' in v) ? { ...v, kind: e.kind } : v,
            ...(Array.isArray(value) ? { item: i } : {}),
          }));
          const { ids } = await createEntities(store, e.entity, inputs, {
            actor: who,
            now: ctx.effects.now(),
            file: name,
          });
          ctx.effects.stdout(
            `added ${ids.length} ${e.entity}${ids.length === 1 ? '' : 's'}: ${ids.join(', ')}\n`,
          );
        });
      });
    });

  registry
    .command('update <entity> <id>')
    .description('change fields of one row from a JSON file (the fields to change); needs a write token')
    .requiredOption('--file <file>', 'JSON object with the fields to change')
    .option('--token <token>', 'write token (default $LANTERN_TOKEN)')
    .action(async (entity: string, id: string, opts: { file: string }, cmd: Command) => {
      const e = entityArg(entity);
      const { value } = readJson(ctx, opts.file);
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        throw new LanternError('bad-file', 'An update file holds one JSON object with the fields to change.');
      }
      await ctx.withStore(cmd, async (store) => {
        await asActor(ctx, cmd, store, async (who) => {
          await updateEntity(store, e.entity, id, value as Record<string, unknown>, {
            actor: who,
            now: ctx.effects.now(),
          });
          ctx.effects.stdout(`updated ${e.entity} ${id}\n`);
        });
      });
    });

  registry
    .command('remove <entity> <id>')
    .description('delete one row (kept in the audit log); needs a write token')
    .option('--token <token>', 'write token (default $LANTERN_TOKEN)')
    .action(async (entity: string, id: string, _opts, cmd: Command) => {
      const e = entityArg(entity);
      await ctx.withStore(cmd, async (store) => {
        await asActor(ctx, cmd, store, async (who) => {
          await deleteEntity(store, e.entity, id, { actor: who, now: ctx.effects.now() });
          ctx.effects.stdout(`removed ${e.entity} ${id}\n`);
        });
      });
    });

  registry
    .command('import <file>')
    .description(
      'import a CSV file of registry rows: all rows or none; every bad row is reported with its line; needs a write token',
    )
    .requiredOption('--kind <kind>', `what the file holds: ${importKinds.join(' | ')}`)
    .option('--token <token>', 'write token (default $LANTERN_TOKEN)')
    .action(async (file: string, opts: { kind: string }, cmd: Command) => {
      if (!(importKinds as readonly string[]).includes(opts.kind)) {
        throw new LanternError('invalid-argument', `Unknown --kind "${opts.kind}".`, [
          {
            field: 'kind',
            message: 'unknown import kind',
            expected: importKinds.join(' | '),
            found: opts.kind,
          },
        ]);
      }
      const { name, text } = readInput(ctx, file);
      await ctx.withStore(cmd, async (store) => {
        await asActor(ctx, cmd, store, async (who) => {
          const r = await importRegistryCsv(
            store,
            text,
            { kind: opts.kind as ImportKind, file: name },
            { actor: who, now: ctx.effects.now() },
          );
          ctx.effects.stdout(`imported ${r.ids.length} ${r.entity} rows from ${name}\n`);
        });
      });
    });

  listingOptions(
    registry
      .command('timeline')
      .description(
        'dated events (openings, designations, signings, documents) and official counts, oldest first',
      )
      .option('--country <iso3>', 'home or partner country')
      .option('--from <year>', 'first year')
      .option('--to <year>', 'last year')
      .option('--event <events>', `event types, comma-separated: ${timelineEvents.join(', ')}`),
  ).action(async (opts: Record<string, string | undefined>, cmd: Command) => {
    const events = opts.event
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const ev of events ?? []) {
      if (!(timelineEvents as readonly string[]).includes(ev)) {
        throw new LanternError('invalid-argument', `Unknown event type "${ev}".`, [
          { field: 'event', message: 'unknown event type', expected: timelineEvents.join(' | '), found: ev },
        ]);
      }
    }
    const c = country(opts.country);
    await ctx.withStore(cmd, async (store) => {
      const rows = await timeline(store, {
        country: c,
        from: intOption(opts.from, 'from'),
        to: intOption(opts.to, 'to'),
        events,
      });
      ctx.print(
        cmd,
        rows,
        isTable(cmd)
          ? [
              { key: 'date' },
              { key: 'event' },
              { key: 'label' },
              { key: 'partner' },
              { key: 'value' },
              { key: 'source_url', label: 'source' },
            ]
          : undefined,
      );
      if (isTable(cmd) && !cmd.optsWithGlobals().out) {
        const gaps = await undated(store, { country: c });
        if (gaps.length)
          ctx.effects.stdout(
            `(${gaps.length} registry rows have no date in their sources and are not on the timeline; \`--format json\` on \`registry list\` shows them)\n`,
          );
      }
    });
  });

  listingOptions(
    registry
      .command('audit')
      .description('the audit log of registry changes, newest first')
      .option('--entity <entity>', 'institution | agreement | document | measure | count')
      .option('--id <id>', 'changes of one row')
      .option('--actor <name>', 'changes made with one token')
      .option('--limit <n>', 'how many entries (default 100)'),
  ).action(async (opts: Record<string, string | undefined>, cmd: Command) => {
    await ctx.withStore(cmd, async (store) => {
      const rows = await listAudit(store, {
        entity: opts.entity ? entityArg(opts.entity).entity : undefined,
        id: opts.id,
        actor: opts.actor,
        limit: intOption(opts.limit, 'limit', 1),
      });
      ctx.print(cmd, rows, [
        { key: 'id' },
        { key: 'at' },
        { key: 'actor' },
        { key: 'action' },
        { key: 'entity' },
        { key: 'entity_id', label: 'row' },
        { key: 'before' },
        { key: 'after' },
      ]);
    });
  });

  listingOptions(
    registry
      .command('effect')
      .description(
        'exports to partners before and after registry events vs all other partners (difference-in-differences; descriptive, not causal)',
      )
      .requiredOption('--event-kind <kind>', effectEventKinds.join(' | '))
      .requiredOption('--exporter <iso3>', 'exporting country (the home country of the events)')
      .requiredOption(
        '--basket <basket>',
        'basket or basket:domain, e.g. unesco-fcs-2009 or unesco-fcs-2009:books',
      )
      .option('--window <years>', 'years before and after each event (default 3)')
      .option('--bootstrap <n>', 'bootstrap resamples (default 1000; 0 for none)')
      .option('--seed <seed>', 'seed of the bootstrap (default "lantern")')
      .option(
        '--source <source>',
        'trade source to use (default: BACI if loaded, else the reported source with most rows)',
      ),
  ).action(async (opts: Record<string, string | undefined>, cmd: Command) => {
    const kind = opts.eventKind as EffectEventKind;
    if (!(effectEventKinds as readonly string[]).includes(kind)) {
      throw new LanternError('invalid-argument', `Unknown --event-kind "${opts.eventKind}".`, [
        {
          field: 'event-kind',
          message: 'unknown event kind',
          expected: effectEventKinds.join(' | '),
          found: opts.eventKind,
          hint: 'export-base designations have no partner country and cannot be studied this way',
        },
      ]);
    }
    const exporter = assertCountry(opts.exporter!).iso3;
    await ctx.withStore(cmd, async (store) => {
      const r = await registryEffect(store, {
        eventKind: kind,
        exporter,
        basket: opts.basket!,
        source: opts.source,
        window: intOption(opts.window, 'window', 1),
        bootstrap: intOption(opts.bootstrap, 'bootstrap'),
        seed: opts.seed,
      });
      const format = (cmd.optsWithGlobals().format as string | undefined) ?? 'table';
      if (format === 'json') {
        ctx.print(cmd, [r as unknown as Record<string, unknown>]);
        return;
      }
      const eventRows = r.events.map((e) => ({
        ...e,
        estimate: r.estimate,
        ci_low: r.ci_low,
        ci_high: r.ci_high,
        label_note: r.label,
      }));
      if (format !== 'table') {
        ctx.print(cmd, eventRows);
        return;
      }
      const pct = (x: number | null) => (x === null ? 'n/a' : `${((Math.exp(x) - 1) * 100).toFixed(1)}%`);
      const lines = [
        `Registry effect — ${kindLabels[kind === 'centre-opening' ? 'cultural-centre' : 'co-production-treaty']?.en ?? kind} events, exporter ${exporter}, basket ${r.basket}, source ${r.source ?? '(no trade data)'}`,
        `DESCRIPTIVE, NOT CAUSAL. ${r.method}`,
        `events: ${r.events_total} dated, ${r.events_used} used, ${r.events_undated.length} without a date in the registry; window ±${r.window} years; data years ${r.years ? r.years.join('–') : 'none'}`,
        `estimate: ${r.estimate === null ? 'n/a' : r.estimate.toFixed(4)} log points (${pct(r.estimate)}); ${Math.round(r.ci_level * 100)}% bootstrap interval: ${r.ci_low === null ? 'n/a (needs 2+ events)' : `${r.ci_low.toFixed(4)} to ${r.ci_high!.toFixed(4)} (${pct(r.ci_low)} to ${pct(r.ci_high)})`}; ${r.bootstrap} resamples, seed "${r.seed}"`,
        '',
      ];
      ctx.effects.stdout(lines.join('\n'));
      ctx.print(cmd, r.events, [
        { key: 'id' },
        { key: 'partner' },
        { key: 'year', display: (v) => (v === null || v === undefined ? '' : String(v)) },
        { key: 'used' },
        { key: 'treated_pre', label: 'to partner before' },
        { key: 'treated_post', label: 'after' },
        { key: 'control_pre', label: 'to others before' },
        { key: 'control_post', label: 'after' },
        { key: 'did', label: 'DiD (log)' },
        { key: 'skipped' },
      ]);
    });
  });
}
