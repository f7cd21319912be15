import type { Language } from './classification.schemas.ts';

/**
 * Language detection by script counting, on the raw (un-normalised) text.
 *
 * Why not a model: the service only needs to tell zh-Hans / zh-Hant / en / mixed / other, and
 * scripts decide that almost entirely. Simplified vs traditional is decided by characters that
 * exist in only one of the two standards (OpenCC's character tables, baked into the artifact):
 * 这/这 vs 這, 为 vs 為… Characters common to both (我, 的, 人) carry no vote.
 */

const TRAD_ONLY = 1;
const SIMP_ONLY = 2;

export type ScriptTable = Uint8Array;

export function buildScriptTable(tradOnly: string, simpOnly: string): ScriptTable {
  const table = new Uint8Array(65536);
  for (let i = 0; i < tradOnly.length; i++) table[tradOnly.charCodeAt(i)] = TRAD_ONLY;
  for (let i = 0; i < simpOnly.length; i++) table[simpOnly.charCodeAt(i)] = SIMP_ONLY;
  return table;
}

export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/**
 * An English word counts for about 1.5 Chinese characters of content; a message is `mixed` when
 * the minority script carries at least MIXED_SHARE of it, so "我的iPhone坏了" stays zh-Hans while
 * "请问 how do I reset my password" is mixed.
 */
const WORD_WEIGHT = 1.5;
const MIXED_SHARE = 0.3;

export function detectLanguage(text: string, scripts: ScriptTable): Language {
  let han = 0;
  let trad = 0;
  let simp = 0;
  let latinWords = 0;
  let otherLetters = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isLatin = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xff21 && c <= 0xff5a);
    if (isLatin) {
      if (!inWord) latinWords++;
      inWord = true;
      continue;
    }
    inWord = false;
    if (isHan(c)) {
      han++;
      const s = scripts[c];
      if (s === TRAD_ONLY) trad++;
      else if (s === SIMP_ONLY) simp++;
    } else if (
      (c >= 0x3040 && c <= 0x30ff) || // kana
      (c >= 0xac00 && c <= 0xd7af) || // hangul
      (c >= 0x0400 && c <= 0x04ff) || // cyrillic
      (c >= 0x0600 && c <= 0x06ff) || // arabic
      (c >= 0x0e00 && c <= 0x0e7f) || // thai
      (c >= 0x0900 && c <= 0x097f) // devanagari
    ) {
      otherLetters++;
    }
  }
  const zh = han;
  const en = latinWords * WORD_WEIGHT;
  const total = zh + en + otherLetters;
  if (total === 0) return 'other';
  if (otherLetters / total > 0.3) return 'other';
  const minority = Math.min(zh, en) / (zh + en);
  if (zh > 0 && en > 0 && minority >= MIXED_SHARE) return 'mixed';
  if (en > zh) return 'en';
  // Ties go to simplified: most short messages contain no distinguishing character at all.
  return trad > simp ? 'zh-Hant' : 'zh-Hans';
}
