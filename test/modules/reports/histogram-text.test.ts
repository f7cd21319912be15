import { describe, expect, it } from 'vitest';
import { addHistogram } from '../../../src/modules/reports/counts.queries.ts';
import { BINS } from '../../../src/modules/reports/histogram.ts';

describe('a stored histogram read from its text', () => {
  it('adds each bin of the jsonb text Postgres prints, negative counts included', () => {
    const into = new Float64Array(BINS);
    into[3] = 1;
    addHistogram(into, '{"0": 7, "3": 12, "179": 1, "42": -2}');
    addHistogram(into, '{"3": 1}');
    addHistogram(into, null);
    addHistogram(into, '{}');
    expect(into[0]).toBe(7);
    expect(into[3]).toBe(14);
    expect(into[42]).toBe(-2);
    expect(into[179]).toBe(1);
    expect(into.reduce((a, b) => a + b, 0)).toBe(20);
  });
});
