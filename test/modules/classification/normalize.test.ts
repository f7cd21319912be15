import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/modules/classification/normalize.ts';
import { tables } from './helpers.ts';

describe('normalize', () => {
  const norm = (s: string): string => normalize(tables().chars, s);

  it('folds traditional to simplified Chinese character by character', () => {
    expect(norm('為什麼還沒到貨？這個軟體')).toBe('为什么还没到货?这个软体');
    expect(norm('請問掛號怎麼改時段')).toBe('请问挂号怎么改时段');
  });

  it('leaves simplified text unchanged (except punctuation)', () => {
    expect(norm('我的退款什么时候到账')).toBe('我的退款什么时候到账');
    expect(norm('什么')).toBe('什么'); // 么 must not be turned into the variant 幺
  });

  it('folds full-width ASCII and CJK punctuation, lower-cases', () => {
    expect(norm('ＡＢＣ１２３！，。、')).toBe('abc123!,.,');
    expect(norm('Refund NOW')).toBe('refund now');
  });

  it('keeps the length so signal offsets map back to the original text', () => {
    for (const s of ['Ünïcödé façade', '退款！！ＯＫ', '😀 emoji 👍 表情', 'a\u200bb\ufeffc\r\n']) {
      expect(norm(s)).toHaveLength(s.length);
    }
  });

  it('turns control characters and BOMs into spaces', () => {
    expect(norm('\ufeffa\tb\nc')).toBe(' a b c');
  });

  it('handles long texts (chunked string building)', () => {
    const long = '這是一個很長的句子。'.repeat(1000);
    expect(norm(long)).toBe('这是一个很长的句子.'.repeat(1000));
  });
});
