import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadSegmenter } from '../../../src/modules/topics/segmenter.ts';
import { createTopicExtractor, MAX_TOPICS_PER_MESSAGE } from '../../../src/modules/topics/topic-extractor.ts';

const extract = createTopicExtractor(loadSegmenter());
const keys = (text: string) => extract(text).map((t) => t.key);

describe('topic extraction', () => {
  it('joins adjacent Chinese nouns into compounds and keeps the product up to its model number', () => {
    const topics = extract('我买的小米手环8充电器爆炸了');
    expect(topics.map((t) => t.key)).toEqual(expect.arrayContaining(['小米手环8充电器', '小米手环8', '小米', '手环', '充电器']));
    expect(topics.find((t) => t.key === '小米手环8')).toMatchObject({ product: true });
    // products first
    expect(topics[0]!.product).toBe(true);
  });

  it('groups traditional and simplified spellings under one key and labels them as written', () => {
    const traditional = extract('華為手機螢幕壞了');
    const simplified = extract('华为手机萤幕坏了');
    expect(traditional.map((t) => t.key)).toEqual(simplified.map((t) => t.key));
    expect(traditional.find((t) => t.key === '华为手机萤幕')?.label).toBe('華為手機螢幕');
  });

  it('keeps a model number written apart (小米手环 8) under the same key', () => {
    expect(keys('小米手环 8 表带断了')).toContain('小米手环8');
    expect(extract('小米手环 8 表带断了').find((t) => t.key === '小米手环8')?.label).toBe('小米手环 8');
  });

  it('keeps words the dictionary lacks as brand-like topics', () => {
    const topics = extract('喜茶的芝芝莓莓喝完过敏');
    expect(topics.filter((t) => t.product).map((t) => t.key)).toEqual(expect.arrayContaining(['喜茶', '芝芝莓莓']));
  });

  it('drops stop words and opinion words: 问题, 客服 and 很差 alone are no topic', () => {
    expect(keys('你好，请问这个问题怎么处理？客服很差')).toEqual([]);
    expect(keys('客服态度很差')).toContain('客服态度');
  });

  it('finds English product names, phrases and content words, lower-cased', () => {
    const topics = extract('My Acme X200 air fryer caught fire! The battery of my iPhone 15 Pro drains fast.');
    expect(topics.find((t) => t.key === 'acme x200')).toMatchObject({ label: 'Acme X200', product: true });
    expect(topics.find((t) => t.key === 'iphone 15 pro')).toMatchObject({ label: 'iPhone 15 Pro', product: true });
    expect(topics.map((t) => t.key)).toEqual(expect.arrayContaining(['air fryer', 'battery']));
    expect(topics.map((t) => t.key)).not.toContain('the');
    expect(topics.map((t) => t.key)).not.toContain('x200 air');
  });

  it('never turns personal data into a topic', () => {
    const all = keys('订单号 2024123456789 联系电话 138 0013 8000 邮箱 wang.xiaoming@example.com https://shop.example.com/o/123');
    expect(all.join(' ')).not.toMatch(/\d{4}|example|wang/);
    expect(all).toContain('订单号');
  });

  it('keeps at most the cap, with unique keys, for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.constantFrom('小米手环8', '退款', 'iPhone 15', '發貨', 'air fryer', '，', ' ', '!'), { maxLength: 40 }), (noise, words) => {
        const topics = extract(noise + words.join(''));
        expect(topics.length).toBeLessThanOrEqual(MAX_TOPICS_PER_MESSAGE);
        expect(new Set(topics.map((t) => t.key)).size).toBe(topics.length);
        for (const t of topics) expect(t.key).toBe(t.key.toLowerCase());
      }),
      { numRuns: 200 },
    );
  });
});
