/**
 * CEPII BACI (FORMATS.md A): `BACI_HS17_Y2019_V202401.csv` files (header t,i,j,k,v,q) and the
 * release zip holding one such file per year plus country_codes / product_codes companions.
 *
 * Loaded with DuckDB's own `read_csv` into `baci_flows` (migration 012), rows as narrow as the file:
 * numeric exporter i and importer j, k as a number, v × 1000 (thousand USD → USD), q in metric tons,
 * blank or NA q → null. The `trade_flows` view names them: i and j through `baci_country_codes`
 * (filled from the store's `country_codes`, scheme 'baci'), k zero-padded through `hs6_codes`, the HS
 * edition from the run. Rows are one exporter→importer flow each: flow 'X', reporter = exporter,
 * perspective 'reconciled'.
 *
 * The fast path turns every invalid row into a NOT NULL violation and then checks the run's distinct
 * codes against the code map, so a clean file costs one read plus a scan of two integer columns;
 * when either fails, the importer rolls back and `diagnose` re-reads the file with line numbers to name
 * every bad row. With `skipBadRows`, diagnose runs first (recording the rejects) and the load keeps
 * the valid rows.
 *
 * A release zip is read member by member straight from the archive: each read of a member (the
 * header, the load, a diagnosis) inflates it afresh into a named pipe that `read_csv` reads with
 * explicit columns (no sniffing), so nothing of the member is written to disk and nothing is held in
 * memory. The pipe is the only file made; it is removed after the read. (A JavaScript parse into an
 * appender was measured as the other way and is twice as slow: bench/RESULTS.md, `bench:baci-zip`.)
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, open, openSync, rmSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join as joinPath } from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { csvObjects } from '../csv-in.ts';
import { LanternError } from '../errors.ts';
import { getCountry } from '../reference/index.ts';
import { join, raw, sql, type Store } from '../store/index.ts';
import { hsEditionFromBaci } from './classifications.ts';
import { isUtf8, peek, scanDelimitedLines } from './input.ts';
import { type BulkContext, type BulkReader, type BulkResult, type FileHead, type FormatEntry, NeedsDiagnosis } from './types.ts';

const NAME = /BACI_(HS\d{2})(?:_Y(\d{4}))?_V(\d{6}[a-z]?)/i;

/** HS edition and release from a BACI file name (`BACI_HS17_Y2019_V202401.csv` → HS2017, V202401). */
export function parseBaciName(name: string): { edition?: string; year?: number; release?: string } {
  const m = NAME.exec(name);
  if (!m) return {};
  return {
    edition: hsEditionFromBaci(m[1] as string),
    year: m[2] ? Number(m[2]) : undefined,
    release: `V${m[3]}`,
  };
}

const REQUIRED = ['t', 'i', 'j', 'k', 'v', 'q'];

/**
 * Where one CSV's bytes come from: a file, or a zip member inflated afresh from the archive for each
 * read. `read` hands `use` a path DuckDB or a line scanner can read once, from the start.
 */
interface CsvInput {
  /** Base name (the HS edition and release are read from it). */
  name: string;
  /** The name in messages (`release.zip:member.csv`). */
  label: string;
  /** The first bytes (at least the header line). */
  head(): Promise<Buffer>;
  read<T>(use: (path: string) => Promise<T>): Promise<T>;
}

function fileInput(path: string, name: string, label: string): CsvInput {
  return { name, label, head: async () => (await peek(path, 4096)).head, read: (use) => use(path) };
}

async function checkHeader(input: CsvInput): Promise<void> {
  const label = input.label;
  const head = await input.head();
  const line =
    head
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0] ?? '';
  const cols = line.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  const missing = REQUIRED.filter((c) => !cols.includes(c));
  if (missing.length) {
    throw new LanternError('csv-missing-column', `${label}: the BACI header lacks ${missing.join(', ')}.`, [
      {
        file: label,
        line: 1,
        column: missing.join(','),
        message: `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
        expected: 't,i,j,k,v,q',
        found: line.slice(0, 120),
        hint: 'is this a BACI file? pass --format to name another format',
      },
    ]);
  }
}

function editionFor(name: string, ctx: { options: { hsEdition?: string } }, label: string): string {
  if (ctx.options.hsEdition) {
    const e =
      hsEditionFromBaci(ctx.options.hsEdition) ??
      (/^HS\d{4}$/.test(ctx.options.hsEdition) ? ctx.options.hsEdition : undefined);
    if (!e) {
      throw new LanternError('invalid-argument', `Unknown HS edition "${ctx.options.hsEdition}".`, [
        {
          field: 'hs-edition',
          message: 'unknown HS edition',
          expected: 'HS92, HS96, HS02, HS07, HS12, HS17, HS22 (or HS1992 …)',
          found: ctx.options.hsEdition,
        },
      ]);
    }
    return e;
  }
  const e = parseBaciName(name).edition;
  if (!e) {
    throw new LanternError('invalid-argument', `Cannot tell the HS edition of ${label} from its name.`, [
      {
        file: label,
        message: 'the name does not follow BACI_HSxx_…',
        expected: 'a name like BACI_HS17_Y2019_V202401.csv',
        found: name,
        hint: 'pass --hs-edition HS17 (or the edition of the file)',
      },
    ]);
  }
  return e;
}

type Mode = 'fast' | 'tolerant' | 'filter' | 'diagnose';

/**
 * The read_csv call for a mode. 'fast': typed columns, q as DOUBLE with NA/blank as null (a clean
 * current release converts without string work). 'tolerant': k and q as text, trimmed and cast in
 * SQL (older releases pad q with spaces: "           NA"). 'filter': tolerant, skipping rows that do
 * not convert (with --skip-bad-rows, diagnose has recorded them). 'diagnose': all text, one thread,
 * so row numbers follow the file.
 */
function csvSource(path: string, mode: Mode): ReturnType<typeof sql> {
  const cols =
    mode === 'fast'
      ? `columns={'t':'SMALLINT','i':'INTEGER','j':'INTEGER','k':'UINTEGER','v':'DOUBLE','q':'DOUBLE'}, nullstr=['NA', '']`
      : mode === 'diagnose'
        ? `columns={'t':'VARCHAR','i':'VARCHAR','j':'VARCHAR','k':'VARCHAR','v':'VARCHAR','q':'VARCHAR'}, parallel = false, null_padding = true`
        : `columns={'t':'SMALLINT','i':'INTEGER','j':'INTEGER','k':'VARCHAR','v':'DOUBLE','q':'VARCHAR'}${mode === 'filter' ? ', ignore_errors = true' : ''}`;
  return sql`read_csv(${path}, header = true, delim = ',', quote = '"', auto_detect = false, ${raw(cols)})`;
}

/** Map from BACI numeric code to key and kind, for the joins (a temp table in this transaction). */
async function prepareCodes(store: Store): Promise<void> {
  await store.run(`create or replace temp table baci_codes as
    select cc.code::integer as code, cc.iso3, c.kind
    from country_codes cc join countries c on c.iso3 = cc.iso3
    where cc.scheme = 'baci'`);
}

/**
 * Codes the release's own country_codes file maps to an entity Lantern knows, where Lantern's
 * table lacks the code: added to this import's code map, each with a warning. A code neither knows
 * stays unknown (and is reported by line).
 */
async function addCompanionCodes(
  store: Store,
  rows: Record<string, string>[],
  label: string,
  warn: (m: string) => void,
): Promise<void> {
  const known = new Set(
    (await store.query<{ code: number }>(sql`select code from baci_codes`)).map((r) => r.code),
  );
  for (const r of rows) {
    const code = Number((r.country_code ?? '').trim());
    const iso3 = (r.country_iso3 ?? r.iso_3digit_alpha ?? '').trim().toUpperCase();
    if (!Number.isInteger(code) || known.has(code) || !iso3) continue;
    const c = getCountry(iso3);
    if (!c) continue;
    await store.run(sql`insert into baci_codes values (${code}, ${c.iso3}, ${c.kind})`);
    known.add(code);
    const name = r.country_name ?? r.country_name_full ?? r.country_name_abbreviation ?? '';
    warn(
      `BACI code ${code} (${name.trim()}) is not in Lantern's table: mapped to ${c.iso3} as ${label} says`,
    );
  }
}

/** "This row is valid" over t, ci/cj (the code joins), k (text), v, q (text) and qd (q as a number). */
const VALID_TEXT = `t between 1900 and 2100 and ci.iso3 is not null and cj.iso3 is not null
  and length(k) between 1 and 6 and try_cast(k as uinteger) is not null and k not like '+%'
  and v is not null and v >= 0 and isfinite(v)
  and (qd is not null or q is null or trim(q) in ('', 'NA'))`;
/**
 * The same for the fast path, where k and q are already numbers (anything else failed to convert).
 * Codes are not checked row by row here: `checkCodes` compares the run's distinct codes with the
 * code map once the rows are in.
 */
const VALID_FAST = 't between 1900 and 2100 and k <= 999999 and v >= 0 and isfinite(v)';

/** Product lists already asked for, per load and edition (a zip asks once, not once per member). */
const productsAsked = new WeakMap<BulkContext, Map<string, readonly string[]>>();

/** The insert of one CSV into `baci_flows` for a mode, with the product filter (if any) in `where`. */
function insertStatement(
  runId: number,
  path: string,
  mode: 'fast' | 'tolerant' | 'filter',
  filters: ReturnType<typeof sql>[],
): ReturnType<typeof sql> {
  if (mode === 'fast') {
    const w = filters.length ? sql`where ${join(filters, ' and ')}` : sql``;
    return sql`insert into baci_flows (run_id, year, exporter, importer, k, value_usd, quantity)
      select ${runId}, t, i, j, k, case when ${raw(VALID_FAST)} then v * 1000 end, q
      from ${csvSource(path, 'fast')} r ${w}`;
  }
  const where = mode === 'filter' ? [...filters, raw(VALID_TEXT)] : filters;
  const w = where.length ? sql`where ${join(where, ' and ')}` : sql``;
  const value = mode === 'filter' ? raw('v * 1000') : raw(`case when ${VALID_TEXT} then v * 1000 end`);
  return sql`insert into baci_flows (run_id, year, exporter, importer, k, value_usd, quantity)
    select ${runId}, t, i, j, try_cast(k as uinteger), ${value}, qd
    from (select t, i, j, trim(k) as k, v, q, try_cast(trim(q) as double) as qd
          from ${csvSource(path, mode)}) r
    left join baci_codes ci on ci.code = r.i
    left join baci_codes cj on cj.code = r.j
    ${w}`;
}

/**
 * Loads one CSV into `baci_flows` (see migration 012): the numbers as BACI writes them, v × 1000.
 * Every invalid row gets a NULL value: the NOT NULL constraint stops the statement, the transaction
 * rolls back, and diagnose names the rows. With 'filter' invalid rows are left out.
 */
async function loadCsv(
  ctx: BulkContext,
  input: CsvInput,
  mode: 'fast' | 'tolerant' | 'filter',
): Promise<{ rows: number; edition: string }> {
  const edition = editionFor(input.name, ctx, input.label);
  await checkHeader(input);
  const where: ReturnType<typeof sql>[] = [];
  if (ctx.options.productsFor) {
    let asked = productsAsked.get(ctx);
    if (!asked) {
      asked = new Map();
      productsAsked.set(ctx, asked);
    }
    let list = asked.get(edition);
    if (!list) {
      list = await ctx.options.productsFor(edition, ctx.store);
      asked.set(edition, list);
    }
    const codes = [...new Set(list)].filter((c) => /^\d{6}$/.test(c));
    await ctx.store.run('create or replace temp table baci_products (k uinteger primary key)');
    for (let i = 0; i < codes.length; i += 500) {
      await ctx.store.run(
        sql`insert into baci_products values ${join(codes.slice(i, i + 500).map((c) => sql`(${Number(c)})`))}`,
      );
    }
    ctx.record('products', `${codes.length} HS6 codes`);
    where.push(
      mode === 'fast'
        ? sql`r.k in (select k from baci_products)`
        : sql`try_cast(r.k as uinteger) in (select k from baci_products)`,
    );
  }
  const out = await input.read((path) =>
    ctx.store.query<{ Count: number }>(insertStatement(ctx.runId, path, mode, where)),
  );
  return { rows: Number(out[0]?.Count ?? 0), edition };
}

/**
 * After a run's rows are in `baci_flows`, one scan of them gives the run's years and distinct
 * codes. Every exporter and importer code must be in the code map (else the load is diagnosed row
 * by row), and the codes and products the run uses are added to the maps the `trade_flows` view
 * reads through.
 */
async function checkCodes(ctx: BulkContext): Promise<{ yearMin: number | null; yearMax: number | null; reporters: number }> {
  const store = ctx.store;
  await store.run(
    sql`create or replace temp table baci_run_keys as
        select min(year) as year_min, max(year) as year_max, list(distinct exporter) as exporters,
               list(distinct importer) as importers, list(distinct k) as products
        from baci_flows where run_id = ${ctx.runId}`,
  );
  await store.run(`create or replace temp table baci_run_codes as
    select distinct code from (select unnest(exporters) as code from baci_run_keys
                               union all select unnest(importers) from baci_run_keys)`);
  const unknown = await store.query<{ code: number }>(
    sql`select code from baci_run_codes where code not in (select code from baci_codes) order by code`,
  );
  if (unknown.length) {
    throw new NeedsDiagnosis(new Error(`unknown BACI codes ${unknown.map((u) => u.code).join(', ')}`));
  }
  const changed = await store.query<{ code: number; was: string; now: string }>(
    sql`select s.code, s.iso3 as was, c.iso3 as now from baci_country_codes s join baci_codes c on c.code = s.code
        where s.iso3 <> c.iso3 and s.code in (select code from baci_run_codes)`,
  );
  for (const c of changed) {
    ctx.warn(
      `BACI code ${c.code} is now ${c.now} in the code tables; stored BACI rows read it as ${c.was}, as when it was first imported`,
    );
  }
  await store.run(
    sql`insert into baci_country_codes
        select code, iso3, case when kind = 'area' then 'area' else 'country' end from baci_codes
        where code in (select code from baci_run_codes) and code not in (select code from baci_country_codes)`,
  );
  await store.run(
    sql`insert into hs6_codes
        select k, lpad(k::varchar, 6, '0') from (select unnest(products) as k from baci_run_keys)
        where k not in (select k from hs6_codes)`,
  );
  const [stats] = await store.query<{ year_min: number | null; year_max: number | null; reporters: number }>(
    sql`select year_min, year_max,
          (select count(distinct iso3)::int from baci_codes where code in (select unnest(exporters) from baci_run_keys)) as reporters
        from baci_run_keys`,
  );
  await store.run('drop table baci_run_keys; drop table baci_run_codes');
  return { yearMin: stats?.year_min ?? null, yearMax: stats?.year_max ?? null, reporters: stats?.reporters ?? 0 };
}

/** Finds each bad row of one CSV with its line number and reasons. */
async function diagnoseCsv(store: Store, input: CsvInput, reject: BulkContext['reject']): Promise<number> {
  const label = input.label;
  await checkHeader(input);
  // The shape first (field counts, line lengths, a truncated last line), in the user's terms: DuckDB's
  // CSV reader would stop at the first such line with its sniffer's text.
  const misshapen = await input.read((path) => scanDelimitedLines(path, label, reject));
  if (misshapen) return misshapen;
  const rows = await input.read((path) => store.query<{
    line: number;
    t: string | null;
    i: string | null;
    j: string | null;
    k: string | null;
    v: string | null;
    q: string | null;
    reasons: string;
  }>(
    sql`with src as (
        select row_number() over () + 1 as line, * from ${csvSource(path, 'diagnose')}
      ), checked as (
        select s.*, concat_ws('; ',
          case when try_cast(trim(t) as smallint) is null or try_cast(trim(t) as smallint) not between 1900 and 2100 then 't|year is not a year|a year such as 2019' end,
          case when try_cast(trim(i) as integer) is null then 'i|exporter code is not a number|a BACI country code (number)'
               when ci.iso3 is null then 'i|unknown exporter code|a BACI country code (see country_codes_V….csv)' end,
          case when try_cast(trim(j) as integer) is null then 'j|importer code is not a number|a BACI country code (number)'
               when cj.iso3 is null then 'j|unknown importer code|a BACI country code (see country_codes_V….csv)' end,
          case when k is null or length(trim(k)) not between 1 and 6 or try_cast(trim(k) as uinteger) is null or trim(k) like '+%' then 'k|product code is not an HS6 code|up to 6 digits' end,
          case when try_cast(trim(v) as double) is null or not isfinite(try_cast(trim(v) as double)) then 'v|value is not a number|a value in thousand USD'
               when try_cast(trim(v) as double) < 0 then 'v|value is negative|a value ≥ 0' end,
          case when q is not null and trim(q) not in ('', 'NA') and try_cast(trim(q) as double) is null then 'q|quantity is not a number|tons, blank or NA' end
        ) as reasons
        from src s
        left join baci_codes ci on ci.code = try_cast(trim(s.i) as integer)
        left join baci_codes cj on cj.code = try_cast(trim(s.j) as integer)
      )
      select line, t, i, j, k, v, q, reasons from checked where reasons <> '' order by line`,
  ));
  for (const r of rows) {
    const rawLine = [r.t, r.i, r.j, r.k, r.v, r.q].map((x) => x ?? '').join(',');
    for (const reason of r.reasons.split('; ')) {
      const [column, message, expected] = reason.split('|') as [string, string, string];
      const found = (r as unknown as Record<string, string | null>)[column] ?? '';
      reject({
        file: label,
        line: r.line,
        column,
        message,
        expected,
        found,
        hint:
          column === 'i' || column === 'j'
            ? "a code Lantern does not know: check the release's country_codes file, or run `lantern countries`"
            : 'fix the row, or pass --skip-bad-rows to import the others',
        raw: rawLine,
      });
    }
  }
  return rows.length;
}

/** Opens a member's inflated bytes (yauzl checks them against the sizes the archive declares). */
function openMember(reader: yauzl.ZipFile, entry: yauzl.Entry, label: string): Promise<Readable> {
  return new Promise<Readable>((resolve, reject) =>
    reader.openReadStream(entry, (err, s) => (err ? reject(badZip(label, err)) : resolve(s as Readable))),
  );
}

/** A named pipe (the only file a member read makes: it holds no data on disk). */
function makePipe(path: string, label: string): void {
  try {
    execFileSync('mkfifo', ['-m', '600', path], { stdio: 'ignore' });
  } catch (e) {
    throw new LanternError('unsupported', `${label}: this system cannot stream a zip member to DuckDB (no mkfifo).`, [
      {
        file: label,
        message: (e as Error).message,
        expected: 'a system with named pipes (Linux, macOS)',
        found: process.platform,
        hint: 'unzip the release and import its BACI_…csv files directly',
      },
    ]);
  }
}

/**
 * A data member of an open zip as a CsvInput: every read inflates it from the archive into a named
 * pipe in `pipes` that the reader (DuckDB's read_csv, the line scanner) reads once. A damaged member
 * stops its pipe and the read fails as a corrupt zip, even when the reader took the cut-off data.
 */
function memberInput(
  reader: yauzl.ZipFile,
  entry: yauzl.Entry,
  label: string,
  pipes: string,
  onBytes: (member: number) => void,
): CsvInput {
  let reads = 0;
  return {
    name: basename(entry.fileName),
    label,
    async head() {
      const stream = await openMember(reader, entry, label);
      stream.on('error', () => {}); // surfaces through the iterator below
      const parts: Buffer[] = [];
      let size = 0;
      try {
        for await (const c of stream as AsyncIterable<Buffer>) {
          parts.push(c);
          size += c.length;
          if (size >= 4096) break;
        }
      } catch (e) {
        throw badZip(label, e as Error);
      } finally {
        stream.destroy();
      }
      return Buffer.concat(parts);
    },
    async read(use) {
      const pipe = joinPath(pipes, `${reads++}-${basename(entry.fileName)}`);
      makePipe(pipe, label);
      const stream = await openMember(reader, entry, label);
      let failed: Error | undefined;
      let seen = 0;
      stream.on('data', (c: Buffer) => {
        seen += c.length;
        onBytes(seen);
      });
      stream.on('error', (e) => {
        failed ??= e;
      });
      stream.pause();
      // The write end opens once the reader has opened the pipe (a pipe's data lives only while
      // both ends are open); closing it is the reader's end of file. The socket writes with
      // backpressure; a reader that stops early closes its end and the write fails quietly.
      const writer = new Promise<Socket>((resolve, reject) =>
        open(pipe, constants.O_WRONLY, (err, fd) => (err ? reject(err) : resolve(new Socket({ fd, readable: false })))),
      ).then((sink) => {
        sink.on('error', () => stream.destroy());
        stream.on('error', () => sink.destroy());
        stream.pipe(sink);
        return sink;
      });
      writer.catch(() => {});
      try {
        const out = await use(pipe);
        if (failed) throw badZip(label, failed);
        return out;
      } catch (e) {
        throw failed ? badZip(label, failed) : e;
      } finally {
        stream.destroy();
        // A reader that failed before opening the pipe leaves the writer's open waiting: release it.
        const release = openSync(pipe, constants.O_RDONLY | constants.O_NONBLOCK);
        (await writer.catch(() => undefined))?.destroy();
        closeSync(release);
        rmSync(pipe, { force: true });
      }
    },
  };
}

/**
 * Hands each BACI data member of a zip to `each` as a CsvInput read from the archive (see
 * `memberInput`), and the country_codes companion's rows to `onCompanion`.
 *
 * Kept whole: one walk over the archive's members (data and the country_codes companion), each
 * opened as it comes.
 */
async function eachZipMember(
  zipPath: string,
  label: string,
  onBytes: (n: number) => void,
  each: (m: CsvInput) => Promise<void>,
  onCompanion?: (rows: Record<string, string>[], name: string) => Promise<void>,
): Promise<string[]> {
  const names: string[] = [];
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: true }, (err, z) =>
      err ? reject(badZip(label, err)) : resolve(z as yauzl.ZipFile),
    ),
  );
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (e) => reject(badZip(label, e)));
    zip.readEntry();
  });
  const data = entries
    .filter((e) => /(^|\/)BACI_HS\d{2}_Y\d{4}_V[^/]*\.csv$/i.test(e.fileName))
    .sort((a, b) => a.fileName.localeCompare(b.fileName));
  if (data.length === 0) {
    throw new LanternError('bad-file', `${label} holds no BACI data files.`, [
      {
        file: label,
        message: 'no member named BACI_HSxx_Yyyyy_Vvvvvvv.csv',
        expected: 'a BACI release zip',
        found:
          entries
            .map((e) => e.fileName)
            .slice(0, 5)
            .join(', ') || 'an empty zip',
        hint: 'import the CSV files directly, with --hs-edition when their names do not say it',
      },
    ]);
  }
  // Reopen for reading members (the listing pass consumed the lazy reader).
  const reader = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (err, z) =>
      err ? reject(badZip(label, err)) : resolve(z as yauzl.ZipFile),
    ),
  );
  const pipes = mkdtempSync(joinPath(tmpdir(), 'lantern-baci-'));
  try {
    const companion = entries.find((e) => /(^|\/)country_codes_V[^/]*\.csv$/i.test(e.fileName));
    if (companion && onCompanion) {
      const chunks: Buffer[] = [];
      try {
        for await (const c of (await openMember(reader, companion, label)) as AsyncIterable<Buffer>) chunks.push(c);
      } catch (e) {
        throw badZip(label, e as Error);
      }
      const text = Buffer.concat(chunks);
      const name = basename(companion.fileName);
      const rows = csvObjects(isUtf8(text) ? text.toString('utf8') : text.toString('latin1'), `${label}:${name}`).map((r) => r.record);
      await onCompanion(rows, name);
    }
    let done = 0;
    for (const e of data) {
      const base = done;
      // Compressed progress is not exposed: scale uncompressed bytes to the member's compressed size.
      const progress = (seen: number) =>
        onBytes(base + Math.round((seen / Math.max(1, e.uncompressedSize)) * e.compressedSize));
      const name = basename(e.fileName);
      await each(memberInput(reader, e, `${label}:${name}`, pipes, progress));
      done += e.compressedSize;
      names.push(name);
    }
  } finally {
    reader.close();
    rmSync(pipes, { recursive: true, force: true });
  }
  return names;
}

function badZip(label: string, e: Error): LanternError {
  if (e instanceof LanternError) return e;
  return new LanternError('bad-file', `${label} is not a readable zip archive: ${e.message}`, [
    {
      file: label,
      message: e.message,
      expected: 'a complete zip archive',
      found: 'a damaged or truncated archive',
      hint: 'download the release again',
    },
  ]);
}

/**
 * Kept whole: a streaming reader: header, per-record normalisation, problems and progress in one
 * pass over the file.
 */
export function baciReader(format: 'baci-csv' | 'baci-zip'): BulkReader {
  return {
    kind: 'bulk',
    format,
    source: 'baci',
    perspective: 'reconciled',
    async load(ctx: BulkContext): Promise<BulkResult> {
      await prepareCodes(ctx.store);
      let rowsRead = 0;
      let rowsLoaded = 0;
      const releases = new Set<string>();
      const editions = new Set<string>();
      const one = async (input: CsvInput) => {
        const rel = parseBaciName(input.name).release;
        if (rel) releases.add(rel);
        let bad = 0;
        if (ctx.skipBadRows) bad = await diagnoseCsv(ctx.store, input, ctx.reject);
        try {
          const { rows: n, edition } = await loadCsv(
            ctx,
            input,
            ctx.skipBadRows ? 'filter' : ctx.tolerant ? 'tolerant' : 'fast',
          );
          editions.add(edition);
          if (editions.size > 1) {
            throw new LanternError('invalid-argument', `${ctx.file} mixes HS editions.`, [
              {
                file: input.label,
                message: 'this member is in another HS edition than the members before it',
                expected: [...editions][0],
                found: edition,
                hint: 'import the members of each edition as separate files',
              },
            ]);
          }
          rowsLoaded += n;
          rowsRead += n + bad;
        } catch (e) {
          if (e instanceof LanternError) throw e;
          // Data errors (a value that does not convert, an invalid row hitting NOT NULL, a malformed
          // line) are diagnosed row by row; anything else is a bug and surfaces as it is.
          if (
            /Conversion Error|Constraint Error|CSV Error|Invalid Input Error|Could not convert/i.test(
              String((e as Error)?.message ?? e),
            )
          ) {
            throw new NeedsDiagnosis(e);
          }
          throw e;
        }
      };
      if (format === 'baci-csv') {
        await one(fileInput(ctx.path, ctx.file, ctx.file));
        ctx.onBytes(statSync(ctx.path).size);
      } else {
        const names = await eachZipMember(
          ctx.path,
          ctx.file,
          ctx.onBytes,
          one,
          (rows, name) => addCompanionCodes(ctx.store, rows, name, ctx.warn),
        );
        ctx.record('members', String(names.length));
      }
      const stats = await checkCodes(ctx);
      const release = releases.size === 1 ? [...releases][0] : undefined;
      if (releases.size > 1) ctx.warn(`members of several releases: ${[...releases].join(', ')}`);
      return { rowsRead, rowsLoaded, release, classification: [...editions][0], stats };
    },
    async diagnose(ctx) {
      await prepareCodes(ctx.store);
      if (format === 'baci-csv') {
        await diagnoseCsv(ctx.store, fileInput(ctx.path, ctx.file, ctx.file), ctx.reject);
        return;
      }
      await eachZipMember(
        ctx.path,
        ctx.file,
        () => {},
        async (m) => {
          await diagnoseCsv(ctx.store, m, ctx.reject);
        },
        (rows, name) => addCompanionCodes(ctx.store, rows, name, () => {}),
      );
    },
  };
}

/** A BACI release zip (the only zips Lantern reads): recognised by its magic bytes. */
export const baciZipFormat: FormatEntry = {
  id: 'baci-zip',
  aliases: ['baci', 'baci-zip'],
  layout: 'a BACI release zip',
  zip: true,
  sniff: (head: FileHead) => head.zip,
  open: () => baciReader('baci-zip'),
};

/** A BACI CSV (t,i,j,k,v,q): recognised by its t, i, j, k and v columns. */
export const baciCsvFormat: FormatEntry = {
  id: 'baci-csv',
  aliases: ['baci', 'baci-csv'],
  layout: 'a BACI header (t,i,j,k,v,q)',
  sniff: (head: FileHead) => !head.json && ['t', 'i', 'j', 'k', 'v'].every((c) => head.columns.has(c)),
  open: () => baciReader('baci-csv'),
};
