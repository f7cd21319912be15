/**
 * Quick experiment loop (development aid, not part of the shipped pipeline):
 *   tsx scripts/classifier/experiment.ts [--opts JSON] [--data JSON] [--holdout id,id|all]
 * Trains in memory with the shipped recipe plus overrides and prints compact gold-dev figures,
 * evaluation-only source figures and, optionally, held-out-source figures.
 */
import { parseArgs } from 'node:util';
import { createClassifier, type Classifier } from '../../src/modules/classification/classifier.ts';
import { buildDataset, type DatasetOptions } from './dataset.ts';
import { evaluateGold } from './evaluate.ts';
import { loadGold } from './gold.ts';
import { buildOpenccTables } from './opencc-tables.ts';
import { DATASETS_DIR, GOLD_DEV_PATH, TRAINING_DATA_DIR } from './paths.ts';
import { EVAL_ONLY_SOURCES } from './sources/eval-only.ts';
import { PUBLIC_TRAIN_SOURCES } from './sources/index.ts';
import type { EvalExample, Example } from './sources/types.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel, type TrainOptions } from './trainer.ts';
import { DATASET_DEFAULTS } from './train-config.ts';

const f = (x: number | undefined): string => ((x ?? 0) * 100).toFixed(1);

function dist(c: Classifier, items: ReadonlyArray<EvalExample | Example>): string {
  const by: Record<string, Record<string, number>> = {};
  for (const it of items) {
    const r = c.classify(it.text);
    const b = (by[it.label] ??= { n: 0 });
    b.n = (b.n ?? 0) + 1;
    b[r.type] = (b[r.type] ?? 0) + 1;
  }
  return Object.entries(by)
    .map(([l, b]) => `${l}(${b.n}) q${f((b.question ?? 0) / (b.n ?? 1))} c${f((b.complaint ?? 0) / (b.n ?? 1))} s${f((b.suggestion ?? 0) / (b.n ?? 1))}`)
    .join(' | ');
}

const { values } = parseArgs({ options: { seeds: { type: 'string' }, opts: { type: 'string' }, data: { type: 'string' }, holdout: { type: 'string' }, noeval: { type: 'boolean' } } });
const opts: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...(values.opts ? (JSON.parse(values.opts) as Partial<TrainOptions>) : {}) };
const dataOver = values.data ? (JSON.parse(values.data) as Partial<DatasetOptions>) : {};
const tables = buildOpenccTables();
const base = { datasetsDir: DATASETS_DIR, trainingDataDir: TRAINING_DATA_DIR, ...DATASET_DEFAULTS, ...dataOver };
const t0 = Date.now();
const ds = buildDataset(base);
const gold = loadGold(GOLD_DEV_PATH);
const seeds = values.seeds ? values.seeds.split(',').map(Number) : [opts.seed];
const acc: Record<string, number[]> = {};
const push = (k: string, v: number): void => void (acc[k] ??= []).push(v * 100);
let c!: Classifier;
let temp = 0;
let lastReport!: ReturnType<typeof evaluateGold>;
for (const seed of seeds) {
  const model = trainModel(ds.examples, tables, { ...opts, seed });
  temp = model.header.temperature;
  c = createClassifier(model);
  const r = evaluateGold(c, gold);
  push('all', r.overall.macroF1);
  for (const [l, x] of Object.entries(r.perLanguage)) push(l, x.macroF1);
  for (const cl of ['question', 'complaint', 'suggestion'] as const) {
    push(cl, r.overall.perClass[cl].f1);
    for (const [l, x] of Object.entries(r.perLanguage)) push(`${l}.${cl}`, x.perClass[cl].f1);
  }
  push('otherReview', r.other.needsReview / r.other.n);
  lastReport = r;
}
const mean = (k: string): string => ((acc[k] ?? []).reduce((a, b) => a + b, 0) / Math.max(1, (acc[k] ?? []).length)).toFixed(1);
const sd = (k: string): string => {
  const xs = acc[k] ?? [];
  const m = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length)).toFixed(1);
};
console.log(`GOLD macroF1 ${mean('all')}±${sd('all')} | en ${mean('en')}±${sd('en')} zh-Hans ${mean('zh-Hans')} zh-Hant ${mean('zh-Hant')} | F1 q ${mean('question')} c ${mean('complaint')} s ${mean('suggestion')} | otherReview ${mean('otherReview')}% (${((Date.now() - t0) / 1000).toFixed(1)}s, ${seeds.length} seeds, T=${temp})`);
for (const l of ['en', 'zh-Hans', 'zh-Hant']) console.log(`  ${l}: q ${mean(`${l}.question`)} c ${mean(`${l}.complaint`)} s ${mean(`${l}.suggestion`)}`);
{
  const cnt: Record<string, number> = {};
  for (const e of lastReport.errors) cnt[`${e.lang}/${e.source}: ${e.gold}→${e.predicted}`] = (cnt[`${e.lang}/${e.source}: ${e.gold}→${e.predicted}`] ?? 0) + 1;
  console.log('  errors (last seed): ' + Object.entries(cnt).sort().map(([k, v]) => `${k} ${v}`).join('; '));
}
for (const [l, x] of Object.entries(lastReport.perLanguage)) console.log(`  confusion ${l} (last seed): ${JSON.stringify(x.confusion)}`);
if (!values.noeval) for (const s of EVAL_ONLY_SOURCES) console.log(`  EVAL ${s.id}: ${dist(c, s.load(DATASETS_DIR))}`);
if (values.holdout) {
  const ids = values.holdout === 'all' ? PUBLIC_TRAIN_SOURCES.map((s) => s.id) : values.holdout.split(',');
  for (const s of PUBLIC_TRAIN_SOURCES.filter((x) => ids.includes(x.id))) {
    const d = buildDataset({ ...base, exclude: [s.id] });
    const hc = createClassifier(trainModel(d.examples, tables, { ...opts, seed: seeds[0] as number }));
    console.log(`  HELD ${s.id}: ${dist(hc, s.load(DATASETS_DIR))}`);
  }
}
