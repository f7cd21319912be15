import { createClassifier } from '../../src/modules/classification/classifier.ts';
import { buildDataset } from './dataset.ts';
import { buildOpenccTables } from './opencc-tables.ts';
import { DATASETS_DIR, TRAINING_DATA_DIR } from './paths.ts';
import { PUBLIC_TRAIN_SOURCES } from './sources/index.ts';
import { DEFAULT_TRAIN_OPTIONS, trainModel } from './trainer.ts';
import { DATASET_DEFAULTS } from './train-config.ts';
const [src, gold, pred, n] = process.argv.slice(2);
const s = PUBLIC_TRAIN_SOURCES.find((x) => x.id === src)!;
const d = buildDataset({ datasetsDir: DATASETS_DIR, trainingDataDir: TRAINING_DATA_DIR, ...DATASET_DEFAULTS, sourceBoost: { own: 4 }, exclude: [src!] });
const c = createClassifier(trainModel(d.examples, buildOpenccTables(), { ...DEFAULT_TRAIN_OPTIONS, epochs: 4 }));
let k = 0;
for (const e of s.load(DATASETS_DIR)) {
  if (e.label !== gold) continue;
  const r = c.classify(e.text);
  if (r.type === pred && k++ < Number(n)) console.log(r.confidence, e.text.slice(0, 160));
}
