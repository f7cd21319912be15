/**
 * npm run eval:classifier [-- --model PATH] [-- --json] [-- --holdout] [-- --errors]
 *
 * 1. The shipped model on gold-dev.jsonl: accuracy, macro-F1, per-class P/R/F1, confusion
 *    matrix, per language and per source; how many `other` items get needsReview.
 * 2. The shipped model on the evaluation-only public sources (never trained on).
 * 3. --holdout: for each public training source, retrain without it (same recipe) and test on it:
 *    the honest check that the model learned intent, not source style. Takes ~1–2 minutes.
 */
import { parseArgs } from 'node:util';
import { createClassifier, loadClassifier, type Classifier } from '../../src/modules/classification/classifier.ts';
import { formatMetrics } from '../../src/modules/classification/metrics.ts';
import { buildDataset } from './dataset.ts';
import { TYPES, evaluateGold } from './evaluate.ts';
import { loadGold } from './gold.ts';
import { buildOpenccTables } from './opencc-tables.ts';
import { DATASETS_DIR, DEFAULT_MODEL_PATH, GOLD_DEV_PATH, TRAINING_DATA_DIR } from './paths.ts';
import { EVAL_ONLY_SOURCES } from './sources/eval-only.ts';
import { PUBLIC_TRAIN_SOURCES } from './sources/index.ts';
import type { EvalExample, Example } from './sources/types.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel } from './trainer.ts';
import { DATASET_DEFAULTS } from './train-config.ts';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

interface SourceFigures {
  source: string;
  n: number;
  /** Share of items whose mapped label is predicted (labels other/not-suggestion excluded). */
  byLabel: Record<string, { n: number; predicted: Record<string, number>; needsReview: number }>;
  macroF1?: number;
}

function evalSource(classifier: Classifier, source: string, items: ReadonlyArray<EvalExample | Example>): SourceFigures {
  const byLabel: SourceFigures['byLabel'] = {};
  const pairs = [];
  for (const item of items) {
    const r = classifier.classify(item.text);
    const b = (byLabel[item.label] ??= { n: 0, predicted: { question: 0, complaint: 0, suggestion: 0 }, needsReview: 0 });
    b.n++;
    b.predicted[r.type] = (b.predicted[r.type] ?? 0) + 1;
    if (r.needsReview) b.needsReview++;
    if (item.label === 'question' || item.label === 'complaint' || item.label === 'suggestion') pairs.push({ gold: item.label, predicted: r.type });
  }
  return { source, n: items.length, byLabel };
}

function printSource(f: SourceFigures): void {
  const parts = Object.entries(f.byLabel).map(([label, b]) => {
    const dist = TYPES.map((t) => `${t.slice(0, 5)} ${pct((b.predicted[t] ?? 0) / b.n)}`).join(', ');
    const hit = label in b.predicted ? ` → recall ${pct((b.predicted[label] ?? 0) / b.n)}` : '';
    return `    ${label} (n=${b.n})${hit}; predicted: ${dist}; needsReview ${pct(b.needsReview / b.n)}`;
  });
  console.log(`  ${f.source}: ${f.n} items\n${parts.join('\n')}`);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      json: { type: 'boolean', default: false },
      holdout: { type: 'boolean', default: false },
      errors: { type: 'boolean', default: false },
    },
  });
  const json: Record<string, unknown> = {};
  const classifier = loadClassifier({ modelPath: values.model ?? DEFAULT_MODEL_PATH });
  const gold = loadGold(GOLD_DEV_PATH);
  const report = evaluateGold(classifier, gold);
  json.modelVersion = classifier.modelVersion;
  json.gold = { ...report, errors: undefined };
  if (!values.json) {
    console.log(`model ${classifier.modelVersion}\n\n== gold-dev (${gold.length} items; ${report.other.n} labeled other are not scored)`);
    console.log(formatMetrics(report.overall, 'overall'));
    for (const [lang, m] of Object.entries(report.perLanguage)) console.log(formatMetrics(m, `\n[${lang}]`));
    console.log('\nper source:');
    for (const [s, m] of Object.entries(report.perSource)) console.log(`  ${s.padEnd(22)} n=${String(m.n).padStart(4)}  acc ${pct(m.accuracy)}  macro-F1 ${pct(m.macroF1)}`);
    const o = report.other;
    console.log(`\nother items: ${o.n}; needsReview ${o.needsReview} (${pct(o.needsReview / Math.max(1, o.n))}); predicted ${JSON.stringify(o.predicted)}`);
    console.log(`scored items flagged needsReview: ${report.review.flagged}/${report.review.scored}; accuracy of unflagged ${pct(report.review.accuracyUnflagged)}`);
    if (values.errors) {
      console.log('\nerrors:');
      for (const e of report.errors) console.log(`  [${e.lang} ${e.source}] gold ${e.gold} → ${e.predicted} (${e.confidence}): ${e.text.slice(0, 140)}`);
    }
    console.log('\n== evaluation-only public sources (never trained on)');
  }
  const evalOnly: SourceFigures[] = [];
  for (const s of EVAL_ONLY_SOURCES) {
    const f = evalSource(classifier, s.id, s.load(DATASETS_DIR));
    evalOnly.push(f);
    if (!values.json) printSource(f);
  }
  json.evalOnly = evalOnly;

  if (values.holdout) {
    if (!values.json) console.log('\n== held-out public sources (retrained without the source, tested on it)');
    const tables = buildOpenccTables();
    const held: SourceFigures[] = [];
    for (const source of PUBLIC_TRAIN_SOURCES) {
      const dataset = buildDataset({ datasetsDir: DATASETS_DIR, trainingDataDir: TRAINING_DATA_DIR, ...DATASET_DEFAULTS, exclude: [source.id] });
      const model = trainModel(dataset.examples, tables, DEFAULT_TRAIN_OPTIONS);
      const f = evalSource(createClassifier(model), source.id, source.load(DATASETS_DIR));
      held.push(f);
      if (!values.json) printSource(f);
    }
    json.heldOut = held;
  }
  if (values.json) console.log(JSON.stringify(json, null, 1));
}

main();
