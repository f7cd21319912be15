import { describe, expect, it } from 'vitest';
import { documentLexemes, queryExpression } from '../../../src/modules/search/search-tokens.ts';

describe('documentLexemes', () => {
  it('turns Han text into characters and bigrams, folded to simplified', () => {
    expect(documentLexemes('退款申請')).toEqual(expect.arrayContaining(['退', '款', '申', '请', '退款', '款申', '申请']));
  });

  it('lower-cases words and ignores punctuation', () => {
    expect(documentLexemes('Refund, NOW!')).toEqual(['refund', 'now']);
  });

  it('handles mixed text and full-width characters', () => {
    expect(documentLexemes('ＡＢＣ订单')).toEqual(expect.arrayContaining(['abc', '订单']));
  });
});

describe('queryExpression', () => {
  it('requires every bigram of a Han run and prefixes words', () => {
    expect(queryExpression('退款申请')).toBe("'退款' & '款申' & '申请'");
    expect(queryExpression('Refund')).toBe("'refund':*");
  });

  it('matches a single character as itself', () => {
    expect(queryExpression('退')).toBe("'退'");
  });

  it('has nothing to search in punctuation', () => {
    expect(queryExpression('?!…')).toBeNull();
  });

  it('cannot be broken out of by quotes or operators', () => {
    expect(queryExpression("a' | b & !c")).toBe("'a':* & 'b':* & 'c':*");
  });
});
