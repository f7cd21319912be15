import type { Segmenter } from './segmenter.ts';
import { EN_STOP_WORDS, ZH_STOP_WORDS } from './stop-words.ts';
import { prepareText, type PreparedText } from './topic-text.ts';

/** One topic of a message: `key` groups (simplified, lower case), `label` is how the customer wrote it. */
export interface Topic {
  key: string;
  label: string;
  /** Looks like a product or brand: a model number (小米手环8, Acme X200), a capitalised name, a word the dictionary lacks. */
  product: boolean;
}

export const MAX_TOPICS_PER_MESSAGE = 12;
const MAX_COMPOUND_TOKENS = 4;
const MAX_COMPOUND_CHARS = 16;

/** Jieba's noun-like tags: these join into compounds (小米 + 手环 → 小米手环). `x` is a Han word the dictionary lacks. */
const NOUNISH = new Set(['n', 'nr', 'nrt', 'nrfg', 'ns', 'nt', 'nz', 'nw', 'ng', 'vn', 'an', 'l', 'j', 'x']);
/** Verbs are topics on their own (退款, 发货), never parts of compounds. */
const VERBISH = new Set(['v', 'vd', 'vi']);
/** Tags whose words look like names: unknown words (new brands), proper nouns, organisations. */
const NAMEISH = new Set(['x', 'nz', 'nt', 'nrt']);

const HAN = /^\p{Script=Han}+$/u;
const LATIN_WORD = /^[\p{L}\p{N}]+$/u;
const HAS_LETTER = /\p{L}/u;
const HAS_DIGIT = /\d/;
const SENTENCE_END = /[.!?。！？\n]\s*$/u;

type Kind = 'han' | 'latin' | 'number' | 'space' | 'other';

interface Token {
  simplified: string;
  lower: string;
  start: number;
  end: number;
  tag: string;
  kind: Kind;
  sentenceStart: boolean;
}

/** Priority when a message has more candidates than it keeps. */
const enum Rank {
  Product = 0,
  Compound = 1,
  Phrase = 2,
  Noun = 3,
  Verb = 4,
}

interface Candidate {
  key: string;
  label: string;
  product: boolean;
  rank: Rank;
  at: number;
}

function kindOf(word: string): Kind {
  if (HAN.test(word)) return 'han';
  if (/^\d+$/.test(word)) return 'number';
  if (LATIN_WORD.test(word) && HAS_LETTER.test(word)) return 'latin';
  if (/^\s+$/u.test(word)) return 'space';
  return 'other';
}

function tokenize(prepared: PreparedText, segment: Segmenter): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  // A sentence starts at the beginning and after . ! ? 。 or a line break (spaces between do not count).
  let atSentenceStart = true;
  for (const { word, tag } of segment(prepared.simplified)) {
    const start = offset;
    offset += word.length;
    const kind = kindOf(word);
    tokens.push({ simplified: word, lower: word.toLowerCase(), start, end: offset, tag, kind, sentenceStart: atSentenceStart });
    if (kind !== 'space') atSentenceStart = SENTENCE_END.test(word);
    else if (/\n/.test(word)) atSentenceStart = true;
  }
  return tokens;
}

/** A model number or code: 8, X200, 15, s23 (personal numbers were blanked before). */
const isModel = (t: Token) => (t.kind === 'number' && t.simplified.length <= 4) || (t.kind === 'latin' && HAS_DIGIT.test(t.simplified) && t.simplified.length <= 10);
const isCapitalised = (t: Token) => t.kind === 'latin' && (/^\p{Lu}/u.test(t.simplified) || /\p{Ll}\p{Lu}/u.test(t.simplified));
/**
 * A degree adverb and an adjective (很差, 太慢, 超难用, 挺好) is an opinion, whatever tag HMM guessed
 * (太差 comes out a noun). 真, 最, 更, 好 only count in words the dictionary lacks (真空 and 更新 are things).
 */
const isDegreePhrase = (t: Token) => /^[很太超挺特巨贼蛮]/u.test(t.simplified) || (t.tag === 'x' && /^[真最更好]/u.test(t.simplified));
const isNounish = (t: Token) => t.kind === 'han' && NOUNISH.has(t.tag) && !isDegreePhrase(t);
const isZhStop = (t: Token) => ZH_STOP_WORDS.has(t.simplified);
const isEnStop = (t: Token) => EN_STOP_WORDS.has(t.lower);

/**
 * Topics of one message: keywords and phrases, normalised (NFKC, traditional → simplified, lower
 * case, stop words out) so that 華為手機 and 华为手机 group together, with the customer's own
 * spelling as the label. Personal data (phones, e-mails, links) never becomes a topic.
 *
 * - Chinese: jieba words with their part of speech; adjacent nouns join into compounds (小米 手环 8
 *   → 小米手环8, also kept up to the model number when more follows: 小米手环8充电器 gives 小米手环8);
 *   nouns, unknown words (brands) and verbs of two characters or more count alone.
 * - English: product names (capitalised runs and model codes: Acme X200, iPhone 15 Pro), two-word
 *   phrases of content words (air fryer), content words of three letters or more.
 * At most MAX_TOPICS_PER_MESSAGE, products and compounds first.
 */
export function createTopicExtractor(segment: Segmenter, options: { maxTopics?: number } = {}) {
  const maxTopics = options.maxTopics ?? MAX_TOPICS_PER_MESSAGE;

  return function extractTopics(text: string, prepared: PreparedText = prepareText(text)): Topic[] {
    const tokens = tokenize(prepared, segment);
    const source = prepared.aligned ? prepared.written : prepared.simplified;
    const label = (from: Token, to: Token) => source.slice(from.start, to.end).replace(/\s+/gu, ' ');
    const candidates: Candidate[] = [];
    const add = (key: string, from: Token, to: Token, rank: Rank, product: boolean) => candidates.push({ key, label: label(from, to), product, rank, at: from.start });

    /** Joins keys: a space between two Latin/number words, none next to Han text. */
    const keyOf = (run: Token[]) =>
      run.reduce((key, t, i) => (i > 0 && t.kind !== 'han' && run[i - 1]!.kind !== 'han' ? `${key} ${t.lower}` : key + t.lower), '');

    // Runs of tokens separated by at most one space: compounds and product names live inside one.
    for (let i = 0; i < tokens.length; ) {
      const run: Token[] = [];
      let j = i;
      while (j < tokens.length) {
        const t = tokens[j]!;
        if (t.kind === 'han' || t.kind === 'latin' || t.kind === 'number') {
          run.push(t);
          j++;
        } else if (t.kind === 'space' && t.simplified.length === 1 && run.length > 0 && j + 1 < tokens.length && joinsAcrossSpace(run[run.length - 1]!, tokens[j + 1]!)) {
          j++;
        } else break;
      }
      if (run.length === 0) {
        i = j + 1;
        continue;
      }
      hanCompounds(run);
      const inProduct = latinProducts(run);
      latinPhrases(run, inProduct);
      i = j;
    }

    function hanCompounds(run: Token[]) {
      // Maximal stretches of nouns, each optionally followed by model numbers (小米 手环 8 充电器).
      for (let i = 0; i < run.length; ) {
        if (!isNounish(run[i]!)) {
          i++;
          continue;
        }
        let j = i;
        while (j + 1 < run.length && (isNounish(run[j + 1]!) || (isModel(run[j + 1]!) && run[j]!.kind === 'han'))) j++;
        const part = run.slice(i, j + 1);
        if (part.length >= 2) {
          const modelAt = part.findIndex(isModel);
          const named = part.some((t) => NAMEISH.has(t.tag));
          const chars = part.reduce((n, t) => n + t.simplified.length, 0);
          if (part.length <= MAX_COMPOUND_TOKENS && chars <= MAX_COMPOUND_CHARS && !part.every(isZhStop)) {
            add(keyOf(part), part[0]!, part[part.length - 1]!, modelAt > 0 || named ? Rank.Product : Rank.Compound, modelAt > 0 || named);
          }
          if (modelAt > 0 && modelAt < part.length - 1) add(keyOf(part.slice(0, modelAt + 1)), part[0]!, part[modelAt]!, Rank.Product, true);
        }
        for (const t of part) single(t);
        i = j + 1;
      }
      for (const t of run) if (t.kind === 'han' && VERBISH.has(t.tag)) single(t);
    }

    function single(t: Token) {
      if (t.kind !== 'han' || t.simplified.length < 2 || isZhStop(t) || isDegreePhrase(t)) return;
      if (NAMEISH.has(t.tag)) add(t.lower, t, t, Rank.Product, true);
      else if (NOUNISH.has(t.tag)) add(t.lower, t, t, Rank.Noun, false);
      else if (VERBISH.has(t.tag)) add(t.lower, t, t, Rank.Verb, false);
    }

    /** Adds product names; returns the tokens inside them (past their first word, which may name the brand alone). */
    function latinProducts(run: Token[]): Set<Token> {
      // Capitalised words and model codes in a row: Acme X200, iPhone 15 Pro; or one such word mid-sentence (Xiaomi).
      const inside = new Set<Token>();
      const namePart = (t: Token) => (isCapitalised(t) && !isEnStop(t)) || isModel(t);
      for (let i = 0; i < run.length; ) {
        if (!namePart(run[i]!) || run[i]!.kind === 'han') {
          i++;
          continue;
        }
        let j = i;
        while (j + 1 < run.length && run[j + 1]!.kind !== 'han' && namePart(run[j + 1]!)) j++;
        const part = run.slice(i, j + 1);
        const words = part.filter((t) => t.kind === 'latin');
        const hasModel = part.some(isModel);
        const midSentence = part.some((t) => isCapitalised(t) && !t.sentenceStart);
        const codeLike = words.some((t) => HAS_DIGIT.test(t.simplified) || /\p{Ll}\p{Lu}/u.test(t.simplified));
        if (words.length > 0 && part.length <= MAX_COMPOUND_TOKENS && ((part.length >= 2 && (hasModel || midSentence)) || codeLike || (part.length === 1 && midSentence && t0Long(part[0]!)))) {
          add(keyOf(part), part[0]!, part[part.length - 1]!, Rank.Product, true);
          for (const t of part) inside.add(t);
        }
        i = j + 1;
      }
      return inside;
    }

    function latinPhrases(run: Token[], inProduct: Set<Token>) {
      const content = (t: Token) => t.kind === 'latin' && !isEnStop(t) && (t.simplified.length >= 3 || isModel(t));
      for (let i = 0; i < run.length; i++) {
        const t = run[i]!;
        if (!content(t)) continue;
        const firstOfProduct = inProduct.has(t) && !inProduct.has(run[i - 1]!);
        if (!HAS_DIGIT.test(t.simplified) && (!inProduct.has(t) || firstOfProduct)) add(t.lower, t, t, Rank.Noun, false);
        const next = run[i + 1];
        // A phrase is all inside a product name or all outside one (no "X200 air", "Pro drains").
        if (next && content(next) && inProduct.has(t) === inProduct.has(next) && !inProduct.has(t)) add(`${t.lower} ${next.lower}`, t, next, Rank.Phrase, false);
      }
    }

    return pick(candidates, maxTopics);
  };
}

const t0Long = (t: Token) => t.simplified.length >= 3;

/** One space joins a Han word to a model number or two Latin words (小米手环 8, iPhone 15), never two Han words: those were separate phrases. */
const joinsAcrossSpace = (before: Token, after: Token) =>
  (after.kind === 'latin' || after.kind === 'number' || after.kind === 'han') && (before.kind !== 'han' || after.kind !== 'han');

/** The best candidate per key, then the best keys (rank, then first seen). */
function pick(candidates: Candidate[], max: number): Topic[] {
  const byKey = new Map<string, Candidate>();
  for (const c of candidates) {
    const seen = byKey.get(c.key);
    if (!seen || c.rank < seen.rank) byKey.set(c.key, seen ? { ...c, at: Math.min(c.at, seen.at) } : c);
  }
  return [...byKey.values()]
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .slice(0, max)
    .map(({ key, label, product }) => ({ key, label, product }));
}

export type TopicExtractor = ReturnType<typeof createTopicExtractor>;
