import { describe, expect, it } from 'vitest';
import { expectedMatches, relevanceBudget, walkBudget } from '../../../src/modules/search/ticket-search.ts';

describe('expectedMatches', () => {
  const stats = { tickets: 400_000, messages: 1_000_000, frequencies: new Map([['保修', 0.05], ['修期', 0.04], ['refund', 0.02], ['refunded', 0.01]]) };
  it('is the rarest term\'s share: bigrams of one word go together, so their product would be far too low', () => {
    expect(expectedMatches(stats, { exact: ['保修', '修期'], prefixes: [] })).toBeCloseTo(40_000);
  });
  it('counts a prefix as every common lexeme it starts, and a term outside the common ones as rare', () => {
    expect(expectedMatches(stats, { exact: [], prefixes: ['refund'] })).toBeCloseTo(30_000);
    expect(expectedMatches(stats, { exact: ['保修', '123456789012'], prefixes: [] })).toBe(0);
  });
});

describe('walk budgets', () => {
  it('walk three pages\' worth at the expected share, within bounds', () => {
    expect(walkBudget({ query: "'x'", common: true, share: 0.01 }, 51)).toBe(15_300);
    expect(walkBudget({ query: "'x'", common: true, share: 0.5 }, 51)).toBe(2_000);
    expect(walkBudget({ query: "'x'", common: true, share: 0.0001 }, 51)).toBe(30_000);
    expect(relevanceBudget({ query: "'x'", common: true, share: 0.1 })).toBe(3_000);
  });
});
