/**
 * The CLI's edge: every option and argument the user typed is checked before a command runs, and a
 * bad one is a LanternError that names the flag as typed (`--year`, `--exporter`, `<iso3>`), says
 * what is accepted and suggests the closest valid value ("did you mean CHN?"). Commands then only
 * see values of the right shape, so no read model ever reports `from`/`to` "received NaN".
 *
 * What is checked, by the option's name (the same name means the same thing in every command):
 * - years (`--year`, `--from`, `--to`, `--years`), countries (`--exporter`, `--importer`,
 *   `--reporter`, `--country`, `--partner`, arguments `<iso3>`, `<a>`, `<b>`, `<countries...>`),
 *   HS editions (`--hs-edition`, `--edition`), counts (`--top`, `--limit`, `--window`, `--draws` …),
 *   numbers (`--ease-floor`, `--min-size` …), dates (`--date`, `--as-of`), web addresses (`--url`,
 *   `--mirror`), folders to write into (`--dir`, `--keep`), product selectors, and files to read (`<file>`,
 *   `<files...>`: a missing one is reported before any store is opened, and so never creates one);
 * - any option whose description lists its values as `a | b | c` (`--side`, `--flow`, `--view`,
 *   `--level`) accepts only those: the help text and the check cannot disagree;
 * - `--out` must name a file whose folder exists, not a folder.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { Command, Option } from 'commander';
import { LanternError, type Problem } from '../errors.ts';
import { assertCountry, editDistance, hsEditions, normaliseEdition, servicesEdition } from '../reference/index.ts';
import { parsePartialDate } from '../registry/index.ts';

type Check = (value: string, flag: string, cwd: string) => void;

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function refuse(flag: string, what: string, p: Omit<Problem, 'field'>): never {
  throw new LanternError('invalid-argument', `${flag}: ${what}`, [{ field: flag, ...p }]);
}

/** Up to three allowed values closest to what was typed. */
export function closest(value: string, allowed: readonly string[]): string[] {
  const v = value.toLowerCase();
  return allowed
    .map((a) => ({ a, d: editDistance(v, a.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(x.a.length / 2)) || x.a.toLowerCase().startsWith(v))
    .sort((x, y) => x.d - y.d)
    .slice(0, 3)
    .map((x) => x.a);
}

const year: Check = (value, flag) => {
  const t = value.trim();
  if (/^\d{4}$/.test(t) && Number(t) >= MIN_YEAR && Number(t) <= MAX_YEAR) return;
  refuse(flag, `"${value}" is not a year.`, {
    message: 'not a year',
    expected: `a four-digit year from ${MIN_YEAR} to ${MAX_YEAR}`,
    found: value,
    hint: `e.g. ${flag} 2022`,
  });
};

/** `2021`, `2015-2023` or `2015,2017` (a list of years and spans). */
const years: Check = (value, flag, cwd) => {
  for (const part of value.split(',')) {
    const m = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(part);
    const ends = m ? [m[1]!, m[2]!] : [part];
    for (const e of ends) {
      try {
        year(e, flag, cwd);
      } catch {
        refuse(flag, `"${value}" is not a year or a span of years.`, {
          message: 'not a year or span',
          expected: `a year (2021), a span (2015-2023) or a list (2015,2017), years ${MIN_YEAR}–${MAX_YEAR}`,
          found: value,
          hint: `e.g. ${flag} 2015-2023`,
        });
      }
    }
    if (m && Number(m[1]) > Number(m[2])) {
      refuse(flag, `the span "${part.trim()}" runs backwards.`, {
        message: 'span runs backwards',
        expected: 'first year ≤ last year',
        found: part.trim(),
        hint: `e.g. ${flag} ${m[2]}-${m[1]}`,
      });
    }
  }
};

const country: Check = (value, flag) => {
  try {
    assertCountry(value);
  } catch (e) {
    if (!(e instanceof LanternError)) throw e;
    const p = e.problems[0];
    throw new LanternError('unknown-country', `${flag}: unknown country "${value}".`, [
      { field: flag, message: 'unknown country code', expected: p?.expected, found: value, hint: p?.hint },
    ]);
  }
};

/** Comma-separated countries; `all` and an empty list are left to the command. */
const countries: Check = (value, flag, cwd) => {
  for (const c of value.split(',').map((s) => s.trim())) if (c && c.toLowerCase() !== 'all') country(c, flag, cwd);
};

const edition: Check = (value, flag) => {
  if (normaliseEdition(value)) return;
  refuseEdition(value, flag);
};

/**
 * `--edition` (a basket's codes, `reference hs`): an HS edition, or EBOPS2010 for services items;
 * EBOPS 2002 is refused by name.
 */
const basketEdition: Check = (value, flag) => {
  const services = servicesEdition(value);
  if (services === 'EBOPS2010' || normaliseEdition(value)) return;
  if (services === 'EBOPS2002')
    refuse(flag, `EBOPS 2002 ("${value}") given to ${flag}: Lantern reads services on EBOPS 2010 only.`, {
      message: 'no EBOPS 2002 to EBOPS 2010 correspondence ships with Lantern',
      expected: 'an HS edition or EBOPS2010',
      found: value,
      hint: 'write the basket in EBOPS 2010 items (SK1, SK23, SH4, SI31 …) with --edition EBOPS2010',
    });
  refuseEdition(value, flag);
};

/** An unknown HS edition: refused with the nearest names. */
const refuseEdition = (value: string, flag: string): void => {
  const near = closest(value.toUpperCase(), hsEditions);
  refuse(flag, `Unknown HS edition "${value}" given to ${flag}.`, {
    message: 'unknown HS edition',
    expected: hsEditions.join(' | '),
    found: value,
    hint: `${near.length ? `did you mean ${near.join(', ')}? ` : ''}HS2017, HS17, H5 and 2017 are all accepted`,
  });
};

const count: Check = (value, flag) => {
  if (/^\s*\d+\s*$/.test(value) && Number(value) >= 1) return;
  refuse(flag, `"${value}" is not a positive whole number.`, {
    message: 'not a positive whole number',
    expected: 'a whole number from 1',
    found: value,
    hint: `e.g. ${flag} 10`,
  });
};

const wholeOrZero: Check = (value, flag) => {
  if (/^\s*\d+\s*$/.test(value)) return;
  refuse(flag, `"${value}" is not a whole number.`, {
    message: 'not a whole number',
    expected: 'a whole number from 0',
    found: value,
    hint: `e.g. ${flag} 0`,
  });
};

const decimal: Check = (value, flag) => {
  if (/^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value) && Number.isFinite(Number(value))) return;
  refuse(flag, `"${value}" is not a number.`, {
    message: 'not a number',
    expected: 'a number such as 0.5 or 1',
    found: value,
    hint: `e.g. ${flag} 0.5`,
  });
};

/** A path to read: one that is missing is reported before the store opens (`-` is checked by `stdinArgument`). */
function existing(what: 'file' | 'file or folder'): Check {
  return (value, flag, cwd) => {
    if (value === '-' || existsSync(resolve(cwd, value))) return;
    throw new LanternError('not-found', `No such ${what}: ${value}`, [
      { field: flag, file: basename(value), message: `${what} not found`, expected: `an existing ${what}`, found: value, hint: 'check the path' },
    ]);
  };
}

const existingPath = existing('file or folder');

/** A file to read, not a folder. */
const existingFile: Check = (value, flag, cwd) => {
  existing('file')(value, flag, cwd);
  if (value === '-' || !statSync(resolve(cwd, value)).isDirectory()) return;
  throw new LanternError('bad-file', `${value} is a folder, not a file.`, [
    { field: flag, file: basename(value), message: 'a folder, not a file', expected: 'a file', found: value, hint: 'name a file in it' },
  ]);
};

/** A product selector: an HS code of 2, 4 or 6 digits, or a basket id (optionally `:domain`). */
const productSelector: Check = (value, flag) => {
  const t = value.trim();
  if (/^\d+$/.test(t) && [2, 4, 6].includes(t.length)) return;
  if (/^[a-z][a-z0-9._-]*(:[a-z0-9._-]+)?$/i.test(t) && !/^\d/.test(t)) return;
  refuse(flag, `"${value}" is neither an HS code nor a basket.`, {
    message: 'not an HS code or basket id',
    expected: 'an HS code of 2, 4 or 6 digits (94, 9405, 940510) or a basket id (unesco-fcs-2009, unesco-fcs-2009:books)',
    found: value,
    hint: /^\d/.test(t) ? 'HS codes are digits only, 2, 4 or 6 of them' : '`lantern baskets` lists the baskets',
  });
};

const out: Check = (value, flag, cwd) => {
  const path = resolve(cwd, value);
  if (existsSync(path) && statSync(path).isDirectory()) {
    refuse(flag, `"${value}" is a folder.`, {
      message: 'names a folder, not a file',
      expected: 'a file name',
      found: value,
      hint: `e.g. ${flag} ${value.replace(/[/\\]+$/, '')}/result.csv`,
    });
  }
  if (!existsSync(dirname(path))) {
    refuse(flag, `the folder of "${value}" does not exist.`, {
      message: 'folder does not exist',
      expected: 'a file in an existing folder',
      found: dirname(value),
      hint: `create the folder first (mkdir -p ${dirname(value)})`,
    });
  }
};

/** A web address to download from: http(s) only (a typo is refused here, not as a network error). */
const url: Check = (value, flag) => {
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) return;
  refuse(flag, `"${value}" is not a web address.`, {
    message: 'not an http(s) URL',
    expected: 'an address starting with http:// or https://',
    found: value,
    hint: `e.g. ${flag} https://example.org/data/`,
  });
};

/** A folder to write into: created when missing, refused when a file has its name. */
const folder: Check = (value, flag, cwd) => {
  const path = resolve(cwd, value);
  if (!existsSync(path) || statSync(path).isDirectory()) return;
  refuse(flag, `"${value}" is a file, not a folder.`, {
    message: 'names a file, not a folder',
    expected: 'a folder (created when missing)',
    found: value,
    hint: `e.g. ${flag} ${value}-downloads`,
  });
};

/** A date as YYYY, YYYY-MM or YYYY-MM-DD that exists on the calendar. */
const date: Check = (value, flag) => {
  const d = parsePartialDate(value);
  if (d.ok) return;
  refuse(flag, `"${value}" is not a date.`, { message: d.message, expected: 'YYYY, YYYY-MM or YYYY-MM-DD', found: value, hint: `e.g. ${flag} 2022-07-21` });
};

/**
 * A country group id: its form only. Which groups exist is the library's answer (the bundled ones
 * and the user's own, setting `groups`), naming them when the id is not one; the description's
 * "eu27 | asean | wb-high | …" is an example, not the list.
 */
const groupId: Check = (value, flag) => {
  if (/^[a-z0-9-]+$/.test(value)) return;
  refuse(flag, `"${value}" is not a country group id.`, { message: 'not a group id', expected: 'a kebab-case id such as eu27 (see /api/v1/groups)', found: value, hint: `e.g. ${flag} eu27` });
};

/** Checks by option attribute name (commander's camelCase of the long flag). */
const optionChecks: Record<string, Check> = {
  year,
  from: year,
  to: year,
  years,
  exporter: country,
  importer: country,
  reporter: country,
  country: countries,
  countries,
  partner: countries,
  group: groupId,
  hsEdition: edition,
  edition: basketEdition,
  top: count,
  limit: count,
  window: count,
  minYears: count,
  growthYears: count,
  draws: count,
  rows: count,
  bootstrap: wholeOrZero,
  delay: wholeOrZero,
  easeFloor: decimal,
  minExports: decimal,
  minPopulation: decimal,
  minProductTrade: decimal,
  distanceElasticity: decimal,
  minSize: decimal,
  minGrowth: decimal,
  maxShare: decimal,
  out,
  url,
  mirror: url,
  baseUrl: url,
  comtradeUrl: url,
  unsdUrl: url,
  dir: folder,
  keep: folder,
  date,
  asOf: date,
  file: existingFile,
  published: existingFile,
};

/** Checks by argument name, as declared (`<iso3>`, `<countries...>`). */
const argumentChecks: Record<string, Check> = {
  iso3: country,
  a: country,
  b: country,
  countries: countries,
  selector: productSelector,
  file: existingFile,
  files: existingFile,
  paths: existingPath,
};

/** The values an option's description lists as `a | b | c`, if it does (--format is checked by each command). */
export function listedChoices(o: Option): string[] | undefined {
  if (['format', 'output', 'perspective'].includes(o.attributeName())) return undefined;
  // Parenthesised explanations are left out: "trade-map (each flow …) | reporter" lists trade-map.
  const text = (o.description ?? '').replace(/\s*\([^()]*\)/g, '');
  const m = /(?:^|:\s)([\w-]+(?: \| [\w-]+)+)(?=$|[\s,;])/.exec(text);
  return m?.[1] ? m[1].split(' | ') : undefined;
}

function choice(allowed: readonly string[]): Check {
  return (value, flag) => {
    if (allowed.includes(value)) return;
    const near = closest(value, allowed);
    refuse(flag, `"${value}" is not one of ${allowed.join(', ')}.`, {
      message: 'not an accepted value',
      expected: allowed.join(' | '),
      found: value,
      hint: near.length ? `did you mean ${near[0]}?` : `e.g. ${flag} ${allowed[0]}`,
    });
  };
}

/**
 * The preAction hook: checks the options and arguments of the command about to run.
 *
 * @example program.hook('preAction', (_, cmd) => checkCommandInput(cmd, effects.cwd));
 */
export function checkCommandInput(cmd: Command, cwd: string): void {
  // The command's own options, then its parents' (commander may hand a shared name to the parent).
  for (let c: Command | null = cmd; c; c = c.parent) checkOptions(c, cwd);
  checkArguments(cmd, cwd);
}

function checkOptions(cmd: Command, cwd: string): void {
  const values = cmd.opts() as Record<string, unknown>;
  for (const o of cmd.options as Option[]) {
    const key = o.attributeName();
    const v = values[key];
    if (typeof v !== 'string') continue;
    if (v === o.defaultValue && !optionChecks[key]) continue;
    const flag = o.long ?? o.flags;
    const listed = listedChoices(o);
    const check = optionChecks[key] ?? (listed ? choice(listed) : undefined);
    check?.(v, flag, cwd);
  }
}

/**
 * `-` (standard input) only where the argument's description says "- reads standard input", so the
 * help and the check cannot disagree; elsewhere it would be looked for as a file named "-".
 */
function stdinArgument(description: string | undefined): Check {
  return (value, flag) => {
    if (value !== '-' || /(^|[\s;(])- reads standard input/.test(description ?? '')) return;
    refuse(flag, 'this command reads files, not standard input ("-").', {
      message: 'standard input is not read here',
      expected: 'a file name',
      found: value,
      hint: 'save the input to a file and give its name',
    });
  };
}

function checkArguments(cmd: Command, cwd: string): void {
  const args = (cmd as unknown as { registeredArguments?: { name(): string; description?: string; variadic: boolean }[] }).registeredArguments ?? [];
  args.forEach((a, i) => {
    const check = argumentChecks[a.name()];
    const v = cmd.processedArgs[i] as unknown;
    if (!check || v === undefined) return;
    const flag = `<${a.name()}${a.variadic ? '...' : ''}>`;
    const values = (Array.isArray(v) ? v : [v]).filter((one): one is string => typeof one === 'string');
    if (check === existingPath || check === existingFile) for (const one of values) stdinArgument(a.description)(one, flag, cwd);
    // Every bad value of a list at once (three files, two missing: both named), not just the first.
    const refused = values.flatMap((one) => {
      try {
        check(one, flag, cwd);
        return [];
      } catch (e) {
        if (!(e instanceof LanternError)) throw e;
        return [e];
      }
    });
    const [first] = refused;
    if (!first) return;
    if (refused.length === 1) throw first;
    throw new LanternError(
      first.code,
      `${refused.length} of ${values.length} values of ${flag} refused: ${refused.map((e) => e.message).join('; ')}`,
      refused.flatMap((e) => e.problems),
    );
  });
}
