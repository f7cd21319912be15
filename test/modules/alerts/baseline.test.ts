import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { anscombe, baselineOf, median, proportionZ, ratioOf, rescale, robustZ, weekdayFactors } from '../../../src/modules/alerts/baseline.ts';

const counts = fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 3, maxLength: 28 });

describe('the seasonal robust baseline', () => {
  it('does not depend on the order of the samples', () => {
    fc.assert(fc.property(counts, fc.integer({ min: 0, max: 1000 }), (samples, count) => {
      const reversed = [...samples].reverse();
      expect(robustZ(count, baselineOf(samples))).toBeCloseTo(robustZ(count, baselineOf(reversed)), 9);
    }));
  });

  it('scores the usual count 0 and rises with the count', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 3, max: 20 }), fc.integer({ min: 0, max: 300 }), (usual, n, more) => {
      const baseline = baselineOf(Array.from({ length: n }, () => usual));
      expect(robustZ(usual, baseline)).toBeCloseTo(0, 9);
      expect(robustZ(usual + more + 1, baseline)).toBeGreaterThan(robustZ(usual + more, baseline));
      expect(baseline.spread).toBeGreaterThanOrEqual(1);
    }));
  });

  it('is robust: one wild sample (yesterday\'s crisis) moves the centre no further than the other samples reach', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 20 }), fc.integer({ min: 0, max: 1_000_000 }), (samples, wild) => {
      const center = baselineOf([...samples, wild]).center;
      const ys = samples.map(anscombe);
      expect(center).toBeGreaterThanOrEqual(Math.min(...ys) - 1e-9);
      expect(center).toBeLessThanOrEqual(Math.max(...ys) + 1e-9);
    }));
  });

  it('is calibrated for small counts: 8 where 1 is usual is not alarming, 10 where 0 is usual is', () => {
    expect(robustZ(8, baselineOf([1, 1, 2, 0, 1, 1, 2, 1, 1, 0, 2, 1, 1, 1]))).toBeLessThan(4.5);
    expect(robustZ(10, baselineOf([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeGreaterThan(4.5);
    // The naive (x − λ)/√λ would have called the first one z = 7.
  });

  it('rescales other weekdays\' samples to today\'s level', () => {
    expect(rescale([{ count: 10, factor: 1 }, { count: 20, factor: 2 }], 1.5)).toEqual([15, 15]);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 99 })), fc.double({ min: 0.25, max: 4, noNaN: true }), (values, f) => {
      rescale(values.map((count) => ({ count, factor: f })), f).forEach((v, i) => expect(v).toBeCloseTo(values[i]!, 9));
    }));
  });

  it('learns the weekly index from daily totals, flat until there are enough', () => {
    expect(weekdayFactors([{ weekday: 6, total: 100 }])).toEqual({ 1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1 });
    const fourWeeks = Array.from({ length: 28 }, (_, i) => ({ weekday: (i % 7) + 1, total: i % 7 === 5 ? 150 : 100 }));
    const factors = weekdayFactors(fourWeeks);
    expect(factors[6]).toBeCloseTo(1.5);
    expect(factors[1]).toBeCloseTo(1);
    fc.assert(fc.property(fc.array(fc.record({ weekday: fc.integer({ min: 1, max: 7 }), total: fc.integer({ min: 0, max: 10_000 }) }), { maxLength: 40 }), (days) => {
      for (const f of Object.values(weekdayFactors(days))) expect(f >= 0.25 && f <= 4).toBe(true);
    }));
  });

  it('has the medians, ratios and shares it says', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
    expect(ratioOf(9, 0)).toBe(10);
    expect(proportionZ(30, 40, 0.4)).toBeGreaterThan(4);
    expect(proportionZ(16, 40, 0.4)).toBeCloseTo(0, 9);
  });
});
