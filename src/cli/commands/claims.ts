/**
 * `lantern claims …`: extract the quantitative claims of texts, relate and verify them, keep them
 * in the ledger, and report.
 *
 *   lantern claims extract FILE… [--format json|table|csv|ndjson]
 */
import type { Command } from 'commander';
import { type Claim, extractClaims, loadDocument } from '../../claims/index.ts';
import { type CliContext, listingOptions } from '../context.ts';
import { type Column, emit, formatRows, type ListFormat, listFormats, parseFormat } from '../output.ts';
import { resolve } from 'node:path';

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

export function registerClaims(program: Command, ctx: CliContext): void {
  const claims = program.command('claims').description('extract, relate and verify the figures of news and policy texts');

  listingOptions(
    claims
      .command('extract')
      .description('list every quantitative claim of the files (.txt, .md, .html)')
      .argument('<files...>', 'text, Markdown or HTML files')
      .option('--date <date>', 'publication date of the documents (YYYY or YYYY-MM-DD), for "last year" and "since"')
      .option('--no-recogniser', 'read digits only (skip the recogniser library for spelled-out and Chinese numerals)'),
  ).action(async (files: string[], opts: { date?: string; recogniser: boolean; format?: string; out?: string }) => {
    const all: Claim[] = [];
    for (const f of files) {
      const doc = loadDocument(resolve(ctx.effects.cwd, f), { date: opts.date });
      all.push(...extractClaims(doc, { recogniser: opts.recogniser }));
    }
    const format = parseFormat<ListFormat>(opts.format, listFormats, 'table');
    const rows = all as unknown as Record<string, unknown>[];
    emit(formatRows(rows, format, format === 'table' ? claimColumns : allKeys(rows)), opts.out, ctx.effects.stdout);
  });
}

function allKeys(rows: readonly Record<string, unknown>[]): Column[] | undefined {
  return rows.length ? Object.keys(rows[0] as object).map((key) => ({ key })) : undefined;
}
