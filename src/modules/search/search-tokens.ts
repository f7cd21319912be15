import * as OpenCC from 'opencc-js/t2cn';

/**
 * Search that works for Chinese and English without a Chinese-aware Postgres: we turn text into
 * lexemes ourselves and store them with array_to_tsvector, so the database's locale and parser
 * play no part. Han text becomes characters and character bigrams (a query's bigrams must all be
 * present, which approximates a substring match); other text becomes lower-cased words, matched by
 * prefix. Traditional characters are folded to simplified, so 退款 finds 退款 and 退款 finds 退款.
 */
const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

const HAN = /\p{Script=Han}/u;
const RUNS = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
const MAX_WORD = 40;
const MAX_LEXEMES = 4_000;

function normalise(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase());
}

/** The lexemes stored for a document (subject or message). */
export function documentLexemes(text: string): string[] {
  const lexemes = new Set<string>();
  for (const [run] of normalise(text).matchAll(RUNS)) {
    if (HAN.test(run[0]!)) {
      const chars = Array.from(run);
      for (let i = 0; i < chars.length; i++) {
        lexemes.add(chars[i]!);
        if (i + 1 < chars.length) lexemes.add(chars[i]! + chars[i + 1]!);
      }
    } else if (run.length <= MAX_WORD) {
      lexemes.add(run);
    }
    if (lexemes.size >= MAX_LEXEMES) break;
  }
  return [...lexemes];
}

/**
 * What `q` asks for: Han character bigrams (a lone character when the run has one) that must all be
 * present, and words matched as prefixes; normalised as documents are. At most 32 terms.
 */
export function queryTerms(q: string): { han: string[]; words: string[] } {
  const han = new Set<string>();
  const words = new Set<string>();
  for (const [run] of normalise(q).matchAll(RUNS)) {
    if (HAN.test(run[0]!)) {
      const chars = Array.from(run);
      if (chars.length === 1) han.add(chars[0]!);
      for (let i = 0; i + 1 < chars.length; i++) han.add(`${chars[i]}${chars[i + 1]}`);
    } else {
      words.add(run.slice(0, MAX_WORD));
    }
    if (han.size + words.size >= 32) break;
  }
  return { han: [...han], words: [...words] };
}

/**
 * A tsquery (in its literal syntax, to be cast with `::tsquery`) that matches documents holding
 * every term of `q`, or null when `q` has nothing searchable.
 */
export function queryExpression(q: string): string | null {
  const { han, words } = queryTerms(q);
  const terms = [...han.map((term) => `'${term}'`), ...words.map((word) => `'${word}':*`)];
  return terms.length > 0 ? terms.join(' & ') : null;
}

export { normalise as normaliseForSearch };
