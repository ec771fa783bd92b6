/**
 * Paragraphs and sentences with their offsets in the document text.
 *
 * A sentence ends at [.!?] followed by whitespace (a decimal point is not followed by whitespace)
 * or glued to a capitalised word after a lower-case word ("last year.According to"),
 * at a Chinese full stop 。！？, or at a line break. A paragraph ends at a blank line or a line
 * break (news texts put one paragraph on a line).
 */
export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Sentence extends Span {
  /** Index of the paragraph it belongs to. */
  para: number;
  index: number;
}

/** Splits a text into sentences; offsets are into `text`. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let para = 0;
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s] as string)) s++;
    while (e > s && /\s/.test(text[e - 1] as string)) e--;
    if (e > s) out.push({ start: s, end: e, text: text.slice(s, e), para, index: out.length });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\n') {
      push(i);
      para++;
      start = i + 1;
    } else if (
      (c === '.' || c === '!' || c === '?') &&
      (i + 1 >= text.length ||
        /\s/.test(text[i + 1] as string) ||
        // "…last year.According to…": a full stop glued to the next sentence by a lost space.
        (/[a-z]{2}$/.test(text.slice(Math.max(0, i - 2), i)) && /^[A-Z][a-z]/.test(text.slice(i + 1, i + 3))))
    ) {
      // "U.S. exports" and "No. 5" do not end a sentence.
      const before = text.slice(Math.max(0, i - 4), i);
      if (
        c === '.' &&
        /(?:^|[\s(])(?:[A-Z]|U\.S|No|Mr|Ms|Dr|St|vs|etc|Inc|Co|Ltd|approx|e\.g|i\.e)$/.test(before)
      )
        continue;
      push(i + 1);
      start = i + 1;
    } else if (c === '。' || c === '！' || c === '？') {
      push(i + 1);
      start = i + 1;
    }
  }
  push(text.length);
  return out;
}

/** Clause boundaries inside a sentence: , ; : and their CJK forms (not a thousands separator). */
export function clauseBounds(text: string, pos: number): { start: number; end: number } {
  const isSep = (i: number) => {
    const c = text[i];
    if (c === ';' || c === '；' || c === '，' || c === '：' || c === '、') return true;
    if (c === ',' || c === ':') return !(/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? ''));
    return false;
  };
  let s = pos;
  while (s > 0 && !isSep(s - 1)) s--;
  let e = pos;
  while (e < text.length && !isSep(e)) e++;
  return { start: s, end: e };
}
