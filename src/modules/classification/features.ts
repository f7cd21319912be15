import { isHan } from './language.ts';
import { cueIds } from './cues.ts';

/**
 * Hashed n-gram features, computed in one pass over the normalised text without allocating a
 * string per n-gram: each token is hashed incrementally from its code units and n-grams combine
 * token hashes with an integer mixer.
 *
 * Feature families (each has its own seed so that, e.g., the unigram 好 and the word "好" never
 * share a bucket by construction):
 * - Chinese: character unigrams, bigrams, trigrams within a run of Han characters, plus a
 *   "run start" bigram (so 请问…/建议… at the head of a clause are features of their own);
 * - Latin script: word unigrams, word bigrams, and a 5-character prefix of longer words (a cheap
 *   stemmer: refunded/refunds → "refun"); digits are folded to 0 so order numbers and amounts do
 *   not create features; @mentions and URLs become one token each (tweets are full of them, and
 *   the handle says which brand, not what the customer wants);
 * - '?' and '!' tokens, and whether the text ends with '?';
 * - a script token (text has Han characters or not), so each language gets its own class prior
 *   (the bias terms alone are shared by all languages);
 * - cue features (see cues.ts): a few dozen hand-written, source-independent intent cues, each
 *   emitted CUE_REPEAT times (value 3 instead of 1).
 * All other features have value 1; the vector is scaled by 1/sqrt(count) (≈ L2 normalisation), so long
 * letters and short chat messages live on the same scale.
 */

export interface FeatureScratch {
  idx: Int32Array;
}

export function createFeatureScratch(): FeatureScratch {
  return { idx: new Int32Array(1024) };
}

const SEED_HAN1 = 0x1b873593;
const SEED_HAN2 = 0x2c1b3c6d;
const SEED_HAN3 = 0x297a2d39;
const SEED_HANSTART = 0x6b43a9b5;
const SEED_WORD1 = 0x7ed55d16;
const SEED_WORD2 = 0x165667b1;
const SEED_PREFIX = 0x4cf5ad43;
const SEED_PUNCT = 0x68e31da4;
const SEED_CUE = 0x5bd1e995;


/** murmur3 finaliser: good avalanche for 32-bit integers, a few cycles. */
export function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function combine(seed: number, a: number): number {
  return fmix(Math.imul(seed ^ a, 0x9e3779b1) + 0x7f4a7c15);
}

function combine2(seed: number, a: number, b: number): number {
  return fmix(Math.imul(combine(seed, a) ^ b, 0x9e3779b1) + 0x7f4a7c15);
}

/** Stable hash of a string, for named features (cues) and tests. */
export function hashString(seed: number, s: string): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix(h);
}

function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27 || (c >= 0xc0 && c < 0x2000 && c !== 0xd7 && c !== 0xf7)
  );
}

function isSpace(c: number): boolean {
  return c === 0x20;
}

const PREFIX_LEN = 5;
/**
 * Each cue that fires is emitted this many times, i.e. with value CUE_REPEAT instead of 1: a cue
 * is one feature among dozens of n-grams, and without the extra weight the source-specific
 * n-grams drown it (measured on gold-dev and held-out sources: 2–4 are equivalent, 1 is worse).
 */
export const CUE_REPEAT = 3;
const CUE_HASHES: readonly number[] = cueIds().map((id) => hashString(SEED_CUE, id));

/**
 * Writes bucket indices (0 … 2^bits − 1) for `norm` (already normalised) into `scratch.idx` and
 * returns how many were written. `cueHits` lists the indices (into cueIds()) of cues that fired.
 */
export function extractFeatures(norm: string, bits: number, scratch: FeatureScratch, cueHits: readonly number[]): number {
  const n = norm.length;
  const need = 4 * n + cueHits.length * CUE_REPEAT + 16;
  if (scratch.idx.length < need) scratch.idx = new Int32Array(Math.max(need, scratch.idx.length * 2));
  const out = scratch.idx;
  const shift = 32 - bits;
  let k = 0;

  let h1 = -1; // previous Han character, -1 if none in this run
  let h2 = -1; // the one before
  let prevWord = 0; // hash of the previous word in this clause, 0 = none
  let i = 0;
  let lastNonSpace = 0;
  let hanSeen = false;
  while (i < n) {
    const c = norm.charCodeAt(i);
    if (isHan(c)) {
      out[k++] = combine(SEED_HAN1, c) >>> shift;
      if (h1 >= 0) {
        out[k++] = combine2(SEED_HAN2, h1, c) >>> shift;
        if (h2 >= 0) out[k++] = fmix(combine2(SEED_HAN3, h2, h1) ^ Math.imul(c, 0x27d4eb2d)) >>> shift;
      } else {
        out[k++] = combine(SEED_HANSTART, c) >>> shift;
      }
      h2 = h1;
      h1 = c;
      hanSeen = true;
      prevWord = 0;
      lastNonSpace = c;
      i++;
      continue;
    }
    h1 = -1;
    h2 = -1;
    if (c === 0x40 /* @ */ || (c === 0x68 && norm.startsWith('http', i)) || (c === 0x77 && norm.startsWith('www.', i))) {
      // One token for the whole mention or URL.
      const isMention = c === 0x40;
      while (i < n && !isSpace(norm.charCodeAt(i)) && !isHan(norm.charCodeAt(i))) i++;
      out[k++] = combine(SEED_PUNCT, isMention ? 1 : 2) >>> shift;
      prevWord = 0;
      lastNonSpace = 0x40;
      continue;
    }
    if (c === 0x26 /* & */ && norm.startsWith('&amp;', i)) {
      i += 5;
      continue;
    }
    if (isWordChar(c) && c !== 0x27) {
      let h = 0x811c9dc5;
      let prefixHash = 0;
      let len = 0;
      while (i < n) {
        let d = norm.charCodeAt(i);
        if (!isWordChar(d)) break;
        if (d >= 0x30 && d <= 0x39) d = 0x30;
        h = Math.imul(h ^ d, 0x01000193);
        len++;
        if (len === PREFIX_LEN) prefixHash = h;
        i++;
      }
      const w = fmix(h);
      out[k++] = combine(SEED_WORD1, w) >>> shift;
      if (prevWord !== 0) out[k++] = combine2(SEED_WORD2, prevWord, w) >>> shift;
      if (len > PREFIX_LEN + 1) out[k++] = combine(SEED_PREFIX, fmix(prefixHash)) >>> shift;
      prevWord = w;
      lastNonSpace = 0x61;
      continue;
    }
    if (c === 0x3f /* ? */ || c === 0x21 /* ! */) {
      out[k++] = combine(SEED_PUNCT, c) >>> shift;
      // Runs of ??? or !!! count once.
      while (i + 1 < n && norm.charCodeAt(i + 1) === c) i++;
    }
    if (!isSpace(c)) {
      // Punctuation ends the clause: no word bigram across it.
      prevWord = 0;
      lastNonSpace = c;
    }
    i++;
  }
  if (lastNonSpace === 0x3f) out[k++] = combine(SEED_PUNCT, 3) >>> shift;
  // Script token: lets each language have its own class prior (the bias alone is shared).
  out[k++] = combine(SEED_PUNCT, hanSeen ? 4 : 5) >>> shift;
  for (const cue of cueHits) {
    const b = (CUE_HASHES[cue] as number) >>> shift;
    for (let r = 0; r < CUE_REPEAT; r++) out[k++] = b;
  }
  return k;
}
