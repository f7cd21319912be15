/**
 * Text normalisation for the classifier.
 *
 * Design constraint: normalisation maps every UTF-16 code unit to exactly one code unit, so the
 * normalised string has the same length as the input. That lets signals report the cue *as the
 * customer wrote it* (same offsets in the original text) and keeps normalisation a single table
 * lookup per code unit, which matters for the 2,000-character latency budget.
 *
 * What the table does:
 * - traditional → simplified Chinese, character by character (OpenCC's TSCharacters, baked into
 *   the model artifact at training time). Character-level conversion is what lets one set of
 *   weights serve zh-Hans and zh-Hant; opencc-js's phrase-level converter costs ~120 µs per 1,000
 *   characters, and phrase differences (軟體/软件) are few enough that the n-grams absorb them;
 * - full-width ASCII and CJK punctuation → ASCII (？→?, ，→, 。→.), so both scripts share the
 *   punctuation features;
 * - lower-casing (only where it keeps one code unit);
 * - control characters, BOMs and line breaks → space.
 * Code units of surrogate pairs pass through unchanged.
 */

export type CharTable = Uint16Array;

const EXTRA_PUNCTUATION: Record<string, string> = {
  '。': '.',
  '、': ',',
  '「': '"',
  '」': '"',
  '『': '"',
  '』': '"',
  '【': '[',
  '】': ']',
  '《': '<',
  '》': '>',
  '〈': '<',
  '〉': '>',
  '…': '.',
  '～': '~',
  '\u201c': '"',
  '\u201d': '"',
  '\u2018': "'",
  '\u2019': "'",
  '\u3000': ' ',
  '\ufeff': ' ',
  '\u00a0': ' ',
  '\u200b': ' ',
};

/**
 * Builds the 64 K-entry lookup table. `t2sPairs` is a string of alternating characters
 * (traditional, simplified, traditional, simplified…), all in the BMP.
 */
export function buildCharTable(t2sPairs: string): CharTable {
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) table[c] = c;
  // Lower-case first so that the traditional → simplified entries (CJK only) are unaffected.
  for (let c = 0x41; c <= 0x5a; c++) table[c] = c + 32;
  for (let c = 0xc0; c < 0x2000; c++) {
    const lower = String.fromCharCode(c).toLowerCase();
    if (lower.length === 1) table[c] = lower.charCodeAt(0);
  }
  // Full-width ASCII block (！ … ～).
  for (let c = 0xff01; c <= 0xff5e; c++) {
    let ascii = c - 0xfee0;
    if (ascii >= 0x41 && ascii <= 0x5a) ascii += 32;
    table[c] = ascii;
  }
  for (const [from, to] of Object.entries(EXTRA_PUNCTUATION)) table[from.charCodeAt(0)] = to.charCodeAt(0);
  for (let c = 0; c < 0x20; c++) table[c] = 0x20;
  table[0x7f] = 0x20;
  for (let i = 0; i + 1 < t2sPairs.length; i += 2) {
    table[t2sPairs.charCodeAt(i)] = t2sPairs.charCodeAt(i + 1);
  }
  return table;
}

const CHUNK = 4096;

/**
 * Normalises `text` with `table`. `scratch` is a caller-owned buffer (one per classifier instance)
 * reused across calls to avoid an allocation per character; it is grown when too small.
 */
export function normalizeWith(table: CharTable, text: string, scratch: { buf: Uint16Array }): string {
  const n = text.length;
  if (scratch.buf.length < n) scratch.buf = new Uint16Array(Math.max(n, scratch.buf.length * 2));
  const buf = scratch.buf;
  for (let i = 0; i < n; i++) buf[i] = table[text.charCodeAt(i)] as number;
  if (n <= CHUNK) return String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
  let out = '';
  for (let i = 0; i < n; i += CHUNK) {
    out += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + CHUNK)) as unknown as number[]);
  }
  return out;
}

/** Convenience wrapper for tests and scripts (allocates a scratch buffer). */
export function normalize(table: CharTable, text: string): string {
  return normalizeWith(table, text, { buf: new Uint16Array(text.length) });
}
