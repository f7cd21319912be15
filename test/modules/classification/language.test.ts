import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/modules/classification/language.ts';
import { tables } from './helpers.ts';

describe('detectLanguage', () => {
  const lang = (s: string): string => detectLanguage(s, tables().scripts);

  it.each([
    ['我的快递为什么还没到', 'zh-Hans'],
    ['我的快遞為什麼還沒到', 'zh-Hant'],
    ['請問掛號可以改時段嗎', 'zh-Hant'],
    ['谢谢', 'zh-Hans'],
    ['Where is my parcel?', 'en'],
    ['我的iPhone屏幕坏了', 'zh-Hans'],
    ['我的订单还没到，can you check the tracking?', 'mixed'],
    ['请问 how do I reset my password on the website', 'en'],
    ['こんにちは、注文について', 'other'],
    ['Здравствуйте, где мой заказ', 'other'],
    ['12345 !!! ???', 'other'],
    ['', 'other'],
  ])('%s → %s', (text, expected) => {
    expect(lang(text)).toBe(expected);
  });

  it('treats characters shared by both scripts as simplified (no evidence of zh-Hant)', () => {
    expect(lang('我们明天来')).toBe('zh-Hans');
  });
});
