/** Counted noun phrases: whether two name the same thing ("cultural departments" / "ministries"). */
const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'and',
  'in',
  'on',
  'with',
  'to',
  'for',
  'by',
  'including',
  'have',
  'has',
  'had',
  'this',
  'these',
  'that',
  'which',
  'its',
  'their',
  'such',
  'more',
  'than',
  'over',
  'recently',
  'week',
  'chinese',
  'led',
]);
const SYN: Record<string, string> = {
  departments: 'bodies',
  authorities: 'bodies',
  agencies: 'bodies',
  ministries: 'bodies',
  organs: 'bodies',
  institutions: 'bodies',
  nations: 'countries',
  states: 'countries',
  economies: 'countries',
};

function words(s: string | null): Set<string> {
  return new Set(
    (s ?? '')
      .toLowerCase()
      .split(/[^a-z\u4e00-\u9fff]+/)
      .filter((w) => w.length > 2 && !STOP.has(w))
      .map((w) => SYN[w] ?? w),
  );
}

/** Two counted noun phrases name the same thing when their first noun (after synonyms) is shared. */
export function similarSubjects(a: string | null, b: string | null): boolean {
  const A = words(a);
  const B = words(b);
  if (!A.size || !B.size) return false;
  const headA = [...A].slice(0, 3);
  return headA.some((w) => B.has(w));
}

