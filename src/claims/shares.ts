/**
 * How a share is written. What is shared stands before the share word ("Exports accounted for
 * 42.5 percent of the total", "对东盟出口1560亿元，…，占出口总额的15.9%", "the share of exports in
 * the total"): that subject gives the
 * share its measure and partner market. The whole is named after the share word (占出口总额的,
 * 占进出口总额的比重为) or after the figure ("34 percent of the total", "31 percent of exports").
 * Read by extraction (a share's metric and partner) and by the share rule (the whole's measure).
 */
import { type Metric, metricHits, TOTAL_WORDS, WHOLE_MARKERS } from './lexicon.ts';
import { clauseBounds } from './sentences.ts';

export interface ShareWording {
  /** Where what is shared ends: the share word before the figure (null when none is written). */
  subjectEnd: number | null;
  /** Where the clause of the share word begins ("出口额占…": 出口额 is all its subject). */
  subjectClauseStart: number | null;
  /** The words naming the whole ("出口总额的", "the total"), '' when none. */
  whole: string;
}

/** The subject and the named whole of the share at [qStart, qEnd) of sentence t. */
export function shareWording(t: string, qStart: number, qEnd: number): ShareWording {
  let marker: { start: number; end: number } | null = null;
  WHOLE_MARKERS.lastIndex = 0;
  for (const m of t.slice(0, qStart).matchAll(WHOLE_MARKERS)) marker = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
  const clause = clauseBounds(t, qStart);
  const of = /^\s*(?:of|in)\s+((?:the\s+)?[^,;.，；。]{0,60})/i.exec(t.slice(qEnd, clause.end));
  const after = of?.[1] ?? '';
  if (!marker) return shareOfWording(t, clause.start, qStart, after);
  const between = marker.start >= clause.start ? t.slice(marker.end, qStart) : '';
  return { subjectEnd: marker.start, subjectClauseStart: clauseBounds(t, marker.start).start, whole: `${between} ${after}`.trim() };
}

/** "The share of exports in the total reached 45.1 percent": what is shared after "share of", the whole after "in". */
function shareOfWording(t: string, clauseStart: number, qStart: number, after: string): ShareWording {
  let shareOf: { end: number } | null = null;
  for (const m of t.slice(clauseStart, qStart).matchAll(/\b(?:share|proportion|percentage)\s+of\s+/gi))
    shareOf = { end: clauseStart + (m.index ?? 0) + m[0].length };
  if (!shareOf) return { subjectEnd: null, subjectClauseStart: null, whole: after };
  const rest = t.slice(shareOf.end, qStart);
  const cut = /\s(?:in|within|to)\s/i.exec(rest);
  return {
    subjectEnd: cut ? shareOf.end + cut.index : qStart,
    subjectClauseStart: shareOf.end,
    whole: `${cut ? rest.slice(cut.index + cut[0].length) : ''} ${after}`.trim(),
  };
}

/** The measure a share's clause names as its whole subject ("出口额占…", "Exports accounted for…"), else null. */
export function measureAsSubject(t: string, w: ShareWording): Metric | null {
  if (w.subjectEnd === null || w.subjectClauseStart === null) return null;
  const named = metricHits(t.slice(w.subjectClauseStart, w.subjectEnd));
  return (named[named.length - 1]?.label as Metric | undefined) ?? null;
}

/** The measure of what is shared, named before the share word ("出口额占…" → exports), else null. */
export function subjectMetric(t: string, w: ShareWording): Metric | null {
  if (w.subjectEnd === null) return null;
  const named = metricHits(t.slice(0, w.subjectEnd));
  return (named[named.length - 1]?.label as Metric | undefined) ?? null;
}

/** The whole a share names: its measure (出口总额 → exports), or the text's total ("of the total"). */
export function namedWhole(w: ShareWording): { metric: Metric | null; total: boolean } | null {
  if (!w.whole) return null;
  const metric = (metricHits(w.whole)[0]?.label as Metric | undefined) ?? null;
  const total = TOTAL_WORDS.test(w.whole);
  return metric || total ? { metric, total } : null;
}
