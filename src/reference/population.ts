/**
 * Population by country and year (table `population`, migration 025), for population-adjusted
 * indicators (RPOP). The bundled table (`data/population/population.csv`, see its SOURCE.md) loads
 * on first run and whenever it changes; a user's CSV (`country,year,population`) adds or replaces
 * figures with `loadPopulation` (`lantern population load FILE`).
 *
 * Invariants: one figure per (country, year); a load is one transaction and writes nothing when
 * any row is bad (every bad row is reported, with its line); every row records its source file.
 * A user's figures are never overwritten by a later bundled load: bundled rows only fill
 * (country, year) pairs that have no figure, or replace earlier bundled rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { csvTable } from '../csv-in.ts';
import { LanternError, type Problem } from '../errors.ts';
import { insertRows, sql, type Store } from '../store/index.ts';
import { dataPath, sha256 } from './data-files.ts';

export interface PopulationRow {
  country: string;
  year: number;
  population: number;
}

/** Parses `country,year,population` (ISO3, year, persons); every problem with its line. */
export function parsePopulationCsv(text: string, file: string): { rows: PopulationRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const { columns, rows: records } = csvTable(text, file, {
    columns: { country: ['country'], year: ['year'], population: ['population'] },
    required: ['country', 'year', 'population'],
    expected: 'country,year,population',
    hint: 'country is an ISO 3166 alpha-3 code, year a whole year, population persons (not thousands)',
  });
  const { at } = columns;
  const rows: PopulationRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records) {
    const cell = (i: number) => (fields[i] ?? '').trim();
    const country = cell(at.country).toUpperCase();
    const yearText = cell(at.year);
    const popText = cell(at.population).replace(/[ _]/g, '');
    const year = Number(yearText);
    const population = Number(popText);
    const bad = (column: string, expected: string, found: string) =>
      problems.push({ file, line, column, message: `bad ${column}`, expected, found, hint: 'fix the row and load the file again (nothing was loaded)' });
    if (!/^[A-Z][A-Z0-9]{2}$/.test(country)) bad('country', 'an ISO 3166 alpha-3 code such as CHN', country);
    if (!Number.isInteger(year) || year < 1900 || year > 2100) bad('year', 'a year from 1900 to 2100', yearText);
    if (popText === '' || !Number.isFinite(population) || population <= 0)
      bad('population', 'a positive number of persons', popText);
    const key = `${country}|${year}`;
    if (seen.has(key))
      problems.push({
        file,
        line,
        message: `${country} ${year} is given twice (first on line ${seen.get(key)})`,
        hint: 'keep one figure per country and year',
      });
    seen.set(key, line);
    rows.push({ country, year, population });
  }
  return { rows, problems };
}

/**
 * Loads population figures, in one transaction: a (country, year) already stored is replaced.
 * With `fillOnly`, stored figures are kept and only missing (country, year) pairs are added
 * (bundled data under a user's figures). Nothing is written when any row is bad.
 */
export async function loadPopulation(
  store: Store,
  text: string,
  file: string,
  opts: { source?: string; fillOnly?: boolean; version?: string } = {},
): Promise<number> {
  const { rows, problems } = parsePopulationCsv(text, file);
  if (problems.length > 0)
    throw new LanternError(
      'bad-rows',
      `${file}: ${problems.length} problem(s) in population figures (nothing was loaded).`,
      problems,
    );
  if (rows.length === 0)
    throw new LanternError('bad-file', `${file} has no figures.`, [{ file, line: 2, message: 'a header but no rows' }]);
  const source = opts.source ?? basename(file);
  let written = 0;
  await store.transaction(async (tx) => {
    const stored = await tx.query<{ country: string; year: number; source: string }>(
      sql`select country, year, source from population`,
    );
    const have = new Map(stored.map((r) => [`${r.country}|${Number(r.year)}`, r.source]));
    const keep = opts.fillOnly
      ? rows.filter((r) => {
          const s = have.get(`${r.country}|${r.year}`);
          return s === undefined || s.startsWith('data/population/');
        })
      : rows;
    for (const r of keep)
      await tx.run(sql`delete from population where country = ${r.country} and year = ${r.year}`);
    await insertRows(
      tx,
      'population',
      ['country', 'year', 'population', 'source'],
      keep.map((r) => [r.country, r.year, r.population, source]),
    );
    await insertRows(
      tx,
      'reference_loads',
      ['kind', 'subject', 'source', 'file_name', 'sha256', 'rows', 'version'],
      [['population', `${keep.length} figures`, source, basename(file), sha256(text), keep.length, opts.version ?? null]],
    );
    written = keep.length;
  });
  return written;
}

export const bundledPopulationFile = 'data/population/population.csv';
const bundledSource = 'data/population/population.csv (npm country-json 2.3.0, MIT; see data/population/SOURCE.md)';

/** Loads the bundled population table when it is new or changed; keeps a user's figures. */
export async function ensureBundledPopulation(store: Store, path = dataPath('population', 'population.csv')): Promise<number> {
  if (!existsSync(path)) return 0;
  const text = readFileSync(path, 'utf8');
  const version = sha256(text).slice(0, 12);
  const done = await store.query<{ n: number }>(
    sql`select count(*) as n from reference_loads where kind = ${'population'} and file_name = ${'population.csv'} and version = ${version}`,
  );
  if ((done[0]?.n ?? 0) > 0) return 0;
  return loadPopulation(store, text, bundledPopulationFile, { source: bundledSource, fillOnly: true, version });
}

/** Population figures held: per source, countries, years and rows. */
export async function populationStatus(
  store: Store,
): Promise<{ source: string; countries: number; first_year: number; last_year: number; rows: number }[]> {
  return store.query(
    sql`select source, count(distinct country) as countries, min(year) as first_year, max(year) as last_year, count(*) as rows from population group by source order by source`,
  );
}
