import { prepareText } from '../topics/topic-text.ts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds watch-list terms in a message as customers write them: the text is normalised like topics
 * (NFKC, traditional → simplified, lower case), so 媒體 is 媒体; Latin words and phrases match only
 * as whole words (`sue` is not in "issue"), numbers only as whole numbers (315 is not in a price of
 * 3150, and 12315 is a term of its own). One combined expression per list: a message is scanned once.
 */
export function createTermMatcher(terms: readonly string[]): (text: string) => string[] {
  const normalised = terms.map((term) => ({ term, text: prepareText(term).lower.trim() })).filter((t) => t.text.length > 0);
  if (normalised.length === 0) return () => [];
  const alternatives = normalised.map(({ text }, i) => {
    const body = escape(text);
    const start = /^\d/.test(text) ? '(?<!\\d)' : /^[a-z]/.test(text) ? '(?<![\\p{L}\\p{N}])' : '';
    const end = /\d$/.test(text) ? '(?!\\d)' : /[a-z]$/.test(text) ? '(?![\\p{L}\\p{N}])' : '';
    return `(?<t${i}>${start}${body}${end})`;
  });
  const pattern = new RegExp(alternatives.join('|'), 'gu');
  return (text) => {
    const found = new Set<string>();
    for (const match of prepareText(text).lower.matchAll(pattern)) {
      for (const [name, value] of Object.entries(match.groups ?? {})) if (value !== undefined) found.add(normalised[Number(name.slice(1))]!.term);
    }
    return [...found];
  };
}
