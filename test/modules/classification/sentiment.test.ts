import { describe, expect, it } from 'vitest';
import { normalize } from '../../../src/modules/classification/normalize.ts';
import { analyzeSentiment } from '../../../src/modules/classification/sentiment.ts';
import { tables } from './helpers.ts';

const sentiment = (text: string) => analyzeSentiment(normalize(tables().chars, text));

describe('analyzeSentiment', () => {
  it.each([
    ['Terrible service, the food was cold and the driver was rude', 'negative'],
    ['Thanks, great service, really happy with it', 'positive'],
    ['How do I change my address?', 'neutral'],
    ['态度太差了，东西还是坏的，失望', 'negative'],
    ['非常满意，谢谢客服，很贴心', 'positive'],
    ['態度太差了，非常失望', 'negative'],
    ['请问几点营业', 'neutral'],
  ])('%s → %s', (text, label) => {
    expect(sentiment(text).label).toBe(label);
  });

  it('handles English negation', () => {
    expect(sentiment('not good, not helpful at all').label).toBe('negative');
    expect(sentiment('not bad').score).toBeGreaterThan(0);
  });

  it('keeps the score within -1…1', () => {
    expect(sentiment('bad '.repeat(500)).score).toBeGreaterThanOrEqual(-1);
    expect(sentiment('good '.repeat(500)).score).toBeLessThanOrEqual(1);
    expect(sentiment('').score).toBe(0);
  });
});
