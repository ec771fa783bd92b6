/**
 * Compatibility rewrites for old ClickHouse servers (before 20.x, e.g. Debian 12's 18.16), applied
 * by the ClickHouse store to rendered SQL text just before it is sent. They change spelling, never
 * meaning, and only touch text the program wrote (values are bound parameters, see dialect.ts).
 *
 * - `inlineCtes`: 18.16's `WITH` names expressions only; `WITH name AS (subquery)` came in 20.x.
 *   Each common table expression is inlined where it is used as a table (`from name [alias]`,
 *   `join name [alias]`) as `(subquery) alias`. A CTE used twice is computed twice — the cost of
 *   running on an old server.
 */

type Token = { kind: 'space' | 'word' | 'quoted' | 'open' | 'close' | 'punct'; text: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j] as string)) j++;
      out.push({ kind: 'space', text: text.slice(i, j) });
      i = j;
    } else if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const j = end === -1 ? text.length : end;
      out.push({ kind: 'space', text: text.slice(i, j) });
      i = j;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === '\\') j += 2;
        else if (text[j] === c && text[j + 1] === c) j += 2;
        else if (text[j] === c) break;
        else j++;
      }
      out.push({ kind: c === "'" ? 'quoted' : 'word', text: text.slice(i, j + 1) });
      i = j + 1;
    } else if (/[A-Za-z_0-9]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[A-Za-z_0-9.]/.test(text[j] as string)) j++;
      out.push({ kind: 'word', text: text.slice(i, j) });
      i = j;
    } else if (c === '(') {
      out.push({ kind: 'open', text: c });
      i++;
    } else if (c === ')') {
      out.push({ kind: 'close', text: c });
      i++;
    } else {
      out.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return out;
}

const KEYWORDS = new Set(
  'where join left right inner outer full cross on using group order limit union having as any all global array final sample prewhere settings format semi anti asof'.split(
    ' ',
  ),
);

const lower = (t: Token | undefined) => (t && t.kind === 'word' ? t.text.toLowerCase() : '');

/** Index of the next non-space token at or after i (or tokens.length). */
function skip(tokens: Token[], i: number): number {
  let j = i;
  while (j < tokens.length && (tokens[j] as Token).kind === 'space') j++;
  return j;
}

/** Index of the `)` closing the `(` at i. */
function closing(tokens: Token[], i: number): number {
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    const k = (tokens[j] as Token).kind;
    if (k === 'open') depth++;
    else if (k === 'close' && --depth === 0) return j;
  }
  throw new Error('unbalanced parentheses in SQL');
}

const join = (tokens: Token[]) => tokens.map((t) => t.text).join('');

/** Replaces table uses of the named CTEs in `tokens` by their (already rewritten) bodies. */
function substitute(tokens: Token[], ctes: Map<string, string>): Token[] {
  if (ctes.size === 0) return tokens;
  const out: Token[] = [];
  let prev = '';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const name = t.kind === 'word' ? t.text : '';
    const body = ctes.get(name) ?? ctes.get(name.replace(/^[`"](.*)[`"]$/, '$1'));
    if (body !== undefined && (prev === 'from' || prev === 'join')) {
      const n = skip(tokens, i + 1);
      const next = tokens[n];
      const aliased = next?.kind === 'word' && (lower(next) === 'as' || !KEYWORDS.has(lower(next)));
      out.push({ kind: 'word', text: aliased ? `(${body})` : `(${body}) as ${name}` });
    } else {
      out.push(t);
    }
    if (t.kind !== 'space') prev = lower(t);
  }
  return out;
}

/** Rewrites one statement or subquery body (tokens without the enclosing parentheses). */
function rewrite(tokens: Token[], outer: Map<string, string>): Token[] {
  const start = skip(tokens, 0);
  if (lower(tokens[start]) !== 'with') return plain(tokens, outer);
  // with name as (body) [, name as (body)]* main — each body sees the CTEs before it.
  const ctes = new Map(outer);
  let i = skip(tokens, start + 1);
  for (;;) {
    const nameTok = tokens[i];
    const asAt = skip(tokens, i + 1);
    const openAt = skip(tokens, asAt + 1);
    if (nameTok?.kind !== 'word' || lower(tokens[asAt]) !== 'as' || tokens[openAt]?.kind !== 'open') {
      // `WITH expr AS name` (ClickHouse's own expression aliases): not a CTE list.
      return plain(tokens, outer);
    }
    const end = closing(tokens, openAt);
    ctes.set(
      nameTok.text.replace(/^[`"](.*)[`"]$/, '$1'),
      join(rewrite(tokens.slice(openAt + 1, end), ctes)),
    );
    i = skip(tokens, end + 1);
    if (tokens[i]?.kind === 'punct' && tokens[i]?.text === ',') {
      i = skip(tokens, i + 1);
      continue;
    }
    break;
  }
  return [...tokens.slice(0, start), ...plain(tokens.slice(i), ctes)];
}

/** Rewrites the parenthesised parts of `tokens`, then replaces CTE uses at this level. */
function plain(tokens: Token[], ctes: Map<string, string>): Token[] {
  const flat: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind === 'open') {
      const end = closing(tokens, i);
      flat.push(t, ...rewrite(tokens.slice(i + 1, end), ctes), tokens[end] as Token);
      i = end;
    } else {
      flat.push(t);
    }
  }
  return substitute(flat, ctes);
}

/**
 * Inlines `WITH name AS (subquery)` common table expressions (at any depth) into the places that
 * read them as tables. Text without such CTEs comes back unchanged.
 *
 * @example
 *   inlineCtes('with a as (select 1 as x) select x from a')   // 'select x from (select 1 as x) as a'
 */
export function inlineCtes(text: string): string {
  if (!/\bwith\b/i.test(text)) return text;
  return join(rewrite(tokenize(text), new Map()));
}

/**
 * Reads of a view in one statement above which its predicate push-down is turned off (see
 * `readDirectly`). Measured on 18.16 (bench/RESULTS.md, session 8): the services `value` statement
 * reads `trade_flows` 14 times and took 51–80 s with push-down, 11 s without; statements of up to 8
 * reads (bilateral, complementarity) took the same time either way, and single scans need it.
 */
export const PUSH_DOWN_MAX_READS = 8;

/**
 * For servers before 20.x: whether a statement may keep predicate push-down. One that reads the
 * view `view` more than PUSH_DOWN_MAX_READS times is sent with `enable_optimize_predicate_expression
 * = 0` (18.16's analysis of push-down through many nested subqueries costs far more than the rows).
 * The reads stay on the view: sending them to the Distributed table behind it instead failed on
 * 18.16 for a statement holding a constant column ("Cannot convert column grp because it is non
 * constant in source stream": export potential by domain on reported data).
 *
 * @example
 *   keepsPushDown(text, 'trade_flows')   // false for 9+ reads of trade_flows
 */
export function keepsPushDown(text: string, view: string): boolean {
  let reads = 0;
  let prev = '';
  for (const t of tokenize(text)) {
    if (t.kind === 'word' && t.text === view && (prev === 'from' || prev === 'join')) reads++;
    if (t.kind !== 'space') prev = lower(t);
  }
  return reads <= PUSH_DOWN_MAX_READS;
}
