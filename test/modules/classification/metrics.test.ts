import { describe, expect, it } from 'vitest';
import { computeMetrics, formatMetrics } from '../../../src/modules/classification/metrics.ts';

describe('computeMetrics', () => {
  const labels = ['a', 'b', 'c'] as const;

  it('computes accuracy, per-class P/R/F1, macro-F1 and the confusion matrix', () => {
    const pairs = [
      { gold: 'a', predicted: 'a' },
      { gold: 'a', predicted: 'b' },
      { gold: 'b', predicted: 'b' },
      { gold: 'c', predicted: 'c' },
    ] as const;
    const m = computeMetrics(labels, pairs);
    expect(m.accuracy).toBeCloseTo(0.75);
    expect(m.perClass.a).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(m.perClass.b.precision).toBeCloseTo(0.5);
    expect(m.perClass.b.recall).toBe(1);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3);
    expect(m.confusion.a.b).toBe(1);
  });

  it('scores a class with no items or predictions as 0 and still averages over all labels', () => {
    const m = computeMetrics(labels, [{ gold: 'a', predicted: 'a' }]);
    expect(m.perClass.b.f1).toBe(0);
    expect(m.macroF1).toBeCloseTo(1 / 3);
  });

  it('rejects labels outside the set', () => {
    expect(() => computeMetrics(labels, [{ gold: 'a', predicted: 'x' as 'a' }])).toThrow();
  });

  it('formats a readable table', () => {
    const text = formatMetrics(computeMetrics(labels, [{ gold: 'a', predicted: 'a' }]), 'demo');
    expect(text).toContain('macro-F1');
    expect(text).toContain('confusion');
  });
});
