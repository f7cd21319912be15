/**
 * Classification metrics shared by the evaluation script, the gold-floor test and the
 * agents-vs-model report, so every place computes macro-F1 the same way.
 *
 * Conventions: precision/recall/F1 of a class with no predictions or no gold items is 0 (as in
 * scikit-learn with zero_division=0); macro-F1 averages the F1 of the classes given in `labels`
 * (always all of them, even if absent from the sample, so small samples are not flattered).
 */

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Gold items of this class. */
  support: number;
}

export interface Metrics<L extends string> {
  labels: readonly L[];
  n: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<L, ClassMetrics>;
  /** confusion[gold][predicted] */
  confusion: Record<L, Record<L, number>>;
}

export function computeMetrics<L extends string>(
  labels: readonly L[],
  /** `count`: how many items the pair stands for (default 1), so a report can pass counted pairs. */
  pairs: ReadonlyArray<{ gold: L; predicted: L; count?: number }>,
): Metrics<L> {
  const confusion = {} as Record<L, Record<L, number>>;
  for (const g of labels) {
    const row = {} as Record<L, number>;
    for (const p of labels) row[p] = 0;
    confusion[g] = row;
  }
  let correct = 0;
  let n = 0;
  for (const { gold, predicted, count = 1 } of pairs) {
    const row = confusion[gold];
    if (row === undefined || row[predicted] === undefined) {
      throw new Error(`label outside ${labels.join('/')}: ${gold} → ${predicted}`);
    }
    row[predicted] += count;
    n += count;
    if (gold === predicted) correct += count;
  }
  const perClass = {} as Record<L, ClassMetrics>;
  let f1Sum = 0;
  for (const c of labels) {
    const tp = confusion[c][c];
    let predictedC = 0;
    let goldC = 0;
    for (const o of labels) {
      predictedC += confusion[o][c];
      goldC += confusion[c][o];
    }
    const precision = predictedC > 0 ? tp / predictedC : 0;
    const recall = goldC > 0 ? tp / goldC : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[c] = { precision, recall, f1, support: goldC };
    f1Sum += f1;
  }
  return {
    labels,
    n,
    accuracy: n > 0 ? correct / n : 0,
    macroF1: labels.length > 0 ? f1Sum / labels.length : 0,
    perClass,
    confusion,
  };
}

/** Plain-text rendering (used by the eval script and the report). */
export function formatMetrics<L extends string>(m: Metrics<L>, title: string): string {
  const pct = (x: number): string => (x * 100).toFixed(1).padStart(5);
  const lines = [`${title}: n=${m.n}  accuracy ${pct(m.accuracy)}  macro-F1 ${pct(m.macroF1)}`];
  lines.push(`  ${'class'.padEnd(12)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)} ${'n'.padStart(5)}`);
  for (const c of m.labels) {
    const x = m.perClass[c];
    lines.push(`  ${c.padEnd(12)} ${pct(x.precision)} ${pct(x.recall)} ${pct(x.f1)} ${String(x.support).padStart(5)}`);
  }
  lines.push(`  confusion (rows gold, columns predicted): ${m.labels.map((l) => l.slice(0, 5)).join(' ')}`);
  for (const g of m.labels) {
    lines.push(`  ${g.padEnd(12)} ${m.labels.map((p) => String(m.confusion[g][p]).padStart(5)).join(' ')}`);
  }
  return lines.join('\n');
}
