import { createHash } from 'node:crypto';
import { featureScale, logits, MODEL_FORMAT, softmax, type Model, type ModelHeader } from '../../src/modules/classification/model.ts';
import { buildCharTable } from '../../src/modules/classification/normalize.ts';
import { createFeaturizer } from '../../src/modules/classification/pipeline.ts';
import type { CharTables } from './opencc-tables.ts';
import { mulberry32, shuffleInPlace } from './random.ts';
import { LABELS, type Example, type Label } from './sources/types.ts';

/**
 * Multinomial logistic regression over hashed features, trained with AdaGrad SGD and L2
 * regularisation (applied lazily to the weights an example touches, the usual trick for sparse
 * SGD). Four internal classes: the three public types plus "other" (praise, chatter, noise),
 * which the classifier uses only to lower confidence.
 *
 * Training: `runs` AdaGrad runs with different shuffling seeds, weights averaged (for a linear
 * model that is exactly averaging the logits, so the ensemble is free at classification time).
 *
 * Calibration: a stratified 10 % of the training examples is held out, the model is trained on
 * the rest, and a softmax temperature is fitted on the held-out part (weighted NLL, golden-section
 * search). With `refitOnAll` (the default) the shipped weights are then retrained on all examples
 * with the same recipe and keep that temperature (an approximation: the refit model has seen 10 %
 * more data, so the fitted temperature may be slightly off for it).
 */

export interface TrainOptions {
  hashBits: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  maxChars: number;
  modelVersion: string;
  reviewThreshold: number;
  calibrationShare: number;
  /**
   * Number of SGD runs (different shuffling seeds) whose weights are averaged. For a linear
   * model, averaging weights is exactly averaging logits, so this ensemble costs nothing at
   * classification time; it reduces the run-to-run variance of SGD.
   */
  runs: number;
  /**
   * After fitting the temperature on the held-out slice, retrain on all examples (the held-out
   * slice included) and ship those weights with that temperature. Uses 10 % more data and
   * removes the run-to-run variance that came from which slice was held out.
   */
  refitOnAll: boolean;
  log?: (line: string) => void;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  hashBits: 18,
  epochs: 2,
  learningRate: 0.2,
  l2: 1e-6,
  seed: 20261101,
  maxChars: 10000,
  modelVersion: 'tc-2026.11-2',
  reviewThreshold: 0.6,
  calibrationShare: 0.1,
  runs: 3,
  refitOnAll: true,
};

export interface WeightedExample extends Example {
  weight: number;
}

interface Encoded {
  idx: Int32Array;
  scale: number;
  y: number;
  w: number;
}

export function trainModel(
  examples: readonly WeightedExample[],
  tables: CharTables,
  opts: TrainOptions,
  training: Record<string, unknown> = {},
): Model {
  const log = opts.log ?? (() => {});
  const k = LABELS.length;
  const dim = 1 << opts.hashBits;
  const featurizer = createFeaturizer(buildCharTable(tables.t2s), opts.hashBits, opts.maxChars);
  const labelIndex = new Map<Label, number>(LABELS.map((l, i) => [l, i]));

  const encoded: Encoded[] = examples.map((e) => {
    const f = featurizer.featurize(e.text);
    return { idx: f.idx.slice(0, f.n), scale: featureScale(f.n), y: labelIndex.get(e.label) as number, w: e.weight };
  });

  // Stratified calibration split (by label), deterministic.
  const rand = mulberry32(opts.seed);
  const order = shuffleInPlace(
    encoded.map((_, i) => i),
    rand,
  );
  const calib: Encoded[] = [];
  const train: Encoded[] = [];
  const seenPerLabel = new Array<number>(k).fill(0);
  const every = Math.round(1 / opts.calibrationShare);
  for (const i of order) {
    const e = encoded[i] as Encoded;
    const c = (seenPerLabel[e.y] = (seenPerLabel[e.y] as number) + 1);
    (opts.calibrationShare > 0 && c % every === 0 ? calib : train).push(e);
  }

  const runs = Math.max(1, opts.runs ?? 1);
  const fit = (data: Encoded[], rng: () => number, tag: string): Float32Array => {
    const avg = new Float32Array(k + dim * k);
    for (let run = 0; run < runs; run++) {
      const w = sgd(data, k, dim, opts, run === 0 ? rng : mulberry32(opts.seed + 7919 * run), (l) => log(`  ${tag}${runs > 1 ? ` run ${run + 1}/${runs}` : ''}${l}`));
      for (let i = 0; i < w.length; i++) avg[i] = (avg[i] as number) + (w[i] as number) / runs;
    }
    return avg;
  };
  let weights = fit(train, rand, '');
  const temperature = calib.length > 0 ? fitTemperature(weights, k, calib) : 1;
  log(`  temperature ${temperature.toFixed(3)} (fitted on ${calib.length} held-out training examples)`);
  if (opts.refitOnAll && calib.length > 0) weights = fit([...train, ...calib], mulberry32(opts.seed ^ 0x2f1e), 'all');

  const header: ModelHeader = {
    format: MODEL_FORMAT,
    modelVersion: opts.modelVersion,
    classes: [...LABELS],
    hashBits: opts.hashBits,
    temperature: Math.round(temperature * 1e4) / 1e4,
    defaultReviewThreshold: opts.reviewThreshold,
    maxChars: opts.maxChars,
    weightsFile: '',
    weightsSha256: createHash('sha256').update(new Uint8Array(weights.buffer)).digest('hex'),
    t2s: tables.t2s,
    tradOnly: tables.tradOnly,
    simpOnly: tables.simpOnly,
    training: {
      ...training,
      examples: opts.refitOnAll ? train.length + calib.length : train.length,
      calibrationExamples: calib.length,
      refitOnAll: opts.refitOnAll,
      epochs: opts.epochs,
      runs,
      learningRate: opts.learningRate,
      l2: opts.l2,
      seed: opts.seed,
    },
  };
  return { header, weights };
}

function sgd(train: Encoded[], k: number, dim: number, opts: TrainOptions, rand: () => number, log: (line: string) => void): Float32Array {
  const weights = new Float32Array(k + dim * k);
  const g2 = new Float32Array(k + dim * k).fill(1e-6);
  const z = new Float64Array(k);
  const grad = new Float64Array(k);
  const order = [...train];
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffleInPlace(order, rand);
    let loss = 0;
    let wsum = 0;
    const lr = opts.learningRate;
    for (const e of order) {
      logits(weights, k, e.idx, e.idx.length, e.scale, z);
      softmax(z, k, 1);
      loss -= e.w * Math.log(Math.max(z[e.y] as number, 1e-12));
      wsum += e.w;
      for (let c = 0; c < k; c++) grad[c] = e.w * ((z[c] as number) - (c === e.y ? 1 : 0));
      for (let c = 0; c < k; c++) {
        const g = grad[c] as number;
        g2[c] = (g2[c] as number) + g * g;
        weights[c] = (weights[c] as number) - (lr * g) / Math.sqrt(g2[c] as number);
      }
      for (let j = 0; j < e.idx.length; j++) {
        const base = k + (e.idx[j] as number) * k;
        for (let c = 0; c < k; c++) {
          const p = base + c;
          const w = weights[p] as number;
          const g = (grad[c] as number) * e.scale + opts.l2 * w;
          g2[p] = (g2[p] as number) + g * g;
          weights[p] = w - (lr * g) / Math.sqrt(g2[p] as number);
        }
      }
    }
    log(`  epoch ${epoch + 1}/${opts.epochs}: weighted train loss ${(loss / wsum).toFixed(4)}`);
  }
  return weights;
}

function weightedNll(weights: Float32Array, k: number, data: readonly Encoded[], t: number): number {
  const z = new Float64Array(k);
  let loss = 0;
  let wsum = 0;
  for (const e of data) {
    logits(weights, k, e.idx, e.idx.length, e.scale, z);
    softmax(z, k, t);
    loss -= e.w * Math.log(Math.max(z[e.y] as number, 1e-12));
    wsum += e.w;
  }
  return loss / wsum;
}

function fitTemperature(weights: Float32Array, k: number, data: readonly Encoded[]): number {
  // NLL is unimodal in T; golden-section search on [0.2, 8].
  let a = 0.2;
  let b = 8;
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = weightedNll(weights, k, data, c);
  let fd = weightedNll(weights, k, data, d);
  for (let i = 0; i < 40; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - phi * (b - a);
      fc = weightedNll(weights, k, data, c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + phi * (b - a);
      fd = weightedNll(weights, k, data, d);
    }
  }
  return (a + b) / 2;
}
