/**
 * Resolving a basket's codes from the HS edition it is written in to another edition, through a
 * UNSD correlation table. Pure: the links come in, the resolved rows go out, so every rule here is
 * unit-tested without a database.
 *
 * Rules (and why):
 * - A correlation link (older code → newer code) is a *catch-all* link when its newer code is a
 *   very wide destination: an HS2022 8549xx (e-waste) or 8524xx (display modules) subheading, or any
 *   newer code that at least `wideFanIn` older codes link to (8541/8542 and 852990 in the HS2022
 *   tables). UNSD lists such links because waste or parts of the goods moved there; following them
 *   would put e-waste and display modules into a books or music basket. They are kept apart as
 *   *residual* links, reported but not resolved to — unless a code has no other link, in which
 *   case they are its destinations and the row says so.
 * - The mapping label is computed from the links that remain, pairwise: `1:1` (one target that no
 *   other code feeds), `1:n` (split), `n:1` (merged with other codes), `n:n`.
 * - Several basket codes can land on one target code. The target appears once (so joining trade
 *   data never counts a flow twice), carrying the domain of the first code in priority order (core
 *   before equipment, then domain code, then code) and a note naming the others.
 * - A basket code absent from the table's older/newer side is unresolved, with the reason; nothing is
 *   silently dropped.
 */
import type { HsEdition } from './hs.ts';

/** How a code was resolved; 'sub-item' for a services basket: an EBOPS item under a basket item. */
export type Mapping = 'identity' | '1:1' | '1:n' | 'n:1' | 'n:n' | 'sub-item';

export interface BasketCode {
  code: string;
  domainCode: string | null;
  domain: string | null;
  coreOrRelated: string | null;
}

/** One link of the correlation table, oriented from the basket's edition to the target edition. */
export interface Link {
  /** Code in the basket's edition. */
  from: string;
  /** Code in the target edition; null when UNSD gives no counterpart ('n/a'). */
  to: string | null;
  /** True when the link goes to (or, in reverse, comes from) a catch-all newer code. */
  catchAll: boolean;
}

export interface ResolvedCode extends BasketCode {
  /** Code in the target edition. */
  code: string;
  sourceCode: string;
  sourceCodes: string[];
  mapping: Mapping;
  note: string | null;
}

export interface ResidualLink {
  sourceCode: string;
  code: string;
  reason: string;
}

export interface UnresolvedCode {
  code: string;
  reason: string;
}

/** How each basket code was resolved: the view `lantern basket show` and the tests read. */
export interface SourceResolution {
  sourceCode: string;
  /** Whether the code still exists, unchanged in number, in the target edition. */
  existsInTarget: boolean;
  mapping: Mapping | 'unresolved';
  targets: string[];
  residual: string[];
}

export interface Resolution {
  from: HsEdition;
  to: HsEdition;
  via: string;
  policy: string;
  codes: ResolvedCode[];
  residual: ResidualLink[];
  unresolved: UnresolvedCode[];
  bySource: SourceResolution[];
}

/** Newer codes that are catch-all destinations in a table, by name (HS2022) and by width. */
export const CATCH_ALL_HEADINGS_HS2022 = ['8549', '8524'] as const;
export const DEFAULT_WIDE_FAN_IN = 50;

export function residualPolicy(wideFanIn = DEFAULT_WIDE_FAN_IN): string {
  return (
    `links to HS2022 ${CATCH_ALL_HEADINGS_HS2022.map((h) => `${h}xx`).join('/')} and to any code that >= ${wideFanIn} ` +
    'codes of the other edition link to are residual (reported, not resolved to) unless they are the only links of a code'
  );
}

/** True when a newer-edition code is a catch-all destination. */
export function isCatchAll(
  newerEdition: HsEdition,
  newerCode: string,
  fanIn: number,
  wideFanIn = DEFAULT_WIDE_FAN_IN,
): boolean {
  if (newerEdition === 'HS2022' && CATCH_ALL_HEADINGS_HS2022.some((h) => newerCode.startsWith(h)))
    return true;
  return fanIn >= wideFanIn;
}

const priority = (c: string | null) =>
  ({ core: 0, related: 1, equipment_supporting_cultural: 2, equipment_supporting_related: 3 })[c ?? ''] ?? 4;

function byPriority(a: BasketCode, b: BasketCode): number {
  return (
    priority(a.coreOrRelated) - priority(b.coreOrRelated) ||
    (a.domainCode ?? '').localeCompare(b.domainCode ?? '') ||
    a.code.localeCompare(b.code)
  );
}

/** The basket in its own edition: every code maps to itself (unless the nomenclature says it is not a code). */
export function resolveIdentity(
  edition: HsEdition,
  codes: readonly BasketCode[],
  known?: ReadonlySet<string>,
): Resolution {
  const resolved: ResolvedCode[] = [];
  const unresolved: UnresolvedCode[] = [];
  const bySource: SourceResolution[] = [];
  for (const c of codes) {
    if (known && !known.has(c.code)) {
      unresolved.push({
        code: c.code,
        reason: `${c.code} is not a subheading of the ${edition} nomenclature`,
      });
      bySource.push({
        sourceCode: c.code,
        existsInTarget: false,
        mapping: 'unresolved',
        targets: [],
        residual: [],
      });
      continue;
    }
    resolved.push({ ...c, sourceCode: c.code, sourceCodes: [c.code], mapping: 'identity', note: null });
    bySource.push({
      sourceCode: c.code,
      existsInTarget: true,
      mapping: 'identity',
      targets: [c.code],
      residual: [],
    });
  }
  return {
    from: edition,
    to: edition,
    via: 'identity',
    policy: 'identity',
    codes: resolved,
    residual: [],
    unresolved,
    bySource,
  };
}

export interface CorrelationInput {
  from: HsEdition;
  to: HsEdition;
  via: string;
  policy: string;
  /** Every link of the table that touches a basket code, oriented basket edition → target. */
  links: readonly Link[];
  /**
   * For each target code reached by a non-catch-all link: how many distinct codes of the basket's
   * edition link to it in the whole table (not only basket codes) — for the n:1 / n:n labels.
   */
  targetFanIn: ReadonlyMap<string, number>;
  /** Codes of the target edition (to say whether a basket code still exists there). */
  targetCodes: ReadonlySet<string>;
  /** Codes of the basket's edition that appear in the table (to tell "not a code" from "no link"). */
  sourceCodesInTable: ReadonlySet<string>;
  /**
   * A code whose every link is catch-all: 'keep' them as its destinations (forward: e.g. HS2007
   * waste codes that moved to 8549) or report it 'unresolved' with the links as residual (backward:
   * an HS2022 catch-all subheading has no specific older counterpart). Default 'keep'.
   */
  onlyCatchAll?: 'keep' | 'unresolved';
}

/**
 * Resolves basket codes through correlation links.
 *
 * Kept whole: one walk over the codes and their links, with the cases of a link (kept, moved,
 * split, catch-all, unresolved) side by side.
 */
export function resolveThroughLinks(codes: readonly BasketCode[], input: CorrelationInput): Resolution {
  const linksByFrom = new Map<string, Link[]>();
  for (const l of input.links) {
    const list = linksByFrom.get(l.from) ?? [];
    list.push(l);
    linksByFrom.set(l.from, list);
  }
  const unresolved: UnresolvedCode[] = [];
  const residual: ResidualLink[] = [];
  const bySource: SourceResolution[] = [];
  // target code → the basket codes that reach it, with the mapping of each
  const landing = new Map<string, { basket: BasketCode; mapping: Mapping; onlyCatchAll: boolean }[]>();

  for (const c of codes) {
    const links = linksByFrom.get(c.code) ?? [];
    const existsInTarget = input.targetCodes.has(c.code);
    const withTarget = links.filter((l): l is Link & { to: string } => l.to !== null);
    if (withTarget.length === 0) {
      const reason = !input.sourceCodesInTable.has(c.code)
        ? `${c.code} is not in the ${input.via} correlation table (not a ${input.from} subheading?)`
        : `the ${input.via} correlation table gives no ${input.to} counterpart for ${c.code} (n/a)`;
      unresolved.push({ code: c.code, reason });
      bySource.push({ sourceCode: c.code, existsInTarget, mapping: 'unresolved', targets: [], residual: [] });
      continue;
    }
    let main = withTarget.filter((l) => !l.catchAll);
    let rest = withTarget.filter((l) => l.catchAll);
    const onlyCatchAll = main.length === 0;
    if (onlyCatchAll && input.onlyCatchAll === 'unresolved') {
      const restTargets = [...new Set(rest.map((l) => l.to))].sort();
      unresolved.push({
        code: c.code,
        reason: `${c.code} is a catch-all ${input.from} subheading: all its ${restTargets.length} links in the ${input.via} table are catch-all, so it has no specific ${input.to} counterpart (links listed as residual)`,
      });
      for (const t of restTargets)
        residual.push({
          sourceCode: c.code,
          code: t,
          reason: 'link of a catch-all code (residual, not resolved to)',
        });
      bySource.push({
        sourceCode: c.code,
        existsInTarget,
        mapping: 'unresolved',
        targets: [],
        residual: restTargets,
      });
      continue;
    }
    if (onlyCatchAll) {
      main = rest;
      rest = [];
    }
    const targets = [...new Set(main.map((l) => l.to))].sort();
    const merged = targets.some((t) => (input.targetFanIn.get(t) ?? 1) > 1);
    const mapping: Mapping = targets.length === 1 ? (merged ? 'n:1' : '1:1') : merged ? 'n:n' : '1:n';
    for (const t of targets) {
      const list = landing.get(t) ?? [];
      list.push({ basket: c, mapping, onlyCatchAll });
      landing.set(t, list);
    }
    const restTargets = [...new Set(rest.map((l) => l.to))].sort();
    for (const t of restTargets) {
      residual.push({
        sourceCode: c.code,
        code: t,
        reason: 'catch-all destination (residual, not resolved to)',
      });
    }
    bySource.push({ sourceCode: c.code, existsInTarget, mapping, targets, residual: restTargets });
  }

  const resolved: ResolvedCode[] = [];
  for (const [target, list] of [...landing.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => byPriority(a.basket, b.basket));
    const first = list[0];
    if (!first) continue;
    const notes: string[] = [];
    if (first.onlyCatchAll) notes.push(`only catch-all links exist for ${first.basket.code}`);
    const others = list.slice(1);
    if (others.length > 0) {
      notes.push(
        `also reached from ${others
          .map(
            (o) =>
              `${o.basket.code}${o.basket.domainCode !== first.basket.domainCode || o.basket.coreOrRelated !== first.basket.coreOrRelated ? ` (${o.basket.domainCode ?? '-'}, ${o.basket.coreOrRelated ?? '-'})` : ''}`,
          )
          .join(', ')}`,
      );
    }
    resolved.push({
      code: target,
      domainCode: first.basket.domainCode,
      domain: first.basket.domain,
      coreOrRelated: first.basket.coreOrRelated,
      sourceCode: first.basket.code,
      sourceCodes: list.map((o) => o.basket.code),
      mapping: first.mapping,
      note: notes.length ? notes.join('; ') : null,
    });
  }
  return {
    from: input.from,
    to: input.to,
    via: input.via,
    policy: input.policy,
    codes: resolved,
    residual,
    unresolved,
    bySource,
  };
}
