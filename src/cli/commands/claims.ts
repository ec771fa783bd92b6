/**
 * `lantern claims …`: the figures of news and policy texts — extracted, related, verified against
 * the store, kept in the ledger.
 *
 *   lantern claims extract FILE… [--format table|json|csv|ndjson]   every quantitative claim
 *   lantern claims check FILE… [--format md|json|html]              + relations + verification → ledger
 *   lantern claims report [--format md|json|html] [--doc NAME…]     the ledger
 *   lantern claims show CLAIM_ID [--format text|json]               one claim, its evidence, how to reproduce
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  checkDocuments,
  findClaim,
  fmt,
  readLedger,
  renderReport,
  type ReportFormat,
  reportFormats,
} from '../../claims/index.ts';
import { type Claim, type ClaimDocument, extractClaims, loadDocument } from '../../claims/index.ts';
import { isLanternError, LanternError, type Problem } from '../../errors.ts';
import type { CliContext } from '../context.ts';
import { type Column, emit, formatRows, type ListFormat, listFormats, listingOptions, parseFormat } from '../output.ts';
import { checkOneStdin, STDIN, stdinAsFile } from '../stdin.ts';

const claimColumns: Column[] = [
  { key: 'id' },
  { key: 'doc' },
  { key: 'quote' },
  { key: 'value' },
  { key: 'unit' },
  { key: 'kind' },
  { key: 'metric' },
  { key: 'subject', display: (v) => String(v ?? '').slice(0, 40) },
  { key: 'entity' },
  { key: 'period' },
  { key: 'qualifier' },
];

interface DocOpts {
  date?: string;
  recogniser: boolean;
  /** The file name of standard input (`-`). */
  name?: string;
}

/** Reads standard input when `-` is among the files (once), then loads every document. */
async function loadAll(ctx: CliContext, files: string[], opts: DocOpts, cmd: Command): Promise<ClaimDocument[]> {
  const maxBytes = ctx.config(cmd).maxClaimTextBytes;
  checkOneStdin(files);
  // Standard input is saved and read as a file is: empty, binary, too large or in another encoding, it is said so.
  const piped = files.includes(STDIN) ? await stdinAsFile(ctx, opts.name ?? 'stdin') : undefined;
  // Every unreadable file is reported at once.
  const docs: ClaimDocument[] = [];
  const problems: Problem[] = [];
  try {
    for (const f of files) {
      try {
        const doc = loadDocument(f === STDIN && piped ? piped.path : resolve(ctx.effects.cwd, f), { date: opts.date, maxBytes });
        if (doc.encoding && doc.encoding !== 'utf-8') ctx.effects.stderr(`note: ${f} was decoded as ${doc.encoding.toUpperCase()}\n`);
        docs.push({ ...doc, path: f });
      } catch (e) {
        if (!isLanternError(e)) throw e;
        if (files.length === 1) throw e; // one file: its own code (too-large, bad-file) and message
        problems.push(...e.problems.map((p) => ({ ...p, file: f })));
      }
    }
  } finally {
    piped?.cleanup();
  }
  if (problems.length)
    throw new LanternError(
      'bad-file',
      `${problems.length} of ${files.length} file(s) cannot be read.`,
      problems,
    );
  return docs;
}

const docOptions = (cmd: Command) =>
  cmd
    .option(
      '--date <date>',
      'publication date of the documents (YYYY[-MM[-DD]]), for "last year" and "since …"; default: read from the document',
    )
    .option('--name <file>', 'the file name of standard input (-): .html/.md/.txt tells its format; recorded with its claims')
    .option(
      '--no-recogniser',
      'read digits only (skip the recogniser library for spelled-out and Chinese numerals)',
    );

/**
 * Kept whole: the `claims` command group's declarations (subcommands, options, help) with their
 * short actions; the work is done in claims/.
 */
export function registerClaims(program: Command, ctx: CliContext): void {
  const claims = program
    .command('claims')
    .description('extract, relate and verify the figures of news and policy texts (.txt, .md, .html; a .csv/.tsv table row by row)');

  listingOptions(
    docOptions(
      claims
        .command('extract')
        .description('list every quantitative claim of the files')
        .argument('<files...>', 'text, Markdown or HTML files; - reads standard input'),
    ),
  ).action(async (files: string[], opts: DocOpts & { format?: string; out?: string }, cmd: Command) => {
    const all: Claim[] = [];
    for (const doc of await loadAll(ctx, files, opts, cmd))
      all.push(...extractClaims(doc, { recogniser: opts.recogniser }));
    const format = parseFormat<ListFormat>(opts.format, listFormats, 'table');
    const rows = all as unknown as Record<string, unknown>[];
    emit(
      formatRows(rows, format, format === 'table' ? claimColumns : allKeys(rows)),
      opts.out,
      ctx.effects.stdout,
    );
  });

  docOptions(
    claims
      .command('check')
      .description(
        'extract, relate (within and across the files and the ledger) and verify against the store; save to the ledger; report',
      )
      .argument('<files...>', 'text, Markdown or HTML files; - reads standard input')
      .option('--format <format>', `report format: ${reportFormats.join(' | ')}`)
      .option('--out <file>', 'write the report to a file instead of stdout')
      .option('--only <claim>', 'report only this claim (and the relations it takes part in)')
      .option(
        '--isolated',
        'relate the files only with each other, not with documents already in the ledger',
      ),
  ).action(
    async (
      files: string[],
      opts: DocOpts & { format?: string; out?: string; only?: string; isolated?: boolean },
      cmd: Command,
    ) => {
      const format = parseFormat<ReportFormat>(opts.format, reportFormats, 'md');
      const docs = await loadAll(ctx, files, opts, cmd);
      await ctx.withStore(cmd, async (store) => {
        const bar = ctx.progress();
        let result = await checkDocuments(store, docs, {
          now: ctx.effects.now(),
          isolated: opts.isolated,
          recogniser: opts.recogniser,
          onProgress: (done, total) => bar.onProgress({ done, total, unit: 'steps', label: 'claims' }),
        });
        bar.stop();
        if (opts.only) {
          const id = opts.only;
          if (!result.claims.some((c) => c.id === id))
            throw new LanternError('not-found', `No claim ${id} in these files.`, [
              {
                field: '--only',
                message: 'unknown claim id',
                expected: 'the id of a claim in these files',
                found: id,
                hint: 'run `lantern claims extract FILE` to list the ids',
              },
            ]);
          result = {
            ...result,
            claims: result.claims.filter((c) => c.id === id),
            verdicts: result.verdicts.filter((v) => v.claim_id === id),
            relations: result.relations.filter((r) => r.inputs.includes(id) || r.output === id),
          };
        }
        emit(renderReport(result, format), opts.out, ctx.effects.stdout);
      });
    },
  );

  claims
    .command('report')
    .description('the ledger: documents, claims, relations and verdicts')
    .option('--format <format>', `report format: ${reportFormats.join(' | ')}`)
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--doc <names...>', 'only these documents (file name or document id)')
    .action(async (opts: { format?: string; out?: string; doc?: string[] }, cmd: Command) => {
      const format = parseFormat<ReportFormat>(opts.format, reportFormats, 'md');
      await ctx.withStore(
        cmd,
        async (store) => {
          const content = await readLedger(store, opts.doc);
          if (opts.doc?.length && !content.documents.length)
            throw new LanternError('not-found', 'No such document in the ledger.', [
              {
                field: 'doc',
                message: 'unknown document',
                found: opts.doc.join(', '),
                hint: 'run `lantern claims report` to list the documents',
              },
            ]);
          emit(renderReport(content, format), opts.out, ctx.effects.stdout);
        },
        { readOnly: false },
      );
    });

  claims
    .command('show')
    .description(
      'one claim: its text, meaning, verdict with evidence, relations, and the command that reproduces it',
    )
    .argument('<claim>', 'claim id (from extract, check or report)')
    .option('--format <format>', 'text | json')
    .action(async (id: string, opts: { format?: string }, cmd: Command) => {
      const format = parseFormat(opts.format, ['text', 'json'] as const, 'text');
      await ctx.withStore(cmd, async (store) => {
        const found = await findClaim(store, id);
        if (!found)
          throw new LanternError('not-found', `No claim ${id} in the ledger.`, [
            {
              field: '<id>',
              message: 'unknown claim id',
              expected: 'a claim id of the ledger, e.g. c1a2b3c4d.120',
              found: id,
              hint: 'claims enter the ledger with `lantern claims check FILE`; list them with `lantern claims report`',
            },
          ]);
        const { claim: c, document: d, verdict: v, relations } = found;
        const reproduce = `lantern claims check ${shellQuote(d.path ?? d.name)} --only ${c.id}${d.dateSource === 'given' && d.date ? ` --date ${d.date}` : ''}`;
        if (format === 'json') {
          emit(
            `${JSON.stringify({ claim: c, document: { id: d.id, name: d.name, path: d.path, title: d.title, date: d.date, url: d.url }, verification: v, relations, reproduce }, null, 1)}\n`,
            undefined,
            ctx.effects.stdout,
          );
          return;
        }
        const ctxText =
          d.text.slice(Math.max(0, c.start - 120), c.start) +
          '[[' +
          c.quote +
          ']]' +
          d.text.slice(c.end, c.end + 120);
        const lines = [
          `${c.id}  ${d.name} [${c.start}, ${c.end})`,
          `  “${c.quote}” in: …${ctxText.replace(/\s+/g, ' ')}…`,
          `  meaning: ${c.metric ?? c.kind} of ${c.subject ?? '?'} — entity ${c.entity ?? '?'}, period ${c.period ?? '?'}, ${c.qualifier !== 'eq' ? `${c.qualifier} ` : ''}${fmt(c.value, c.unit)} (${c.kind})`,
          v ? `  verdict: ${v.verdict} (${v.reason}) — ${v.explanation}` : '  verdict: not verified',
          ...(v?.evidence
            ? [
                `  evidence: ${v.evidence.source} ${v.evidence.series_id ?? ''} scope ${v.evidence.scope ?? '-'} value ${v.evidence.value ?? '-'} ${v.evidence.source_url ?? ''}`,
                `    parameters: ${JSON.stringify(v.evidence.params)}`,
                `    SQL: ${v.evidence.sql.text.replace(/\s+/g, ' ')}  params ${JSON.stringify(v.evidence.sql.params)}`,
                `    data: ${v.evidence.command}`,
              ]
            : []),
          ...relations.flatMap((r) => [
            `  relation ${r.id} ${r.type}: ${r.verdict} — ${r.arithmetic}`,
            ...(r.suspect ? [`    suspect: ${r.suspect === c.id ? 'this figure' : r.suspect} — ${r.suspect_reason ?? 'most likely wrong'}`] : []),
          ]),
          `  reproduce: ${reproduce}`,
        ];
        ctx.effects.stdout(`${lines.join('\n')}\n`);
      });
    });
}

function shellQuote(s: string): string {
  return /^[\w./:-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`;
}

function allKeys(rows: readonly Record<string, unknown>[]): Column[] | undefined {
  return rows.length ? Object.keys(rows[0] as object).map((key) => ({ key })) : undefined;
}
