import { mulberry32, shuffleInPlace } from './random.ts';
import { loadCorrections } from './sources/corrections.ts';
import { PUBLIC_TRAIN_SOURCES } from './sources/index.ts';
import { ownSource } from './sources/own.ts';
import type { Example, Label, TrainSource } from './sources/types.ts';
import type { WeightedExample } from './trainer.ts';

/**
 * Assembles the training set and weights it so the model learns intent rather than source.
 *
 * - Each (source, label) group is capped (seeded sample), so 56 k Alipay questions or 62 k
 *   shopping reviews cannot drown the rest.
 * - Weights: within each (language, label) cell, a source's share grows with the square root of
 *   its size (big sources count more, but not proportionally), multiplied by a per-source boost;
 *   every cell of a public type gets the same total weight, "other" a bit less. So English
 *   suggestions (few examples) weigh as much as Chinese complaints (many).
 * - Agent corrections get a fixed, higher weight per example: they are this team's own traffic.
 */

export interface DatasetOptions {
  datasetsDir: string;
  trainingDataDir: string;
  correctionsFile?: string;
  /** Source ids to leave out (held-out-source evaluation). */
  exclude?: readonly string[];
  seed: number;
  capPerGroup: number;
  correctionWeight: number;
  /** Overrides of the recipe constants below (experiments; defaults are the shipped recipe). */
  sourceFlatten?: number;
  sourceBoost?: Record<string, number>;
  cellWeight?: Partial<Record<Label, number>>;
  maxExampleWeight?: number;
}

const CELL_WEIGHT: Record<Label, number> = { question: 1, complaint: 1, suggestion: 1, other: 1 };

/**
 * Our own data is the only source that covers every class in every domain: give it more say per
 * cell, hand-written examples (`own-hand`, the closest to real messages and the least formulaic)
 * more than template-generated ones (`own`).
 */
const SOURCE_BOOST: Record<string, number> = { own: 3, 'own-hand': 6 };

/**
 * How far step (1) of the raking goes towards equal label totals within a source (1 = all the
 * way, 0 = not at all); partial, because a few labels in a source are genuinely rare.
 */
const SOURCE_FLATTEN = 0.5;
const MAX_EXAMPLE_WEIGHT = 12;

export interface Dataset {
  examples: WeightedExample[];
  summary: Record<string, Record<string, number>>;
}

export function buildDataset(opts: DatasetOptions, sources: readonly TrainSource[] = PUBLIC_TRAIN_SOURCES): Dataset {
  const exclude = new Set(opts.exclude ?? []);
  const rand = mulberry32(opts.seed ^ 0x5eed);
  const seen = new Set<string>();
  const groups = new Map<string, Example[]>();
  const add = (e: Example): void => {
    const key = e.text.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    const g = `${e.source}\u0000${e.lang}\u0000${e.label}`;
    let list = groups.get(g);
    if (list === undefined) groups.set(g, (list = []));
    list.push(e);
  };

  const corrections = opts.correctionsFile !== undefined ? loadCorrections(opts.correctionsFile).examples : [];
  // Corrections first: on a duplicate text the agent's label wins over a public proxy label.
  for (const e of corrections) add(e);
  for (const source of [...sources, ownSource(opts.trainingDataDir)]) {
    if (exclude.has(source.id)) continue;
    for (const e of source.load(opts.datasetsDir)) add(e);
  }

  const capped: Example[][] = [];
  for (const [, list] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const isCorrection = list[0]?.source === 'corrections';
    capped.push(isCorrection || list.length <= opts.capPerGroup ? list : shuffleInPlace([...list], rand).slice(0, opts.capPerGroup));
  }

  // Group weights by raking (iterative proportional fitting) over two margins:
  // (1) within a source, every label it has gets the same total weight, so a source's style
  //     (tweets, reviews, letters) says nothing about the label;
  // (2) every (language, label) cell gets its target total, shared among its sources in
  //     proportion to sqrt(size) × boost, so small classes are not drowned.
  // Ending on (2) keeps the class balance exact; (1) holds approximately.
  const live = capped.filter((list) => list[0] !== undefined && list[0].source !== 'corrections');
  const total = new Map<Example[], number>();
  const boost = opts.sourceBoost ?? SOURCE_BOOST;
  const flatten = opts.sourceFlatten ?? SOURCE_FLATTEN;
  const cellWeight = { ...CELL_WEIGHT, ...(opts.cellWeight ?? {}) };
  for (const list of live) total.set(list, Math.sqrt(list.length) * (boost[(list[0] as Example).source] ?? 1));
  const rake = (keyOf: (e: Example) => string, target: (key: string, lists: Example[][]) => number): void => {
    const byKey = new Map<string, Example[][]>();
    for (const list of live) {
      const key = keyOf(list[0] as Example);
      byKey.set(key, [...(byKey.get(key) ?? []), list]);
    }
    for (const [key, lists] of byKey) {
      const sum = lists.reduce((acc, l) => acc + (total.get(l) as number), 0);
      const goal = target(key, lists);
      for (const l of lists) total.set(l, ((total.get(l) as number) * goal) / sum);
    }
  };
  for (let round = 0; round < 4; round++) {
    // (1) per source: equal totals per label (keep the source's overall total).
    const bySource = new Map<string, Example[][]>();
    for (const list of live) {
      const src = (list[0] as Example).source;
      bySource.set(src, [...(bySource.get(src) ?? []), list]);
    }
    for (const [, lists] of bySource) {
      const labels = new Map<string, Example[][]>();
      for (const l of lists) {
        // "other" is left out: it is noise, not a class a source's style should be neutral about.
        if ((l[0] as Example).label === 'other') continue;
        const key = `${(l[0] as Example).lang}\u0000${(l[0] as Example).label}`;
        labels.set(key, [...(labels.get(key) ?? []), l]);
      }
      const srcTotal = [...labels.values()].flat().reduce((acc, l) => acc + (total.get(l) as number), 0);
      for (const [, ls] of labels) {
        const sum = ls.reduce((acc, l) => acc + (total.get(l) as number), 0);
        for (const l of ls) total.set(l, (total.get(l) as number) * (srcTotal / labels.size / sum) ** flatten);
      }
    }
    // (2) per (language, label) cell: fixed target.
    rake((e) => `${e.lang}\u0000${e.label}`, (key) => cellWeight[key.split('\u0000')[1] as Label]);
  }
  const out: WeightedExample[] = [];
  for (const list of live) {
    const w = (total.get(list) as number) / list.length;
    for (const e of list) out.push({ ...e, weight: w });
  }
  // Normalise to mean weight 1 (keeps the learning rate meaningful whatever the data size).
  const mean = out.reduce((s, e) => s + e.weight, 0) / Math.max(1, out.length);
  // Cap per-example weight: a handful of examples (e.g. 48 waimai suggestions) must not each
  // count like 30 ordinary ones, or the model memorises them.
  for (const e of out) e.weight = Math.min(e.weight / mean, opts.maxExampleWeight ?? MAX_EXAMPLE_WEIGHT);
  for (const e of corrections) out.push({ ...e, weight: opts.correctionWeight });

  const summary: Record<string, Record<string, number>> = {};
  for (const e of out) {
    const s = (summary[e.source] ??= {});
    s[e.label] = (s[e.label] ?? 0) + 1;
  }
  return { examples: out, summary };
}
