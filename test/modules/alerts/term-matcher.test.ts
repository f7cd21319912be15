import { describe, expect, it } from 'vitest';
import { createTermMatcher } from '../../../src/modules/alerts/term-matcher.ts';

const match = createTermMatcher(['媒体', '食物中毒', '315', '12315', 'sue', 'caught fire', 'recall']);

describe('watch-list terms', () => {
  it('match traditional spellings and full-width text', () => {
    expect(match('我要找媒體曝光')).toEqual(['媒体']);
    expect(match('ＲＥＣＡＬＬ？')).toEqual(['recall']);
  });

  it('match Latin words and phrases as whole words only', () => {
    expect(match('I will sue you')).toEqual(['sue']);
    expect(match('This issue is not solved')).toEqual([]);
    expect(match('It Caught  Fire.')).toEqual([]);
    expect(match('it caught fire yesterday')).toEqual(['caught fire']);
    expect(match('Is there a recall? recalled already')).toEqual(['recall']);
  });

  it('match numbers as whole numbers: 315 is not in 12315 or a price of 3150', () => {
    expect(match('我要打12315投诉')).toEqual(['12315']);
    expect(match('花了3150元')).toEqual([]);
    expect(match('等着上315晚会吧')).toEqual(['315']);
  });

  it('find every term of a message once, and nothing in an empty list', () => {
    expect(match('食物中毒了，我要找媒体，媒体！').sort()).toEqual(['媒体', '食物中毒']);
    expect(createTermMatcher([])('媒体')).toEqual([]);
  });
});
