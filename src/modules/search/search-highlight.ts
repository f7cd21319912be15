import { normaliseForSearch, queryTerms } from './search-tokens.ts';

/**
 * The snippet of a matching text that shows why it matched: HTML-escaped, the query's terms in
 * <mark>, about WIDTH characters around the first of them. Our own code rather than ts_headline:
 * the lexemes are our own (Han bigrams, traditional folded to simplified, word prefixes), which
 * Postgres's parsers would not find in the text. Terms are found in the normalised text and
 * marked in the original, so a traditional 退款 is marked for a query of 退款.
 */
const WIDTH = 120;
const BEFORE = 30;
const MAX_TEXT = 20_000;
const WORD_CHAR = /[\p{L}\p{N}]/u;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * The normalised text and, for each of its UTF-16 units, the original unit it came from: one pass
 * over the whole text when normalising keeps its length (nearly always), else per code point.
 */
function normalisedWithOffsets(text: string): { normal: string; origin: number[] } {
  const whole = normaliseForSearch(text);
  if (whole.length === text.length) return { normal: whole, origin: Array.from({ length: text.length + 1 }, (_, i) => i) };
  let normal = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; ) {
    const point = String.fromCodePoint(text.codePointAt(i)!);
    const folded = normaliseForSearch(point);
    for (let k = 0; k < folded.length; k++) origin.push(i);
    normal += folded;
    i += point.length;
  }
  origin.push(text.length);
  return { normal, origin };
}

/** Merged [start, end) ranges of the terms in `normal`: Han terms anywhere, words at a word start. */
function termRanges(normal: string, terms: { han: string[]; words: string[] }): [number, number][] {
  const ranges: [number, number][] = [];
  const find = (term: string, atWordStart: boolean) => {
    for (let at = normal.indexOf(term); at !== -1; at = normal.indexOf(term, at + 1)) {
      if (atWordStart && at > 0 && WORD_CHAR.test(normal[at - 1]!)) continue;
      let end = at + term.length;
      // A prefix term marks the whole word it starts.
      if (atWordStart) while (end < normal.length && WORD_CHAR.test(normal[end]!)) end++;
      ranges.push([at, end]);
    }
  };
  for (const term of terms.han) find(term, false);
  for (const word of terms.words) find(word, true);
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

/** The highlighted snippet of `text` for `q`, or null when none of q's terms is in it. */
export function highlight(text: string, q: string): string | null {
  const terms = queryTerms(q);
  if (terms.han.length + terms.words.length === 0) return null;
  const source = text.slice(0, MAX_TEXT);
  const { normal, origin } = normalisedWithOffsets(source);
  const ranges = termRanges(normal, terms).map(([a, b]): [number, number] => [origin[a]!, origin[b]!]);
  if (ranges.length === 0) return null;
  const from = Math.max(0, ranges[0]![0] - BEFORE);
  const to = Math.min(source.length, from + WIDTH);
  let snippet = from > 0 ? '…' : '';
  let at = from;
  for (const [start, end] of ranges) {
    if (start >= to) break;
    snippet += escapeHtml(source.slice(at, start)) + `<mark>${escapeHtml(source.slice(start, Math.min(end, to)))}</mark>`;
    at = Math.min(end, to);
  }
  snippet += escapeHtml(source.slice(at, to));
  return to < text.length ? `${snippet}…` : snippet;
}
